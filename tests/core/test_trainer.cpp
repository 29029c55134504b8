// The trainer on real MNIST (a 2,000-image training subset, the full test set).
#include "test_support.h"
#include "vae/errors.h"
#include "vae/shapes.h"
#include "vae/trainer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <numeric>
#include <sstream>
#include <thread>

#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

vae::TrainingConfig smallConfig(int epochs)
{
    vae::TrainingConfig config;
    config.epochs = epochs;
    config.seed = 11;
    config.threads = 0; // all cores (2 here), or OMP_NUM_THREADS: 1 under ThreadSanitizer
    config.hiddenSizes = {512, 256}; // learns faster in the few steps these tests take
    // 16 steps per epoch: the default warm-up (200 steps) and decay would leave the rate near 0.
    config.learningRate = 1e-3;
    config.lrSchedule = "constant";
    config.warmupSteps = 0;
    return config;
}

bool ended(vae::TrainerState state)
{
    return state == vae::TrainerState::Finished || state == vae::TrainerState::Stopped ||
           state == vae::TrainerState::Failed;
}

/// Drains updates until `done` holds (given everything seen so far). Fails at once when the run
/// ends first (finished, stopped or failed, with its error), and after `timeout` (scaled for
/// sanitized builds, tests/timescale.h): use as ASSERT_TRUE(drainUntil(…)).
template <typename Pred>
::testing::AssertionResult drainUntil(vae::Trainer& trainer, Pred done,
                                      std::chrono::seconds timeout)
{
    vae::TrainingHistory seen;
    const auto deadline = Clock::now() + vae::test::scaled(timeout);
    while (Clock::now() < deadline) {
        vae::TrainerUpdate u = trainer.waitUpdate(50ms);
        seen.steps.append(u.steps);
        seen.epochs.insert(seen.epochs.end(), u.epochs.begin(), u.epochs.end());
        if (done(seen))
            return ::testing::AssertionSuccess();
        if (ended(u.state))
            return ::testing::AssertionFailure()
                   << "the run ended " << vae::toString(u.state) << " after " << seen.steps.size()
                   << " steps, before the condition held" << (u.error ? ": " + *u.error : "");
    }
    return ::testing::AssertionFailure() << "timed out after " << seen.steps.size() << " steps";
}

/// Waits until a paused trainer's worker has parked; fails at once if the run ends instead.
::testing::AssertionResult waitUntilParked(vae::Trainer& trainer, std::chrono::seconds timeout)
{
    const auto deadline = Clock::now() + vae::test::scaled(timeout);
    while (!trainer.isParked()) {
        if (ended(trainer.state()))
            return ::testing::AssertionFailure() << vae::test::endOfRun(trainer);
        if (Clock::now() > deadline)
            return ::testing::AssertionFailure() << "not parked after " << timeout.count() << " s";
        std::this_thread::sleep_for(5ms);
    }
    return ::testing::AssertionSuccess();
}

} // namespace

