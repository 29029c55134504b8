// Per-dimension KL, active units, PCA and traversal grids (core/include/vae/latent_stats.h).

#include <vae/latent_stats.h>

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

namespace {

double klTerm(double mu, double sigma)
{
    return 0.5 * (mu * mu + sigma * sigma - 1.0 - std::log(sigma * sigma));
}

} // namespace

TEST(LatentStats, KlPerDimensionIsTheClosedFormAveragedOverImages)
{
    vae::Posterior posterior;
    posterior.count = 3;
    posterior.dim = 2;
    posterior.mu = {0.5f, -1.0f, 2.0f, 0.0f, -0.25f, 0.0f};
    posterior.sigma = {1.0f, 0.5f, 0.1f, 1.0f, 2.0f, 1.0f};
    const std::vector<double> kl = vae::klPerDimension(posterior);
    ASSERT_EQ(kl.size(), 2u);
    const double d0 = (klTerm(0.5, 1.0) + klTerm(2.0, 0.1) + klTerm(-0.25, 2.0)) / 3.0;
    const double d1 = (klTerm(-1.0, 0.5) + klTerm(0.0, 1.0) + klTerm(0.0, 1.0)) / 3.0;
    EXPECT_NEAR(kl[0], d0, 1e-6);
    EXPECT_NEAR(kl[1], d1, 1e-6);
    // By hand: dim 1 = (½(1 + 0.25 − 1 − log 0.25) + 0 + 0) / 3 = (0.125 + ln 2) / 3.
    EXPECT_NEAR(kl[1], (0.125 + std::log(2.0)) / 3.0, 1e-6);
    EXPECT_EQ(vae::activeUnits(kl), 2);
    EXPECT_EQ(vae::activeUnits(kl, 1.0), 1); // d0 ≈ 2.24, d1 ≈ 0.27
}

TEST(LatentStats, PriorPosteriorHasZeroKlAndNoActiveUnits)
{
    vae::Posterior posterior;
    posterior.count = 100;
    posterior.dim = 8;
    posterior.mu.assign(800, 0.0f);
    posterior.sigma.assign(800, 1.0f);
    const std::vector<double> kl = vae::klPerDimension(posterior);
    ASSERT_EQ(kl.size(), 8u);
    for (double value : kl)
        EXPECT_EQ(value, 0.0);
    EXPECT_EQ(vae::activeUnits(kl), 0);
    // The threshold is strict and in nats.
    const std::vector<double> edge{0.01, 0.0100001, 0.005};
    EXPECT_EQ(vae::activeUnits(edge), 1);
}

TEST(LatentStats, KlRejectsBadInput)
{
    vae::Posterior posterior;
    posterior.count = 2;
    posterior.dim = 2;
    posterior.mu = {0, 0, 0};
    posterior.sigma = {1, 1, 1, 1};
    EXPECT_THROW((void)vae::klPerDimension(posterior), std::invalid_argument);
    posterior.mu = {0, 0, 0, 0};
    posterior.sigma = {1, 1, 0, 1};
    EXPECT_THROW((void)vae::klPerDimension(posterior), std::invalid_argument);
    EXPECT_THROW((void)vae::activeUnits(std::vector<double>{1.0}, -1.0), std::invalid_argument);
}

TEST(LatentStats, PcaRecoversTheDirectionOfLargestVarianceAndTheOrder)
{
    // Points along u = (1, 2, 2)/3 with spread 3, plus a smaller spread 0.5 along
    // w = (2, −2, 1)/3 (orthogonal to u), around the centre (1, −1, 4).
    const double u[3] = {1.0 / 3, 2.0 / 3, 2.0 / 3};
    const double w[3] = {2.0 / 3, -2.0 / 3, 1.0 / 3};
    const double centre[3] = {1, -1, 4};
    std::mt19937 rng(3);
    std::normal_distribution<double> normal;
    const int n = 5000;
    std::vector<float> points;
    for (int i = 0; i < n; ++i) {
        const double a = 3.0 * normal(rng);
        const double b = 0.5 * normal(rng);
        for (int k = 0; k < 3; ++k)
            points.push_back(static_cast<float>(centre[k] + a * u[k] + b * w[k]));
    }
    const vae::PcaProjection pca = vae::pcaProjection(points, n, 3);
    ASSERT_EQ(pca.axes.size(), 6u);
    ASSERT_EQ(pca.coordinates.size(), std::size_t(2 * n));
    double dotU = 0;
    double dotW = 0;
    for (int k = 0; k < 3; ++k) {
        dotU += pca.axes[std::size_t(k)] * u[k];
        dotW += pca.axes[std::size_t(3 + k)] * w[k];
        EXPECT_NEAR(pca.mean[std::size_t(k)], centre[k], 0.1);
    }
    EXPECT_NEAR(std::abs(dotU), 1.0, 1e-3); // up to sign
    EXPECT_NEAR(std::abs(dotW), 1.0, 1e-3);
    EXPECT_GT(dotU, 0); // the sign rule: largest component (2/3) positive
    EXPECT_NEAR(pca.variances[0], 9.0, 0.5);
    EXPECT_NEAR(pca.variances[1], 0.25, 0.02);
    EXPECT_GT(pca.variances[0], pca.variances[1]);
    // Coordinates are the centred points on the axes.
    for (int i : {0, 17, n - 1}) {
        double p0 = 0;
        for (int k = 0; k < 3; ++k)
            p0 += (points[std::size_t(3 * i + k)] - pca.mean[std::size_t(k)]) *
                  pca.axes[std::size_t(k)];
        EXPECT_NEAR(pca.coordinates[std::size_t(2 * i)], p0, 1e-4);
    }
    EXPECT_EQ(vae::projectPoints(pca, points, n, 3), pca.coordinates);
    EXPECT_THROW((void)vae::pcaProjection(points, n, 4), std::invalid_argument);
}

TEST(LatentStats, PcaOfOneDimensionalPointsHasAZeroSecondAxis)
{
    const std::vector<float> points{1, 2, 3, 4};
    const vae::PcaProjection pca = vae::pcaProjection(points, 4, 1);
    EXPECT_DOUBLE_EQ(pca.axes[0], 1.0);
    EXPECT_DOUBLE_EQ(pca.axes[1], 0.0);
    EXPECT_DOUBLE_EQ(pca.variances[0], 1.25);
    EXPECT_FLOAT_EQ(pca.coordinates[0], -1.5f);
}

TEST(LatentStats, TraversalGridRowsVaryOnlyTheirOwnDimension)
{
    const std::vector<float> z{0.5f, -1.0f, 2.0f, 0.25f};
    const int dim = 4;
    const int steps = 7;
    const std::vector<float> grid = vae::traversalGrid(z, dim, steps, -3.0, 3.0);
    ASSERT_EQ(grid.size(), std::size_t(dim * steps * dim));
    for (int d = 0; d < dim; ++d) {
        for (int s = 0; s < steps; ++s) {
            const float* row = grid.data() + std::size_t((d * steps + s) * dim);
            for (int k = 0; k < dim; ++k) {
                if (k == d)
                    EXPECT_FLOAT_EQ(row[k], float(-3.0 + s * 1.0));
                else
                    EXPECT_EQ(row[k], z[std::size_t(k)]);
            }
        }
    }
    EXPECT_EQ(vae::traversalGrid(z, dim, 1, -1.0, 1.0)[0], -1.0f);
    EXPECT_THROW((void)vae::traversalGrid(z, 3, steps, -3, 3), std::invalid_argument);
    EXPECT_THROW((void)vae::traversalGrid(z, dim, 0, -3, 3), std::invalid_argument);
}
