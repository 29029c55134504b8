// Continuing a saved run (issue 15, "Resume exactly"): with one thread, a run paused or stopped,
// saved, reopened and trained on ends with the weights of an uninterrupted run, bit for bit.
// Real MNIST: a 2,000-image training subset (20 steps of 100 per epoch) and 500 test images.
#include "test_support.h"
#include "trainer_testing.h"
#include "vae/checkpoint.h"
#include "vae/errors.h"
#include "vae/trainer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include <unistd.h>

using namespace std::chrono_literals;

namespace {

constexpr int kStepsPerEpoch = 20;

std::shared_ptr<const vae::Dataset> data()
{
    static const std::shared_ptr<const vae::Dataset> subset = [] {
        auto d = std::make_shared<vae::Dataset>();
        d->description = vae::test::mnist()->description;
        d->train = vae::test::mnist()->train.head(2000);
        d->test = vae::test::mnist()->test.head(500);
        return d;
    }();
    return subset;
}

/// Six epochs of a small model with every schedule moving: lr warm-up then cosine decay, a
/// linear KL warm-up, one thread (bit-identical results need one summation order).
vae::TrainingConfig sixEpochs()
{
    vae::TrainingConfig config;
    config.epochs = 6;
    config.seed = 5;
    config.threads = 1;
    config.latentDim = 4;
    config.hiddenSizes = {64, 32};
    config.batchSize = 100;
    config.warmupSteps = 30;
    config.lrSchedule = "cosine";
    config.klSchedule = "linear";
    config.klWarmupEpochs = 4;
    return config;
}

std::filesystem::path tempFile(const std::string& name)
{
    return std::filesystem::temp_directory_path() /
           ("vae_resume_" + std::to_string(::getpid()) + "_" + name);
}

/// What a test does to a run at a step: change a setting live, or ask it to pause or stop.
struct Script {
    std::int64_t betaChangeAt = 25; ///< setBeta(0.7) before this step
    std::int64_t pauseAt = 0; ///< pause() as this step starts: the run parks once it is done
    std::int64_t stopAt = 0;  ///< as pauseAt, then stop() once parked
};

/// Runs `trainer` to its end, or until it parks after the script's pause; returns its weights.
std::vector<float> run(vae::Trainer& trainer, const Script& script)
{
    vae::Trainer* self = &trainer;
    vae::TrainerTestAccess::observeBatches(trainer, [self, script](std::int64_t step, auto) {
        if (step == script.betaChangeAt)
            self->setBeta(0.7);
        if (step == script.pauseAt || step == script.stopAt)
            self->pause(); // a stop is requested from the test thread once it has parked
    });
    trainer.setLatentSnapshots(false);
    trainer.start();
    if (script.pauseAt || script.stopAt) {
        // Until parked; a run that ends instead (it failed, or ran past the step) fails at once.
        const auto deadline = std::chrono::steady_clock::now() + vae::test::scaled(60s);
        while (!trainer.isParked() && std::chrono::steady_clock::now() < deadline &&
               (trainer.state() == vae::TrainerState::Running ||
                trainer.state() == vae::TrainerState::Paused))
            std::this_thread::sleep_for(1ms);
        EXPECT_TRUE(trainer.isParked())
            << "the run did not park within 60 s: " << vae::test::endOfRun(trainer);
        if (script.stopAt)
            trainer.stop();
    } else {
        trainer.wait();
        EXPECT_EQ(trainer.state(), vae::TrainerState::Finished) << vae::test::endOfRun(trainer);
    }
    return vae::TrainerTestAccess::weights(trainer);
}

/// Saves `trainer`'s model, history and training state, and reads them back.
vae::Checkpoint saveAndReopen(vae::Trainer& trainer, const std::string& name)
{
    const std::optional<vae::TrainingState> state = trainer.trainingState();
    EXPECT_TRUE(state.has_value());
    const auto path = tempFile(name);
    vae::saveCheckpoint(path, *trainer.inference(), trainer.history(), state ? &*state : nullptr);
    vae::Checkpoint reopened = vae::loadCheckpoint(path);
    std::filesystem::remove(path);
    return reopened;
}

/// The weights after an uninterrupted six-epoch run of `config` (with the script's live change).
std::vector<float> uninterrupted(const vae::TrainingConfig& config,
                                 const std::shared_ptr<const vae::Dataset>& d = data())
{
    vae::Trainer trainer(config, d);
    return run(trainer, {});
}

void expectBitIdentical(const std::vector<float>& a, const std::vector<float>& b)
{
    ASSERT_EQ(a.size(), b.size());
    std::size_t differing = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        differing += std::memcmp(&a[i], &b[i], sizeof(float)) != 0;
    EXPECT_EQ(differing, 0u) << "of " << a.size() << " weights";
}

} // namespace

