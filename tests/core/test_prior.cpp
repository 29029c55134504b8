// The prior helpers behind the manifold grid and the prior samples: Φ⁻¹ against tabulated values,
// the grids' layout, and N(0, I) draws.
#include "vae/prior.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>

TEST(NormalQuantile, MatchesTabulatedValues)
{
    // Reference values: √2·erfinv(2p − 1) with mpmath at 50 digits (p the double given).
    EXPECT_DOUBLE_EQ(vae::normalQuantile(0.5), 0.0);
    EXPECT_NEAR(vae::normalQuantile(0.975), 1.959963984540054, 1e-12);
    EXPECT_NEAR(vae::normalQuantile(0.025), -1.959963984540054, 1e-12);
    EXPECT_NEAR(vae::normalQuantile(0.8413447460685429), 1.0, 1e-12); // Φ(1), rounded
    EXPECT_NEAR(vae::normalQuantile(0.95), 1.6448536269514723, 1e-12);
    EXPECT_NEAR(vae::normalQuantile(0.999), 3.0902323061678135, 1e-12);
    EXPECT_NEAR(vae::normalQuantile(1e-10), -6.3613409024040562, 1e-12);
    // Either side of Acklam's switch between the central and the tail formula (p = 0.02425).
    EXPECT_NEAR(vae::normalQuantile(0.02), -2.053748910631823, 1e-12);
    EXPECT_NEAR(vae::normalQuantile(0.03), -1.880793608151251, 1e-12);
}

TEST(NormalQuantile, InvertsTheNormalCdf)
{
    // Φ(z) = ½·erfc(−z/√2); checked where Φ has full relative precision (z ≤ 0).
    for (double p = 1e-300; p < 0.5; p *= 7.3) {
        const double z = vae::normalQuantile(p);
        const double back = 0.5 * std::erfc(-z / std::sqrt(2.0));
        EXPECT_NEAR(back / p, 1.0, 1e-12) << "p = " << p;
    }
}

TEST(NormalQuantile, IsOddAboutOneHalfAndMonotone)
{
    // Exactly odd wherever 1 − p is the exact complement (always for p ≥ ½).
    for (const double p : {1e-12, 1e-6, 0.01, 0.1, 0.25, 0.4, 0.49999}) {
        const double q = 1.0 - p;
        EXPECT_EQ(vae::normalQuantile(q), -vae::normalQuantile(1.0 - q)) << "q = " << q;
    }
    EXPECT_EQ(vae::normalQuantile(0.75), -vae::normalQuantile(0.25));
    double previous = -std::numeric_limits<double>::infinity();
    for (int i = 1; i < 1000; ++i) {
        const double z = vae::normalQuantile(i / 1000.0);
        EXPECT_GT(z, previous);
        previous = z;
    }
}

TEST(NormalQuantile, IsFiniteNearTheEndsAndRejectsTheRest)
{
    const double low = vae::normalQuantile(1e-12);
    const double high = vae::normalQuantile(1.0 - 1e-12);
    EXPECT_TRUE(std::isfinite(low));
    EXPECT_TRUE(std::isfinite(high));
    EXPECT_NEAR(low, -7.0344838253011319, 1e-12);
    // The double nearest 1 − 10⁻¹² is 1 − 0.99997788·10⁻¹²: its quantile is a little further out.
    EXPECT_NEAR(high, 7.0344869100478352, 1e-12);
    for (const double bad : {0.0, 1.0, -0.5, 1.5, std::numeric_limits<double>::quiet_NaN()})
        EXPECT_THROW((void)vae::normalQuantile(bad), std::invalid_argument) << bad;
}

TEST(PriorQuantileGrid, HasNByNPointsAtTheQuantilesTopRowHighest)
{
    constexpr int n = 5;
    const std::vector<float> z = vae::priorQuantileGrid(n);
    ASSERT_EQ(z.size(), std::size_t(n * n * 2));
    for (int r = 0; r < n; ++r) {
        for (int c = 0; c < n; ++c) {
            const std::size_t i = std::size_t(r * n + c) * 2;
            EXPECT_FLOAT_EQ(z[i], float(vae::normalQuantile((c + 0.5) / n)));
            EXPECT_FLOAT_EQ(z[i + 1], float(vae::normalQuantile((n - r - 0.5) / n)));
        }
    }
    // Odd n: the middle tile is the prior's mean; z₁ grows along a row, z₂ falls down a column.
    EXPECT_FLOAT_EQ(z[std::size_t(2 * n + 2) * 2], 0.0f);
    EXPECT_FLOAT_EQ(z[std::size_t(2 * n + 2) * 2 + 1], 0.0f);
    for (int k = 1; k < n; ++k) {
        EXPECT_GT(z[std::size_t(k) * 2], z[std::size_t(k - 1) * 2]);
        EXPECT_LT(z[std::size_t(k * n) * 2 + 1], z[std::size_t((k - 1) * n) * 2 + 1]);
    }
    // Symmetric about the origin: tile (r, c) mirrors tile (n−1−r, n−1−c).
    EXPECT_FLOAT_EQ(z[0], -z[std::size_t(n * n - 1) * 2]);
    EXPECT_FLOAT_EQ(z[1], -z[std::size_t(n * n - 1) * 2 + 1]);
    EXPECT_NEAR(z[0], -1.2815515655446004, 1e-6); // Φ⁻¹(0.1)

    EXPECT_EQ(vae::priorQuantileGrid(1), (std::vector<float>{0.0f, 0.0f}));
    EXPECT_THROW((void)vae::priorQuantileGrid(0), std::invalid_argument);
}

