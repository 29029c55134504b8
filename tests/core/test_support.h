#pragma once
// Shared by the core tests: the real MNIST, loaded once per test executable.

#include "../timescale.h"
#include "vae/config.h"
#include "vae/dataset.h"
#include "vae/errors.h"
#include "vae/trainer.h"

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace vae::test {

/// Real MNIST from the per-user data directory (scripts/fetch-mnist.sh puts it there).
inline std::shared_ptr<const Dataset> mnist()
{
    static const std::shared_ptr<const Dataset> data =
        std::make_shared<const Dataset>(loadMnist(defaultDataDir()));
    return data;
}

/// The first `trainCount` training images and the whole test set.
inline std::shared_ptr<const Dataset> mnistSubset(int trainCount)
{
    auto subset = std::make_shared<Dataset>();
    subset->description = mnist()->description;
    subset->train = mnist()->train.head(trainCount);
    subset->test = mnist()->test;
    return subset;
}

/// A small network (784-64-32-3) for gradient comparisons: quick, and with every layer kind of
/// the default one.
inline TrainingConfig smallNet()
{
    TrainingConfig config;
    config.latentDim = 3;
    config.hiddenSizes = {64, 32};
    config.seed = 21;
    return config;
}

/// What ended `trainer`'s run: its state and, when it failed, its error (taken from the updates:
/// call only once the run has ended and nobody else takes them).
inline std::string endOfRun(Trainer& trainer)
{
    std::string what = std::string("the run ended ") + toString(trainer.state());
    for (int i = 0; i < 3; ++i)
        if (const std::optional<std::string> error = trainer.takeUpdate().error)
            return what + ": " + *error;
    return what;
}

/// Starts `trainer` and blocks until its run ends; throws std::runtime_error (which fails the
/// test that needed the run, naming the state and error) unless it finished all its epochs. For
/// the models that tests train once and share: a failed run must not hand them half-trained
/// weights.
inline void trainToTheEnd(Trainer& trainer)
{
    trainer.start();
    trainer.wait();
    if (trainer.state() != TrainerState::Finished)
        throw std::runtime_error(endOfRun(trainer));
}

/// Runs `load` and returns the DataError message; fails the test if nothing is thrown.
template <typename F> std::string errorOf(F&& load)
{
    try {
        load();
    } catch (const DataError& e) {
        return e.what();
    }
    ADD_FAILURE() << "expected a DataError";
    return {};
}

} // namespace vae::test