TEST(Resume, PausedAfterEpoch3SavedAndContinuedToEpoch6IsBitIdentical)
{
    const vae::TrainingConfig config = sixEpochs();
    const std::vector<float> reference = uninterrupted(config);

    vae::Trainer first(config, data());
    // A pause during the last step of epoch 3 parks the run once epoch 3 has ended.
    run(first, {.pauseAt = 3 * kStepsPerEpoch});
    const std::optional<vae::TrainingState> state = first.trainingState();
    ASSERT_TRUE(state.has_value());
    EXPECT_EQ(state->step, 3 * kStepsPerEpoch);
    EXPECT_EQ(state->epoch, 4);
    EXPECT_EQ(state->stepInEpoch, 0);
    EXPECT_EQ(state->beta, 0.7) << "the live change made before the save";
    EXPECT_EQ(first.inference()->step(), state->step);
    const vae::Checkpoint saved = saveAndReopen(first, "epoch3.safetensors");
    first.stop();
    ASSERT_TRUE(saved.training.has_value());
    EXPECT_EQ(saved.training->adamFirstMoment, state->adamFirstMoment);
    EXPECT_EQ(saved.training->noiseGenerator, state->noiseGenerator);

    vae::Trainer continued(config, data(), saved);
    const std::vector<float> weights = run(continued, {.betaChangeAt = 0});
    expectBitIdentical(weights, reference);

    // The history carries on: steps 1…120 once each, six epochs.
    const vae::TrainingHistory history = continued.history();
    ASSERT_EQ(history.steps.size(), std::size_t(6 * kStepsPerEpoch));
    for (std::size_t i = 0; i < history.steps.size(); ++i)
        ASSERT_EQ(history.steps[i].step, std::int64_t(i + 1));
    ASSERT_EQ(history.epochs.size(), 6u);
    EXPECT_EQ(history.epochs[3].epoch, 4);
    ASSERT_EQ(history.changes.size(), 1u) << "the β change, recorded once";
    EXPECT_EQ(continued.inference()->step(), 6 * kStepsPerEpoch);
}

TEST(Resume, StoppedMidEpochWithTheGaussianLikelihoodContinuesBitIdentically)
{
    vae::TrainingConfig config = sixEpochs();
    config.likelihood = vae::Likelihood::Gaussian; // its σ follows a moving average, also saved
    const std::vector<float> reference = uninterrupted(config);

    vae::Trainer first(config, data());
    run(first, {.stopAt = 47}); // parks after step 47, then stops
    ASSERT_EQ(first.state(), vae::TrainerState::Stopped);
    const std::optional<vae::TrainingState> state = first.trainingState();
    ASSERT_TRUE(state.has_value());
    EXPECT_EQ(state->step, 47);
    EXPECT_EQ(state->epoch, 3);
    EXPECT_EQ(state->stepInEpoch, 7);
    EXPECT_EQ(state->epochSamples, 700);
    EXPECT_GT(state->gaussianMseWeight, 0.0);
    const vae::Checkpoint saved = saveAndReopen(first, "mid-epoch.safetensors");

    vae::Trainer continued(config, data(), saved);
    expectBitIdentical(run(continued, {.betaChangeAt = 0}), reference);
    const vae::TrainingHistory history = continued.history();
    ASSERT_EQ(history.epochs.size(), 6u);
    // Epoch 3's summary spans both sessions: its train loss is over all 20 of its steps.
    double sum = 0;
    for (const vae::StepRecord& r : history.steps)
        if (r.step > 40 && r.step <= 60)
            sum += r.loss.reconstruction + r.loss.kl;
    EXPECT_NEAR(-history.epochs[2].train.elbo, sum / kStepsPerEpoch, 1e-9);
    EXPECT_DOUBLE_EQ(history.epochs[2].fraction, 1.0);
}