TEST(Trainer, TwoEpochsLowerTheTestLoss)
{
    vae::Trainer trainer(smallConfig(2), vae::test::mnistSubset(2000));
    const auto untrained = trainer.inference();
    const vae::LossTerms before = untrained->evaluate(vae::test::mnist()->test, 5);
    trainer.start();
    trainer.wait();
    ASSERT_EQ(trainer.state(), vae::TrainerState::Finished);
    const vae::TrainingHistory history = trainer.history();
    ASSERT_EQ(history.epochs.size(), 2u);
    EXPECT_EQ(history.steps.size(), 2u * 16u); // ceil(2000 / 128) = 16 steps per epoch
    EXPECT_LT(-history.epochs[1].test.elbo, -history.epochs[0].test.elbo);
    // The output bias starts at the data mean's logits: the untrained decoder already outputs the
    // mean image (≈ 207 nats, against ≈ 540 for grey 0.5 everywhere).
    EXPECT_LT(-before.elbo, 230.0);
    // Over the first 16 steps the gain depends on the ε stream (6 to 11 nats over 6 noise seeds,
    // measured); after 32 it is 20 to 23 nats.
    EXPECT_LT(-history.epochs[0].test.elbo, -before.elbo - 3.0)
        << "untrained −ELBO " << -before.elbo << ", after one epoch "
        << -history.epochs[0].test.elbo;
    EXPECT_LT(-history.epochs[1].test.elbo, -before.elbo - 15.0)
        << "untrained −ELBO " << -before.elbo << ", after two epochs "
        << -history.epochs[1].test.elbo;
    for (const vae::EpochSummary& e : history.epochs) {
        EXPECT_NEAR(e.test.elbo, -(e.test.reconstruction + e.test.kl), 1e-9);
        EXPECT_GT(e.samplesPerSecond, 0.0);
    }
    // The last published weights are the final ones, and they reproduce the reported test ELBO:
    // evaluated with the trainer's own test-set draws (seed + kEvalSeedOffset, core/src/
    // trainer.cpp) they give the last epoch's figure up to summation order (measured: exactly);
    // the weights of one step earlier would be off by about a nat (the ELBO gains ~15 nats over
    // the second epoch's 16 steps). With other draws, the figure agrees within the Monte-Carlo
    // noise of one sample per image over 10,000 images (standard error measured: 0.03 nats).
    const auto final = trainer.inference();
    EXPECT_EQ(final->step(), 32);
    constexpr std::uint64_t kEvalSeedOffset = 0x9E3779B97F4A7C15ull;
    const vae::LossTerms again =
        final->evaluate(vae::test::mnist()->test, trainer.config().seed + kEvalSeedOffset);
    EXPECT_NEAR(again.elbo, history.epochs[1].test.elbo, 1e-3);
    EXPECT_NEAR(again.kl, history.epochs[1].test.kl, 1e-3);
    // The Monte-Carlo standard error of such a mean, from two draws per image: the variance of
    // their difference is twice that of one draw (the images' own spread cancels).
    const vae::ImageSet& test = vae::test::mnist()->test;
    const std::vector<vae::LossTerms> draw5 = final->evaluateImages(test.pixels, test.count, 1, 5);
    const std::vector<vae::LossTerms> draw6 = final->evaluateImages(test.pixels, test.count, 1, 6);
    double sum = 0, squares = 0;
    for (int i = 0; i < test.count; ++i) {
        const double d = draw5[std::size_t(i)].elbo - draw6[std::size_t(i)].elbo;
        sum += draw5[std::size_t(i)].elbo;
        squares += d * d;
    }
    const double stdError = std::sqrt(squares / (2.0 * test.count) / test.count);
    // Two independent means: their difference has √2 times that standard error.
    EXPECT_NEAR(sum / test.count, history.epochs[1].test.elbo, 4 * std::sqrt(2.0) * stdError)
        << "standard error " << stdError;
}

TEST(Trainer, PublishesStepsEpochsLatentSnapshotsAndProgress)
{
    vae::Trainer trainer(smallConfig(1), vae::test::mnistSubset(2000));
    trainer.start();
    std::size_t steps = 0, epochs = 0;
    std::shared_ptr<const vae::LatentSnapshot> latent;
    std::optional<vae::Progress> progress;
    std::optional<std::string> error;
    vae::TrainerState state = vae::TrainerState::Running;
    // Until the run has ended and everything it published is taken: a run that fails or is
    // stopped ends the loop too (and fails below) instead of waiting for ctest's timeout.
    while (true) {
        vae::TrainerUpdate u = trainer.waitUpdate(100ms);
        steps += u.steps.size();
        epochs += u.epochs.size();
        if (u.latent)
            latent = u.latent;
        if (u.progress)
            progress = u.progress;
        if (u.error)
            error = u.error;
        state = u.state;
        if (ended(u.state) && u.empty())
            break;
    }
    ASSERT_EQ(state, vae::TrainerState::Finished) << error.value_or("");
    EXPECT_EQ(steps, 16u);
    EXPECT_EQ(epochs, 1u);
    ASSERT_TRUE(latent);
    EXPECT_EQ(latent->posterior.count, 10000);
    EXPECT_EQ(latent->posterior.dim, 2);
    EXPECT_EQ(latent->labels.size(), 10000u);
    EXPECT_EQ(latent->step, 16);
    EXPECT_GT(*std::min_element(latent->posterior.sigma.begin(), latent->posterior.sigma.end()),
              0.0f);
    ASSERT_TRUE(progress);
    EXPECT_EQ(progress->stepsPerEpoch, 16);
    EXPECT_EQ(progress->totalSteps, 16);
    EXPECT_EQ(progress->globalStep, 16); // the last progress published is the final position
    EXPECT_EQ(progress->stepInEpoch, 16);
}

