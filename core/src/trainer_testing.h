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
};

} // namespace vae
