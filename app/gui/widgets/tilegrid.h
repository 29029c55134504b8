#pragma once

#include <vae/inference.h>

#include "widgets/exampleimage.h"

#include <QImage>
#include <QPointF>
#include <QString>

#include <memory>
#include <vector>

namespace vae::gui {

/// Decoded images laid out as a grid of tiles, one example each (28×28 for MNIST): the manifold
/// grids and the prior samples.
/// A value: made off the GUI thread, then handed over whole.
struct TileGrid {
    int rows = 0;
    int cols = 0;
    int dim = 0;               ///< latent dimension D of the model
    std::vector<float> z;      ///< [rows·cols, D] row-major, tile (r, c) at index r·cols + c
    std::vector<float> pixels; ///< [rows·cols, shape.values()] decoder means E[x|z] in [0, 1]
    ExampleImage shape;        ///< the model's example shape: each tile's size and channels
    /// (cols·shape.cols) × (rows·shape.rows) pixels, ExampleImage::level of each mean: white ink on black,
    /// as MNIST itself and the decoded-image panel show it. What an export writes. Null for a
    /// table (shape.isTable()), whose tiles are no image.
    QImage image;
    /// The weights the tiles were decoded with.
    std::shared_ptr<const vae::InferenceModel> model;
    double decodeMs = 0; ///< time in InferenceModel::decodeBatch
    double imageMs = 0;  ///< time building `image` (and, for the manifold, its overlay)

    [[nodiscard]] int count() const { return rows * cols; }
    /// (z₁, z₂) of a tile (z₂ = 0 for a 1-D latent space).
    [[nodiscard]] QPointF latentPoint(int index) const;
};

/// Decodes `z` ([rows·cols, D], D = model.latentDim()) in one InferenceModel::decodeBatch call and
/// builds the tile image. Thread-safe (the model is immutable). Throws std::invalid_argument if
/// z.size() != rows·cols·D.
[[nodiscard]] TileGrid decodeTiles(std::shared_ptr<const vae::InferenceModel> model,
                                   std::vector<float> z, int rows, int cols);

/// Short text for a tooltip: "z = (0.250, −1.100)", with "…" after two of more dimensions.
[[nodiscard]] QString latentText(const float* z, int dim);

} // namespace vae::gui
