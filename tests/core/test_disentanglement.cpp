// The mutual information gap (Chen et al. 2018) with disentanglement_lib's histogram estimator:
// exact values on small cases, and the two ends of the scale on larger synthetic codes.
#include "vae/disentanglement.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>
#include <stdexcept>
#include <vector>

namespace {

struct Synthetic {
    int count = 0;
    std::vector<std::uint8_t> factors; // [count, 2]: v1 ∈ 0–2, v2 ∈ 0–5
    std::vector<int> sizes{3, 6};
};

Synthetic synthetic(int count, std::mt19937& rng)
{
    Synthetic s;
    s.count = count;
    std::uniform_int_distribution<int> v1(0, 2), v2(0, 5);
    for (int i = 0; i < count; ++i) {
        s.factors.push_back(std::uint8_t(v1(rng)));
        s.factors.push_back(std::uint8_t(v2(rng)));
    }
    return s;
}

} // namespace

TEST(MutualInformationGap, ExactOnFourExamples)
{
    // Factor [0, 0, 1, 1]; dimension 0 copies it, dimension 1 is independent of it.
    const std::vector<float> mu{0, 0, 0, 1, 1, 0, 1, 1};
    const std::vector<std::uint8_t> factor{0, 0, 1, 1};
    const std::vector<int> sizes{2};
    const vae::MutualInformationGap r = vae::mutualInformationGap(mu, 4, 2, factor, sizes, 2);
    EXPECT_NEAR(r.factorEntropy[0], std::numbers::ln2, 1e-12);
    EXPECT_NEAR(r.mutualInformation[0], std::numbers::ln2, 1e-12);
    EXPECT_NEAR(r.mutualInformation[1], 0.0, 1e-12);
    EXPECT_EQ(r.bestDimension[0], 0);
    EXPECT_NEAR(r.mig, 1.0, 1e-12);
    // Both dimensions copy it: no gap.
    const std::vector<float> twice{0, 0, 0, 0, 1, 1, 1, 1};
    EXPECT_NEAR(vae::mutualInformationGap(twice, 4, 2, factor, sizes, 2).mig, 0.0, 1e-12);
    // Half the information: dimension 0 = [0, 1, 1, 1] tells factor 0 apart only half the time.
    // I = H(z) − H(z|v) with H(z) = H(1/4) and H(z|v) = ½·ln 2.
    const std::vector<float> half{0, 0, 1, 0, 1, 0, 1, 0};
    const double h14 = -(0.25 * std::log(0.25) + 0.75 * std::log(0.75));
    const vae::MutualInformationGap h = vae::mutualInformationGap(half, 4, 2, factor, sizes, 2);
    EXPECT_NEAR(h.mutualInformation[0], h14 - 0.5 * std::numbers::ln2, 1e-12);
    EXPECT_NEAR(h.mig, (h14 - 0.5 * std::numbers::ln2) / std::numbers::ln2, 1e-12);
}

TEST(MutualInformationGap, OneDimensionPerFactorScoresNearOneAndMixturesLow)
{
    std::mt19937 rng(7);
    const Synthetic s = synthetic(20000, rng);
    std::normal_distribution<float> noise(0.0f, 1.0f);
    std::vector<float> axisAligned, rotated, random;
    for (int i = 0; i < s.count; ++i) {
        const float v1 = s.factors[std::size_t(2 * i)], v2 = s.factors[std::size_t(2 * i + 1)];
        for (const float v : {v1 + 0.05f * noise(rng), v2 + 0.05f * noise(rng), noise(rng)})
            axisAligned.push_back(v);
        for (const float v : {v1 + v2, v1 - v2, noise(rng)})
            rotated.push_back(v);
        for (int j = 0; j < 3; ++j)
            random.push_back(noise(rng));
    }
    const vae::MutualInformationGap aligned =
        vae::mutualInformationGap(axisAligned, s.count, 3, s.factors, s.sizes);
    EXPECT_GT(aligned.mig, 0.95);
    EXPECT_EQ(aligned.bestDimension, (std::vector<int>{0, 1}));
    EXPECT_NEAR(aligned.factorEntropy[1], std::log(6.0), 0.01); // uniform over six values
    const double mixed = vae::mutualInformationGap(rotated, s.count, 3, s.factors, s.sizes).mig;
    EXPECT_LT(mixed, 0.5) << "two factors spread over two dimensions";
    EXPECT_LT(vae::mutualInformationGap(random, s.count, 3, s.factors, s.sizes).mig, 0.01);
}

TEST(MutualInformationGap, AConstantFactorIsLeftOutAndBadInputThrows)
{
    const std::vector<float> mu{0, 1, 2, 3};
    const std::vector<std::uint8_t> factors{0, 0, 0, 1, 0, 1, 0, 0}; // factor 0 is constant
    const std::vector<int> sizes{1, 2};
    const vae::MutualInformationGap r = vae::mutualInformationGap(mu, 4, 1, factors, sizes, 2);
    EXPECT_EQ(r.bestDimension[0], -1);
    EXPECT_EQ(r.gap[0], 0.0);
    EXPECT_DOUBLE_EQ(r.mig, r.gap[1]); // the mean over the one factor that varies
    EXPECT_THROW((void)vae::mutualInformationGap(mu, 4, 2, factors, sizes), std::invalid_argument);
    const std::vector<std::uint8_t> outside{0, 2, 0, 1, 0, 1, 0, 0};
    EXPECT_THROW((void)vae::mutualInformationGap(mu, 4, 1, outside, sizes), std::invalid_argument);
    EXPECT_THROW((void)vae::mutualInformationGap(mu, 4, 1, factors, sizes, 1),
                 std::invalid_argument);
}
