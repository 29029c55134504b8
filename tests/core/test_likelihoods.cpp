// The decoder's likelihoods (vae/likelihood_kind.h): the continuous Bernoulli's normaliser and
// mean against numerical integration, both likelihoods against closed forms written out here in
// double, the hand-written training step against autograd for every likelihood and two input
// sizes, and short real training runs.
#include "fused_step.h"
#include "inference_impl.h"
#include "kernels.h"
#include "model.h"
#include "test_support.h"
#include "vae/data_description.h"
#include "vae/errors.h"
#include "vae/likelihood.h"
#include "vae/likelihood_kind.h"
#include "vae/trainer.h"

#include <ATen/Parallel.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>
#include <ostream>
#include <span>

namespace vae {
/// GoogleTest prints parameters with it (test names and failures).
void PrintTo(Likelihood likelihood, std::ostream* out)
{
    *out << likelihoodName(likelihood);
}
} // namespace vae

namespace {

using vae::Likelihood;

/// ∫₀¹ f by composite Simpson with n (even) intervals, in double.
double simpson(const std::function<double(double)>& f, int n = 20000)
{
    const double h = 1.0 / n;
    double sum = f(0.0) + f(1.0);
    for (int i = 1; i < n; ++i)
        sum += (i % 2 ? 4.0 : 2.0) * f(i * h);
    return sum * h / 3.0;
}

double logit(double lambda)
{
    return std::log(lambda) - std::log1p(-lambda);
}

/// The continuous Bernoulli's unnormalised density λ^x (1 − λ)^(1 − x), from λ in double.
double unnormalised(double lambda, double x)
{
    return std::exp(x * std::log(lambda) + (1.0 - x) * std::log1p(-lambda));
}

/// The λ of the tests: the middle, next to it, and both ends.
const std::vector<double> kLambdas = {0.5,  0.5 + 1e-6, 0.5 - 1e-6, 0.5 + 1e-3, 0.5 - 1e-3,
                                      0.52, 0.55,       0.45,       0.7,        0.9,
                                      0.1,  0.99,       1e-3,       1e-6,       1.0 - 1e-6};

} // namespace

TEST(LikelihoodKind, NamesRoundTripAndBadNamesAreRefused)
{
    for (Likelihood l :
         {Likelihood::Bernoulli, Likelihood::ContinuousBernoulli, Likelihood::Gaussian})
        EXPECT_EQ(vae::parseLikelihood(vae::likelihoodName(l)), l);
    EXPECT_EQ(vae::likelihoodName(Likelihood::ContinuousBernoulli), "continuous-bernoulli");
    try {
        (void)vae::parseLikelihood("poisson");
        ADD_FAILURE() << "poisson was accepted";
    } catch (const vae::ConfigError& e) {
        EXPECT_EQ(e.field(), "likelihood");
        EXPECT_NE(std::string(e.what()).find("got \"poisson\""), std::string::npos) << e.what();
    }
}

TEST(LikelihoodKind, DefaultPerValueKind)
{
    vae::DataDescription d = vae::DataDescription::mnist();
    EXPECT_EQ(vae::defaultLikelihood(d), Likelihood::Bernoulli); // MNIST's figures unchanged
    d.values = vae::ValueKind::Binary;
    EXPECT_EQ(vae::defaultLikelihood(d), Likelihood::Bernoulli);
    d.values = vae::ValueKind::Real;
    EXPECT_EQ(vae::defaultLikelihood(d), Likelihood::Gaussian);
}