TEST(PlaneGrid, TileCentresCoverTheRectangleTopRowFirst)
{
    const std::vector<float> z = vae::planeGrid(-2.0, 2.0, 0.0, 1.0, 4);
    ASSERT_EQ(z.size(), std::size_t(32));
    // Columns at −1.5, −0.5, 0.5, 1.5; rows at 0.875, 0.625, 0.375, 0.125.
    EXPECT_FLOAT_EQ(z[0], -1.5f);
    EXPECT_FLOAT_EQ(z[1], 0.875f);
    EXPECT_FLOAT_EQ(z[3 * 2], 1.5f);
    EXPECT_FLOAT_EQ(z[3 * 2 + 1], 0.875f);
    EXPECT_FLOAT_EQ(z[(2 * 4 + 1) * 2], -0.5f);
    EXPECT_FLOAT_EQ(z[(2 * 4 + 1) * 2 + 1], 0.375f);
    EXPECT_FLOAT_EQ(z[15 * 2], 1.5f);
    EXPECT_FLOAT_EQ(z[15 * 2 + 1], 0.125f);
    EXPECT_THROW((void)vae::planeGrid(0, 1, 0, 1, 0), std::invalid_argument);
    EXPECT_THROW((void)vae::planeGrid(1, 1, 0, 1, 3), std::invalid_argument);
    EXPECT_THROW((void)vae::planeGrid(0, 1, 0, std::nan(""), 3), std::invalid_argument);
}

TEST(SamplePrior, SameSeedSameSamplesOtherSeedOthers)
{
    const std::vector<float> a = vae::samplePrior(64, 2, 42);
    const std::vector<float> b = vae::samplePrior(64, 2, 42);
    const std::vector<float> c = vae::samplePrior(64, 2, 43);
    ASSERT_EQ(a.size(), std::size_t(128));
    EXPECT_EQ(a, b);
    int equal = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        equal += a[i] == c[i];
    EXPECT_EQ(equal, 0);
    // Rows are drawn in order: a longer draw starts with the shorter one.
    const std::vector<float> longer = vae::samplePrior(100, 2, 42);
    EXPECT_TRUE(std::equal(a.begin(), a.end(), longer.begin()));
    EXPECT_THROW((void)vae::samplePrior(0, 2, 1), std::invalid_argument);
    EXPECT_THROW((void)vae::samplePrior(4, 0, 1), std::invalid_argument);
}

TEST(SamplePrior, IsStandardNormalInEveryDimension)
{
    constexpr int n = 200000;
    constexpr int dim = 3;
    const std::vector<float> z = vae::samplePrior(n, dim, 7);
    ASSERT_EQ(z.size(), std::size_t(n) * dim);
    double cross = 0;
    for (int d = 0; d < dim; ++d) {
        double sum = 0;
        double squares = 0;
        double fourth = 0;
        int below = 0;
        for (int i = 0; i < n; ++i) {
            const double v = z[std::size_t(i) * dim + d];
            sum += v;
            squares += v * v;
            fourth += v * v * v * v;
            below += v < 1.0;
        }
        const double mean = sum / n;
        const double variance = squares / n - mean * mean;
        // Standard errors at n = 2·10⁵: mean 0.0022, variance 0.0032, kurtosis ~0.011.
        EXPECT_NEAR(mean, 0.0, 0.011) << "dim " << d;
        EXPECT_NEAR(variance, 1.0, 0.016) << "dim " << d;
        EXPECT_NEAR(fourth / n, 3.0, 0.06) << "dim " << d;
        EXPECT_NEAR(double(below) / n, 0.8413447460685429, 0.005) << "dim " << d;
    }
    for (int i = 0; i < n; ++i)
        cross += double(z[std::size_t(i) * dim]) * z[std::size_t(i) * dim + 1];
    EXPECT_NEAR(cross / n, 0.0, 0.011); // the two coordinates of a Box–Muller pair are independent
}

TEST(EmbedInLatent, PadsWithZerosOrDropsTheSecondCoordinate)
{
    const std::vector<float> xy{1.0f, 2.0f, -3.0f, 4.0f};
    EXPECT_EQ(vae::embedInLatent(xy, 2), xy);
    EXPECT_EQ(vae::embedInLatent(xy, 4),
              (std::vector<float>{1.0f, 2.0f, 0.0f, 0.0f, -3.0f, 4.0f, 0.0f, 0.0f}));
    EXPECT_EQ(vae::embedInLatent(xy, 1), (std::vector<float>{1.0f, -3.0f}));
    EXPECT_THROW((void)vae::embedInLatent(xy, 0), std::invalid_argument);
    EXPECT_THROW((void)vae::embedInLatent(std::vector<float>{1.0f}, 2), std::invalid_argument);
}
