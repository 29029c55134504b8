// The convolutional architecture (issue 15, section 1): shapes for odd, non-square and colour
// images, the HWC layout at both ends, the checkpoint's tensor list, the autograd training step
// against the hand-written one, training on real MNIST, and the config's checks.
#include "autograd_step.h"
#include "checkpoint_format.h"
#include "fused_step.h"
#include "inference_impl.h"
#include "model.h"
#include "test_support.h"
#include "vae/benchmark.h"
#include "vae/checkpoint.h"
#include "vae/errors.h"
#include "vae/gradient_estimators.h"
#include "vae/trainer.h"

#include <gtest/gtest.h>

#include <filesystem>

#include <unistd.h>

namespace {

/// Runs `f` and returns the ConfigError message; fails the test if nothing is thrown.
template <typename F> std::string configError(F&& f)
{
    try {
        f();
    } catch (const vae::ConfigError& e) {
        return e.what();
    }
    ADD_FAILURE() << "expected a ConfigError";
    return {};
}

vae::TrainingConfig convConfig(int height, int width, int channels, std::vector<int> conv)
{
    vae::TrainingConfig config;
    config.architecture = "conv";
    config.imageHeight = height;
    config.imageWidth = width;
    config.imageChannels = channels;
    config.inputSize = height * width * channels;
    config.convChannels = std::move(conv);
    config.hiddenSizes = {32};
    config.latentDim = 3;
    config.seed = 4;
    return config;
}

/// The first `train` and `test` images of MNIST.
std::shared_ptr<const vae::Dataset> mnistSubset(int train, int test)
{
    auto data = std::make_shared<vae::Dataset>();
    data->description = vae::test::mnist()->description;
    data->train = vae::test::mnist()->train.head(train);
    data->test = vae::test::mnist()->test.head(test);
    return data;
}

/// `config` for a quick run: `epochs`, batches of 64, one thread, 10 warm-up steps.
vae::TrainingConfig quickRun(vae::TrainingConfig config, int epochs)
{
    config.epochs = epochs;
    config.batchSize = 64;
    config.threads = 1;
    config.warmupSteps = 10;
    return config;
}

/// Runs `trainer` to the end (no latent snapshots: nothing here shows them).
void trainToTheEnd(vae::Trainer& trainer)
{
    trainer.setLatentSnapshots(false);
    trainer.start();
    trainer.wait();
    ASSERT_EQ(trainer.state(), vae::TrainerState::Finished);
}

} // namespace

TEST(Conv, SidesHalveRoundingDownAndTheDecoderRestoresThem)
{
    const vae::TrainingConfig mnist = convConfig(28, 28, 1, {32, 32, 64, 64});
    const std::vector<std::pair<int, int>> expected{{28, 28}, {14, 14}, {7, 7}, {3, 3}, {1, 1}};
    EXPECT_EQ(mnist.convSides(), expected);
    for (const vae::TrainingConfig& config :
         {mnist, convConfig(20, 12, 3, {8, 16}), convConfig(64, 64, 1, {4, 4, 8, 8}),
          convConfig(9, 17, 4, {5, 6, 7})}) {
        vae::VaeNet net = vae::makeNet(config);
        torch::NoGradGuard noGrad;
        const torch::Tensor x = torch::rand({5, config.inputSize});
        auto [mu, logVar] = net->encode(x);
        EXPECT_EQ(mu.sizes(), (std::vector<std::int64_t>{5, 3}));
        EXPECT_EQ(logVar.sizes(), (std::vector<std::int64_t>{5, 3}));
        EXPECT_EQ(net->decode(mu).sizes(), (std::vector<std::int64_t>{5, config.inputSize}));
        // Leading dimensions are kept, as for the MLP ([draws, n, D] in the IW bound).
        EXPECT_EQ(net->decode(torch::zeros({2, 4, 3})).sizes(),
                  (std::vector<std::int64_t>{2, 4, config.inputSize}));
    }
}

