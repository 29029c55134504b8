#include "vae/prior.h"

#include <array>
#include <cmath>
#include <numbers>
#include <random>
#include <stdexcept>
#include <string>

namespace vae {

namespace {

// Acklam's coefficients: a, b for the central region, c, d for the tails.
constexpr std::array<double, 6> kA{-3.969683028665376e+01, 2.209460984245205e+02,
                                   -2.759285104469687e+02, 1.383577518672690e+02,
                                   -3.066479806614716e+01, 2.506628277459239e+00};
constexpr std::array<double, 5> kB{-5.447609879822406e+01, 1.615858368580409e+02,
                                   -1.556989798598866e+02, 6.680131188771972e+01,
                                   -1.328068155288572e+01};
constexpr std::array<double, 6> kC{-7.784894002430293e-03, -3.223964580411365e-01,
                                   -2.400758277161838e+00, -2.549732539343734e+00,
                                   4.374664141464968e+00,  2.938163982698783e+00};
constexpr std::array<double, 4> kD{7.784695709041462e-03, 3.224671290700398e-01,
                                   2.445134137142996e+00, 3.754408661907416e+00};
// Below this p the tail approximation is used.
constexpr double kLowTail = 0.02425;

/// Acklam's approximation for 0 < p ≤ ½ (relative error < 1.15·10⁻⁹).
double acklamLowerHalf(double p)
{
    if (p < kLowTail) {
        const double q = std::sqrt(-2.0 * std::log(p));
        return (((((kC[0] * q + kC[1]) * q + kC[2]) * q + kC[3]) * q + kC[4]) * q + kC[5]) /
               ((((kD[0] * q + kD[1]) * q + kD[2]) * q + kD[3]) * q + 1.0);
    }
    const double q = p - 0.5;
    const double r = q * q;
    return (((((kA[0] * r + kA[1]) * r + kA[2]) * r + kA[3]) * r + kA[4]) * r + kA[5]) * q /
           (((((kB[0] * r + kB[1]) * r + kB[2]) * r + kB[3]) * r + kB[4]) * r + 1.0);
}

void requireCount(int n, const char* what)
{
    if (n < 1)
        throw std::invalid_argument(std::string(what) + " must be at least 1, not " +
                                    std::to_string(n));
}

} // namespace

double normalQuantile(double p)
{
    if (!(p > 0.0 && p < 1.0))
        throw std::invalid_argument("normalQuantile: p must lie in (0, 1), not " +
                                    std::to_string(p));
    // For p > ½, 1 − p is exact (Sterbenz), while Φ(z) − p near 1 would cancel away the digits
    // the refinement needs: work in the lower half and mirror.
    if (p > 0.5)
        return -normalQuantile(1.0 - p);
    double z = acklamLowerHalf(p);
    // One Halley step on f(z) = Φ(z) − p, f' = φ(z), f'' = −z·φ(z) (Acklam's refinement). For
    // z ≤ 0, Φ(z) = ½·erfc(−z/√2) keeps full relative precision deep into the tail.
    const double e = 0.5 * std::erfc(-z / std::numbers::sqrt2) - p;
    const double u = e * std::sqrt(2.0 * std::numbers::pi) * std::exp(0.5 * z * z);
    z -= u / (1.0 + 0.5 * z * u);
    return z;
}

std::vector<float> priorQuantileGrid(int n)
{
    requireCount(n, "priorQuantileGrid: n");
    std::vector<double> q(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        q[static_cast<std::size_t>(i)] = normalQuantile((i + 0.5) / n);
    std::vector<float> z(static_cast<std::size_t>(n) * static_cast<std::size_t>(n) * 2);
    for (int r = 0; r < n; ++r) {
        for (int c = 0; c < n; ++c) {
            const std::size_t i = (static_cast<std::size_t>(r) * n + c) * 2;
            z[i] = static_cast<float>(q[static_cast<std::size_t>(c)]);
            z[i + 1] = static_cast<float>(q[static_cast<std::size_t>(n - 1 - r)]);
        }
    }
    return z;
}

std::vector<float> planeGrid(double xmin, double xmax, double ymin, double ymax, int n)
{
    requireCount(n, "planeGrid: n");
    if (!(std::isfinite(xmin) && std::isfinite(xmax) && std::isfinite(ymin) &&
          std::isfinite(ymax)) ||
        !(xmax > xmin) || !(ymax > ymin))
        throw std::invalid_argument(
            "planeGrid: need finite bounds with xmin < xmax and ymin < ymax");
    const double dx = (xmax - xmin) / n;
    const double dy = (ymax - ymin) / n;
    std::vector<float> z(static_cast<std::size_t>(n) * static_cast<std::size_t>(n) * 2);
    for (int r = 0; r < n; ++r) {
        for (int c = 0; c < n; ++c) {
            const std::size_t i = (static_cast<std::size_t>(r) * n + c) * 2;
            z[i] = static_cast<float>(xmin + (c + 0.5) * dx);
            z[i + 1] = static_cast<float>(ymax - (r + 0.5) * dy);
        }
    }
    return z;
}

std::vector<float> samplePrior(int n, int dim, std::uint64_t seed)
{
    requireCount(n, "samplePrior: n");
    requireCount(dim, "samplePrior: dim");
    std::mt19937_64 engine(seed);
    // 53 random bits → (0, 1]: never 0, so the logarithm below is finite.
    const auto uniform = [&engine] {
        return (static_cast<double>(engine() >> 11) + 1.0) * 0x1.0p-53;
    };
    const std::size_t total = static_cast<std::size_t>(n) * static_cast<std::size_t>(dim);
    std::vector<float> z(total);
    for (std::size_t i = 0; i < total; i += 2) {
        const double radius = std::sqrt(-2.0 * std::log(uniform()));
        const double angle = 2.0 * std::numbers::pi * uniform();
        z[i] = static_cast<float>(radius * std::cos(angle));
        if (i + 1 < total)
            z[i + 1] = static_cast<float>(radius * std::sin(angle));
    }
    return z;
}

std::vector<float> embedInLatent(std::span<const float> xy, int dim)
{
    requireCount(dim, "embedInLatent: dim");
    if (xy.size() % 2 != 0)
        throw std::invalid_argument("embedInLatent: expected (z1, z2) pairs, got " +
                                    std::to_string(xy.size()) + " values");
    const std::size_t n = xy.size() / 2;
    const std::size_t d = static_cast<std::size_t>(dim);
    std::vector<float> z(n * d, 0.0f);
    for (std::size_t i = 0; i < n; ++i) {
        z[i * d] = xy[2 * i];
        if (d > 1)
            z[i * d + 1] = xy[2 * i + 1];
    }
    return z;
}

} // namespace vae