TEST(Trainer, PauseHoldsTheStepCountStill)
{
    vae::Trainer trainer(smallConfig(50), vae::test::mnistSubset(2000));
    trainer.start();
    ASSERT_TRUE(drainUntil(
        trainer, [](const auto& h) { return h.steps.size() >= 5; }, 60s));
    EXPECT_FALSE(trainer.isParked());
    trainer.pause();
    // The batch in flight finishes, then the worker parks: from then on the count stands still.
    ASSERT_TRUE(waitUntilParked(trainer, 30s));
    const std::size_t atPause = trainer.history().steps.size();
    std::this_thread::sleep_for(700ms);
    EXPECT_EQ(trainer.history().steps.size(), atPause);
    EXPECT_EQ(trainer.state(), vae::TrainerState::Paused);
    EXPECT_TRUE(trainer.isParked());
    trainer.resume();
    ASSERT_TRUE(drainUntil(
        trainer, [&](const auto&) { return trainer.history().steps.size() > atPause + 3; }, 60s));
    trainer.stop();
    EXPECT_EQ(trainer.state(), vae::TrainerState::Stopped);
}

TEST(Trainer, StopReturnsWithinOneBatch)
{
    // 24 steps per epoch of 1,000 images: the batches are long enough to time, and the stop comes
    // at step ~8 of the first epoch, on a training batch. A stop that waited for the epoch's end
    // (its last 16 batches and the test-set evaluation) would publish an epoch summary and take
    // many batches' time. No latent snapshots: their encode is not a training batch.
    constexpr int kStepsPerEpoch = 24;
    vae::TrainingConfig config = smallConfig(50);
    config.batchSize = 1000; // long batches make "within one batch" measurable
    vae::Trainer trainer(config, vae::test::mnistSubset(kStepsPerEpoch * config.batchSize));
    trainer.setLatentSnapshots(false);
    trainer.start();
    // Mean batch duration over 4 steps after the first 3 (all inside the first epoch).
    ASSERT_TRUE(drainUntil(
        trainer, [](const auto& h) { return h.steps.size() >= 3; }, 60s));
    const auto t0 = Clock::now();
    const std::size_t steps0 = trainer.history().steps.size();
    ASSERT_TRUE(drainUntil(
        trainer, [&](const auto&) { return trainer.history().steps.size() >= steps0 + 4; }, 60s));
    const double batchSeconds = std::chrono::duration<double>(Clock::now() - t0).count() /
                                double(trainer.history().steps.size() - steps0);

    const auto stopStart = Clock::now();
    trainer.stop();
    const double stopSeconds = std::chrono::duration<double>(Clock::now() - stopStart).count();
    EXPECT_EQ(trainer.state(), vae::TrainerState::Stopped);
    const vae::TrainingHistory history = trainer.history();
    EXPECT_TRUE(history.epochs.empty()) << "the stop waited for the end of the epoch";
    EXPECT_LT(history.steps.size(), std::size_t(kStepsPerEpoch) / 2);
    // The batch in flight, with room for a loaded machine (a second batch and 0.3 s). Measured:
    // batches of ~0.1 s, so waiting for the epoch's end would take ~1.6 s.
    EXPECT_LT(stopSeconds, 2.0 * batchSeconds + vae::test::scaledSeconds(0.3))
        << "stop took " << stopSeconds << " s; a batch takes " << batchSeconds << " s";
    std::printf("stop took %.3f s after %zu steps; a batch takes %.3f s\n", stopSeconds,
                history.steps.size(), batchSeconds);
}

TEST(Trainer, DestroyingARunningOrPausedTrainerJoinsPromptly)
{
    // ~Trainer stops and joins: within the batch in flight or the snapshot under way (a latent
    // encode or the test-set evaluation of 10,000 images: ~0.1–0.3 s here), not at the run's end.
    const auto data = vae::test::mnistSubset(2000);
    const double limit = vae::test::scaledSeconds(2.0);
    auto running = std::make_unique<vae::Trainer>(smallConfig(100), data);
    running->start();
    ASSERT_TRUE(drainUntil(
        *running, [](const auto& h) { return h.steps.size() >= 2; }, 60s));
    auto t0 = Clock::now();
    running.reset();
    const double runningSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
    EXPECT_LT(runningSeconds, limit);

    auto paused = std::make_unique<vae::Trainer>(smallConfig(100), data);
    paused->start();
    ASSERT_TRUE(drainUntil(
        *paused, [](const auto& h) { return h.steps.size() >= 2; }, 60s));
    paused->pause();
    ASSERT_TRUE(waitUntilParked(*paused, 30s));
    t0 = Clock::now();
    paused.reset();
    const double pausedSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
    EXPECT_LT(pausedSeconds, limit);
    std::printf("destroyed running after %.3f s, paused after %.3f s\n", runningSeconds,
                pausedSeconds);
}