TEST(Resume, AConvModelStoppedMidEpochContinuesBitIdentically)
{
    // The conv VAE trains by autograd (AutogradVaeStep) with the same flat Adam and generators.
    vae::TrainingConfig config = sixEpochs();
    config.setDataShape(data()->description);
    config.architecture = "conv";
    config.convChannels = {4, 8};
    config.hiddenSizes = {32};
    config.epochs = 3;
    const std::vector<float> reference = uninterrupted(config);

    vae::Trainer first(config, data());
    run(first, {.stopAt = 27});
    ASSERT_EQ(first.state(), vae::TrainerState::Stopped);
    const vae::Checkpoint saved = saveAndReopen(first, "conv.safetensors");
    ASSERT_TRUE(saved.training.has_value());
    EXPECT_EQ(saved.training->step, 27);
    EXPECT_EQ(saved.model->config().architecture, "conv");

    vae::Trainer continued(config, data(), saved);
    expectBitIdentical(run(continued, {.betaChangeAt = 0}), reference);
}

TEST(Resume, DynamicBinarizationDrawsTheSameSamplesAfterAPause)
{
    const auto dynamic = std::make_shared<const vae::Dataset>(
        vae::binarize(*data(), vae::Binarization::Dynamic, 9));
    const vae::TrainingConfig config = sixEpochs();
    const std::vector<float> reference = uninterrupted(config, dynamic);
    vae::Trainer first(config, dynamic);
    run(first, {.pauseAt = 83}); // parks in epoch 5, after 3 of its steps
    const vae::Checkpoint saved = saveAndReopen(first, "dynamic.safetensors");
    first.stop();
    EXPECT_EQ(saved.training->epoch, 5);
    vae::Trainer continued(config, dynamic, saved);
    expectBitIdentical(run(continued, {.betaChangeAt = 0}), reference);
}

TEST(Resume, MoreEpochsThanPlannedContinueAFinishedRun)
{
    vae::TrainingConfig config = sixEpochs();
    config.epochs = 2;
    config.lrSchedule = "constant"; // a cosine over 2 epochs would leave the model nearly untrained
    config.warmupSteps = 0;
    vae::Trainer first(config, data());
    run(first, {});
    const std::optional<vae::TrainingState> state = first.trainingState();
    ASSERT_TRUE(state.has_value()) << "a finished run can be continued";
    EXPECT_EQ(state->epoch, 3);
    EXPECT_EQ(state->stepInEpoch, 0);
    const vae::Checkpoint saved = saveAndReopen(first, "finished.safetensors");

    config.epochs = 4;
    vae::Trainer continued(config, data(), saved);
    run(continued, {.betaChangeAt = 0});
    const vae::TrainingHistory history = continued.history();
    ASSERT_EQ(history.epochs.size(), 4u);
    EXPECT_EQ(history.epochs.back().epoch, 4);
    EXPECT_EQ(history.steps.back().step, 4 * kStepsPerEpoch);
    // The continued steps carry on from the saved model's loss level, not a fresh model's.
    const double start = history.steps.front().loss.reconstruction;
    const double atSave = history.steps[2 * kStepsPerEpoch - 1].loss.reconstruction;
    const double after = history.steps[2 * kStepsPerEpoch].loss.reconstruction;
    EXPECT_LT(atSave, start - 10) << "the first 2 epochs learned";
    EXPECT_NEAR(after, atSave, 8.0);
}

TEST(Resume, AFileWithoutOptimizerStateContinuesWithAFreshOptimizer)
{
    vae::TrainingConfig config = sixEpochs();
    config.epochs = 2;
    vae::Trainer first(config, data());
    run(first, {});
    const auto path = tempFile("weights-only.safetensors");
    vae::saveCheckpoint(path, *first.inference(), first.history()); // as before this feature
    const vae::Checkpoint saved = vae::loadCheckpoint(path);
    std::filesystem::remove(path);
    EXPECT_FALSE(saved.training.has_value());

    config.epochs = 3;
    vae::Trainer continued(config, data(), saved);
    run(continued, {.betaChangeAt = 0});
    const vae::TrainingHistory history = continued.history();
    ASSERT_EQ(history.epochs.size(), 3u);
    EXPECT_EQ(history.epochs[2].epoch, 3);
    EXPECT_EQ(history.steps.back().step, 3 * kStepsPerEpoch);
}

