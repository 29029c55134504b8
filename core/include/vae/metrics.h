#pragma once

#include "vae/config.h"
#include "vae/types.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vae {

/// The metrics document written by `vae-cli --metrics`:
/// {"config": {...}, "epochs": [{"epoch": 1, "train": {"reconstruction": r, "kl": k, "elbo": e},
///  "test": {...}, "samples_per_second": s, "seconds": t}, ...], "test": {...}}.
/// All loss values in nats per image (ELBO negative). "test" is omitted when not given.
[[nodiscard]] std::string metricsJson(const TrainingConfig& config,
                                      const std::vector<EpochSummary>& epochs,
                                      const std::optional<LossTerms>& test);

/// Serialises a history as JSON: {"steps": [[step, epoch, reconstruction, kl, beta, lr], ...],
/// "epochs": [as in metricsJson], "changes": [{"step": s, "epoch": e, "setting": "beta",
/// "from": "1", "to": "0.5"}, ...]}. Steps are stored as arrays to keep checkpoints compact.
[[nodiscard]] std::string historyToJson(const TrainingHistory& history);

/// Parses historyToJson()'s format; "changes" may be missing (histories written before it
/// existed). Throws CheckpointError on malformed input.
[[nodiscard]] TrainingHistory historyFromJson(std::string_view json);

} // namespace vae
