#pragma once

#include "vae/types.h"

#include <span>
#include <vector>

namespace vae {

/// The KL threshold (nats) above which a latent unit counts as active, as the issue defines it.
/// Burda et al. 2015 (section 5.2) measure activity as Cov_x(E_q[z_d]) > 0.01; the per-dimension KL
/// used here is zero exactly when q(z_d|x) = N(0, 1) for every x, i.e. when the unit carries no
/// information about x.
inline constexpr double kActiveUnitThreshold = 0.01;

/// Mean over the n images of KL(q(z_d|x) ‖ N(0, 1)) for each latent dimension d, in nats:
/// ½ (μ² + σ² − 1 − log σ²) averaged over the rows (Kingma & Welling 2014, appendix B, one term
/// of the sum). The D values add up to the KL term of the loss. Returns [D]; computed in double.
/// Throws std::invalid_argument if count < 1, dim < 1, mu or sigma do not hold count·dim values,
/// or a σ is not > 0.
[[nodiscard]] std::vector<double> klPerDimension(const Posterior& posterior);

/// Number of dimensions whose KL exceeds `threshold` nats (strictly). Throws std::invalid_argument
/// if threshold is negative or not finite.
[[nodiscard]] int activeUnits(std::span<const double> klPerDim,
                              double threshold = kActiveUnitThreshold);

/// Principal component analysis of n points in D dimensions, keeping the top two components.
struct PcaProjection {
    int dim = 0;                    ///< D
    std::vector<double> mean;       ///< [D] the points' mean, subtracted before projecting
    std::vector<double> axes;       ///< [2, D] row-major: unit principal axes, largest variance
                                    ///< first; a 1-D input gets a zero second axis
    std::vector<double> variances;  ///< [2] variance along each axis (eigenvalues of the
                                    ///< covariance, divided by n), descending
    std::vector<float> coordinates; ///< [n, 2] row-major: (x − mean)·axis for each point
};

/// PCA of `points` [count, dim] row-major (e.g. the posterior means of the test set).
///
/// The D×D covariance (divided by n) is diagonalised with the cyclic Jacobi eigenvalue method
/// (Golub & Van Loan, Matrix Computations, 4th ed., §8.5): exact to rounding for symmetric
/// matrices, O(D³) per sweep and a few sweeps, well under a millisecond for D ≤ 64, simpler and
/// more robust than power iteration when eigenvalues are close. Each axis's sign is fixed so that
/// its largest-magnitude component is positive, so the picture does not flip between snapshots.
/// Throws std::invalid_argument if count < 1, dim < 1 or points.size() != count·dim.
[[nodiscard]] PcaProjection pcaProjection(std::span<const float> points, int count, int dim);

/// Projects points [count, dim] onto a PCA's axes: [count, 2] = (x − mean)·axes. Throws
/// std::invalid_argument if dim != pca.dim or points.size() != count·dim.
[[nodiscard]] std::vector<float> projectPoints(const PcaProjection& pca,
                                               std::span<const float> points, int count, int dim);

/// Latent points for a traversal grid around `z` [D]: for each dimension d in order, `steps` copies
/// of z whose component d runs linearly from lo to hi (both included; steps = 1 gives lo). Returns
/// [D·steps, D] row-major, row d·steps + s being dimension d's step s (D = dim). Throws
/// std::invalid_argument if dim < 1, z.size() != dim, steps < 1, or lo, hi are not finite.
[[nodiscard]] std::vector<float> traversalGrid(std::span<const float> z, int dim, int steps,
                                               double lo, double hi);

} // namespace vae
