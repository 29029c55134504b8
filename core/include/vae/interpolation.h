#pragma once

#include <span>
#include <vector>

namespace vae {

/// How interpolate() moves from one latent point to the other.
enum class InterpolationKind {
    /// z(t) = (1 − t)·a + t·b. Under a D-dimensional Gaussian prior almost all mass lies near the
    /// sphere of radius √D, and the chord between two typical points cuts inside it: midpoints are
    /// shorter than any typical sample (White 2016, "Sampling Generative Networks",
    /// arXiv:1609.04468).
    Linear,
    /// Spherical linear interpolation (Shoemake 1985, "Animating rotation with quaternion curves"):
    /// z(t) = sin((1 − t)Ω)/sin Ω · a + sin(tΩ)/sin Ω · b with cos Ω = a·b / (‖a‖‖b‖), applied to
    /// the vectors as they are, not normalised, as White 2016 proposes for latent spaces. For
    /// endpoints of equal norm the path is a great-circle arc and keeps that norm; for unequal
    /// norms it is not, and for nearly opposite endpoints (weights growing as 1/sin Ω) it swings
    /// far out before coming back to b.
    Spherical,
};

/// Points along the path from `a` to `b`: n rows of D = a.size() values, row-major ([n, D]), at
/// t = i/(n − 1) for i = 0 … n − 1. Row 0 is exactly `a` and row n − 1 exactly `b`.
///
/// Spherical falls back to Linear when the angle Ω between a and b is within ~1e-6 rad of 0 or π
/// (sin Ω ≈ 0: the slerp weights are 0/0, and for antiparallel vectors every great circle through
/// them is equally valid), and when a or b is the zero vector (no angle). Computed in double, so
/// the rows are the float nearest to the exact path.
///
/// Throws std::invalid_argument if a.size() != b.size(), if a is empty, or if n < 2.
[[nodiscard]] std::vector<float> interpolate(std::span<const float> a, std::span<const float> b,
                                             int n, InterpolationKind kind);

} // namespace vae