TEST(Trainer, BetaAndLearningRateChangeLive)
{
    vae::Trainer trainer(smallConfig(50), vae::test::mnistSubset(2000));
    trainer.start();
    ASSERT_TRUE(drainUntil(
        trainer, [](const auto& h) { return h.steps.size() >= 2; }, 60s));
    trainer.setBeta(0.25);
    trainer.setLearningRate(5e-4);
    ASSERT_TRUE(drainUntil(
        trainer, [&](const auto&) { return trainer.history().steps.size() >= 8; }, 60s));
    trainer.stop();
    const auto steps = trainer.history().steps;
    EXPECT_DOUBLE_EQ(steps.front().beta, 1.0);
    EXPECT_DOUBLE_EQ(steps.back().beta, 0.25);
    EXPECT_DOUBLE_EQ(steps.back().learningRate, 5e-4);
    EXPECT_THROW(trainer.setBeta(-1.0), vae::ConfigError);
}

TEST(Trainer, RejectsInvalidConfigBeforeStarting)
{
    vae::TrainingConfig config = smallConfig(1);
    config.batchSize = 5000;
    EXPECT_THROW(vae::Trainer(config, vae::test::mnistSubset(2000)), vae::ConfigError);
}

TEST(Trainer, SameSeedSameLosses)
{
    auto run = [] {
        vae::Trainer trainer(smallConfig(1), vae::test::mnistSubset(1000));
        vae::test::trainToTheEnd(trainer);
        return trainer.history().steps;
    };
    const auto a = run();
    const auto b = run();
    ASSERT_EQ(a.size(), 8u); // ceil(1000 / 128)
    ASSERT_EQ(b.size(), a.size());
    for (std::size_t i = 0; i < a.size(); ++i)
        EXPECT_DOUBLE_EQ(a[i].loss.reconstruction, b[i].loss.reconstruction) << "step " << i;
}

TEST(Trainer, DivergingLossFailsWithAMessageNamingTheStep)
{
    // Since log σ² is bounded (vae/types.h) lr 9 with β = 1000 on 512-256 stays finite; lr 9.9 on
    // the default 512-256-256 network blows up at step 2 (a gradient of ~3e20): see
    // test_numeric_fault.cpp for the details of the fault handling.
    vae::TrainingConfig config = smallConfig(5);
    config.learningRate = 9.9; // far too high: the gradient overflows within a few steps
    config.hiddenSizes = vae::TrainingConfig::defaultHiddenSizes(config.latentDim);
    vae::Trainer trainer(config, vae::test::mnistSubset(1000));
    trainer.start();
    trainer.wait();
    std::optional<std::string> error;
    for (int i = 0; i < 3 && !error; ++i)
        error = trainer.takeUpdate().error;
    ASSERT_EQ(trainer.state(), vae::TrainerState::Failed);
    ASSERT_TRUE(error);
    EXPECT_NE(error->find("at step"), std::string::npos) << *error;
    EXPECT_NE(error->find("learning rate"), std::string::npos) << *error;
    // The published weights are the last finite ones.
    const auto model = trainer.inference();
    const std::vector<float> z(2, 0.0f);
    for (float v : model->decode(z))
        ASSERT_TRUE(std::isfinite(v));
}

TEST(Trainer, LatentSnapshotsCarryTheTrainingSetWhenAsked)
{
    vae::Trainer trainer(smallConfig(1), vae::test::mnistSubset(2000));
    trainer.setLatentIncludesTrain(true);
    vae::test::trainToTheEnd(trainer);
    // Nothing was taken while training ran, so the one pending snapshot is the newest (epoch end).
    const std::shared_ptr<const vae::LatentSnapshot> latent = trainer.takeUpdate().latent;
    ASSERT_TRUE(latent);
    ASSERT_TRUE(latent->trainPosterior);
    ASSERT_TRUE(latent->trainLabels);
    EXPECT_EQ(latent->trainPosterior->count, 2000);
    EXPECT_EQ(latent->trainLabels->size(), 2000u);
    EXPECT_EQ(latent->trainStep, 16); // refreshed at the epoch end
    // Same weights, same images: the trainer's posterior equals a fresh encode of the snapshot.
    const auto& train = vae::test::mnist()->train;
    const vae::Posterior fresh =
        trainer.inference()->encode(std::span<const float>(train.pixels.data(), 3 * 784), 3);
    for (int i = 0; i < 6; ++i)
        EXPECT_NEAR(latent->trainPosterior->mu[i], fresh.mu[i], 1e-4);
}

