// The trainer's threads (issue 16, item 4): models built while other threads clone snapshots get
// their seed's weights; a stop during the end-of-epoch evaluation ends the run there, and the run
// continues exactly; pause() before start(), pause()/resume() from two threads at once, and
// stop()/wait() from several threads have defined outcomes. CI runs these under ThreadSanitizer
// too (scripts/check-sanitizers.sh). Real MNIST (small subsets).
#include "model.h"
#include "test_support.h"
#include "trainer_testing.h"
#include "vae/checkpoint.h"
#include "vae/trainer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <random>
#include <thread>
#include <vector>

#include <unistd.h>

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

std::vector<float> flatWeights(const vae::VaeNet& net)
{
    std::vector<float> out;
    for (const torch::Tensor& p : net->parameters()) {
        const torch::Tensor c = p.detach().contiguous();
        out.insert(out.end(), c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    }
    return out;
}

bool bitIdentical(const std::vector<float>& a, const std::vector<float>& b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

vae::TrainingConfig mlpConfig(std::uint64_t seed)
{
    vae::TrainingConfig config;
    config.latentDim = 4;
    config.hiddenSizes = {64, 32};
    config.seed = seed;
    return config;
}

vae::TrainingConfig convConfig(std::uint64_t seed)
{
    vae::TrainingConfig config = mlpConfig(seed);
    config.setDataShape(vae::test::mnist()->description);
    config.architecture = "conv";
    config.convChannels = {4, 8};
    config.hiddenSizes = {32};
    return config;
}

/// A small, quick run: 1,000 training images in batches of 100 (10 steps per epoch), the
/// first 2,000 test images, one thread (bit-identical continuation needs one summation order).
std::shared_ptr<const vae::Dataset> smallData()
{
    static const std::shared_ptr<const vae::Dataset> subset = [] {
        auto d = std::make_shared<vae::Dataset>();
        d->description = vae::test::mnist()->description;
        d->train = vae::test::mnist()->train.head(1000);
        d->test = vae::test::mnist()->test.head(2000);
        return d;
    }();
    return subset;
}
constexpr int kStepsPerEpoch = 10;

vae::TrainingConfig runConfig(int epochs)
{
    vae::TrainingConfig config = mlpConfig(7);
    config.epochs = epochs;
    config.threads = 1;
    config.batchSize = 100;
    return config;
}

template <typename Pred> bool waitFor(Pred done, std::chrono::seconds timeout = 60s)
{
    const auto deadline = Clock::now() + timeout;
    while (!done()) {
        if (Clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

} // namespace

TEST(TrainerThreads, MakeNetGivesTheWeightsOfTorchsSeededConstructors)
{
    // makeNet draws from a generator of its own; the weights are those the global generator
    // seeded the same way gives the modules' constructors (checkpoints and tests made with
    // the old initialisation keep their seeds' weights).
    for (const vae::TrainingConfig& config : {mlpConfig(3), convConfig(4)}) {
        torch::manual_seed(config.seed);
        const vae::VaeNet global(config);
        EXPECT_TRUE(bitIdentical(flatWeights(vae::makeNet(config)), flatWeights(global)))
            << config.architecture;
    }
}

TEST(TrainerThreads, ModelsBuiltWhileOtherThreadsCloneAndDrawMatchALoneBuild)
{
    const vae::TrainingConfig config = mlpConfig(11);
    const vae::TrainingConfig conv = convConfig(12);
    const std::vector<float> lone = flatWeights(vae::makeNet(config));
    const std::vector<float> loneConv = flatWeights(vae::makeNet(conv));

    // What trainer threads do every 250 ms (cloneNet builds a model, drawing throw-away weights
    // from torch's global generator), and any other user of it, as fast as they can.
    const vae::VaeNet source = vae::makeNet(mlpConfig(99));
    std::atomic<bool> done{false};
    std::atomic<int> clones{0};
    std::vector<std::jthread> others;
    for (int t = 0; t < 2; ++t)
        others.emplace_back([&] {
            while (!done) {
                const vae::VaeNet copy = vae::cloneNet(source);
                (void)torch::randn({64});
                ++clones;
            }
        });
    int mismatches = 0;
    const int builds = 40;
    for (int i = 0; i < builds; ++i) {
        mismatches += !bitIdentical(flatWeights(vae::makeNet(config)), lone);
        mismatches += !bitIdentical(flatWeights(vae::makeNet(conv)), loneConv);
    }
    done = true;
    others.clear();
    EXPECT_GT(clones.load(), 0) << "the other threads never ran beside the builds";
    EXPECT_EQ(mismatches, 0) << "of " << 2 * builds << " builds during " << clones
                             << " clones on other threads";
}

TEST(TrainerThreads, StopDuringTheEvaluationEndsTheRunThereAndItContinuesExactly)
{
    const vae::TrainingConfig config = runConfig(2);
    vae::Trainer reference(config, smallData());
    reference.setLatentSnapshots(false);
    reference.start();
    reference.wait();
    ASSERT_EQ(reference.state(), vae::TrainerState::Finished);

    // The stop is requested as the epoch's last step starts; that step runs, and the stop is
    // seen next by the evaluation (the stop check before each of its batches of 1,000 images).
    vae::Trainer first(config, smallData());
    first.setLatentSnapshots(false);
    vae::Trainer* self = &first;
    vae::TrainerTestAccess::observeBatches(first, [self](std::int64_t step, auto) {
        if (step == kStepsPerEpoch)
            vae::TrainerTestAccess::requestStop(*self);
    });
    first.start();
    first.wait();
    ASSERT_EQ(first.state(), vae::TrainerState::Stopped);
    const vae::TrainingHistory stopped = first.history();
    EXPECT_EQ(stopped.steps.size(), std::size_t(kStepsPerEpoch)) << "the last step ran";
    EXPECT_TRUE(stopped.epochs.empty()) << "the evaluation was cut short: no summary";
    const std::optional<vae::TrainingState> state = first.trainingState();
    ASSERT_TRUE(state.has_value());
    EXPECT_EQ(state->epoch, 1);
    EXPECT_EQ(state->stepInEpoch, kStepsPerEpoch);
    EXPECT_EQ(state->epochSamples, 1000);

    const auto path = std::filesystem::temp_directory_path() /
                      ("vae_threads_" + std::to_string(::getpid()) + ".safetensors");
    vae::saveCheckpoint(path, *first.inference(), stopped, &*state);
    const vae::Checkpoint saved = vae::loadCheckpoint(path);
    std::filesystem::remove(path);
    vae::Trainer continued(config, smallData(), saved);
    continued.setLatentSnapshots(false);
    continued.start();
    continued.wait();
    ASSERT_EQ(continued.state(), vae::TrainerState::Finished);

    // Epoch 1 is evaluated first, as the uninterrupted run did, then epoch 2 trains.
    const vae::TrainingHistory expected = reference.history();
    const vae::TrainingHistory got = continued.history();
    ASSERT_EQ(got.epochs.size(), 2u);
    for (std::size_t e = 0; e < 2; ++e) {
        EXPECT_EQ(got.epochs[e].epoch, expected.epochs[e].epoch);
        EXPECT_EQ(got.epochs[e].test.elbo, expected.epochs[e].test.elbo) << "epoch " << e + 1;
        EXPECT_EQ(got.epochs[e].train.elbo, expected.epochs[e].train.elbo) << "epoch " << e + 1;
    }
    EXPECT_TRUE(bitIdentical(vae::TrainerTestAccess::weights(continued),
                             vae::TrainerTestAccess::weights(reference)));
}

TEST(TrainerThreads, PauseBeforeStartStartsPausedAndResumeRuns)
{
    vae::Trainer trainer(runConfig(100), smallData());
    trainer.setLatentSnapshots(false);
    trainer.pause();
    EXPECT_EQ(trainer.state(), vae::TrainerState::Idle) << "not started yet";
    trainer.start();
    EXPECT_EQ(trainer.state(), vae::TrainerState::Paused);
    ASSERT_TRUE(waitFor([&] { return trainer.isParked(); })) << "the worker never parked";
    std::this_thread::sleep_for(100ms);
    EXPECT_TRUE(trainer.history().steps.empty()) << "a run started paused took a step";
    trainer.resume();
    EXPECT_EQ(trainer.state(), vae::TrainerState::Running);
    EXPECT_TRUE(waitFor([&] { return !trainer.history().steps.empty(); }));
    trainer.stop();
    EXPECT_EQ(trainer.state(), vae::TrainerState::Stopped);

    // resume() before start() cancels the pause.
    vae::Trainer other(runConfig(100), smallData());
    other.setLatentSnapshots(false);
    other.pause();
    other.resume();
    other.start();
    EXPECT_EQ(other.state(), vae::TrainerState::Running);
    EXPECT_TRUE(waitFor([&] { return !other.history().steps.empty(); }));
}

TEST(TrainerThreads, PauseAndResumeFromTwoThreadsLeaveStateAndWorkerAgreeing)
{
    vae::Trainer trainer(runConfig(1000), smallData());
    trainer.setLatentSnapshots(false);
    trainer.start();
    ASSERT_TRUE(waitFor([&] { return !trainer.history().steps.empty(); }));
    for (int round = 0; round < 20; ++round) {
        std::atomic<bool> go{false};
        auto hammer = [&](unsigned seed) {
            std::mt19937 random(seed);
            while (!go) {
            }
            for (int i = 0; i < 200; ++i)
                (random() % 2 ? trainer.pause() : trainer.resume());
        };
        {
            std::jthread a(hammer, 2 * round), b(hammer, 2 * round + 1);
            go = true;
        }
        // Whatever the last call was, state() must tell what the worker does.
        if (trainer.state() == vae::TrainerState::Paused) {
            ASSERT_TRUE(waitFor([&] { return trainer.isParked(); }, 30s))
                << "round " << round << ": state Paused, but the worker does not park";
            const std::size_t steps = trainer.history().steps.size();
            std::this_thread::sleep_for(20ms);
            ASSERT_EQ(trainer.history().steps.size(), steps) << "round " << round;
            trainer.resume();
        } else {
            ASSERT_EQ(trainer.state(), vae::TrainerState::Running);
            const std::size_t steps = trainer.history().steps.size();
            ASSERT_TRUE(waitFor([&] { return trainer.history().steps.size() > steps; }, 30s))
                << "round " << round << ": state Running, but no step comes";
        }
    }
    trainer.stop();
}

TEST(TrainerThreads, StopAndWaitFromSeveralThreadsJoinOnce)
{
    vae::Trainer idle(runConfig(1), smallData());
    idle.wait(); // before start(): return at once
    idle.stop();
    EXPECT_EQ(idle.state(), vae::TrainerState::Idle);

    for (int round = 0; round < 5; ++round) {
        vae::Trainer trainer(runConfig(1000), smallData());
        trainer.setLatentSnapshots(false);
        trainer.start();
        ASSERT_TRUE(waitFor([&] { return !trainer.history().steps.empty(); }));
        std::atomic<int> returned{0};
        {
            std::vector<std::jthread> callers;
            callers.emplace_back([&] {
                trainer.wait();
                ++returned;
            });
            callers.emplace_back([&] {
                trainer.wait();
                ++returned;
            });
            callers.emplace_back([&] {
                trainer.stop();
                ++returned;
            });
            callers.emplace_back([&] {
                trainer.stop();
                ++returned;
            });
        }
        EXPECT_EQ(returned.load(), 4);
        EXPECT_EQ(trainer.state(), vae::TrainerState::Stopped);
    }
}