TEST(Conv, CheckpointTensorListIsTheNetworksParameters)
{
    for (const vae::TrainingConfig& config :
         {convConfig(28, 28, 1, {32, 32, 64, 64}), convConfig(20, 12, 3, {8, 16}),
          convConfig(9, 17, 4, {5, 6, 7})}) {
        vae::VaeNet net = vae::makeNet(config);
        const auto params = net->named_parameters();
        const std::vector<vae::detail::TensorSpec> specs = vae::detail::expectedTensors(config);
        ASSERT_EQ(specs.size(), params.size());
        std::int64_t weights = 0;
        for (std::size_t i = 0; i < specs.size(); ++i) {
            EXPECT_EQ(specs[i].name, params[i].key());
            EXPECT_EQ(specs[i].shape, params[i].value().sizes().vec()) << specs[i].name;
            weights += params[i].value().numel();
        }
        EXPECT_EQ(params[0].key(), "encoder_conv.0.weight");
        EXPECT_EQ(params[params.size() - 1].key(),
                  "decoder_conv." + std::to_string(2 * (config.convChannels.size() - 1)) + ".bias");
        // validate() counts the same weights (its limit of 100 M).
        EXPECT_NO_THROW(config.validate());
        EXPECT_GT(weights, 0);
    }
}

TEST(Conv, ExamplesAreHwcAtBothEnds)
{
    // Colour image 6×4×3: the decoder's last bias is per channel, so with every other decoder
    // weight zero, each pixel of the output is (b0, b1, b2) in HWC order.
    const vae::TrainingConfig config = convConfig(6, 4, 3, {4});
    vae::VaeNet net = vae::makeNet(config);
    torch::NoGradGuard noGrad;
    for (auto& item : net->named_parameters())
        if (item.key().rfind("decoder", 0) == 0)
            item.value().zero_();
    net->outputBias().copy_(torch::tensor({0.25f, 0.5f, 0.75f}));
    const torch::Tensor out = net->decode(torch::randn({2, 3}));
    const torch::Tensor expected = torch::tensor({0.25f, 0.5f, 0.75f}).repeat({2, 6 * 4});
    EXPECT_TRUE(torch::equal(out, expected));

    // Input: an image whose only non-zero values are in channel 1 (values 1, 4, 7, … of each
    // row in HWC order). With the first convolution reading channel 1 only, μ depends on it;
    // reading channels 0 and 2 only, μ is that of the all-zero image.
    torch::Tensor x = torch::zeros({1, config.inputSize});
    x.view({1, 6, 4, 3}).select(3, 1).fill_(1.0f);
    const torch::Tensor zero = torch::zeros({1, config.inputSize});
    torch::Tensor firstWeight = net->named_parameters()["encoder_conv.0.weight"]; // [4, 3, 4, 4]
    const torch::Tensor original = firstWeight.clone();
    firstWeight.select(1, 0).zero_();
    firstWeight.select(1, 2).zero_();
    EXPECT_FALSE(torch::allclose(net->encode(x).first, net->encode(zero).first));
    firstWeight.copy_(original);
    firstWeight.select(1, 1).zero_();
    EXPECT_TRUE(torch::allclose(net->encode(x).first, net->encode(zero).first));
}

TEST(Conv, AutogradStepEqualsTheFusedStepOnAnMlp)
{
    // The fused step is checked against autograd and Adam in test_fused_step; the autograd step
    // must compute the same loss terms and gradients for every likelihood, with its gradient in
    // the flat buffer, cleared between steps.
    const torch::Tensor x = vae::imagesTensor(vae::test::mnist()->test.pixels, 64, 784);
    for (const vae::Likelihood likelihood : {vae::Likelihood::Bernoulli,
                                             vae::Likelihood::ContinuousBernoulli,
                                             vae::Likelihood::Gaussian}) {
        vae::TrainingConfig config = vae::test::smallNet();
        config.likelihood = likelihood;
        vae::VaeNet fusedNet = vae::makeNet(config);
        vae::VaeNet autogradNet = vae::makeNet(config);
        vae::FusedVaeStep fused(fusedNet, 64);
        vae::AutogradVaeStep autograd(autogradNet, 64);
        const torch::Tensor eps = torch::randn({64, config.latentDim}, vae::makeGenerator(3));
        for (int step = 0; step < 3; ++step) {
            const vae::StepValues a = fused.computeGradients(x, eps, 0.8);
            const vae::StepValues b = autograd.computeGradients(x, eps, 0.8);
            EXPECT_NEAR(a.reconstruction, b.reconstruction, 1e-4 * std::abs(a.reconstruction));
            EXPECT_NEAR(a.kl, b.kl, 1e-4 * std::abs(a.kl) + 1e-6);
            EXPECT_NEAR(a.meanSquaredError, b.meanSquaredError, 1e-6);
            const torch::Tensor& ga = fused.flatGradients();
            const torch::Tensor& gb = autograd.flatGradients();
            const double scale = ga.abs().max().item<double>();
            ASSERT_GT(scale, 0.0);
            EXPECT_LT((ga - gb).abs().max().item<double>(), 1e-4 * scale)
                << vae::likelihoodName(likelihood) << " step " << step;
            EXPECT_NEAR(b.gradientMaxAbs, gb.abs().max().item<float>(), 0.0f);
            fused.adamStep(1e-3);
            autograd.adamStep(1e-3);
        }
        // Adam moved the weights the network itself uses.
        torch::NoGradGuard noGrad;
        EXPECT_LT((fusedNet->encode(x).first - autogradNet->encode(x).first).abs().max().item<double>(),
                  1e-4);
        EXPECT_EQ(autograd.adamSteps(), 3);
    }
}

