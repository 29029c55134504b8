// log p_θ(x) by quadrature on the 2-D posterior grid, the evidence decomposition and the
// importance-weighted bound L_k (core/include/vae/likelihood.h): on a model trained briefly on
// real MNIST, and on hand-made models whose true posterior is known in closed form.
#include "inference_impl.h"
#include "model.h"
#include "test_support.h"
#include "vae/likelihood.h"
#include "vae/trainer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <span>
#include <stdexcept>
#include <vector>

namespace {

/// A 2-D model after 2 epochs on 10,000 training images: far enough from the untrained state that
/// q and the true posterior are sharp (σ ≈ 0.1), and made in a few seconds.
std::shared_ptr<const vae::InferenceModel> trainedModel()
{
    static const std::shared_ptr<const vae::InferenceModel> model = [] {
        vae::TrainingConfig config;
        config.latentDim = 2;
        config.epochs = 2;
        config.seed = 5;
        config.threads = 2;
        config.hiddenSizes = {256, 128};
        config.learningRate = 1e-3;
        config.lrSchedule = "constant";
        config.warmupSteps = 0;
        vae::Trainer trainer(config, vae::test::mnistSubset(10000));
        trainer.setLatentSnapshots(false);
        vae::test::trainToTheEnd(trainer);
        return trainer.inference();
    }();
    return model;
}

std::span<const float> image(const vae::ImageSet& set, int i)
{
    return std::span(set.pixels).subspan(std::size_t(i) * 784, 784);
}

std::span<const float> firstImages(const vae::ImageSet& set, int n)
{
    return std::span(set.pixels).first(std::size_t(n) * 784);
}

/// A 2-D model whose decoder ignores z (first decoder layer's weights zeroed: the likelihood is
/// flat, so p(z|x) = p(z) exactly) and whose encoder gives every image q = N(mu, σ² I).
std::shared_ptr<const vae::InferenceModel> flatLikelihoodModel(double mu1, double mu2, double sigma)
{
    vae::TrainingConfig config;
    config.latentDim = 2;
    config.hiddenSizes = {32};
    config.seed = 3;
    vae::VaeNet net = vae::makeNet(config);
    {
        torch::NoGradGuard noGrad;
        const vae::VaeNetImpl::Layers layers = net->layers();
        layers.decoder.front()->weight.zero_();
        layers.head->weight.zero_();
        const double logVar = 2 * std::log(sigma);
        layers.head->bias.copy_(
            torch::tensor({float(mu1), float(mu2), float(logVar), float(logVar)}));
    }
    return vae::detail::snapshot(net, config, vae::DataDescription::mnist(), 0);
}

double logStdNormal2(double z1, double z2)
{
    return -0.5 * (z1 * z1 + z2 * z2) - std::log(2 * std::numbers::pi);
}

/// Σ exp(logDensity)·cellArea: 1 for a normalised grid density.
double gridMass(const vae::PosteriorGrid& grid)
{
    double mass = 0;
    for (double v : grid.logDensity)
        mass += std::exp(v) * grid.cellArea;
    return mass;
}

// Share of the grid's posterior mass inside q(z|x)'s ±3σ box.
double massInQBox(const vae::PosteriorGrid& grid)
{
    const int n = grid.resolution;
    const double w1 = (grid.region.z1Max - grid.region.z1Min) / n;
    const double w2 = (grid.region.z2Max - grid.region.z2Min) / n;
    double mass = 0;
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) {
            const double z1 = grid.region.z1Min + (c + 0.5) * w1;
            const double z2 = grid.region.z2Min + (r + 0.5) * w2;
            if (std::abs(z1 - grid.qMu[0]) <= 3 * grid.qSigma[0] &&
                std::abs(z2 - grid.qMu[1]) <= 3 * grid.qSigma[1])
                mass += std::exp(grid.logDensity[std::size_t(r) * n + c]) * grid.cellArea;
        }
    return mass;
}

double mean(const std::vector<double>& v)
{
    double s = 0;
    for (double x : v)
        s += x;
    return s / double(v.size());
}

} // namespace

