#include "widgets/exampleimage.h"

#include <algorithm>
#include <cstddef>

namespace vae::gui {

ExampleImage ExampleImage::of(const vae::DataDescription& description)
{
    ExampleImage shape{description.height, description.width, description.channels, nullptr};
    if (isTable(description))
        shape.table = std::make_shared<const vae::DataDescription>(description);
    return shape;
}

bool ExampleImage::isTable(const vae::DataDescription& description)
{
    return description.values == vae::ValueKind::Real && description.height == 1 &&
           description.channels == 1;
}

QImage::Format ExampleImage::format() const
{
    return isColour() ? QImage::Format_RGB888 : QImage::Format_Grayscale8;
}

QImage ExampleImage::toQImage(std::span<const float> pixels) const
{
    QImage image(cols, rows, format());
    paint(pixels, image, 0, 0);
    return image;
}

QImage ExampleImage::toQImage(std::span<const float> pixels, int box) const
{
    const int scale = std::max(1, box / std::max(rows, cols));
    QImage image(cols * scale, rows * scale, format());
    paint(pixels, image, 0, 0, scale);
    return image;
}

void ExampleImage::paint(std::span<const float> pixels, QImage& target, int x, int y,
                         int scale) const
{
    const int rowValues = cols * channels;
    for (int r = 0; r < rows; ++r) {
        const float* in = pixels.data() + std::size_t(r) * std::size_t(rowValues);
        uchar* first = target.scanLine(y + r * scale) + std::size_t(x) * std::size_t(channels);
        if (scale == 1) {
            for (int v = 0; v < rowValues; ++v)
                first[v] = static_cast<uchar>(level(in[v]));
        } else {
            for (int c = 0; c < cols; ++c)
                for (int k = 0; k < channels; ++k) {
                    const auto value = static_cast<uchar>(level(in[c * channels + k]));
                    for (int s = 0; s < scale; ++s)
                        first[(c * scale + s) * channels + k] = value;
                }
        }
        const std::size_t bytes = std::size_t(cols) * std::size_t(scale) * std::size_t(channels);
        for (int s = 1; s < scale; ++s)
            std::copy_n(first, bytes,
                        target.scanLine(y + r * scale + s) + std::size_t(x) * std::size_t(channels));
    }
}

} // namespace vae::gui