TEST(ContinuousBernoulli, LogNormalizerEqualsNumericalIntegration)
{
    // C(λ) = 1 / ∫₀¹ λ^x (1 − λ)^(1 − x) dx (Loaiza-Ganem & Cunningham 2019, eq. 7).
    for (double lambda : kLambdas) {
        const double integral = simpson([lambda](double x) { return unnormalised(lambda, x); });
        EXPECT_NEAR(vae::continuousBernoulliLogNormalizer(logit(lambda)), -std::log(integral), 1e-9)
            << "λ = " << lambda;
    }
    EXPECT_DOUBLE_EQ(vae::continuousBernoulliLogNormalizer(0.0), std::log(2.0));
    // The Taylor series and the direct form meet at the band's edge (no step in the loss).
    constexpr double kEdge = vae::kContinuousBernoulliTaylorBand;
    for (double side : {1.0, -1.0}) {
        EXPECT_NEAR(vae::continuousBernoulliLogNormalizer(side * (kEdge - 1e-12)),
                    vae::continuousBernoulliLogNormalizer(side * (kEdge + 1e-12)), 1e-12);
        EXPECT_NEAR(vae::continuousBernoulliLogNormalizerDerivative(side * (kEdge - 1e-12)),
                    vae::continuousBernoulliLogNormalizerDerivative(side * (kEdge + 1e-12)), 1e-10);
    }
}

TEST(ContinuousBernoulli, DerivativeEqualsFiniteDifferences)
{
    // (Not across the band's edge: the series and the direct form differ there by ~1e-13, which a
    // difference quotient over 2e-5 would magnify to ~1e-8.)
    for (double l : {-40.0, -5.0, -0.5, -0.20002, -0.19998, -0.1, -1e-3, 0.0, 1e-6, 0.05, 0.19,
                     0.21, 1.0, 8.0, 60.0}) {
        constexpr double h = 1e-5;
        const double numeric = (vae::continuousBernoulliLogNormalizer(l + h) -
                                vae::continuousBernoulliLogNormalizer(l - h)) /
                               (2 * h);
        EXPECT_NEAR(vae::continuousBernoulliLogNormalizerDerivative(l), numeric, 1e-8)
            << "l = " << l;
    }
}

TEST(ContinuousBernoulli, MeanEqualsNumericalIntegration)
{
    // E[x] = ∫ x C λ^x (1 − λ)^(1 − x) dx against λ/(2λ − 1) + 1/(2 artanh(1 − 2λ)).
    for (double lambda : kLambdas) {
        const double c = std::exp(vae::continuousBernoulliLogNormalizer(logit(lambda)));
        const double mean = c * simpson([lambda](double x) { return x * unnormalised(lambda, x); });
        EXPECT_NEAR(vae::continuousBernoulliMean(logit(lambda)), mean, 1e-9) << "λ = " << lambda;
        if (std::fabs(lambda - 0.5) > 1e-2) // the paper's form, where it does not cancel
            EXPECT_NEAR(vae::continuousBernoulliMean(logit(lambda)),
                        lambda / (2 * lambda - 1) + 1 / (2 * std::atanh(1 - 2 * lambda)), 1e-9);
    }
    EXPECT_NEAR(vae::continuousBernoulliMean(logit(0.9)), 0.66988, 1e-5); // not λ
    // The tensor version (float) gives the same.
    std::vector<float> logits;
    for (double lambda : kLambdas)
        logits.push_back(float(logit(lambda)));
    const torch::Tensor l = torch::tensor(logits);
    const torch::Tensor means = vae::continuousBernoulliMean(l);
    for (std::size_t i = 0; i < logits.size(); ++i)
        EXPECT_NEAR(means[i].item<double>(), vae::continuousBernoulliMean(double(logits[i])), 2e-6)
            << "logit " << logits[i];
}