TEST(Likelihood, QuadratureAgreesWithImportanceWeightedBoundWithTenThousandSamples)
{
    // Importance sampling with q(z|x) as the proposal converges at k = 10⁴ only where q covers
    // the true posterior; where most of p(z|x) lies outside q's ±3σ (docs/theory.md: test image 0 of the
    // default model), L_k approaches log p(x) only for far larger k. So the images are the first
    // test images whose posterior has ≥ 90% of its mass inside q's ±3σ box — chosen by that
    // rule, not by hand, and at least 4 of them.
    const auto model = trainedModel();
    const vae::ImageSet& test = vae::test::mnist()->test;
    vae::ImportanceWeightedOptions iw;
    iw.k = 10000;
    iw.seed = 11;
    int checked = 0;
    for (int i = 0; i < 30 && checked < 5; ++i) {
        const vae::PosteriorGrid grid = vae::posteriorGrid(*model, image(test, i));
        ASSERT_FALSE(grid.cancelled);
        ASSERT_EQ(grid.resolution, 200);
        ASSERT_EQ(grid.logDensity.size(), 200u * 200u);
        EXPECT_LT(grid.logEvidence, -30.0); // a real image: log p(x) is far below 0
        EXPECT_NEAR(gridMass(grid), 1.0, 1e-9);
        EXPECT_LT(grid.massOutside, 1e-6);
        // The grid holds q's ±4σ box and the mode lies inside the region.
        EXPECT_LE(grid.region.z1Min, grid.qMu[0] - 4 * grid.qSigma[0]);
        EXPECT_GE(grid.region.z2Max, grid.qMu[1] + 4 * grid.qSigma[1]);
        EXPECT_GT(grid.mode[0], grid.region.z1Min);
        EXPECT_LT(grid.mode[0], grid.region.z1Max);
        EXPECT_GT(grid.seconds, 0.0);
        if (massInQBox(grid) < 0.9)
            continue;
        const vae::ImportanceWeightedResult bound =
            vae::importanceWeightedBound(*model, image(test, i), 1, iw);
        ASSERT_EQ(bound.perImage.size(), 1u);
        EXPECT_NEAR(grid.logEvidence, bound.perImage[0], 0.1) << "test image " << i;
        ++checked;
    }
    EXPECT_GE(checked, 4) << "too few test images whose posterior q covers";
}

TEST(Likelihood, BoundsRiseWithKAndStayBelowTheQuadratureValue)
{
    const auto model = trainedModel();
    const vae::ImageSet& test = vae::test::mnist()->test;
    constexpr int kImages = 100;
    std::vector<double> means;
    std::vector<vae::ImportanceWeightedResult> results;
    for (int k : {1, 10, 100, 1000}) {
        vae::ImportanceWeightedOptions iw;
        iw.k = k;
        iw.seed = 2;
        results.push_back(
            vae::importanceWeightedBound(*model, firstImages(test, kImages), kImages, iw));
        ASSERT_EQ(results.back().perImage.size(), std::size_t(kImages));
        EXPECT_EQ(results.back().k, k);
        EXPECT_NEAR(results.back().mean, mean(results.back().perImage), 1e-9);
        means.push_back(results.back().mean);
    }
    // In expectation L_1 ≤ L_10 ≤ L_100 ≤ L_1000; over 100 images the means' noise is far below
    // the gaps, which shrink with k (≈ 1 nat, then tenths).
    for (std::size_t j = 1; j < means.size(); ++j)
        EXPECT_GT(means[j], means[j - 1] - 0.02) << "k index " << j;
    EXPECT_GT(means[3], means[0] + 0.2);

    // L_k ≤ log p(x) holds in expectation (Jensen), not draw by draw: when the true posterior is
    // wider than q the weights are heavy-tailed and one image's L_k can land above log p(x). So
    // the means over images are compared, and single images only loosely.
    vae::PosteriorGridOptions coarse;
    coarse.resolution = 100;
    std::vector<double> gap1, gap1000;
    for (int i = 0; i < 20; ++i) {
        const double logEvidence = vae::posteriorGrid(*model, image(test, i), coarse).logEvidence;
        gap1.push_back(logEvidence - results[0].perImage[std::size_t(i)]);
        gap1000.push_back(logEvidence - results[3].perImage[std::size_t(i)]);
        EXPECT_GT(gap1000.back(), -1.0) << "test image " << i;
    }
    EXPECT_GT(mean(gap1000), -0.05);
    EXPECT_LT(mean(gap1000), 0.5);              // L_1000 close to log p(x) …
    EXPECT_GT(mean(gap1), mean(gap1000) + 0.2); // … and much closer than L_1
}

