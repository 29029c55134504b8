#pragma once
// Internal to vae_core and its tests: hooks into a Trainer that the public API does not offer.

#include "vae/trainer.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace vae {

struct TrainerTestAccess {
    /// Called on the training thread before each step with the global step (from 1) and the
    /// batch's training-set indices, in batch order.
    using BatchObserver = std::function<void(std::int64_t step, std::vector<std::int64_t> indices)>;
    /// Installs `observer`; call before Trainer::start().
    static void observeBatches(Trainer& trainer, BatchObserver observer);
    /// Makes the first element of step `step`'s gradient (from 1) equal `value` (NaN, ±∞, huge)
    /// after it is computed and before the trainer checks it; call before Trainer::start().
    static void injectGradientValue(Trainer& trainer, std::int64_t step, float value);
    /// Requests the run's stop without joining: callable from a BatchObserver (the step it is
    /// called before still runs; the next stop check ends the run).
    static void requestStop(Trainer& trainer);
    /// The network's current weights, flattened in parameter order. Call on the training thread
    /// (from a BatchObserver: before step k runs they are the weights after step k − 1) or while
    /// no run is active.
    [[nodiscard]] static std::vector<float> weights(Trainer& trainer);
};

} // namespace vae