TEST(ContinuousBernoulli, NllEqualsClosedFormAndIntegratesToOne)
{
    // −log p(x|λ) = −x log λ − (1 − x) log(1 − λ) − log C(λ), with C = 2 artanh(1 − 2λ)/(1 − 2λ)
    // written out in long double from λ (its limit 2 + (4/3)(1 − 2λ)² at the middle).
    at::Generator generator = vae::makeGenerator(4);
    const torch::Tensor x = torch::rand({long(kLambdas.size()), 200}, generator, torch::kFloat64);
    std::vector<float> logits;
    for (double lambda : kLambdas)
        logits.push_back(float(logit(lambda)));
    const torch::Tensor l = torch::tensor(logits).unsqueeze(1).expand({-1, 200}).contiguous();
    const torch::Tensor nll =
        vae::reconstructionNll(l, x.to(torch::kFloat32), Likelihood::ContinuousBernoulli);
    for (std::size_t i = 0; i < kLambdas.size(); ++i) {
        const long double li = logits[i]; // the float the tensor holds
        const long double lambda = 1.0L / (1.0L + std::exp(-li));
        const long double t = 1.0L - 2.0L * lambda;
        const long double c =
            std::fabs(t) < 1e-6L ? 2.0L + 4.0L / 3.0L * t * t : 2.0L * std::atanh(t) / t;
        long double expected = 0;
        for (int j = 0; j < 200; ++j) {
            const long double xj = x[long(i)][j].item<double>();
            expected -= xj * std::log(lambda) + (1.0L - xj) * std::log1p(-lambda) + std::log(c);
        }
        EXPECT_NEAR(nll[long(i)].item<double>(), double(expected), 2e-5 * 200)
            << "λ = " << kLambdas[i];
    }
    // A density: exp(−nll) integrates to 1 over [0, 1] for every λ (one value per example).
    for (double lambda : {0.5, 0.5 + 1e-6, 0.7, 0.01, 0.999}) {
        const float li = float(logit(lambda));
        const auto density = [li](double xv) {
            const torch::Tensor v =
                vae::reconstructionNll(torch::full({1, 1}, li), torch::full({1, 1}, float(xv)),
                                       Likelihood::ContinuousBernoulli);
            return std::exp(-v.item<double>());
        };
        EXPECT_NEAR(simpson(density, 2000), 1.0, 1e-5) << "λ = " << lambda;
    }
}

TEST(ContinuousBernoulli, AutogradGradientIsFiniteAndMatchesTheDerivative)
{
    // The unused branch of torch::where must not poison the gradient (0/0 at l = 0).
    const std::vector<double> points = {0.0, 1e-7, -0.05, 0.1999, -0.2001, 3.0, -50.0};
    const torch::Tensor l =
        torch::tensor(std::vector<float>(points.begin(), points.end())).requires_grad_(true);
    vae::continuousBernoulliLogNormalizer(l).sum().backward();
    for (std::size_t i = 0; i < points.size(); ++i)
        EXPECT_NEAR(l.grad()[long(i)].item<double>(),
                    vae::continuousBernoulliLogNormalizerDerivative(double(float(points[i]))), 2e-6)
            << "l = " << points[i];
}

TEST(Gaussian, NllEqualsClosedForm)
{
    at::Generator generator = vae::makeGenerator(6);
    const torch::Tensor mu = torch::randn({5, 37}, generator, torch::kFloat32);
    const torch::Tensor x = torch::randn({5, 37}, generator, torch::kFloat32) * 2;
    for (double sigma : {vae::kGaussianSigmaMin, 0.1, 1.0, 3.5}) {
        const torch::Tensor nll = vae::reconstructionNll(mu, x, Likelihood::Gaussian, sigma);
        for (long i = 0; i < 5; ++i) {
            double expected = 0;
            for (long d = 0; d < 37; ++d) {
                const double r = x[i][d].item<double>() - mu[i][d].item<double>();
                expected += 0.5 * r * r / (sigma * sigma) +
                            0.5 * std::log(2 * std::numbers::pi * sigma * sigma);
            }
            EXPECT_NEAR(nll[i].item<double>(), expected, 1e-5 * std::max(1.0, std::fabs(expected)))
                << "σ = " << sigma;
        }
    }
}

