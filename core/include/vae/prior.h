#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace vae {

/// The standard normal quantile function Φ⁻¹(p): the z with P(Z ≤ z) = p for Z ~ N(0, 1).
///
/// P. J. Acklam's rational approximation ("An algorithm for computing the inverse normal
/// cumulative distribution function", 2003; relative error < 1.15·10⁻⁹), followed by one Halley
/// step on Φ(z) − p with Φ computed from std::erfc, as Acklam suggests: the result is accurate to
/// about 10⁻¹⁵ relative. Values above ½ are computed as −Φ⁻¹(1 − p) (1 − p is exact there), so
/// the function is exactly odd about ½ and keeps its accuracy in both tails.
/// Throws std::invalid_argument unless 0 < p < 1 (NaN included).
[[nodiscard]] double normalQuantile(double p);

/// Latent points at the prior's quantiles, the layout of Kingma & Welling 2014, Fig. 4: on an
/// n × n grid, column c has z₁ = Φ⁻¹((c + ½)/n) and row r has z₂ = Φ⁻¹((n − r − ½)/n), so that
/// row 0 (the top row of an image of the grid) holds the largest z₂ and every tile stands for an
/// equal share 1/n² of the prior's mass.
/// Returns [n·n, 2] row-major (index r·n + c holds (z₁, z₂)), in units of the latent space.
/// Throws std::invalid_argument if n < 1.
[[nodiscard]] std::vector<float> priorQuantileGrid(int n);

/// Centres of the tiles of an n × n grid covering the rectangle [xmin, xmax] × [ymin, ymax] of the
/// latent plane: column c has z₁ = xmin + (c + ½)·(xmax − xmin)/n, row r has
/// z₂ = ymax − (r + ½)·(ymax − ymin)/n (row 0 on top, as in an image).
/// Returns [n·n, 2] row-major (index r·n + c holds (z₁, z₂)), in units of the latent space.
/// Throws std::invalid_argument if n < 1, a bound is not finite, xmax ≤ xmin or ymax ≤ ymin.
[[nodiscard]] std::vector<float> planeGrid(double xmin, double xmax, double ymin, double ymax,
                                           int n);

/// n draws of z ~ N(0, I_dim), the VAE's prior p(z) (Kingma & Welling 2014, section 3).
/// Returns [n, dim] row-major. The same seed gives the same values: the normal variates are made
/// by the Box–Muller transform (Box & Muller 1958) from std::mt19937_64, whose output the C++
/// standard fixes, so unlike std::normal_distribution (implementation-defined) they do not change
/// with the standard library (only libm's rounding of log, cos and sin could). Draws are taken row
/// by row, so the first k rows do not depend on n.
/// Throws std::invalid_argument if n < 1 or dim < 1.
[[nodiscard]] std::vector<float> samplePrior(int n, int dim, std::uint64_t seed);

/// Places 2-D points in a `dim`-dimensional latent space, the other coordinates at the prior's
/// mean 0: xy [n, 2] row-major → [n, dim]. For dim = 1 only the first coordinate is kept.
/// Throws std::invalid_argument if dim < 1 or xy.size() is odd.
[[nodiscard]] std::vector<float> embedInLatent(std::span<const float> xy, int dim);

} // namespace vae
