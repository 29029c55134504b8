// compareGradientEstimators: both estimators are unbiased for the same gradient (their means match
// the exact gradient of the ELBO: Gauss–Hermite quadrature of E_q[log p(x|z)] and of its
// derivatives in (μ, log σ²) on a 2-D latent space, taken through the encoder by autograd), the
// score function's variance is far larger on MNIST, the Gram-matrix and per-draw computations
// agree, results are deterministic for a seed, and bad arguments throw.
#include "inference_impl.h"
#include "model.h"
#include "test_support.h"
#include "vae/gradient_estimators.h"
#include "vae/inference.h"
#include "vae/trainer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <limits>
#include <numeric>
#include <span>
#include <stdexcept>
#include <vector>

namespace {

std::vector<float> firstTestImages(int n)
{
    const vae::ImageSet& set = vae::test::mnist()->test;
    return {set.pixels.begin(), set.pixels.begin() + std::ptrdiff_t(n) * set.pixelsPerImage()};
}

/// A small untrained model with a 2-D latent space: cheap enough for thousands of draws and for
/// quadrature.
std::shared_ptr<const vae::InferenceModel> tinyModel()
{
    vae::TrainingConfig config;
    config.latentDim = 2;
    config.hiddenSizes = {16};
    config.seed = 5;
    return vae::makeUntrainedModel(config);
}

/// The default 2-D architecture after one epoch on 10,000 MNIST images.
std::shared_ptr<const vae::InferenceModel> trainedModel()
{
    static const std::shared_ptr<const vae::InferenceModel> model = [] {
        vae::TrainingConfig config;
        config.epochs = 1;
        config.seed = 3;
        config.threads = 2;
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

/// Gauss–Hermite nodes and weights for ∫ e^{−t²} g(t) dt (Newton on the recurrence of the
/// orthonormal Hermite polynomials; Press et al., Numerical Recipes, 3rd ed., §4.6.1).
void gaussHermite(int n, std::vector<double>& nodes, std::vector<double>& weights)
{
    constexpr double kPiToMinusQuarter = 0.7511255444649425;
    nodes.assign(std::size_t(n), 0.0);
    weights.assign(std::size_t(n), 0.0);
    double z = 0;
    double derivative = 0;
    for (int i = 0; i < (n + 1) / 2; ++i) {
        if (i == 0)
            z = std::sqrt(double(2 * n + 1)) - 1.85575 * std::pow(double(2 * n + 1), -0.16667);
        else if (i == 1)
            z -= 1.14 * std::pow(double(n), 0.426) / z;
        else if (i == 2)
            z = 1.86 * z - 0.86 * nodes[0];
        else if (i == 3)
            z = 1.91 * z - 0.91 * nodes[1];
        else
            z = 2.0 * z - nodes[std::size_t(i - 2)];
        for (int iteration = 0; iteration < 100; ++iteration) {
            double p1 = kPiToMinusQuarter;
            double p2 = 0;
            for (int j = 0; j < n; ++j) {
                const double p3 = p2;
                p2 = p1;
                p1 = z * std::sqrt(2.0 / (j + 1)) * p2 - std::sqrt(double(j) / (j + 1)) * p3;
            }
            derivative = std::sqrt(2.0 * n) * p2;
            const double previous = z;
            z = previous - p1 / derivative;
            if (std::abs(z - previous) <= 1e-14)
                break;
        }
        nodes[std::size_t(i)] = z;
        nodes[std::size_t(n - 1 - i)] = -z;
        weights[std::size_t(i)] = 2.0 / (derivative * derivative);
        weights[std::size_t(n - 1 - i)] = weights[std::size_t(i)];
    }
}

/// ∇_φ of (1/n) Σ_i {E_q[log p(x_i|z)] − KL_i} for a 2-D latent space, the expectation by a
/// `nodes` × `nodes` Gauss–Hermite rule, in double precision, flattened in the order of
/// GradientEstimate::mean.
std::vector<double> exactGradient(const vae::InferenceModel& model, const std::vector<float>& x,
                                  int n, int nodes)
{
    c10::InferenceMode inferenceOff(false);
    torch::AutoGradMode gradOn(true);
    const vae::VaeNetImpl::Layers layers = model.impl().net->layers();
    const auto toDouble = [](const torch::Tensor& t) { return t.detach().to(torch::kFloat64); };
    std::vector<torch::Tensor> phi;
    for (const auto& linear : layers.encoder) {
        phi.push_back(toDouble(linear->weight).requires_grad_(true));
        phi.push_back(toDouble(linear->bias).requires_grad_(true));
    }
    phi.push_back(toDouble(layers.head->weight).requires_grad_(true));
    phi.push_back(toDouble(layers.head->bias).requires_grad_(true));

    const torch::Tensor images =
        torch::from_blob(const_cast<float*>(x.data()), {n, 784}, torch::kFloat32)
            .to(torch::kFloat64);
    torch::Tensor h = images;
    const std::size_t hidden = layers.encoder.size();
    for (std::size_t l = 0; l < hidden; ++l)
        h = torch::relu(torch::linear(h, phi[2 * l], phi[2 * l + 1]));
    const torch::Tensor head = torch::linear(h, phi[2 * hidden], phi[2 * hidden + 1]);
    // The quadrature's nodes depend on (μ, σ); differentiating through them would integrate the
    // decoder's derivative, which jumps where a ReLU switches, and converge slowly. Instead the
    // derivatives of the Gaussian density: ∂E_q[f]/∂μ = E_q[f ε]/σ and
    // ∂E_q[f]/∂log σ² = E_q[f (ε² − 1)]/2 (z = μ + σ ε), with f, which is continuous, at the nodes.
    const torch::Tensor mu = head.slice(1, 0, 2).detach();
    const torch::Tensor logVar = head.slice(1, 2, 4).detach();
    const torch::Tensor sigma = torch::exp(0.5 * logVar);

    std::vector<double> t;
    std::vector<double> w;
    gaussHermite(nodes, t, w);
    std::vector<double> grid;    // [K², 2]: ε = √2 t
    std::vector<double> weights; // [K²]
    for (int a = 0; a < nodes; ++a)
        for (int b = 0; b < nodes; ++b) {
            grid.push_back(std::sqrt(2.0) * t[std::size_t(a)]);
            grid.push_back(std::sqrt(2.0) * t[std::size_t(b)]);
            weights.push_back(w[std::size_t(a)] * w[std::size_t(b)] / M_PI);
        }
    const std::int64_t points = std::int64_t(nodes) * nodes;
    const torch::Tensor eps = torch::tensor(grid, torch::kFloat64).view({1, points, 2});
    const torch::Tensor wt = torch::tensor(weights, torch::kFloat64).view({1, points, 1});
    const torch::Tensor z = mu.unsqueeze(1) + sigma.unsqueeze(1) * eps;
    torch::Tensor out = z.reshape({n * points, 2});
    for (std::size_t l = 0; l < layers.decoder.size(); ++l) {
        out = torch::linear(out, toDouble(layers.decoder[l]->weight),
                            toDouble(layers.decoder[l]->bias));
        if (l + 1 < layers.decoder.size())
            out = torch::relu(out);
    }
    const torch::Tensor logits = out.view({n, points, 784});
    const torch::Tensor f = -vae::reconstructionNll(logits, images.unsqueeze(1).expand_as(logits),
                                                    model.likelihood(), model.gaussianSigma())
                                 .unsqueeze(2);
    // ∂/∂(μ, log σ²) of (1/n) Σ_i (E_q[f] − KL_i), the KL's derivatives in closed form.
    const torch::Tensor gradMu = ((f * wt * eps).sum(1) / sigma - mu) / n;
    const torch::Tensor gradLogVar =
        ((f * wt * 0.5 * (eps.square() - 1.0)).sum(1) - 0.5 * (sigma.square() - 1.0)) / n;
    const std::vector<torch::Tensor> grads =
        torch::autograd::grad({head}, phi, {torch::cat({gradMu, gradLogVar}, 1)});
    std::vector<double> flat;
    for (const torch::Tensor& g : grads) {
        const torch::Tensor c = g.contiguous();
        flat.insert(flat.end(), c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
    }
    return flat;
}

double squaredDistance(const std::vector<double>& a, const std::vector<double>& b)
{
    double sum = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        sum += (a[i] - b[i]) * (a[i] - b[i]);
    return sum;
}

double squaredNorm(const std::vector<double>& a)
{
    return squaredDistance(a, std::vector<double>(a.size()));
}

} // namespace

TEST(GradientEstimators, GaussHermiteRuleIntegratesMoments)
{
    for (int n : {16, 32, 40, 48, 64}) {
        std::vector<double> t;
        std::vector<double> w;
        gaussHermite(n, t, w);
        double m0 = 0;
        double m2 = 0;
        double m4 = 0;
        double cosine = 0;
        for (std::size_t i = 0; i < t.size(); ++i) {
            m0 += w[i];
            m2 += w[i] * t[i] * t[i];
            m4 += w[i] * std::pow(t[i], 4);
            cosine += w[i] * std::cos(t[i]);
        }
        EXPECT_NEAR(m0, std::sqrt(M_PI), 1e-12) << n;
        EXPECT_NEAR(m2, std::sqrt(M_PI) / 2, 1e-12) << n;
        EXPECT_NEAR(m4, 3 * std::sqrt(M_PI) / 4, 1e-11) << n;
        // ∫ e^{−t²} cos t dt = √π e^{−1/4}
        EXPECT_NEAR(cosine, std::sqrt(M_PI) * std::exp(-0.25), 1e-12) << n;
    }
}

TEST(GradientEstimators, BothEstimatorsAreUnbiasedForTheExactGradient)
{
    const auto model = tinyModel();
    constexpr int kImages = 4;
    const std::vector<float> x = firstTestImages(kImages);

    vae::GradientEstimatorOptions options;
    options.draws = 4000;
    options.seed = 11;
    options.keepCoordinates = true;
    const vae::GradientComparison result =
        vae::compareGradientEstimators(*model, x, kImages, options);

    // The quadrature converges slowly (log p(x|z) has kinks where the decoder's ReLUs switch),
    // but its error is far below the smallest Monte-Carlo error here.
    const std::vector<double> exact = exactGradient(*model, x, kImages, 64);
    const std::vector<double> coarser = exactGradient(*model, x, kImages, 48);
    ASSERT_EQ(result.parameterCount, std::int64_t(exact.size()));
    std::cout << "quadrature 48 vs 64 nodes: " << std::sqrt(squaredDistance(exact, coarser))
              << ", ‖∇‖ = " << std::sqrt(squaredNorm(exact))
              << ", reparameterization's standard error "
              << result.reparameterization.meanStandardError << '\n';
    ASSERT_LT(std::sqrt(squaredDistance(exact, coarser)),
              0.25 * result.reparameterization.meanStandardError);

    for (const vae::GradientEstimate* estimate :
         {&result.reparameterization, &result.scoreFunction, &result.scoreFunctionBaseline}) {
        ASSERT_EQ(estimate->mean.size(), exact.size());
        // E‖ḡ − ∇‖² = totalVariance / M for an unbiased estimator: the ratio is about 1 (a
        // chi-square over the few effective degrees of freedom, over its mean); a bias as large
        // as the standard error would double it.
        const double error = squaredDistance(estimate->mean, exact);
        const double expected = estimate->totalVariance / options.draws;
        std::cout << estimate->name << ": ‖ḡ − ∇‖² / (V/M) = " << error / expected
                  << ", ‖ḡ − ∇‖/‖∇‖ = " << std::sqrt(error / squaredNorm(exact))
                  << ", V = " << estimate->totalVariance << '\n';
        EXPECT_LT(error / expected, 3.0) << estimate->name;
        EXPECT_NEAR(estimate->meanNorm, std::sqrt(squaredNorm(estimate->mean)),
                    1e-9 * estimate->meanNorm);
        // The per-tensor breakdown adds up.
        double total = 0;
        std::int64_t size = 0;
        for (const vae::ParameterGradientStats& tensor : estimate->tensors) {
            total += tensor.totalVariance;
            size += tensor.size;
        }
        EXPECT_NEAR(total, estimate->totalVariance, 1e-9 * total) << estimate->name;
        EXPECT_EQ(size, result.parameterCount);
        EXPECT_NEAR(std::accumulate(estimate->variance.begin(), estimate->variance.end(), 0.0),
                    estimate->totalVariance, 1e-9 * total);
    }
    // The check has power: a gradient 10% short of the exact one is far outside the
    // reparameterization estimate's error.
    std::vector<double> shrunk = exact;
    for (double& v : shrunk)
        v *= 0.9;
    EXPECT_GT(squaredDistance(result.reparameterization.mean, shrunk) /
                  (result.reparameterization.totalVariance / options.draws),
              6.0);
    // The reparameterization estimate, with the smallest variance, lands within 5% of the exact
    // gradient.
    EXPECT_LT(
        std::sqrt(squaredDistance(result.reparameterization.mean, exact) / squaredNorm(exact)),
        0.05);
    // Each estimator's spread is what its reported standard error says.
    EXPECT_NEAR(result.reparameterization.meanStandardError,
                std::sqrt(result.reparameterization.totalVariance / options.draws), 1e-12);
}

TEST(GradientEstimators, UnbiasedForTheContinuousBernoulliAndTheGaussian)
{
    // The estimators' f(z) = log p_θ(x|z) is the model's likelihood: their means match the exact
    // gradient computed with that likelihood, and not the one computed with the Bernoulli. The
    // Gaussian sees real values (standardised pixels, outside [0, 1]) and σ = 0.5.
    constexpr int kImages = 4;
    for (vae::Likelihood likelihood :
         {vae::Likelihood::ContinuousBernoulli, vae::Likelihood::Gaussian}) {
        SCOPED_TRACE(std::string(vae::likelihoodName(likelihood)));
        vae::TrainingConfig config;
        config.latentDim = 2;
        config.hiddenSizes = {16};
        config.seed = 5;
        config.likelihood = likelihood;
        const auto model = vae::makeUntrainedModel(config);
        std::vector<float> x = firstTestImages(kImages);
        if (likelihood == vae::Likelihood::Gaussian) {
            model->impl().net->setGaussianSigma(0.5);
            for (float& v : x)
                v = (v - 0.13f) / 0.31f;
        }
        vae::GradientEstimatorOptions options;
        options.draws = 4000;
        options.seed = 11;
        options.keepCoordinates = true;
        const vae::GradientComparison result =
            vae::compareGradientEstimators(*model, x, kImages, options);
        const std::vector<double> exact = exactGradient(*model, x, kImages, 64);
        for (const vae::GradientEstimate* estimate :
             {&result.reparameterization, &result.scoreFunctionBaseline}) {
            const double error = squaredDistance(estimate->mean, exact);
            EXPECT_LT(error / (estimate->totalVariance / options.draws), 3.0) << estimate->name;
        }
        EXPECT_LT(
            std::sqrt(squaredDistance(result.reparameterization.mean, exact) / squaredNorm(exact)),
            0.05);
        // The Bernoulli's gradient for the same weights is another one: the check has power.
        config.likelihood = vae::Likelihood::Bernoulli;
        if (likelihood == vae::Likelihood::ContinuousBernoulli) {
            const std::vector<double> bernoulli =
                exactGradient(*vae::makeUntrainedModel(config), x, kImages, 64);
            EXPECT_GT(squaredDistance(result.reparameterization.mean, bernoulli) /
                          (result.reparameterization.totalVariance / options.draws),
                      6.0);
        }
    }
    // Real values are accepted only by the Gaussian.
    std::vector<float> x = firstTestImages(1);
    x[3] = -0.5f;
    EXPECT_THROW((void)vae::compareGradientEstimators(*tinyModel(), x, 1, {}),
                 std::invalid_argument);
}

TEST(GradientEstimators, ScoreFunctionVarianceFarExceedsReparameterizationOnMnist)
{
    const auto model = trainedModel();
    constexpr int kImages = 64;
    const std::vector<float> x = firstTestImages(kImages);
    vae::GradientEstimatorOptions options;
    options.draws = 200;
    options.seed = 1;
    options.keepCoordinates = true;
    const vae::GradientComparison result =
        vae::compareGradientEstimators(*model, x, kImages, options);

    std::cout << "MNIST, default 2-D model after 1 epoch on 10,000 images (step " << result.step
              << "), n = " << kImages << ", M = " << options.draws << ": variance reparam "
              << result.reparameterization.totalVariance << " ± "
              << result.reparameterization.totalVarianceStandardError << ", score function "
              << result.scoreFunction.totalVariance << " ± "
              << result.scoreFunction.totalVarianceStandardError << ", with baseline "
              << result.scoreFunctionBaseline.totalVariance << "; ratio " << result.varianceRatio
              << " ± " << result.varianceRatioStandardError << "; ELBO " << result.elbo << "; "
              << result.seconds << " s\n";
    ::testing::Test::RecordProperty("variance_ratio", std::to_string(result.varianceRatio));

    EXPECT_EQ(result.count, kImages);
    EXPECT_EQ(result.draws, options.draws);
    EXPECT_EQ(result.latentDim, 2);
    EXPECT_EQ(result.parameterCount, 600068);
    EXPECT_GT(result.varianceRatio, 10.0);
    EXPECT_NEAR(result.varianceRatio,
                result.scoreFunction.totalVariance / result.reparameterization.totalVariance,
                1e-12 * result.varianceRatio);
    EXPECT_GT(result.varianceRatioStandardError, 0.0);
    EXPECT_LT(result.varianceRatioStandardError, 0.5 * result.varianceRatio);
    // The baseline removes part of the score function's variance, not all of it.
    EXPECT_LT(result.scoreFunctionBaseline.totalVariance, result.scoreFunction.totalVariance);
    // The ELBO estimate is that of the model's own evaluation, to Monte-Carlo error.
    const std::vector<vae::LossTerms> terms = model->evaluateImages(x, kImages, 200, 2);
    double elbo = 0;
    for (const vae::LossTerms& t : terms)
        elbo += t.elbo / kImages;
    EXPECT_NEAR(result.elbo, elbo, 0.01 * std::abs(elbo));

    // Both estimate the same gradient: their means agree within their standard errors.
    const double distance =
        squaredDistance(result.reparameterization.mean, result.scoreFunction.mean);
    const double expected =
        (result.reparameterization.totalVariance + result.scoreFunction.totalVariance) /
        options.draws;
    std::cout << "‖ḡ_reparam − ḡ_score‖² / (V_r + V_s)/M = " << distance / expected << '\n';
    EXPECT_LT(distance / expected, 3.0);

    // Without per-coordinate figures, the Gram-matrix path: the same figures, far sooner.
    options.keepCoordinates = false;
    const vae::GradientComparison fast =
        vae::compareGradientEstimators(*model, x, kImages, options);
    std::cout << "the same from the Jacobian's Gram matrices: ratio " << fast.varianceRatio << ", "
              << fast.seconds << " s\n";
    EXPECT_NEAR(fast.varianceRatio, result.varianceRatio, 1e-5 * result.varianceRatio);
    EXPECT_NEAR(fast.reparameterization.totalVariance, result.reparameterization.totalVariance,
                1e-5 * result.reparameterization.totalVariance);
}

TEST(GradientEstimators, DeterministicForASeed)
{
    const auto model = tinyModel();
    const std::vector<float> x = firstTestImages(3);
    vae::GradientEstimatorOptions options;
    options.draws = 50;
    options.seed = 4;
    const vae::GradientComparison a = vae::compareGradientEstimators(*model, x, 3, options);
    const vae::GradientComparison b = vae::compareGradientEstimators(*model, x, 3, options);
    EXPECT_EQ(a.reparameterization.totalVariance, b.reparameterization.totalVariance);
    EXPECT_EQ(a.scoreFunction.totalVariance, b.scoreFunction.totalVariance);
    EXPECT_EQ(a.scoreFunctionBaseline.totalVariance, b.scoreFunctionBaseline.totalVariance);
    EXPECT_EQ(a.reparameterization.meanNorm, b.reparameterization.meanNorm);
    EXPECT_EQ(a.varianceRatio, b.varianceRatio);
    options.seed = 5;
    const vae::GradientComparison c = vae::compareGradientEstimators(*model, x, 3, options);
    EXPECT_NE(a.scoreFunction.totalVariance, c.scoreFunction.totalVariance);
    // Without the baseline, the other two are unchanged (the same ε).
    options.seed = 4;
    options.baseline = false;
    const vae::GradientComparison d = vae::compareGradientEstimators(*model, x, 3, options);
    EXPECT_EQ(d.scoreFunction.totalVariance, a.scoreFunction.totalVariance);
    EXPECT_TRUE(d.scoreFunctionBaseline.name.empty());
    EXPECT_TRUE(d.scoreFunction.mean.empty()); // no coordinates unless asked for
}

TEST(GradientEstimators, GramMatricesGiveThePerDrawFigures)
{
    // Without keepCoordinates and for n·2D ≤ 1024 the variances come from the Jacobian's Gram
    // matrices; with it, from one backward pass per draw. The same figures either way.
    vae::TrainingConfig config;
    config.latentDim = 3;
    config.hiddenSizes = {32, 16};
    config.seed = 9;
    const auto model = vae::makeUntrainedModel(config);
    constexpr int kImages = 5;
    const std::vector<float> x = firstTestImages(kImages);
    vae::GradientEstimatorOptions options;
    options.draws = 40;
    options.seed = 2;
    const vae::GradientComparison gram =
        vae::compareGradientEstimators(*model, x, kImages, options);
    options.keepCoordinates = true;
    const vae::GradientComparison perDraw =
        vae::compareGradientEstimators(*model, x, kImages, options);
    const auto same = [](double a, double b) { return std::abs(a - b) <= 1e-5 * std::abs(b); };
    for (const auto& [a, b] :
         {std::pair{&gram.reparameterization, &perDraw.reparameterization},
          std::pair{&gram.scoreFunction, &perDraw.scoreFunction},
          std::pair{&gram.scoreFunctionBaseline, &perDraw.scoreFunctionBaseline}}) {
        EXPECT_EQ(a->name, b->name);
        EXPECT_TRUE(same(a->totalVariance, b->totalVariance))
            << a->name << ": " << a->totalVariance << " vs " << b->totalVariance;
        EXPECT_TRUE(same(a->meanNorm, b->meanNorm)) << a->meanNorm << " vs " << b->meanNorm;
        EXPECT_TRUE(same(a->totalVarianceStandardError, b->totalVarianceStandardError))
            << a->totalVarianceStandardError << " vs " << b->totalVarianceStandardError;
        ASSERT_EQ(a->tensors.size(), b->tensors.size());
        ASSERT_EQ(a->tensors.size(), 6u);
        for (std::size_t t = 0; t < a->tensors.size(); ++t) {
            EXPECT_EQ(a->tensors[t].name, b->tensors[t].name);
            EXPECT_EQ(a->tensors[t].size, b->tensors[t].size);
            EXPECT_TRUE(same(a->tensors[t].totalVariance, b->tensors[t].totalVariance))
                << a->tensors[t].name;
            EXPECT_TRUE(same(a->tensors[t].meanNorm, b->tensors[t].meanNorm)) << a->tensors[t].name;
        }
    }
    EXPECT_EQ(gram.reparameterization.tensors.front().name, "encoder.0.weight");
    EXPECT_EQ(gram.reparameterization.tensors.back().name, "encoder_head.bias");
    EXPECT_TRUE(same(gram.varianceRatio, perDraw.varianceRatio));
}

TEST(GradientEstimators, BadArgumentsThrow)
{
    const auto model = tinyModel();
    std::vector<float> x = firstTestImages(2);
    vae::GradientEstimatorOptions options;
    options.draws = 10;
    EXPECT_THROW((void)vae::compareGradientEstimators(*model, x, 0, options),
                 std::invalid_argument);
    EXPECT_THROW((void)vae::compareGradientEstimators(*model, x, 3, options),
                 std::invalid_argument);
    EXPECT_THROW((void)vae::compareGradientEstimators(*model, std::span(x).first(100), 2, options),
                 std::invalid_argument);
    options.draws = 1;
    EXPECT_THROW((void)vae::compareGradientEstimators(*model, x, 2, options),
                 std::invalid_argument);
    options.draws = 10;
    x[5] = 1.5f;
    EXPECT_THROW((void)vae::compareGradientEstimators(*model, x, 2, options),
                 std::invalid_argument);
    x[5] = std::numeric_limits<float>::quiet_NaN();
    EXPECT_THROW((void)vae::compareGradientEstimators(*model, x, 2, options),
                 std::invalid_argument);
    x[5] = 0.5f;
    EXPECT_NO_THROW((void)vae::compareGradientEstimators(*model, x, 2, options));
    // An autoencoder samples nothing: there is no ε to estimate over.
    vae::TrainingConfig ae;
    ae.modelKind = "autoencoder";
    ae.hiddenSizes = {16};
    EXPECT_THROW((void)vae::compareGradientEstimators(*vae::makeUntrainedModel(ae), x, 2, options),
                 std::invalid_argument);
}