namespace {

/// This process's threads that run at background priority: SCHED_IDLE, or nice
/// +kBackgroundNice (the fallback), read per thread id from /proc/self/task.
int backgroundThreadCount()
{
    int count = 0;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/task")) {
        const auto tid = static_cast<pid_t>(std::stoi(entry.path().filename().string()));
        const bool idle = sched_getscheduler(tid) == SCHED_IDLE;
        const bool niced =
            getpriority(PRIO_PROCESS, static_cast<id_t>(tid)) == vae::Trainer::kBackgroundNice;
        count += (idle || niced) ? 1 : 0;
    }
    return count;
}

} // namespace

TEST(Trainer, BackgroundPriorityLowersOnlyTheTrainingThreads)
{
    vae::Trainer trainer(smallConfig(50), vae::test::mnistSubset(2000));
    trainer.setBackgroundPriority(true);
    trainer.start();
    ASSERT_TRUE(drainUntil(
        trainer, [](const auto& h) { return h.steps.size() >= 5; }, 60s));
    const int background = backgroundThreadCount();
    trainer.stop();
    // The worker and, with 2 threads, its OpenMP helper.
    EXPECT_GE(background, 1);
    // The caller keeps its own priority.
    EXPECT_EQ(sched_getscheduler(0), SCHED_OTHER);
    EXPECT_EQ(getpriority(PRIO_PROCESS, static_cast<id_t>(gettid())), 0);
    // A trainer without background priority leaves every thread as it was.
    vae::Trainer normal(smallConfig(50), vae::test::mnistSubset(2000));
    normal.start();
    ASSERT_TRUE(drainUntil(
        normal, [](const auto& h) { return h.steps.size() >= 5; }, 60s));
    const int afterNormal = backgroundThreadCount();
    normal.stop();
    EXPECT_EQ(afterNormal, 0);
}

namespace {

/// MNIST images averaged over 2×2 blocks: 14×14 = 196 values per example.
vae::ImageSet pooled(const vae::ImageSet& set, int count)
{
    vae::ImageSet out;
    out.count = count;
    out.rows = 14;
    out.cols = 14;
    out.labels.assign(set.labels.begin(), set.labels.begin() + count);
    out.pixels.resize(std::size_t(count) * 196);
    for (int i = 0; i < count; ++i)
        for (int r = 0; r < 14; ++r)
            for (int c = 0; c < 14; ++c) {
                const float* p = set.pixels.data() + std::size_t(i) * 784 + (2 * r) * 28 + 2 * c;
                out.pixels[std::size_t(i) * 196 + r * 14 + c] = (p[0] + p[1] + p[28] + p[29]) / 4;
            }
    return out;
}

} // namespace

TEST(Trainer, TrainsOnExamplesOfAnotherSizeAndRefusesAMismatch)
{
    auto data = std::make_shared<vae::Dataset>();
    data->description = vae::DataDescription::mnist();
    data->description.name = "MNIST 14×14";
    data->description.height = data->description.width = 14;
    data->train = pooled(vae::test::mnist()->train, 2000);
    data->test = pooled(vae::test::mnist()->test, 1000);
    vae::TrainingConfig config = smallConfig(4);
    EXPECT_THROW(vae::Trainer(config, data), vae::ConfigError); // inputSize is still 784
    config.inputSize = 196;
    vae::Trainer trainer(config, data);
    const vae::LossTerms before = trainer.inference()->evaluate(data->test, 5);
    trainer.start();
    trainer.wait();
    ASSERT_EQ(trainer.state(), vae::TrainerState::Finished);
    const vae::TrainingHistory history = trainer.history();
    ASSERT_EQ(history.epochs.size(), std::size_t(config.epochs));
    // Measured: 51.3 → 47.0 nats (the pooled images are blurred, so both are small).
    EXPECT_LT(-history.epochs.back().test.elbo, -before.elbo - 2.5)
        << "untrained " << -before.elbo << ", after four epochs "
        << -history.epochs.back().test.elbo;
    const auto model = trainer.inference();
    EXPECT_EQ(model->description().name, "MNIST 14×14");
    EXPECT_EQ(model->decode(std::vector<float>{0.0f, 0.0f}).size(), 196u);
}

