#pragma once

#include "widgets/exampleimage.h"

#include <QImage>
#include <QWidget>

#include <span>
#include <vector>

class QLabel;

namespace vae::gui {

/// Shows one decoded image, enlarged with nearest-neighbour sampling so every model pixel stays a
/// crisp square, and the latent point it was decoded from.
class DecodedView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DecodedView)

public:
    explicit DecodedView(QWidget* parent = nullptr);

    /// `pixels`: one decoded example of `shape` (the decoder's means, values in [0, 1]); `z`: the
    /// latent point it came from.
    void setImage(std::span<const float> pixels, const ExampleImage& shape,
                  std::span<const float> z);
    /// Shows `message` instead of an image.
    void clear(const QString& message);

    /// The unscaled image shown (null when cleared): ExampleImage::toQImage() of the pixels, ink is
    /// white as in MNIST itself.
    [[nodiscard]] const QImage& image() const { return m_image; }
    /// The text under the image, e.g. "z = (0.250, −1.100)".
    [[nodiscard]] QString coordinatesText() const;
    /// Where the image is drawn inside the canvas widget, in canvas coordinates.
    [[nodiscard]] QRect imageRect() const;
    [[nodiscard]] QWidget* canvas() const;


private:
    class Canvas;
    QImage m_image;
    Canvas* m_canvas = nullptr;
    QLabel* m_coordinates = nullptr;
};

} // namespace vae::gui
