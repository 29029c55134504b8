#pragma once
// Internal to vae_core.

#include "model.h"
#include "vae/inference.h"

namespace vae::detail {

struct InferenceImpl {
    TrainingConfig config;
    DataDescription description;
    std::int64_t step = 0;
    /// Weights owned by this snapshot only; forward passes on it are read-only and so can run on
    /// several threads at once.
    mutable VaeNet net{nullptr};
};

/// Wraps a deep copy of `net`'s weights.
[[nodiscard]] std::shared_ptr<const InferenceModel> snapshot(const VaeNet& net,
                                                             const TrainingConfig& config,
                                                             const DataDescription& description,
                                                             std::int64_t step);

} // namespace vae::detail
