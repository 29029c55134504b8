// InferenceModel::evaluateImages on real MNIST test images: per-image loss terms against
// evaluate(), against the closed-form KL of encode()'s posterior, and against a Monte-Carlo
// estimate made here from decodeBatch() alone.
#include "test_support.h"
#include "vae/inference.h"
#include "vae/trainer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <span>
#include <stdexcept>
#include <vector>

namespace {

/// A model after one epoch on 2,000 training images: past the untrained state, so the terms vary
/// from image to image, and quick to make.
std::shared_ptr<const vae::InferenceModel> trainedModel()
{
    static const std::shared_ptr<const vae::InferenceModel> model = [] {
        vae::TrainingConfig config;
        config.epochs = 1;
        config.seed = 21;
        config.threads = 2;
        config.hiddenSizes = {512, 256};
        config.learningRate = 1e-3;
        config.lrSchedule = "constant";
        config.warmupSteps = 0;
        vae::Trainer trainer(config, vae::test::mnistSubset(2000));
        trainer.setLatentSnapshots(false);
        vae::test::trainToTheEnd(trainer);
        return trainer.inference();
    }();
    return model;
}

std::span<const float> firstImages(const vae::ImageSet& set, int n)
{
    return std::span(set.pixels).first(std::size_t(n) * std::size_t(set.pixelsPerImage()));
}

vae::LossTerms mean(const std::vector<vae::LossTerms>& terms)
{
    vae::LossTerms sum;
    for (const vae::LossTerms& t : terms) {
        sum.reconstruction += t.reconstruction;
        sum.kl += t.kl;
        sum.elbo += t.elbo;
    }
    const double n = double(terms.size());
    return {sum.reconstruction / n, sum.kl / n, sum.elbo / n};
}

} // namespace

TEST(EvaluateImages, OneSampleAveragesToEvaluateOnTheSameImagesAndSeed)
{
    const auto model = trainedModel();
    const vae::ImageSet images = vae::test::mnist()->test.head(2500); // three batches of ≤ 1,000
    const std::vector<vae::LossTerms> terms =
        model->evaluateImages(images.pixels, images.count, 1, 5);
    ASSERT_EQ(terms.size(), 2500u);
    const vae::LossTerms perImage = mean(terms);
    const vae::LossTerms whole = model->evaluate(images, 5);
    // Same ε, same network: only the float summation order differs.
    EXPECT_NEAR(perImage.reconstruction, whole.reconstruction, 1e-4 * whole.reconstruction);
    EXPECT_NEAR(perImage.kl, whole.kl, 1e-4 * whole.kl + 1e-6);
    EXPECT_NEAR(perImage.elbo, whole.elbo, 1e-4 * std::abs(whole.elbo));
    EXPECT_GT(whole.reconstruction, 50.0);
    EXPECT_LT(whole.reconstruction, 300.0);
}

TEST(EvaluateImages, ManySamplesAgreeWithEvaluateWithinMonteCarloNoise)
{
    const auto model = trainedModel();
    const vae::ImageSet images = vae::test::mnist()->test.head(1000);
    // 16 samples per image: two decoder passes of 8 draws each for a batch of 1,000.
    const vae::LossTerms perImage = mean(model->evaluateImages(images.pixels, 1000, 16, 9));
    const vae::LossTerms whole = model->evaluate(images, 3);
    EXPECT_NEAR(perImage.reconstruction, whole.reconstruction, 1.0)
        << "16-sample mean " << perImage.reconstruction << " vs evaluate() "
        << whole.reconstruction;
    // The KL term is exact in both: no sampling noise at all.
    EXPECT_NEAR(perImage.kl, whole.kl, 1e-4 * whole.kl + 1e-6);
}

TEST(EvaluateImages, KlIsTheClosedFormOfEncodesPosterior)
{
    const auto model = trainedModel();
    constexpr int kImages = 300;
    const std::span<const float> x = firstImages(vae::test::mnist()->test, kImages);
    const std::vector<vae::LossTerms> terms = model->evaluateImages(x, kImages, 4, 1);
    const vae::Posterior q = model->encode(x, kImages);
    for (int i = 0; i < kImages; ++i) {
        // KL(N(μ, σ²) ‖ N(0, I)) = −½ Σ_j (1 + log σ_j² − μ_j² − σ_j²)  (K&W 2014, appendix B)
        double kl = 0;
        for (int j = 0; j < q.dim; ++j) {
            const double mu = q.mu[std::size_t(i * q.dim + j)];
            const double sigma = q.sigma[std::size_t(i * q.dim + j)];
            kl += -0.5 * (1.0 + 2.0 * std::log(sigma) - mu * mu - sigma * sigma);
        }
        EXPECT_NEAR(terms[std::size_t(i)].kl, kl, 1e-5 * kl + 1e-5) << "image " << i;
        EXPECT_GE(terms[std::size_t(i)].kl, 0.0);
    }
}