namespace {

/// The objective with autograd: reconstruction of the config's likelihood + β·KL, both batch
/// means; the Gaussian's σ² = max(batch MSE, σ_min²) held constant (detached), as the step does.
torch::Tensor autogradObjective(vae::VaeNet& net, const torch::Tensor& x, const torch::Tensor& eps,
                                double beta, double* rec, double* kl, double* sigmaUsed = nullptr)
{
    auto [mu, logVar] = net->encode(x);
    const torch::Tensor output = net->decode(vae::reparameterize(mu, logVar, eps));
    const Likelihood likelihood = net->config().likelihood;
    double sigma = 1.0;
    if (likelihood == Likelihood::Gaussian) {
        const double mse = (output.detach() - x).square().mean().item<double>();
        sigma = std::sqrt(std::max(mse, vae::kGaussianSigmaMin * vae::kGaussianSigmaMin));
    }
    if (sigmaUsed)
        *sigmaUsed = sigma;
    const torch::Tensor r = vae::reconstructionNll(output, x, likelihood, sigma).mean();
    const torch::Tensor k = vae::klDivergence(mu, logVar).mean();
    *rec = r.item<double>();
    *kl = k.item<double>();
    return r + beta * k;
}

void expectGradientsEqual(vae::FusedVaeStep& fused, vae::VaeNet& referenceNet)
{
    const auto reference = referenceNet->named_parameters();
    ASSERT_EQ(reference.size(), fused.gradientViews().size());
    for (std::size_t i = 0; i < reference.size(); ++i) {
        const torch::Tensor expected = reference[i].value().grad();
        const torch::Tensor actual = fused.gradientViews()[i];
        const double scale = expected.abs().max().item<double>();
        EXPECT_GT(scale, 0.0) << reference[i].key();
        EXPECT_LT((actual - expected).abs().max().item<double>(), 1e-4 * scale + 1e-7)
            << reference[i].key();
    }
}

/// Examples the likelihood fits: MNIST grey levels (784) or those pooled 4×4 to 7×7 (49), and for
/// the Gaussian the same standardised (mean 0, variance 1 over all values: real numbers).
torch::Tensor examples(Likelihood likelihood, int features, int count)
{
    torch::Tensor x = vae::imagesTensor(vae::test::mnist()->train.pixels, count, 784);
    if (features == 49)
        x = torch::avg_pool2d(x.view({count, 1, 28, 28}), 4).reshape({count, 49});
    if (likelihood == Likelihood::Gaussian)
        x = (x - x.mean()) / x.std();
    return x.contiguous();
}

} // namespace

class FusedStepLikelihood : public ::testing::TestWithParam<std::tuple<Likelihood, int>> {};

TEST_P(FusedStepLikelihood, GradientsEqualAutograd)
{
    // The hand-written step against autograd for a likelihood and an input size: one shard on a
    // partial batch, and 2 and 3 shards gathering rows of the data (the Gaussian's σ² is the
    // whole batch's MSE, which the shards meet to compute).
    const auto [likelihood, features] = GetParam();
    at::set_num_threads(2);
    vae::TrainingConfig config = vae::test::smallNet();
    config.inputSize = features;
    config.likelihood = likelihood;
    const torch::Tensor images = examples(likelihood, features, 1000);
    for (const int shards : {1, 2, 3}) {
        for (const int batch : {10, 100}) {
            if (shards > 1 && batch < 64)
                continue; // one shard again
            SCOPED_TRACE("shards " + std::to_string(shards) + ", batch " + std::to_string(batch));
            vae::VaeNet fusedNet = vae::makeNet(config);
            vae::VaeNet referenceNet = vae::makeNet(config); // same seed, same weights
            vae::FusedVaeStep fused(fusedNet, 128, shards);
            at::Generator generator = vae::makeGenerator(6);
            const torch::Tensor indices =
                torch::randperm(1000, generator, torch::kLong).narrow(0, 0, batch);
            const torch::Tensor eps = torch::randn({batch, 3}, generator, torch::kFloat32);
            const torch::Tensor x = torch::empty({batch, features});
            const vae::StepValues values = fused.computeGradients(images, indices, x, eps, 1.5);
            EXPECT_EQ(fused.lastShards(), shards);
            double rec = 0, kl = 0, sigma = 0;
            autogradObjective(referenceNet, images.index_select(0, indices), eps, 1.5, &rec, &kl,
                              &sigma)
                .backward();
            EXPECT_NEAR(values.reconstruction, rec, 1e-4 * std::max(std::fabs(rec), 1.0));
            EXPECT_NEAR(values.kl, kl, 1e-4 * std::max(kl, 1.0));
            if (likelihood == Likelihood::Gaussian)
                EXPECT_NEAR(values.gaussianSigma, sigma, 1e-5 * sigma);
            expectGradientsEqual(fused, referenceNet);
        }
    }
}

