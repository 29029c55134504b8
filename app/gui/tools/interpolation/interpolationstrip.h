#pragma once

#include "widgets/exampleimage.h"

#include <QImage>
#include <QWidget>

#include <span>
#include <vector>

namespace vae::gui {

class FeatureProfile;

/// The images decoded along an interpolation path, side by side from A to B, each enlarged by the
/// same whole number so every model pixel stays a crisp square. A tooltip gives each one's t and z.
/// A table's decoded rows are one FeatureProfile instead, a line per step coloured from A to B.
class InterpolationStrip final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InterpolationStrip)

public:
    /// Gap between images, in widget pixels.
    static constexpr int kGap = 6;

    explicit InterpolationStrip(QWidget* parent = nullptr);

    /// `pixels` are n decoded examples of `shape`, values in [0, 1] ([n, shape.values()]
    /// row-major); `z` the n latent points they came from ([n, D]).
    void setImages(std::span<const float> pixels, int n, const ExampleImage& shape,
                   std::span<const float> z);
    /// Shows `message` instead of images.
    void clear(const QString& message);

    [[nodiscard]] int count() const { return static_cast<int>(m_images.size()); }
    /// Image i, unscaled (grey = DecodedView::greyLevel, white ink on black as in MNIST).
    [[nodiscard]] const QImage& image(int i) const { return m_images[static_cast<std::size_t>(i)]; }
    /// Where image i is drawn, in widget coordinates.
    [[nodiscard]] QRect imageRect(int i) const;
    [[nodiscard]] const QString& message() const { return m_message; }
    /// The profile a table's rows are drawn in (hidden for images).
    [[nodiscard]] FeatureProfile* profile() const { return m_profile; }
    /// The colour of step i of n: A's at 0, B's at n − 1, blended between.
    [[nodiscard]] static QColor stepColour(int i, int n);

    /// The images in a row, each enlarged `scale` times, `gap` pixels of white between them:
    /// (n·cols·scale + (n − 1)·gap) × rows·scale, in shape.format(). Null for n = 0.
    [[nodiscard]] static QImage compose(std::span<const float> pixels, int n,
                                        const ExampleImage& shape, int scale, int gap);

    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

private:
    [[nodiscard]] int scale() const;

    FeatureProfile* m_profile = nullptr;
    std::vector<QImage> m_images;
    std::vector<float> m_z;
    int m_dim = 0;
    QString m_message;
};

} // namespace vae::gui
