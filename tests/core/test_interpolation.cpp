// Latent interpolation paths (vae/interpolation.h): linear and spherical (Shoemake 1985; White
// 2016).
#include "vae/interpolation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <stdexcept>
#include <vector>

namespace {

using vae::interpolate;
using vae::InterpolationKind;

std::vector<float> row(const std::vector<float>& path, std::size_t dim, int i)
{
    const auto begin = path.begin() + static_cast<std::ptrdiff_t>(std::size_t(i) * dim);
    return {begin, begin + static_cast<std::ptrdiff_t>(dim)};
}

double dot(const std::vector<float>& x, const std::vector<float>& y)
{
    double sum = 0;
    for (std::size_t k = 0; k < x.size(); ++k)
        sum += double(x[k]) * double(y[k]);
    return sum;
}

double norm(const std::vector<float>& x)
{
    return std::sqrt(dot(x, x));
}

/// D standard-normal values scaled to norm `length`.
std::vector<float> randomVector(std::mt19937& rng, std::size_t dim, double length)
{
    std::normal_distribution<double> normal;
    std::vector<double> v(dim);
    double sum = 0;
    for (double& x : v) {
        x = normal(rng);
        sum += x * x;
    }
    std::vector<float> out(dim);
    for (std::size_t k = 0; k < dim; ++k)
        out[k] = static_cast<float>(v[k] * length / std::sqrt(sum));
    return out;
}

} // namespace

TEST(Interpolation, LinearHasExactEndpointsAndMidpoint)
{
    const std::vector<float> a{1.0f, -2.0f, 0.5f};
    const std::vector<float> b{3.0f, 4.0f, -1.5f};
    const std::vector<float> path = interpolate(a, b, 3, InterpolationKind::Linear);
    ASSERT_EQ(path.size(), 9u);
    EXPECT_EQ(row(path, 3, 0), a);
    EXPECT_EQ(row(path, 3, 2), b);
    EXPECT_EQ(row(path, 3, 1), (std::vector<float>{2.0f, 1.0f, -0.5f})); // (a + b) / 2
}

TEST(Interpolation, LinearStepsAreEvenlySpaced)
{
    const std::vector<float> a{0.1f, 0.7f};
    const std::vector<float> b{-2.3f, 1.9f};
    constexpr int kCount = 10;
    const std::vector<float> path = interpolate(a, b, kCount, InterpolationKind::Linear);
    ASSERT_EQ(path.size(), std::size_t(2 * kCount));
    for (int i = 0; i < kCount; ++i) {
        const double t = double(i) / (kCount - 1);
        for (std::size_t k = 0; k < 2; ++k) {
            const double expected = (1 - t) * a[k] + t * b[k];
            EXPECT_NEAR(path[std::size_t(i) * 2 + k], expected, 1e-6) << "i=" << i << " k=" << k;
        }
    }
    EXPECT_EQ(row(path, 2, 0), a);
    EXPECT_EQ(row(path, 2, kCount - 1), b);
}

TEST(Interpolation, SphericalKeepsTheNormOfEqualNormEndpoints)
{
    std::mt19937 rng(42);
    constexpr std::size_t kDim = 16;
    const double length = std::sqrt(double(kDim)); // where a 16-D standard normal's mass lies
    const std::vector<float> a = randomVector(rng, kDim, length);
    const std::vector<float> b = randomVector(rng, kDim, length);
    constexpr int kCount = 21;
    const std::vector<float> path = interpolate(a, b, kCount, InterpolationKind::Spherical);
    ASSERT_EQ(path.size(), kDim * kCount);
    EXPECT_EQ(row(path, kDim, 0), a);
    EXPECT_EQ(row(path, kDim, kCount - 1), b);

    const double angle = std::acos(dot(a, b) / (norm(a) * norm(b)));
    ASSERT_GT(angle, 0.5); // a real arc, not a near-degenerate one
    for (int i = 0; i < kCount; ++i) {
        const std::vector<float> z = row(path, kDim, i);
        EXPECT_NEAR(norm(z), length, 1e-5 * length) << "i=" << i;
        // Constant angular speed: the angle from a grows as t·Ω.
        const double t = double(i) / (kCount - 1);
        const double fromA = std::acos(std::clamp(dot(a, z) / (norm(a) * norm(z)), -1.0, 1.0));
        EXPECT_NEAR(fromA, t * angle, 1e-4) << "i=" << i;
    }
}