INSTANTIATE_TEST_SUITE_P(AllLikelihoods, FusedStepLikelihood,
                         ::testing::Combine(::testing::Values(Likelihood::Bernoulli,
                                                              Likelihood::ContinuousBernoulli,
                                                              Likelihood::Gaussian),
                                            ::testing::Values(784, 49)),
                         [](const auto& info) {
                             std::string name(vae::likelihoodName(std::get<0>(info.param)));
                             std::erase(name, '-');
                             return name + "_" + std::to_string(std::get<1>(info.param));
                         });

TEST(FusedStep, ContinuousBernoulliKernelNearHalf)
{
    // The training step's vectorised kernel (float, -ffast-math) on logits in and around the
    // Taylor band (λ near ½) and far out, against the double-precision scalar formulas.
    const std::vector<float> values = {0.0f,    1e-7f,    -1e-4f, 0.01f,  -0.1f, 0.1999f,
                                       0.2001f, -0.2001f, 0.5f,   -2.0f,  7.0f,  -30.0f,
                                       80.0f,   -80.0f,   0.15f,  -0.25f, 1e-3f, 3.0f};
    const long n = long(values.size());
    at::Generator generator = vae::makeGenerator(2);
    const torch::Tensor x = torch::rand({1, n}, generator, torch::kFloat32);
    torch::Tensor grad = torch::empty({1, n});
    constexpr float kScale = 0.5f;
    const double total = vae::kernels::continuousBernoulliNllWithGradient(
        values.data(), x.data_ptr<float>(), grad.data_ptr<float>(), 1, n, kScale);
    double expected = 0;
    for (long i = 0; i < n; ++i) {
        const double li = values[std::size_t(i)];
        const double xi = x[0][i].item<double>();
        const double softplus = std::max(li, 0.0) + std::log1p(std::exp(-std::fabs(li)));
        expected += softplus - xi * li - vae::continuousBernoulliLogNormalizer(li);
        const double sig = 1.0 / (1.0 + std::exp(-li));
        EXPECT_NEAR(grad[0][i].item<double>(),
                    kScale * (sig - xi - vae::continuousBernoulliLogNormalizerDerivative(li)), 1e-6)
            << "l = " << li;
    }
    EXPECT_NEAR(total, expected, 1e-5 * std::max(1.0, std::fabs(expected)));
}

namespace {

std::shared_ptr<vae::Dataset> standardisedMnist(int trainCount, int testCount)
{
    // MNIST's pixels as real numbers: mean 0 and variance 1 over all training values.
    auto data = std::make_shared<vae::Dataset>();
    data->description = vae::DataDescription::mnist();
    data->description.name = "MNIST standardised";
    data->description.values = vae::ValueKind::Real;
    data->train = vae::test::mnist()->train.head(trainCount);
    data->test = vae::test::mnist()->test.head(testCount);
    const torch::Tensor train = vae::imagesTensor(data->train.pixels, trainCount, 784);
    const double mean = train.mean().item<double>();
    const double std = train.std().item<double>();
    for (vae::ImageSet* set : {&data->train, &data->test})
        for (float& v : set->pixels)
            v = float((v - mean) / std);
    return data;
}

vae::TrainingConfig shortRun(Likelihood likelihood)
{
    vae::TrainingConfig config;
    config.epochs = 3;
    config.seed = 11;
    config.hiddenSizes = {256, 128};
    config.learningRate = 1e-3;
    config.warmupSteps = 0;
    config.lrSchedule = "constant";
    config.likelihood = likelihood;
    return config;
}

} // namespace

