#pragma once

#include "widgets/exampleimage.h"

#include <QImage>
#include <QWidget>

#include <span>
#include <vector>

class QLabel;

namespace vae::gui {

class FeatureProfile;

/// Shows one decoded image, enlarged with nearest-neighbour sampling so every model pixel stays a
/// crisp square, and the latent point it was decoded from. A table's decoded example is shown as
/// a FeatureProfile of its columns instead (ExampleImage::isTable()).
class DecodedView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DecodedView)

public:
    explicit DecodedView(QWidget* parent = nullptr);

    /// `pixels`: one decoded example of `shape` (the decoder's means, values in [0, 1], or a
    /// table's standardised columns); `z`: the latent point it came from.
    void setImage(std::span<const float> pixels, const ExampleImage& shape,
                  std::span<const float> z);
    /// Shows `message` instead of an image.
    void clear(const QString& message);

    /// The unscaled image shown (null when cleared or showing a table): ExampleImage::toQImage()
    /// of the pixels, ink is white as in MNIST itself.
    [[nodiscard]] const QImage& image() const { return m_image; }
    /// The text under the image, e.g. "z = (0.250, −1.100)".
    [[nodiscard]] QString coordinatesText() const;
    /// Where the image is drawn inside the canvas widget, in canvas coordinates.
    [[nodiscard]] QRect imageRect() const;
    [[nodiscard]] QWidget* canvas() const;
    /// The profile a table's example is shown in (hidden for images).
    [[nodiscard]] FeatureProfile* profile() const { return m_profile; }
    /// Whether the last example shown was a table's (the profile is shown, not the canvas).
    [[nodiscard]] bool showsProfile() const;

private:
    class Canvas;
    QImage m_image;
    Canvas* m_canvas = nullptr;
    FeatureProfile* m_profile = nullptr;
    QLabel* m_coordinates = nullptr;
};

} // namespace vae::gui