TEST(Conv, TrainsOnMnistAndSurvivesACheckpoint)
{
    const auto data = mnistSubset(2048, 500);
    vae::Trainer trainer(quickRun(convConfig(28, 28, 1, {8, 16}), 6), data);
    trainToTheEnd(trainer);
    const vae::TrainingHistory history = trainer.history();
    ASSERT_EQ(history.epochs.size(), 6u);
    // The bar: the best decoder that ignores z, each pixel Bernoulli with its training mean
    // (−log p of the test images under it, ~206 nats). A model that uses z beats it: 6 epochs of
    // 32 steps reach ~199 (PyTorch's twin of this model, the same).
    const torch::Tensor train = vae::imagesTensor(data->train.pixels, data->train.count, 784);
    const torch::Tensor test = vae::imagesTensor(data->test.pixels, data->test.count, 784);
    const torch::Tensor mean = train.mean(0).clamp(1e-3, 1 - 1e-3);
    const double constantImage =
        vae::reconstructionNll(torch::log(mean / (1 - mean)).expand_as(test), test)
            .mean()
            .item<double>();
    const double final = -history.epochs[5].test.elbo;
    EXPECT_LT(final, constantImage - 3.0) << "the per-pixel mean image scores " << constantImage;
    EXPECT_GT(history.epochs[5].test.kl, 1.0) << "z is used";
    EXPECT_LT(final, -history.epochs[0].test.elbo);

    const auto file = std::filesystem::temp_directory_path() /
                      ("vae_conv_" + std::to_string(::getpid()) + ".safetensors");
    const auto model = trainer.inference();
    const std::optional<vae::TrainingState> state = trainer.trainingState();
    vae::saveCheckpoint(file, *model, history, state ? &*state : nullptr);
    const vae::Checkpoint reopened = vae::loadCheckpoint(file);
    std::filesystem::remove(file);
    EXPECT_EQ(reopened.model->config().architecture, "conv");
    EXPECT_EQ(reopened.model->config().convChannels, (std::vector<int>{8, 16}));
    const std::vector<float> z{0.5f, -1.0f, 0.25f};
    EXPECT_EQ(model->decode(z), reopened.model->decode(z));
    EXPECT_TRUE(reopened.training.has_value());
}

TEST(Conv, GradientEstimatorsWorkThroughConvolutions)
{
    const auto data = mnistSubset(256, 100);
    vae::Trainer trainer(quickRun(convConfig(28, 28, 1, {4, 8}), 1), data);
    trainToTheEnd(trainer);
    const auto model = trainer.inference();
    const std::vector<float> x(data->test.pixels.begin(), data->test.pixels.begin() + 2 * 784);
    vae::GradientEstimatorOptions options;
    options.draws = 64;
    const vae::GradientComparison result = vae::compareGradientEstimators(*model, x, 2, options);
    // φ is every encoder parameter: the convolutions, the dense layer and the head.
    std::int64_t encoderWeights = 0;
    for (const auto& item : model->impl().net->named_parameters())
        if (item.key().rfind("encoder", 0) == 0)
            encoderWeights += item.value().numel();
    EXPECT_EQ(result.parameterCount, encoderWeights);
    EXPECT_GT(result.reparameterization.totalVariance, 0.0);
    // The score function's variance is the larger, as for the MLP (test_gradient_estimators).
    EXPECT_GT(result.varianceRatio, 1.0);
    EXPECT_TRUE(std::isfinite(result.elbo));
}