TEST(EvaluateImages, ElboIsMinusReconstructionPlusKlExactly)
{
    const auto model = trainedModel();
    const std::span<const float> x = firstImages(vae::test::mnist()->test, 200);
    for (const vae::LossTerms& t : model->evaluateImages(x, 200, 3, 2)) {
        EXPECT_EQ(t.elbo, -(t.reconstruction + t.kl));
        EXPECT_GT(t.reconstruction, 0.0);
    }
}

TEST(EvaluateImages, ReconstructionMatchesAnIndependentMonteCarloEstimate)
{
    const auto model = trainedModel();
    const vae::ImageSet& test = vae::test::mnist()->test;
    constexpr int kSamples = 2048;
    for (const int image : {0, 1, 7}) {
        const std::span<const float> x = test.pixels;
        const std::span<const float> pixels = x.subspan(std::size_t(image) * 784, 784);
        const double fromCore = model->evaluateImages(pixels, 1, kSamples, 11)[0].reconstruction;

        // −log p(x|z) = −Σ_pixels [x log p + (1 − x) log(1 − p)], p = decode(z), z = μ + σ ε with
        // ε drawn here (std::mt19937), the sum in double.
        const vae::Posterior q = model->encode(pixels, 1);
        std::mt19937 random(1234u + unsigned(image));
        std::normal_distribution<float> normal;
        std::vector<float> z(std::size_t(kSamples) * std::size_t(q.dim));
        for (int s = 0; s < kSamples; ++s)
            for (int j = 0; j < q.dim; ++j)
                z[std::size_t(s * q.dim + j)] =
                    q.mu[std::size_t(j)] + q.sigma[std::size_t(j)] * normal(random);
        const std::vector<float> means = model->decodeBatch(z, kSamples);
        std::vector<double> nll(kSamples, 0.0);
        for (int s = 0; s < kSamples; ++s) {
            for (int p = 0; p < 784; ++p) {
                // Clamped: a float sigmoid can round to exactly 0 or 1.
                const double mean =
                    std::clamp(double(means[std::size_t(s * 784 + p)]), 1e-7, 1 - 1e-7);
                const double target = pixels[std::size_t(p)];
                nll[std::size_t(s)] -= target * std::log(mean) + (1 - target) * std::log1p(-mean);
            }
        }
        const double byHand = std::accumulate(nll.begin(), nll.end(), 0.0) / kSamples;
        double variance = 0;
        for (const double v : nll)
            variance += (v - byHand) * (v - byHand);
        variance /= kSamples - 1;
        // Both estimates carry the same Monte-Carlo error (same sample count).
        const double standardError = std::sqrt(2.0 * variance / kSamples);
        EXPECT_NEAR(fromCore, byHand, 5.0 * standardError + 0.05)
            << "image " << image << ": core " << fromCore << ", by hand " << byHand << " ± "
            << standardError;
    }
}

TEST(EvaluateImages, SameSeedSameValuesAndTheSeedChangesOnlyTheSampledTerm)
{
    const auto model = trainedModel();
    const std::span<const float> x = firstImages(vae::test::mnist()->test, 50);
    const auto a = model->evaluateImages(x, 50, 8, 42);
    const auto b = model->evaluateImages(x, 50, 8, 42);
    const auto c = model->evaluateImages(x, 50, 8, 43);
    ASSERT_EQ(a.size(), 50u);
    int differing = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].reconstruction, b[i].reconstruction);
        EXPECT_EQ(a[i].kl, b[i].kl);
        EXPECT_EQ(a[i].elbo, b[i].elbo);
        EXPECT_EQ(a[i].kl, c[i].kl); // closed form: no ε involved
        differing += a[i].reconstruction != c[i].reconstruction ? 1 : 0;
    }
    EXPECT_EQ(differing, 50);
}

TEST(EvaluateImages, RejectsBadArguments)
{
    const auto model = trainedModel();
    const std::span<const float> x = firstImages(vae::test::mnist()->test, 2);
    EXPECT_THROW((void)model->evaluateImages(x, 3, 1, 0), std::invalid_argument);
    EXPECT_THROW((void)model->evaluateImages(x, -1, 1, 0), std::invalid_argument);
    EXPECT_THROW((void)model->evaluateImages(x.first(783), 1, 1, 0), std::invalid_argument);
    EXPECT_THROW((void)model->evaluateImages(x, 2, 0, 0), std::invalid_argument);
    try {
        (void)model->evaluateImages(x, 2, -4, 0);
        FAIL() << "no exception";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("samples"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(model->evaluateImages({}, 0, 1, 0).empty());
}