TEST(Likelihood, EvidenceDecompositionIdentityHoldsAndMonteCarloMatchesQuadrature)
{
    const auto model = trainedModel();
    const vae::ImageSet& test = vae::test::mnist()->test;
    for (int i : {0, 4, 9}) {
        vae::EvidenceOptions options;
        options.seed = 17;
        const vae::EvidenceDecomposition d =
            vae::evidenceDecomposition(*model, image(test, i), options);
        ASSERT_FALSE(d.cancelled);
        EXPECT_EQ(d.samples, 10000);
        // The two displayed identities, with the returned (displayed) numbers.
        EXPECT_NEAR(d.logEvidence, d.elbo + d.klPosterior, 0.01);
        EXPECT_NEAR(d.elbo, -d.reconstruction - d.klPrior, 0.01);
        EXPECT_EQ(d.logEvidence, d.grid.logEvidence);
        EXPECT_EQ(d.elboStdError, d.reconstructionStdError);
        EXPECT_GT(d.reconstructionStdError, 0.0);
        EXPECT_LT(d.reconstructionStdError, 0.2);
        // KL(q ‖ p(z|x)) ≥ 0 up to the Monte-Carlo error; KL(q ‖ p(z)) > 0 for a trained encoder.
        EXPECT_GT(d.klPosterior, -4 * d.elboStdError);
        EXPECT_GT(d.klPrior, 1.0);
        // Monte Carlo against quadrature on the grid: within 4 standard errors plus the grid's
        // discretisation error.
        EXPECT_NEAR(d.elbo, d.elboQuadrature, 4 * d.elboStdError + 0.01) << "test image " << i;
        EXPECT_NEAR(d.klPosterior, d.klPosteriorQuadrature, 4 * d.elboStdError + 0.01);
        // Independent of the sampling: the grid's KL(q ‖ p(z|x)) + ELBO against log p(x), which
        // compares the grid's KL(q ‖ p(z)) with the closed form.
        EXPECT_NEAR(d.elboQuadrature + d.klPosteriorQuadrature, d.logEvidence, 0.01);
        EXPECT_GT(d.klPosteriorQuadrature, 0.0);
        EXPECT_NEAR(d.qMassOnGrid, 1.0, 1e-3);
        EXPECT_NEAR(gridMass(d.grid), 1.0, 1e-9);

        if (i != 0)
            continue;
        // Deterministic for a seed; another seed moves only the Monte-Carlo numbers.
        const vae::EvidenceDecomposition again =
            vae::evidenceDecomposition(*model, image(test, i), options);
        EXPECT_EQ(again.elbo, d.elbo);
        EXPECT_EQ(again.logEvidence, d.logEvidence);
        options.seed = 18;
        const vae::EvidenceDecomposition other =
            vae::evidenceDecomposition(*model, image(test, i), options);
        EXPECT_NE(other.elbo, d.elbo);
        EXPECT_EQ(other.logEvidence, d.logEvidence);
        EXPECT_NEAR(other.elbo, d.elbo, 6 * d.elboStdError);
    }
}

TEST(Likelihood, OneSampleBoundAveragesToTheElbo)
{
    // L_1 = log p(x|z) + log p(z) − log q(z|x) with one z is the ELBO's single-sample estimator
    // with a Monte-Carlo KL: its mean over images matches the ELBO (closed-form KL, 100 draws).
    const auto model = trainedModel();
    const vae::ImageSet& test = vae::test::mnist()->test;
    constexpr int kImages = 2000;
    vae::ImportanceWeightedOptions iw;
    iw.k = 1;
    iw.seed = 4;
    const vae::ImportanceWeightedResult l1 =
        vae::importanceWeightedBound(*model, firstImages(test, kImages), kImages, iw);
    const std::vector<vae::LossTerms> terms =
        model->evaluateImages(firstImages(test, kImages), kImages, 100, 9);
    std::vector<double> diff;
    for (int i = 0; i < kImages; ++i)
        diff.push_back(l1.perImage[std::size_t(i)] - terms[std::size_t(i)].elbo);
    const double m = mean(diff);
    double squares = 0;
    for (double v : diff)
        squares += (v - m) * (v - m);
    const double stdError = std::sqrt(squares / (kImages - 1) / kImages);
    EXPECT_NEAR(m, 0.0, 4 * stdError);
    EXPECT_LT(stdError, 0.2);
}