TEST(LikelihoodTraining, ContinuousBernoulliOnMnistGreyLevels)
{
    // The continuous Bernoulli is a density on [0, 1]: on grey levels its log-likelihood is far
    // above the Bernoulli's (log C ≥ log 2 per pixel), so −ELBO goes negative; it must fall.
    const auto data = vae::test::mnistSubset(2000);
    vae::Trainer trainer(shortRun(Likelihood::ContinuousBernoulli), data);
    const vae::LossTerms before = trainer.inference()->evaluate(data->test, 5);
    trainer.start();
    trainer.wait();
    ASSERT_EQ(trainer.state(), vae::TrainerState::Finished);
    const vae::TrainingHistory history = trainer.history();
    ASSERT_EQ(history.epochs.size(), 3u);
    const double after = -history.epochs.back().test.elbo;
    EXPECT_LT(after, -before.elbo - 50.0) << "untrained " << -before.elbo << ", after " << after;
    EXPECT_LT(-history.epochs[2].train.elbo, -history.epochs[0].train.elbo);
    EXPECT_EQ(trainer.inference()->likelihood(), Likelihood::ContinuousBernoulli);
    // The decoded image is the distribution's mean, in (0, 1).
    const std::vector<float> image = trainer.inference()->decode(std::vector<float>{0.0f, 0.0f});
    for (float v : image) {
        EXPECT_GT(v, 0.0f);
        EXPECT_LT(v, 1.0f);
    }
    std::printf("continuous Bernoulli, MNIST 2000 images, 3 epochs: test -ELBO %.2f -> %.2f nats\n",
                -before.elbo, after);
}

TEST(LikelihoodTraining, GaussianOnStandardisedMnist)
{
    const auto data = standardisedMnist(8000, 1000);
    vae::TrainingConfig config = shortRun(Likelihood::Gaussian);
    EXPECT_THROW(vae::Trainer(shortRun(Likelihood::Bernoulli), data), vae::ConfigError);
    vae::Trainer trainer(config, data);
    const auto untrained = trainer.inference();
    // Before training the decoder outputs the mean image, and σ is the root of the features' mean
    // variance: the MSE of that image.
    const torch::Tensor train = vae::imagesTensor(data->train.pixels, 8000, 784);
    const double initialSigma = std::sqrt(train.var(0, false).mean().item<double>());
    EXPECT_NEAR(untrained->gaussianSigma(), initialSigma, 1e-5);
    const vae::LossTerms before = untrained->evaluate(data->test, 5);
    trainer.start();
    trainer.wait();
    ASSERT_EQ(trainer.state(), vae::TrainerState::Finished);
    const vae::TrainingHistory history = trainer.history();
    const auto model = trainer.inference();
    const double after = -history.epochs.back().test.elbo;
    // Measured: 971 → 849 nats (σ 0.85 → 0.73); the mean image alone stays at 971.
    EXPECT_LT(after, -before.elbo - 80.0) << "untrained " << -before.elbo << ", after " << after;
    EXPECT_LT(-history.epochs.back().train.elbo, -history.epochs[0].train.elbo);
    // The stored σ follows the reconstructions: below the data's spread, above the floor.
    EXPECT_LT(model->gaussianSigma(), initialSigma - 0.05);
    EXPECT_GT(model->gaussianSigma(), vae::kGaussianSigmaMin);
    // evaluate() uses that σ: its reconstruction term is ½ F log(2πσ²) + MSE·F/(2σ²), so the MSE
    // it implies is about σ² (σ² being the training MSE's moving average; the test MSE is close).
    const double sigma2 = model->gaussianSigma() * model->gaussianSigma();
    const double rec = history.epochs.back().test.reconstruction;
    const double impliedMse =
        2 * sigma2 * (rec - 392 * std::log(2 * std::numbers::pi * sigma2)) / 784;
    EXPECT_NEAR(impliedMse / sigma2, 1.0, 0.25) << "test reconstruction " << rec;
    // The decoded image is the mean μ (real values, some negative).
    const std::vector<float> image = model->decode(std::vector<float>{0.0f, 0.0f});
    EXPECT_LT(*std::min_element(image.begin(), image.end()), 0.0f);
    std::printf("gaussian, standardised MNIST 8000 images, 3 epochs: test -ELBO %.2f -> %.2f "
                "nats, sigma %.4f\n",
                -before.elbo, after, model->gaussianSigma());
}