TEST(Conv, ConfigChecksNameTheProblem)
{
    vae::TrainingConfig table = convConfig(1, 8, 1, {4});
    EXPECT_NE(configError([&] { table.validate(); })
                  .find("a conv model needs images of at least 2 × 2 pixels; these examples are "
                        "1 × 8 (a table's rows): use the MLP"),
              std::string::npos);
    vae::TrainingConfig deep = convConfig(28, 28, 1, {8, 8, 8, 8, 8});
    EXPECT_NE(configError([&] { deep.validate(); })
                  .find("at least 32 × 32 pixels; these are 28 × 28"),
              std::string::npos);
    vae::TrainingConfig mismatch = convConfig(28, 28, 1, {8});
    mismatch.inputSize = 3 * 784;
    EXPECT_NE(configError([&] { mismatch.validate(); })
                  .find("needs the image shape of the data"),
              std::string::npos);
    vae::TrainingConfig unknown = convConfig(28, 28, 1, {8});
    unknown.architecture = "resnet";
    EXPECT_NE(configError([&] { unknown.validate(); })
                  .find("architecture must be \"mlp\" or \"conv\""),
              std::string::npos);
    EXPECT_THROW((void)vae::parseConvChannels("32,,64"), vae::ConfigError);

    // JSON: the new keys round-trip; a config written before them reads as an MLP.
    const vae::TrainingConfig conv = convConfig(20, 12, 3, {8, 16});
    EXPECT_EQ(vae::TrainingConfig::fromJson(conv.toJson()), conv);
    const vae::TrainingConfig old = vae::TrainingConfig::fromJson(R"({"latent_dim": 4})");
    EXPECT_EQ(old.architecture, "mlp");
    EXPECT_FALSE(old.isConvolutional());

    // The trainer refuses data of another image shape than the config's.
    const auto data = mnistSubset(128, 16);
    vae::TrainingConfig transposed = convConfig(14, 56, 1, {8});
    EXPECT_NE(configError([&] { vae::Trainer(transposed, data); })
                  .find("the conv model takes 14×56×1 images, but MNIST has 28×28×1"),
              std::string::npos);
}

TEST(Conv, DefaultChannelsHalveTheImageDownToFourPixels)
{
    EXPECT_EQ(vae::TrainingConfig::defaultConvChannels(28, 28), (std::vector<int>{32, 64}));
    EXPECT_EQ(vae::TrainingConfig::defaultConvChannels(64, 64), (std::vector<int>{32, 32, 64, 64}));
    EXPECT_EQ(vae::TrainingConfig::defaultConvChannels(32, 40), (std::vector<int>{32, 64, 64}));
    EXPECT_EQ(vae::TrainingConfig::defaultConvChannels(256, 256), (std::vector<int>{32, 32, 64, 64}));
    EXPECT_EQ(vae::TrainingConfig::defaultConvChannels(6, 6), (std::vector<int>{32}));
    // Each default is valid for its image size.
    for (const auto& [h, w] : std::vector<std::pair<int, int>>{{28, 28}, {64, 64}, {8, 9}, {2, 2}}) {
        vae::TrainingConfig config = convConfig(h, w, 1, vae::TrainingConfig::defaultConvChannels(h, w));
        EXPECT_NO_THROW(config.validate()) << h << "×" << w;
    }
}

TEST(Conv, FlopsCountTheConvolutions)
{
    // One 4×4 convolution 1 → 2 channels on 4×4 → 2×2, its mirror, dense 8 → 1 → (2 + 2):
    // forward multiply-adds: conv 1·2·16·4 = 128, transposed 128, dense 8·1 + 1·2 + 1·1 + 1·8.
    vae::TrainingConfig config = convConfig(4, 4, 1, {2});
    config.hiddenSizes = {1};
    config.latentDim = 1;
    const double forward = 128 + 128 + 8 + 2 + 1 + 8;
    EXPECT_DOUBLE_EQ(vae::trainingFlopsPerSample(config), 2.0 * (3.0 * forward - 128));
}