TEST(Likelihood, FlatLikelihoodGivesThePriorAsPosterior)
{
    // The decoder ignores z, so log p(x|z) = c for every z, p(z|x) = p(z) and log p(x) = c.
    const auto model = flatLikelihoodModel(1.0, -0.5, 0.5);
    const vae::ImageSet& test = vae::test::mnist()->test;
    const vae::PosteriorGrid grid = vae::posteriorGrid(*model, image(test, 0));
    const double c = grid.logLikelihood[0];
    EXPECT_LT(c, -100.0);
    for (double v : grid.logLikelihood)
        ASSERT_NEAR(v, c, 1e-4);
    EXPECT_NEAR(grid.logEvidence, c, 1e-4);
    // The prior's 30-nat window is the disc |z| ≤ √60 ≈ 7.75: the region must hold it.
    EXPECT_LT(grid.region.z1Min, -7.7);
    EXPECT_GT(grid.region.z1Max, 7.7);
    EXPECT_LT(grid.region.z2Min, -7.7);
    EXPECT_GT(grid.region.z2Max, 7.7);
    EXPECT_GT(grid.region.z1Min, -12.0);
    const int n = grid.resolution;
    for (int r = 0; r < n; r += 17)
        for (int c2 = 0; c2 < n; c2 += 13) {
            const double z1 =
                grid.region.z1Min + (c2 + 0.5) * (grid.region.z1Max - grid.region.z1Min) / n;
            const double z2 =
                grid.region.z2Min + (r + 0.5) * (grid.region.z2Max - grid.region.z2Min) / n;
            ASSERT_NEAR(grid.logDensity[std::size_t(r) * n + std::size_t(c2)],
                        logStdNormal2(z1, z2), 1e-5);
        }
    EXPECT_NEAR(gridMass(grid), 1.0, 1e-9);
    EXPECT_NEAR(grid.mode[0], 0.0, 0.1);
    EXPECT_NEAR(grid.mode[1], 0.0, 0.1);
    EXPECT_NEAR(grid.qMu[0], 1.0, 1e-6);
    EXPECT_NEAR(grid.qSigma[1], 0.5, 1e-6);

    // KL(q ‖ p(z|x)) = KL(q ‖ p(z)) = ½ Σ (μ² + σ² − 1 − log σ²) = ½ (1.25 + 0.5 − 2 + 4 log 2).
    const double klPrior = 0.5 * (1.0 + 0.25 + 2 * 0.25 - 2 - 2 * std::log(0.25));
    vae::EvidenceOptions options;
    options.samples = 1000;
    const vae::EvidenceDecomposition d =
        vae::evidenceDecomposition(*model, image(test, 0), options);
    EXPECT_NEAR(d.klPrior, klPrior, 1e-6);
    EXPECT_NEAR(d.reconstruction, -c, 1e-4);
    EXPECT_NEAR(d.klPosterior, klPrior, 1e-5);
    EXPECT_NEAR(d.klPosteriorQuadrature, klPrior, 1e-4);
    EXPECT_NEAR(d.reconstructionQuadrature, -c, 1e-6);
    EXPECT_NEAR(d.qMassOnGrid, 1.0, 1e-4);
}

TEST(Likelihood, ImportanceWeightedBoundIsExactWhenQIsThePosterior)
{
    // Flat likelihood and q = N(0, I) = p(z) = p(z|x): every weight equals p(x), so L_k = log p(x)
    // for every k (a missing −log k or a wrong log q would show at once).
    const auto model = flatLikelihoodModel(0.0, 0.0, 1.0);
    const vae::ImageSet& test = vae::test::mnist()->test;
    const double logEvidence = vae::posteriorGrid(*model, image(test, 3)).logEvidence;
    for (int k : {1, 7, 100, 5000}) {
        vae::ImportanceWeightedOptions iw;
        iw.k = k;
        iw.maxBatchPoints = 1000; // k = 5000 in 5 slices: the running log-sum-exp
        const vae::ImportanceWeightedResult r =
            vae::importanceWeightedBound(*model, image(test, 3), 1, iw);
        EXPECT_NEAR(r.perImage[0], logEvidence, 1e-4) << "k = " << k;
    }
}

TEST(Likelihood, ImportanceWeightedDrawsDependOnlyOnSeedAndImageIndex)
{
    const auto model = trainedModel();
    const vae::ImageSet& test = vae::test::mnist()->test;
    vae::ImportanceWeightedOptions iw;
    iw.k = 50;
    iw.seed = 8;
    const auto all = vae::importanceWeightedBound(*model, test.head(30), iw);
    const auto prefix = vae::importanceWeightedBound(*model, firstImages(test, 10), 10, iw);
    iw.maxBatchPoints = 120; // 2 images per batch instead of 163
    const auto smallBatches = vae::importanceWeightedBound(*model, firstImages(test, 10), 10, iw);
    for (int i = 0; i < 10; ++i) {
        EXPECT_EQ(prefix.perImage[std::size_t(i)], all.perImage[std::size_t(i)]);
        EXPECT_NEAR(smallBatches.perImage[std::size_t(i)], all.perImage[std::size_t(i)], 1e-3);
    }
    iw.seed = 9;
    const auto other = vae::importanceWeightedBound(*model, firstImages(test, 10), 10, iw);
    EXPECT_NE(other.perImage[0], prefix.perImage[0]);
}

