#pragma once

namespace vae::gui {

/// Which plane of a D-dimensional latent space the latent plot shows, and how a point picked on
/// that plane becomes a full latent vector.
struct ProjectionSettings {
    enum class Mode {
        Dimensions, ///< two chosen dimensions of μ, xDim and yDim
        Pca,        ///< the top two principal components of the test set's μ
    };
    Mode mode = Mode::Dimensions;
    int xDim = 0;
    int yDim = 1;
    /// Where the dimensions the plane does not fix come from when a point is picked: the mean of
    /// the test image nearest to it on the plot (true), or 0, the prior's mean (false; the
    /// behaviour before projections existed).
    bool othersFromNearest = false;

    bool operator==(const ProjectionSettings&) const = default;
};

} // namespace vae::gui