TEST(Interpolation, SphericalMidpointIsOnTheGreatCircle)
{
    // Equal norms: the midpoint of the arc is the chord's midpoint pushed out to that norm, i.e.
    // (a + b) / ‖a + b‖ · ‖a‖.
    const std::vector<float> a{3.0f, 4.0f, 0.0f};
    const std::vector<float> b{0.0f, 0.0f, 5.0f};
    const std::vector<float> path = interpolate(a, b, 3, InterpolationKind::Spherical);
    const std::vector<float> mid = row(path, 3, 1);
    const double scale = 5.0 / std::sqrt(3.0 * 3 + 4.0 * 4 + 5.0 * 5);
    EXPECT_NEAR(mid[0], 3.0 * scale, 1e-6);
    EXPECT_NEAR(mid[1], 4.0 * scale, 1e-6);
    EXPECT_NEAR(mid[2], 5.0 * scale, 1e-6);
    // In the plane of a and b, and 45° from each.
    EXPECT_NEAR(norm(mid), 5.0, 1e-6);
    EXPECT_NEAR(dot(a, mid) / 25.0, std::cos(std::numbers::pi / 4), 1e-6);
    EXPECT_NEAR(dot(b, mid) / 25.0, std::cos(std::numbers::pi / 4), 1e-6);

    // The linear midpoint is shorter: the chord cuts inside the sphere.
    const std::vector<float> linearMid = row(interpolate(a, b, 3, InterpolationKind::Linear), 3, 1);
    EXPECT_NEAR(norm(linearMid), 5.0 / std::sqrt(2.0), 1e-6);
}

TEST(Interpolation, SphericalWithUnequalNormsFollowsTheSlerpFormula)
{
    // On the vectors as they are (White 2016): not normalised first.
    const std::vector<float> a{1.0f, 0.0f};
    const std::vector<float> b{0.0f, 2.0f};
    constexpr int kCount = 5;
    const std::vector<float> path = interpolate(a, b, kCount, InterpolationKind::Spherical);
    for (int i = 0; i < kCount; ++i) {
        const double t = double(i) / (kCount - 1);
        // Ω = π/2, sin Ω = 1: z(t) = cos(tπ/2)·a + sin(tπ/2)·b.
        EXPECT_NEAR(path[std::size_t(2 * i)], std::cos(t * std::numbers::pi / 2), 1e-6);
        EXPECT_NEAR(path[std::size_t(2 * i + 1)], 2.0 * std::sin(t * std::numbers::pi / 2), 1e-6);
    }
}

TEST(Interpolation, SphericalFallsBackToLinearForParallelOrZeroVectors)
{
    const std::vector<std::pair<std::vector<float>, std::vector<float>>> cases{
        {{1.0f, 2.0f, -0.5f}, {2.0f, 4.0f, -1.0f}}, // parallel, Ω = 0
        {{1.0f, 2.0f, -0.5f}, {1.0f, 2.0f, -0.5f}}, // identical
        {{1.0f, 0.0f, 0.0f}, {-3.0f, 0.0f, 0.0f}},  // antiparallel, Ω = π
        {{0.0f, 0.0f, 0.0f}, {0.5f, -1.0f, 2.0f}},  // zero vector: no angle
    };
    for (const auto& [a, b] : cases) {
        const std::vector<float> spherical = interpolate(a, b, 7, InterpolationKind::Spherical);
        const std::vector<float> linear = interpolate(a, b, 7, InterpolationKind::Linear);
        EXPECT_EQ(spherical, linear);
        for (const float value : spherical)
            EXPECT_TRUE(std::isfinite(value));
    }
    // Just outside the threshold, slerp is used and stays finite and close to the chord.
    const std::vector<float> a{1.0f, 0.0f};
    const std::vector<float> b{1.0f, 1e-4f};
    const std::vector<float> spherical = interpolate(a, b, 5, InterpolationKind::Spherical);
    const std::vector<float> linear = interpolate(a, b, 5, InterpolationKind::Linear);
    for (std::size_t k = 0; k < spherical.size(); ++k)
        EXPECT_NEAR(spherical[k], linear[k], 1e-6);
}

TEST(Interpolation, SphericalAndLinearDifferForAnArc)
{
    const std::vector<float> a{2.0f, 0.0f};
    const std::vector<float> b{0.0f, 2.0f};
    const std::vector<float> spherical = interpolate(a, b, 10, InterpolationKind::Spherical);
    const std::vector<float> linear = interpolate(a, b, 10, InterpolationKind::Linear);
    EXPECT_GT(std::abs(spherical[8] - linear[8]), 0.1f);
}

TEST(Interpolation, BadArgumentsThrow)
{
    const std::vector<float> a{1.0f, 2.0f};
    const std::vector<float> b{1.0f, 2.0f, 3.0f};
    const std::vector<float> empty;
    EXPECT_THROW((void)interpolate(a, b, 5, InterpolationKind::Linear), std::invalid_argument);
    EXPECT_THROW((void)interpolate(a, a, 1, InterpolationKind::Linear), std::invalid_argument);
    EXPECT_THROW((void)interpolate(a, a, 0, InterpolationKind::Spherical), std::invalid_argument);
    EXPECT_THROW((void)interpolate(a, a, -3, InterpolationKind::Linear), std::invalid_argument);
    EXPECT_THROW((void)interpolate(empty, empty, 5, InterpolationKind::Linear),
                 std::invalid_argument);
    EXPECT_NO_THROW((void)interpolate(a, a, 2, InterpolationKind::Spherical));
}