TEST(Likelihood, ProgressIsReportedAndCancelStops)
{
    const auto model = trainedModel();
    const vae::ImageSet& test = vae::test::mnist()->test;
    vae::ImportanceWeightedOptions iw;
    iw.k = 1000; // 8 images per batch
    std::vector<std::pair<int, int>> calls;
    const auto r = vae::importanceWeightedBound(*model, firstImages(test, 40), 40, iw,
                                                [&](int done, int total) {
                                                    calls.emplace_back(done, total);
                                                    return done < 16;
                                                });
    EXPECT_TRUE(r.cancelled);
    EXPECT_EQ(r.perImage.size(), 16u);
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_EQ(calls[0], std::make_pair(8, 40));
    EXPECT_EQ(calls[1], std::make_pair(16, 40));

    int gridCalls = 0;
    int lastDone = 0;
    const vae::PosteriorGrid grid =
        vae::posteriorGrid(*model, image(test, 0), {}, [&](int done, int total) {
            ++gridCalls;
            EXPECT_GT(done, lastDone);
            EXPECT_LE(done, total);
            lastDone = done;
            return gridCalls < 2;
        });
    EXPECT_TRUE(grid.cancelled);
    EXPECT_EQ(gridCalls, 2);
    EXPECT_TRUE(grid.logDensity.empty());
    const vae::EvidenceDecomposition d =
        vae::evidenceDecomposition(*model, image(test, 0), {}, [](int, int) { return false; });
    EXPECT_TRUE(d.cancelled);
}

TEST(Likelihood, BadArgumentsThrow)
{
    const auto model = trainedModel();
    const vae::ImageSet& test = vae::test::mnist()->test;
    vae::TrainingConfig wide;
    wide.latentDim = 20;
    wide.hiddenSizes = {64};
    const auto model20 = vae::makeUntrainedModel(wide);
    EXPECT_THROW((void)vae::posteriorGrid(*model20, image(test, 0)), std::invalid_argument);
    EXPECT_THROW((void)vae::evidenceDecomposition(*model20, image(test, 0)), std::invalid_argument);
    EXPECT_THROW((void)vae::posteriorGrid(*model, firstImages(test, 2)), std::invalid_argument);
    vae::PosteriorGridOptions bad;
    bad.resolution = 1;
    EXPECT_THROW((void)vae::posteriorGrid(*model, image(test, 0), bad), std::invalid_argument);
    bad = {};
    bad.massWindowNats = 0;
    EXPECT_THROW((void)vae::posteriorGrid(*model, image(test, 0), bad), std::invalid_argument);
    vae::EvidenceOptions badSamples;
    badSamples.samples = 0;
    EXPECT_THROW((void)vae::evidenceDecomposition(*model, image(test, 0), badSamples),
                 std::invalid_argument);
    vae::ImportanceWeightedOptions iw;
    iw.k = 0;
    EXPECT_THROW((void)vae::importanceWeightedBound(*model, image(test, 0), 1, iw),
                 std::invalid_argument);
    iw.k = 10;
    EXPECT_THROW((void)vae::importanceWeightedBound(*model, image(test, 0), 2, iw),
                 std::invalid_argument);
    EXPECT_THROW((void)vae::importanceWeightedBound(*model, image(test, 0), -1, iw),
                 std::invalid_argument);
    // An autoencoder has no q(z|x): no ELBO, no importance weights (its decoder and the prior
    // still define p(z|x), so the grid itself works).
    vae::TrainingConfig ae;
    ae.modelKind = "autoencoder";
    ae.hiddenSizes = {64};
    const auto autoencoder = vae::makeUntrainedModel(ae);
    EXPECT_THROW((void)vae::evidenceDecomposition(*autoencoder, image(test, 0)),
                 std::invalid_argument);
    EXPECT_THROW((void)vae::importanceWeightedBound(*autoencoder, image(test, 0), 1, iw),
                 std::invalid_argument);
    EXPECT_TRUE(std::isfinite(vae::posteriorGrid(*autoencoder, image(test, 0)).logEvidence));
    // The IWAE works for any latent size.
    const auto r = vae::importanceWeightedBound(*model20, firstImages(test, 3), 3, iw);
    EXPECT_EQ(r.perImage.size(), 3u);
    EXPECT_LT(r.mean, 0.0);
}
