// Model kinds (autoencoder, VAE, β-VAE), KL warm-up schedules and live setting changes.
#include "fused_step.h"
#include "model.h"
#include "test_support.h"
#include "trainer_testing.h"
#include "vae/checkpoint.h"
#include "vae/errors.h"
#include "vae/metrics.h"
#include "vae/trainer.h"

#include <ATen/Parallel.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <mutex>

namespace {

vae::TrainingConfig smallNet(const std::string& kind)
{
    vae::TrainingConfig config;
    config.latentDim = 3;
    config.hiddenSizes = {64, 32};
    config.seed = 21;
    config.modelKind = kind;
    return config;
}

/// A trainer config with 8 steps per epoch on a 1,024-image subset.
vae::TrainingConfig trainerConfig(const std::string& kind, int epochs)
{
    vae::TrainingConfig config;
    config.modelKind = kind;
    config.epochs = epochs;
    config.seed = 11;
    config.threads = 0; // all cores, or OMP_NUM_THREADS (1 under ThreadSanitizer)
    config.hiddenSizes = {256, 128};
    config.learningRate = 1e-3;
    config.lrSchedule = "constant";
    config.warmupSteps = 0;
    return config;
}
constexpr int kSubset = 1024; // 8 batches of 128

} // namespace

namespace vae {
// Readable failure messages for EXPECT_EQ on changes.
void PrintTo(const SettingChange& c, std::ostream* os)
{
    *os << "{" << c.step << ", " << c.epoch << ", " << c.setting << ", " << c.from << " → " << c.to
        << "}";
}
} // namespace vae

TEST(ModelKinds, AutoencoderFusedGradientsEqualAutograd)
{
    // The autoencoder's objective mean_x −log p(x | z = μ), with autograd, against the fused step
    // run with ε ≡ 0 and β = 0, on one shard and on two (data-parallel).
    at::set_num_threads(2);
    const auto& train = vae::test::mnist()->train;
    const torch::Tensor images = vae::imagesTensor(train.pixels, 1000, 784);
    for (const int shards : {1, 2}) {
        SCOPED_TRACE("shards " + std::to_string(shards));
        vae::VaeNet fusedNet = vae::makeNet(smallNet("autoencoder"));
        vae::VaeNet referenceNet = vae::makeNet(smallNet("autoencoder"));
        vae::FusedVaeStep fused(fusedNet, 128, shards);
        at::Generator generator = vae::makeGenerator(6);
        const torch::Tensor indices =
            torch::randperm(1000, generator, torch::kLong).narrow(0, 0, 100);
        const torch::Tensor eps = torch::zeros({100, 3});
        const torch::Tensor x = torch::empty({100, 784});
        const vae::StepValues values = fused.computeGradients(images, indices, x, eps, 0.0);
        EXPECT_EQ(fused.lastShards(), shards);

        const torch::Tensor xs = images.index_select(0, indices);
        auto [mu, logVar] = referenceNet->encode(xs);
        const torch::Tensor rec = vae::reconstructionNll(referenceNet->decode(mu), xs).mean();
        rec.backward();
        EXPECT_NEAR(values.reconstruction, rec.item<double>(), 1e-4 * rec.item<double>());

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
        // The log σ² half of the head gets exactly no gradient: the AE never trains it.
        const std::size_t headIndex = 2 * 2; // after two encoder layers (weight, bias each)
        ASSERT_EQ(reference[headIndex].key(), "encoder_head.weight");
        const torch::Tensor gradHeadWeight = fused.gradientViews()[headIndex];
        const torch::Tensor gradHeadBias = fused.gradientViews()[headIndex + 1];
        ASSERT_EQ(gradHeadWeight.size(0), 6);
        EXPECT_EQ(gradHeadWeight.narrow(0, 3, 3).abs().max().item<float>(), 0.0f);
        EXPECT_EQ(gradHeadBias.narrow(0, 3, 3).abs().max().item<float>(), 0.0f);
        EXPECT_GT(gradHeadWeight.narrow(0, 0, 3).abs().max().item<float>(), 0.0f);
    }
}

