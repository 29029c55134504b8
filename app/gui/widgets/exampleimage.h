#pragma once

#include <vae/data_description.h>

#include <QImage>

#include <algorithm>
#include <memory>
#include <span>

namespace vae::gui {

/// The shape of one example as the views draw it: rows × cols pixels of 1 (grey) or 3 (RGB)
/// channels, values in [0, 1] stored HWC (a pixel's channels together), as vae::ImageSet and
/// InferenceModel::decode give them. Every view that shows an example or a decoded image draws it
/// through this class, so each works for any dataset's size and channels.
///
/// A table's example is no image: of() then also keeps the table's description (`table`), and the
/// views show a FeatureProfile of its columns instead (DecodedView, TileGridView and the tools
/// switch on isTable(), the one place that decides).
class ExampleImage {
public:
    int rows = 28;
    int cols = 28;
    int channels = 1;
    /// The description of a table's columns (names, mean and scale); null for images.
    std::shared_ptr<const vae::DataDescription> table;

    /// The shape of `description`'s examples (height × width × channels), with the description
    /// itself when its examples are rows of a table.
    [[nodiscard]] static ExampleImage of(const vae::DataDescription& description);
    /// Whether `description`'s examples are rows of a table (one row of real-valued columns, as
    /// csv: and 2-D npy: data give them) rather than images.
    [[nodiscard]] static bool isTable(const vae::DataDescription& description);
    [[nodiscard]] bool isTable() const { return table != nullptr; }

    /// Values per example: rows · cols · channels.
    [[nodiscard]] int values() const { return rows * cols * channels; }
    [[nodiscard]] bool isColour() const { return channels == 3; }
    /// The QImage format toQImage() and paint() use: Grayscale8, or RGB888 for colour.
    [[nodiscard]] QImage::Format format() const;

    /// The 0–255 level shown for a value: round(255 · clamp(value, 0, 1)). For grey data the ink
    /// is white on black, as MNIST itself stores it.
    [[nodiscard]] static int level(float value)
    {
        // lround(v) = ⌊v + ½⌋ for v ≥ 0, and v + ½ is exact in double for any float: the compiler
        // vectorises this, where std::lround is a library call per value.
        const float v = std::clamp(value, 0.0f, 1.0f) * 255.0f;
        return static_cast<int>(static_cast<double>(v) + 0.5);
    }

    /// One example as an image of cols × rows pixels in format(). `pixels` must hold values()
    /// values.
    [[nodiscard]] QImage toQImage(std::span<const float> pixels) const;
    /// The same, enlarged by the largest whole factor (at least 1) that fits a box × box square,
    /// so every pixel stays a crisp square.
    [[nodiscard]] QImage toQImage(std::span<const float> pixels, int box) const;
    /// Draws one example into `target` (of format()) with its top-left corner at (x, y), every
    /// pixel a scale × scale square.
    void paint(std::span<const float> pixels, QImage& target, int x, int y, int scale = 1) const;
};

} // namespace vae::gui