// A generated training set (shapes: images made batch by batch) trains exactly as the same
// images stored: same seed, same batches, same losses to the last bit.
TEST(Trainer, AGeneratedTrainingSetTrainsAsTheSameImagesStored)
{
    auto generated = std::make_shared<vae::Dataset>(vae::loadDataset("shapes"));
    generated->test = generated->test.head(500);
    constexpr int kImages = 1024;
    auto stored = std::make_shared<vae::Dataset>();
    stored->description = generated->description;
    stored->test = generated->test;
    stored->train = generated->train.head(kImages);
    stored->train.generator.reset();
    std::vector<std::int64_t> first(kImages);
    std::iota(first.begin(), first.end(), 0);
    stored->train.pixels.resize(std::size_t(kImages) * 4096);
    generated->train.gather(first, stored->train.pixels);
    ASSERT_FALSE(stored->train.isGenerated());

    vae::TrainingConfig config = smallConfig(2);
    config.inputSize = 4096;
    config.trainSubset = kImages;
    const auto train = [&](const std::shared_ptr<vae::Dataset>& data) {
        vae::Trainer trainer(config, data);
        trainer.setLatentSnapshots(false);
        const double before = -trainer.inference()->evaluate(data->test, 5).elbo;
        trainer.start();
        trainer.wait();
        EXPECT_EQ(trainer.state(), vae::TrainerState::Finished);
        return std::pair{before, trainer.history()};
    };
    const auto [generatedBefore, generatedHistory] = train(generated);
    const auto [storedBefore, storedHistory] = train(stored);
    ASSERT_EQ(generatedHistory.epochs.size(), 2u);
    ASSERT_EQ(generatedHistory.steps.size(), storedHistory.steps.size());
    for (std::size_t i = 0; i < storedHistory.steps.size(); ++i)
        ASSERT_EQ(generatedHistory.steps[i].loss.elbo, storedHistory.steps[i].loss.elbo) << i;
    EXPECT_EQ(generatedBefore, storedBefore); // the same data mean as the decoder's first bias
    // And it learns, though 1,024 images are only the smallest upright squares: measured 363.6
    // nats untrained (the decoder's bias already the data mean) → 288.6 on all test shapes.
    EXPECT_LT(-generatedHistory.epochs.back().test.elbo, 0.9 * generatedBefore)
        << "untrained " << generatedBefore;
}

// Dynamic binarization draws a new binary sample of every training image at every epoch. On 16
// images that are grey 0.5 everywhere, a fixed sample can be memorised (its reconstruction falls
// far below 196·ln 2 = 135.9 nats, the cost of predicting 0.5), fresh samples cannot. Without the
// resampling both runs would see a fixed sample and both would fall.
TEST(Trainer, DynamicBinarizationResamplesEveryEpoch)
{
    constexpr int kEpochs = 60; // measured: 63.9 nats memorised, 136.7 fresh
    auto grey = std::make_shared<vae::Dataset>();
    grey->description = vae::DataDescription::mnist();
    grey->description.height = grey->description.width = 14;
    for (vae::ImageSet* set : {&grey->train, &grey->test}) {
        set->count = 16;
        set->rows = set->cols = 14;
        set->pixels.assign(16 * 196, 0.5f);
        set->labels.assign(16, 0);
    }
    const auto dynamic = std::make_shared<vae::Dataset>(
        vae::binarize(*grey, vae::Binarization::Dynamic, 3));
    const auto fixed = std::make_shared<vae::Dataset>(
        vae::binarize(*grey, vae::Binarization::Static, 3));
    vae::TrainingConfig config = smallConfig(kEpochs);
    config.inputSize = 196;
    config.batchSize = 16;
    config.latentDim = 8;
    config.hiddenSizes = {256};
    auto lastTrainReconstruction = [&](const std::shared_ptr<vae::Dataset>& data) {
        vae::Trainer trainer(config, data);
        trainer.setLatentSnapshots(false);
        trainer.start();
        trainer.wait();
        EXPECT_EQ(trainer.state(), vae::TrainerState::Finished);
        return trainer.history().epochs.back().train.reconstruction;
    };
    const double memorised = lastTrainReconstruction(fixed);
    const double fresh = lastTrainReconstruction(dynamic);
    EXPECT_LT(memorised, 100.0) << "a fixed sample of 16 images, after 60 epochs";
    EXPECT_GT(fresh, 130.0) << "a fresh sample at every epoch";
}