TEST(ModelKinds, AutoencoderEvaluatesAtTheMeanWithoutSamplingOrKl)
{
    const auto model = vae::makeUntrainedModel(smallNet("autoencoder"));
    const vae::ImageSet test = vae::test::mnist()->test.head(2000);
    const vae::LossTerms a = model->evaluate(test, 1);
    const vae::LossTerms b = model->evaluate(test, 999);
    EXPECT_DOUBLE_EQ(a.reconstruction, b.reconstruction); // no ε: the seed does not matter
    EXPECT_EQ(a.kl, 0.0);
    EXPECT_DOUBLE_EQ(a.elbo, -a.reconstruction);

    // By hand: decode μ and take the Bernoulli cross-entropy.
    const vae::Posterior posterior = model->encode(test.pixels, test.count);
    for (float s : posterior.sigma)
        ASSERT_EQ(s, 0.0f);
    const std::vector<float> means = model->decodeBatch(posterior.mu, test.count);
    double sum = 0;
    for (std::size_t i = 0; i < means.size(); ++i) {
        const double p = std::clamp<double>(means[i], 1e-12, 1 - 1e-12);
        const double x = test.pixels[i];
        sum -= x * std::log(p) + (1 - x) * std::log(1 - p);
    }
    EXPECT_NEAR(a.reconstruction, sum / test.count, 1e-3 * a.reconstruction);

    // Per image: the same value whatever the number of samples and the seed.
    const auto one = model->evaluateImages(std::span(test.pixels).first(784 * 50), 50, 1, 3);
    const auto many = model->evaluateImages(std::span(test.pixels).first(784 * 50), 50, 16, 4);
    for (int i = 0; i < 50; ++i) {
        EXPECT_DOUBLE_EQ(one[i].reconstruction, many[i].reconstruction) << i;
        EXPECT_EQ(one[i].kl, 0.0);
        EXPECT_DOUBLE_EQ(one[i].elbo, -one[i].reconstruction);
    }

    // The same weights as a VAE: sampling makes the seed matter, and KL > 0.
    const auto vaeModel = vae::makeUntrainedModel(smallNet("vae"));
    const vae::LossTerms c = vaeModel->evaluate(test, 1);
    const vae::LossTerms d = vaeModel->evaluate(test, 999);
    EXPECT_NE(c.reconstruction, d.reconstruction);
    EXPECT_GT(c.kl, 0.0);
}

TEST(ModelKinds, KlSchedulesGiveTheDocumentedWeights)
{
    vae::TrainingConfig c;
    c.klWarmupEpochs = 4;
    const double beta = 2.0;
    EXPECT_DOUBLE_EQ(c.klWeightAt(0.0, beta), 2.0); // constant
    EXPECT_DOUBLE_EQ(c.klWeightAt(7.3, beta), 2.0);
    c.klSchedule = "linear"; // β · min(1, e / N)
    EXPECT_DOUBLE_EQ(c.klWeightAt(0.0, beta), 0.0);
    EXPECT_DOUBLE_EQ(c.klWeightAt(1.0, beta), 0.5);
    EXPECT_DOUBLE_EQ(c.klWeightAt(3.0, beta), 1.5);
    EXPECT_DOUBLE_EQ(c.klWeightAt(4.0, beta), 2.0);
    EXPECT_DOUBLE_EQ(c.klWeightAt(9.0, beta), 2.0);
    c.klSchedule = "cyclical"; // τ = (e mod N) / N, β · min(1, 2τ)
    EXPECT_DOUBLE_EQ(c.klWeightAt(0.0, beta), 0.0);
    EXPECT_DOUBLE_EQ(c.klWeightAt(1.0, beta), 1.0);
    EXPECT_DOUBLE_EQ(c.klWeightAt(2.0, beta), 2.0);
    EXPECT_DOUBLE_EQ(c.klWeightAt(3.5, beta), 2.0);
    EXPECT_DOUBLE_EQ(c.klWeightAt(4.0, beta), 0.0); // a new cycle
    EXPECT_DOUBLE_EQ(c.klWeightAt(4.5, beta), 0.5);
    EXPECT_DOUBLE_EQ(c.klWeightAt(9.0, beta), 1.0);
    c.modelKind = "autoencoder";
    EXPECT_DOUBLE_EQ(c.klWeightAt(9.0, beta), 0.0);

    EXPECT_EQ(vae::TrainingConfig{}.modelName(), "vae");
    vae::TrainingConfig b;
    b.beta = vae::TrainingConfig::kBetaVaePreset;
    EXPECT_EQ(b.modelName(), "beta-vae");
    EXPECT_EQ(c.modelName(), "autoencoder");
}