TEST(Resume, RefusesSettingsDataAndEpochsThatDoNotContinueTheRun)
{
    vae::TrainingConfig config = sixEpochs();
    vae::Trainer first(config, data());
    run(first, {.pauseAt = 45}); // epoch 3, 5 of its steps done
    const vae::Checkpoint saved = saveAndReopen(first, "refuse.safetensors");
    first.stop();

    auto fieldOf = [&](const vae::TrainingConfig& c, std::shared_ptr<const vae::Dataset> d) {
        try {
            vae::Trainer t(c, std::move(d), saved);
        } catch (const vae::ConfigError& e) {
            return e.field() + ": " + e.what();
        }
        return std::string("accepted");
    };
    vae::TrainingConfig other = config;
    other.batchSize = 50;
    EXPECT_EQ(fieldOf(other, data()).rfind("batch_size: ", 0), 0u) << fieldOf(other, data());
    other = config;
    other.epochs = 2; // the run is in epoch 3
    EXPECT_NE(fieldOf(other, data()).find("epochs: the saved run is in epoch 3"), std::string::npos)
        << fieldOf(other, data());
    other.epochs = 3;
    EXPECT_EQ(fieldOf(other, data()), "accepted");
    other.threads = 2; // may change
    EXPECT_EQ(fieldOf(other, data()), "accepted");

    auto renamed = std::make_shared<vae::Dataset>(*data());
    renamed->description.name = "Fashion-MNIST";
    EXPECT_NE(fieldOf(config, renamed).find("trained on MNIST"), std::string::npos)
        << fieldOf(config, renamed);
    auto smaller = std::make_shared<vae::Dataset>(*data());
    // 4 steps per epoch: step 5 of 20 is past the end (step 4 of 4 would be an epoch whose
    // evaluation was cut short by a stop, which continues).
    smaller->train = smaller->train.head(400);
    EXPECT_NE(fieldOf(config, smaller).find("an epoch of MNIST has 4 steps"), std::string::npos)
        << fieldOf(config, smaller);
}

TEST(Resume, CorruptTrainingStatesInAFileAreRefusedWithTheirProblem)
{
    vae::TrainingConfig config = sixEpochs();
    config.epochs = 1;
    vae::Trainer first(config, data());
    run(first, {});
    vae::TrainingState state = *first.trainingState();
    const auto path = tempFile("corrupt.safetensors");
    auto errorOf = [&](const vae::TrainingState& s) {
        try {
            vae::saveCheckpoint(path, *first.inference(), first.history(), &s);
            (void)vae::loadCheckpoint(path);
        } catch (const vae::CheckpointError& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    EXPECT_EQ(errorOf(state), "accepted");
    vae::TrainingState bad = state;
    bad.step += 1;
    EXPECT_NE(errorOf(bad).find("the training state is at step 21 but the model at step 20"),
              std::string::npos)
        << errorOf(bad);
    bad = state;
    bad.adamFirstMoment.pop_back();
    EXPECT_NE(errorOf(bad).find("values per moment"), std::string::npos) << errorOf(bad);
    bad = state;
    bad.adamSecondMoment[3] = -1.0f;
    EXPECT_NE(errorOf(bad).find("negative"), std::string::npos) << errorOf(bad);

    // JSON of the wrong shape, read directly.
    EXPECT_THROW((void)vae::TrainingState::fromJson("{\"step\": 3}"), vae::CheckpointError);
    std::string json = state.toJson();
    const std::string epochKey = "\"epoch\":" + std::to_string(state.epoch);
    json.replace(json.find(epochKey), epochKey.size(), "\"epoch\":0");
    try {
        (void)vae::TrainingState::fromJson(json);
        ADD_FAILURE() << "epoch 0 accepted";
    } catch (const vae::CheckpointError& e) {
        EXPECT_NE(std::string(e.what()).find("\"epoch\""), std::string::npos) << e.what();
    }
    json = state.toJson();
    const auto at = json.find("\"noise_generator\":\"") + 19;
    json[at] = 'z';
    EXPECT_THROW((void)vae::TrainingState::fromJson(json), vae::CheckpointError);
    const vae::TrainingState back = vae::TrainingState::fromJson(state.toJson());
    EXPECT_EQ(back.noiseGenerator, state.noiseGenerator);
    EXPECT_EQ(back.shuffleGenerator, state.shuffleGenerator);
    EXPECT_EQ(back.trainedSeconds, state.trainedSeconds);
    EXPECT_EQ(back.klSchedule, state.klSchedule);
    std::filesystem::remove(path);
}