TEST(LikelihoodEverywhere, GridBoundAndEvaluationUseTheModelsLikelihood)
{
    // For a continuous-Bernoulli and a Gaussian model (σ = 0.5, on standardised pixels): the
    // posterior grid's log p_θ(x|z) at its mode is the likelihood computed here from the decoder
    // output; the one-sample importance-weighted bound averages to the ELBO of evaluateImages;
    // evaluate() gives that ELBO's mean. With the Bernoulli in any of these the values would be
    // hundreds of nats off (log C ≥ log 2 per pixel; the Gaussian's scale differs entirely).
    constexpr int kImages = 300;
    for (Likelihood likelihood : {Likelihood::ContinuousBernoulli, Likelihood::Gaussian}) {
        SCOPED_TRACE(std::string(vae::likelihoodName(likelihood)));
        vae::TrainingConfig config;
        config.latentDim = 2;
        config.hiddenSizes = {32};
        config.seed = 7;
        config.likelihood = likelihood;
        const auto model = vae::makeUntrainedModel(config);
        double sigma = 1.0;
        torch::Tensor x = vae::imagesTensor(vae::test::mnist()->test.pixels, kImages, 784).clone();
        if (likelihood == Likelihood::Gaussian) {
            sigma = 0.5;
            model->impl().net->setGaussianSigma(sigma);
            x = (x - 0.13) / 0.31;
        }
        const std::span<const float> values(x.data_ptr<float>(), std::size_t(x.numel()));

        const vae::PosteriorGrid grid = vae::posteriorGrid(*model, values.first(784));
        const auto best = std::max_element(grid.logDensity.begin(), grid.logDensity.end()) -
                          grid.logDensity.begin();
        const torch::Tensor z =
            torch::tensor({float(grid.mode[0]), float(grid.mode[1])}).view({1, 2});
        const double expected = -vae::reconstructionNll(model->impl().net->decode(z),
                                                        x.narrow(0, 0, 1), likelihood, sigma)
                                     .item<double>();
        EXPECT_NEAR(grid.logLikelihood[std::size_t(best)], expected,
                    1e-4 * std::max(1.0, std::fabs(expected)));

        vae::ImportanceWeightedOptions iw;
        iw.k = 1;
        iw.seed = 4;
        const vae::ImportanceWeightedResult l1 =
            vae::importanceWeightedBound(*model, values, kImages, iw);
        const std::vector<vae::LossTerms> terms = model->evaluateImages(values, kImages, 50, 9);
        double diff = 0, squares = 0, elbo = 0;
        for (int i = 0; i < kImages; ++i) {
            const double d = l1.perImage[std::size_t(i)] - terms[std::size_t(i)].elbo;
            diff += d;
            squares += d * d;
            elbo += terms[std::size_t(i)].elbo;
        }
        const double m = diff / kImages;
        const double stdError = std::sqrt((squares / kImages - m * m) / (kImages - 1));
        EXPECT_NEAR(m, 0.0, 4 * stdError + 0.05) << "L_1 − ELBO, std error " << stdError;
        vae::ImageSet set;
        set.count = kImages;
        set.rows = set.cols = 28;
        set.pixels.assign(values.begin(), values.end());
        // evaluate() with a seed makes the draws of evaluateImages with one sample and that seed.
        double oneSample = 0;
        for (const vae::LossTerms& t : model->evaluateImages(values, kImages, 1, 9))
            oneSample += t.elbo;
        EXPECT_NEAR(model->evaluate(set, 9).elbo, oneSample / kImages,
                    1e-6 * std::fabs(oneSample / kImages));
        // and it is near the 50-sample ELBO (Monte-Carlo noise of one draw per image).
        EXPECT_NEAR(oneSample / kImages, elbo / kImages, 0.05 * std::fabs(elbo / kImages) + 5.0);
    }
}