TEST(ModelKinds, ConfigJsonKeepsTheKindAndOldConfigsLoadAsVae)
{
    vae::TrainingConfig c;
    c.modelKind = "autoencoder";
    c.klSchedule = "cyclical";
    c.klWarmupEpochs = 2.5;
    EXPECT_EQ(vae::TrainingConfig::fromJson(c.toJson()), c);
    // A config written before these keys existed.
    const vae::TrainingConfig old = vae::TrainingConfig::fromJson(
        R"({"latent_dim": 2, "hidden_sizes": [512, 256], "epochs": 3, "beta": 1.0})");
    EXPECT_EQ(old.modelKind, "vae");
    EXPECT_FALSE(old.isAutoencoder());
    EXPECT_EQ(old.klSchedule, "constant");
    EXPECT_DOUBLE_EQ(old.klWeightAt(0.0, old.beta), 1.0);
    EXPECT_NO_THROW(old.validate());

    auto messageFor = [](auto mutate) {
        vae::TrainingConfig config;
        mutate(config);
        try {
            config.validate();
        } catch (const vae::ConfigError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_NE(messageFor([](auto& x) { x.modelKind = "gan"; }).find("model kind"),
              std::string::npos);
    EXPECT_NE(messageFor([](auto& x) { x.klSchedule = "cosine"; }).find("KL schedule"),
              std::string::npos);
    EXPECT_NE(messageFor([](auto& x) { x.klWarmupEpochs = 0; }).find("KL warm-up epochs"),
              std::string::npos);
}

TEST(ModelKinds, HistoryChangesSurviveJson)
{
    vae::TrainingHistory history;
    vae::StepRecord step;
    step.step = 3;
    step.epoch = 0.375;
    step.loss = {150.5, 4.25, -154.75};
    step.beta = 0.5;
    step.learningRate = 1e-3;
    history.steps.push_back(step);
    history.changes.push_back({3, 0.25, "beta", "1", "0.5"});
    history.changes.push_back({3, 0.25, "kl_schedule", "constant", "linear 10"});
    const vae::TrainingHistory back = vae::historyFromJson(vae::historyToJson(history));
    ASSERT_EQ(back.changes.size(), 2u);
    EXPECT_EQ(back.changes, history.changes);
    ASSERT_EQ(back.steps.size(), 1u);
    EXPECT_DOUBLE_EQ(back.steps[0].beta, 0.5);
    // A history written before changes were recorded.
    const vae::TrainingHistory old =
        vae::historyFromJson(R"({"steps": [[1, 0.125, 200.0, 3.0, 1.0, 0.001]], "epochs": []})");
    EXPECT_EQ(old.steps.size(), 1u);
    EXPECT_TRUE(old.changes.empty());
    EXPECT_THROW(
        (void)vae::historyFromJson(R"({"steps": [], "epochs": [], "changes": [{"step": 1}]})"),
        vae::CheckpointError);
}

TEST(ModelKinds, LinearWarmUpShapesEachStepsBeta)
{
    vae::TrainingConfig config = trainerConfig("vae", 3);
    config.beta = 2.0;
    config.klSchedule = "linear";
    config.klWarmupEpochs = 2;
    vae::Trainer trainer(config, vae::test::mnistSubset(kSubset));
    trainer.setLatentSnapshots(false);
    vae::test::trainToTheEnd(trainer);
    const auto steps = trainer.history().steps;
    ASSERT_EQ(steps.size(), 24u);
    // Step k (from 1) starts at epoch (k − 1) / 8: β_eff = 2 · min(1, (k − 1) / 16).
    for (const int k : {1, 2, 5, 9, 16, 17, 24})
        EXPECT_DOUBLE_EQ(steps[k - 1].beta, 2.0 * std::min(1.0, (k - 1) / 16.0)) << "step " << k;
    EXPECT_TRUE(trainer.history().changes.empty());
}

TEST(ModelKinds, LiveKlScheduleAndBetaApplyFromTheNextStepAndAreRecorded)
{
    vae::TrainingConfig config = trainerConfig("vae", 2);
    vae::Trainer trainer(config, vae::test::mnistSubset(kSubset));
    trainer.setLatentSnapshots(false);
    // The observer runs on the training thread just before step k reads the live settings, so
    // what is set there is "the next step" exactly, with no timing involved.
    vae::TrainerTestAccess::observeBatches(trainer, [&](std::int64_t step, auto) {
        if (step == 5) {
            trainer.setKlSchedule("cyclical", 1.0);
            trainer.setBeta(0.5);
        }
        if (step == 13)
            trainer.setLearningRate(5e-4);
    });
    trainer.start();
    trainer.wait();
    ASSERT_EQ(trainer.state(), vae::TrainerState::Finished);
    const vae::TrainingHistory history = trainer.history();
    ASSERT_EQ(history.steps.size(), 16u);
    for (int k = 1; k <= 4; ++k)
        EXPECT_DOUBLE_EQ(history.steps[k - 1].beta, 1.0) << "step " << k;
    // Cyclical, N = 1 epoch: step k starts at e = (k − 1) / 8, τ = e mod 1, β_eff = 0.5·min(1, 2τ).
    EXPECT_DOUBLE_EQ(history.steps[4].beta, 0.5 * 1.0);         // step 5: τ = 0.5
    EXPECT_DOUBLE_EQ(history.steps[8].beta, 0.0);               // step 9: τ = 0, a new cycle
    EXPECT_DOUBLE_EQ(history.steps[9].beta, 0.5 * 2.0 * 0.125); // step 10: τ = 0.125
    EXPECT_DOUBLE_EQ(history.steps[11].learningRate, 1e-3);
    EXPECT_DOUBLE_EQ(history.steps[12].learningRate, 5e-4);
    const std::vector<vae::SettingChange> expected{
        {5, 0.5, "beta", "1", "0.5"},
        {5, 0.5, "kl_schedule", "constant", "cyclical 1"},
        {13, 1.5, "learning_rate", "0.001", "0.0005"},
    };
    EXPECT_EQ(history.changes, expected);
    EXPECT_THROW(trainer.setKlSchedule("sawtooth", 2.0), vae::ConfigError);
    EXPECT_THROW(trainer.setKlSchedule("linear", -1.0), vae::ConfigError);
}

TEST(ModelKinds, SameSeedSameBatchesWhateverTheModel)
{
    auto batches = [](vae::TrainingConfig config) {
        vae::Trainer trainer(config, vae::test::mnistSubset(kSubset));
        trainer.setLatentSnapshots(false);
        std::vector<std::vector<std::int64_t>> seen;
        vae::TrainerTestAccess::observeBatches(
            trainer,
            [&](std::int64_t, std::vector<std::int64_t> indices) { seen.push_back(indices); });
        vae::test::trainToTheEnd(trainer);
        return seen;
    };
    vae::TrainingConfig ae = trainerConfig("autoencoder", 2);
    vae::TrainingConfig betaVae = trainerConfig("vae", 2);
    betaVae.beta = 4.0;
    betaVae.klSchedule = "cyclical";
    betaVae.klWarmupEpochs = 1;
    const auto a = batches(ae);
    const auto b = batches(betaVae);
    ASSERT_EQ(a.size(), 16u);
    EXPECT_EQ(a, b);
    EXPECT_NE(a[0], a[8]); // each epoch reshuffles
    vae::TrainingConfig otherSeed = ae;
    otherSeed.seed = 12;
    EXPECT_NE(batches(otherSeed)[0], a[0]);
}

TEST(ModelKinds, AutoencoderTrainsWithoutKlAndReportsZeroSigma)
{
    vae::Trainer trainer(trainerConfig("autoencoder", 3), vae::test::mnistSubset(kSubset));
    const vae::LossTerms before = trainer.inference()->evaluate(vae::test::mnist()->test);
    trainer.start();
    std::shared_ptr<const vae::LatentSnapshot> latest;
    while (true) {
        vae::TrainerUpdate u = trainer.waitUpdate(std::chrono::milliseconds(50));
        if (u.latent)
            latest = u.latent;
        if (u.state == vae::TrainerState::Finished || u.state == vae::TrainerState::Failed ||
            u.state == vae::TrainerState::Stopped)
            break;
    }
    ASSERT_EQ(trainer.state(), vae::TrainerState::Finished) << vae::test::endOfRun(trainer);
    const vae::TrainingHistory history = trainer.history();
    ASSERT_EQ(history.steps.size(), 24u);
    for (const vae::StepRecord& s : history.steps) {
        EXPECT_EQ(s.loss.kl, 0.0);
        EXPECT_EQ(s.beta, 0.0);
        EXPECT_DOUBLE_EQ(s.loss.elbo, -s.loss.reconstruction);
    }
    ASSERT_EQ(history.epochs.size(), 3u);
    const vae::EpochSummary& epoch = history.epochs.back();
    EXPECT_EQ(epoch.train.kl, 0.0);
    EXPECT_EQ(epoch.test.kl, 0.0);
    EXPECT_LT(epoch.test.reconstruction, before.reconstruction - 10.0);
    // The reported test loss is the deterministic evaluation of the final weights, any seed.
    const vae::LossTerms after = trainer.inference()->evaluate(vae::test::mnist()->test, 77);
    EXPECT_NEAR(after.reconstruction, epoch.test.reconstruction, 1e-6 * after.reconstruction);
    ASSERT_TRUE(latest);
    EXPECT_EQ(latest->posterior.count, 10000);
    for (float s : latest->posterior.sigma)
        ASSERT_EQ(s, 0.0f);
}

TEST(ModelKinds, CheckpointKeepsTheKindAndTheChanges)
{
    vae::TrainingConfig config = smallNet("autoencoder");
    config.klSchedule = "linear";
    const auto model = vae::makeUntrainedModel(config);
    vae::TrainingHistory history;
    history.changes.push_back({7, 0.75, "learning_rate", "0.002", "0.001"});
    const auto file =
        std::filesystem::temp_directory_path() / "vae-explorer-tests-model-kinds.safetensors";
    vae::saveCheckpoint(file, *model, history);
    const vae::Checkpoint loaded = vae::loadCheckpoint(file);
    std::filesystem::remove(file);
    EXPECT_TRUE(loaded.config.isAutoencoder());
    EXPECT_EQ(loaded.config.klSchedule, "linear");
    EXPECT_EQ(loaded.history.changes, history.changes);
    EXPECT_TRUE(loaded.model->config().isAutoencoder());
    const vae::ImageSet test = vae::test::mnist()->test.head(100);
    const vae::Posterior posterior = loaded.model->encode(test.pixels, test.count);
    EXPECT_TRUE(std::all_of(posterior.sigma.begin(), posterior.sigma.end(),
                            [](float s) { return s == 0.0f; }));
    EXPECT_DOUBLE_EQ(loaded.model->evaluate(test, 1).reconstruction,
                     model->evaluate(test, 2).reconstruction);
}
