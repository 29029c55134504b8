// The loss terms against independent computations (Kingma & Welling 2014, eq. 10 and appendix B).
#include "model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace {
constexpr double kLog2Pi = 1.8378770664093453;
}

TEST(LossMath, ClosedFormKlMatchesMonteCarlo)
{
    const torch::Tensor mu = torch::tensor({{0.5f, -1.0f, 0.0f}});
    const torch::Tensor logVar = torch::tensor({{-0.5f, 0.3f, -2.0f}});
    const double closedForm = vae::klDivergence(mu, logVar).item<double>();

    // KL(q‖p) = E_q[log q(z) − log p(z)], estimated with 10^5 draws from q.
    constexpr int kSamples = 100000;
    at::Generator generator = vae::makeGenerator(7);
    const torch::Tensor eps = torch::randn({kSamples, 3}, generator, torch::kFloat64);
    const torch::Tensor mu64 = mu.to(torch::kFloat64);
    const torch::Tensor logVar64 = logVar.to(torch::kFloat64);
    const torch::Tensor z = mu64 + eps * torch::exp(0.5 * logVar64);
    const torch::Tensor logQ = (-0.5 * (kLog2Pi + logVar64 + eps.square())).sum(1);
    const torch::Tensor logP = (-0.5 * (kLog2Pi + z.square())).sum(1);
    const double monteCarlo = (logQ - logP).mean().item<double>();

    EXPECT_GT(closedForm, 0.5);
    EXPECT_NEAR(monteCarlo, closedForm, 0.01 * closedForm)
        << "closed form " << closedForm << " vs Monte Carlo " << monteCarlo;
}

TEST(LossMath, KlIsZeroAtThePrior)
{
    const torch::Tensor zeros = torch::zeros({4, 2});
    EXPECT_NEAR(vae::klDivergence(zeros, zeros).abs().max().item<double>(), 0.0, 1e-7);
}

TEST(LossMath, ReconstructionIsBernoulliCrossEntropySummedOverPixels)
{
    const torch::Tensor logits = torch::tensor({{0.0f, 1.0f, -2.0f, 3.0f}, {0.5f, -0.5f, 2.0f, -1.0f}});
    const torch::Tensor x = torch::tensor({{0.0f, 1.0f, 0.5f, 1.0f}, {1.0f, 0.0f, 0.25f, 0.0f}});
    const torch::Tensor nll = vae::reconstructionNll(logits, x);
    ASSERT_EQ(nll.sizes(), (std::vector<std::int64_t>{2}));
    // −Σ_j [x_j log σ(l_j) + (1 − x_j) log(1 − σ(l_j))], worked out by hand per row.
    EXPECT_NEAR(nll[0].item<double>(), 2.1819242306948827, 1e-5);
    EXPECT_NEAR(nll[1].item<double>(), 2.8883436669214078, 1e-5);
}

TEST(LossMath, ReparameterizationIsMuPlusSigmaEps)
{
    const torch::Tensor mu = torch::tensor({1.0f, -2.0f});
    const torch::Tensor logVar = torch::tensor({std::log(4.0f), 0.0f});
    const torch::Tensor eps = torch::tensor({0.5f, -1.0f});
    const torch::Tensor z = vae::reparameterize(mu, logVar, eps);
    EXPECT_NEAR(z[0].item<double>(), 1.0 + 2.0 * 0.5, 1e-6);
    EXPECT_NEAR(z[1].item<double>(), -2.0 - 1.0, 1e-6);
}

TEST(LossMath, ReconstructionGradientReachesTheEncoderThroughZ)
{
    vae::TrainingConfig config;
    config.hiddenSizes = {32};
    vae::VaeNet net = vae::makeNet(config);
    at::Generator generator = vae::makeGenerator(3);
    const torch::Tensor x = torch::rand({8, 784});
    const vae::ForwardLoss loss = vae::forwardLoss(net, x, generator);
    // Only the reconstruction term: its sole path to the encoder is z = μ + σ ⊙ ε.
    loss.reconstruction.sum().backward();
    for (const auto& item : net->named_parameters()) {
        ASSERT_TRUE(item.value().grad().defined()) << item.key();
        EXPECT_GT(item.value().grad().abs().sum().item<double>(), 0.0) << item.key();
    }
}

TEST(LossMath, EvaluationAveragesTheClosedFormKlAndOneDrawOfTheReconstruction)
{
    // evaluateLoss against terms computed here from the encoder and decoder: the KL term is the
    // mean of the closed form over the images (no sampling), and the reconstruction term one
    // draw per image, so it lies within the spread of 400 such means drawn here.
    vae::TrainingConfig config;
    config.hiddenSizes = {32};
    vae::VaeNet net = vae::makeNet(config);
    torch::NoGradGuard noGrad;
    at::Generator data = vae::makeGenerator(5);
    const torch::Tensor x = torch::rand({50, 784}, data);
    const vae::LossTerms terms = vae::evaluateLoss(net, x, 1);
    EXPECT_DOUBLE_EQ(terms.elbo, -(terms.reconstruction + terms.kl));

    auto [mu, logVar] = net->encode(x);
    const double kl = vae::klDivergence(mu, logVar).to(torch::kFloat64).mean().item<double>();
    EXPECT_NEAR(terms.kl, kl, 1e-5 * kl + 1e-7);

    at::Generator noise = vae::makeGenerator(9);
    constexpr int kDraws = 400;
    std::vector<double> means;
    for (int d = 0; d < kDraws; ++d) {
        const torch::Tensor eps = torch::randn(mu.sizes(), noise);
        const torch::Tensor z = vae::reparameterize(mu, logVar, eps);
        means.push_back(
            vae::reconstructionNll(net->decode(z), x).to(torch::kFloat64).mean().item<double>());
    }
    double mean = 0, squares = 0;
    for (double m : means)
        mean += m / kDraws;
    for (double m : means)
        squares += (m - mean) * (m - mean);
    const double spread = std::sqrt(squares / (kDraws - 1)); // of one mean of one draw per image
    EXPECT_GT(spread, 0.0);
    EXPECT_NEAR(terms.reconstruction, mean, 5 * spread) << "spread " << spread;
}

TEST(ModelInit, OutputBiasDecodesTheDataMean)
{
    vae::TrainingConfig config;
    config.hiddenSizes = {16};
    vae::VaeNet net = vae::makeNet(config);
    // Three 784-pixel "images": pixel 0 always black, pixel 1 always white, pixel 2 at mean 0.25.
    torch::Tensor images = torch::zeros({3, 784});
    images.select(1, 1).fill_(1.0);
    images[0][2] = 0.75;
    vae::initOutputBiasToDataMean(net, images);
    const torch::Tensor bias = net->layers().decoder.back()->bias;
    EXPECT_NEAR(torch::sigmoid(bias[2]).item<double>(), 0.25, 1e-6);
    // Constant pixels get the clamped logit ±log(999), not ±∞.
    EXPECT_NEAR(bias[0].item<double>(), -std::log(999.0), 1e-4);
    EXPECT_NEAR(bias[1].item<double>(), std::log(999.0), 1e-4);
    EXPECT_TRUE(torch::isfinite(bias).all().item<bool>());
}
