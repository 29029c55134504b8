#pragma once

#include "vae/config.h"
#include "vae/data_description.h"
#include "vae/disentanglement.h"
#include "vae/types.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vae {

/// The metrics document written by `vae-cli --metrics`:
/// {"config": {...}, "epochs": [{"epoch": 1, "train": {"reconstruction": r, "kl": k, "elbo": e},
///  "test": {...}, "samples_per_second": s, "seconds": t}, ...], "test": {...}}.
/// All loss values in nats per image (ELBO negative). "test" is omitted when not given; "data"
/// (DataDescription::toJson(): the dataset's name, source spec, shape and values) when `data` is.
[[nodiscard]] std::string metricsJson(const TrainingConfig& config,
                                      const std::vector<EpochSummary>& epochs,
                                      const std::optional<LossTerms>& test,
                                      const DataDescription* data = nullptr);

/// The importance-weighted bound L_k over a test set (Burda et al. 2015, eq. 8; see likelihood.h).
struct ImportanceWeightedMetric {
    int k = 0;        ///< importance samples per image
    double value = 0; ///< mean of L_k over the images, nats per image (≤ log p(x) in expectation)
    double stdError = 0; ///< standard error of that mean over the images
    int images = 0;      ///< images averaged
};

/// metricsJson() plus, when `iw` is given, "log_likelihood_iw": {"k": K, "value": v,
/// "std_error": s, "images": n} at the top level, and when `mig` is given (data with known
/// factors), "mig": {"value": MIG, "factors": [{"name", "gap", "best_dimension",
/// "entropy_nats"}, …]} (factor names from `data`).
[[nodiscard]] std::string metricsJson(const TrainingConfig& config,
                                      const std::vector<EpochSummary>& epochs,
                                      const std::optional<LossTerms>& test,
                                      const std::optional<ImportanceWeightedMetric>& iw,
                                      const DataDescription* data = nullptr,
                                      const MutualInformationGap* mig = nullptr);

/// Serialises a history as JSON: {"steps": [[step, epoch, reconstruction, kl, beta, lr], ...],
/// "epochs": [as in metricsJson], "changes": [{"step": s, "epoch": e, "setting": "beta",
/// "from": "1", "to": "0.5"}, ...]}. "steps" holds the recent steps only (StepHistory::recent();
/// not its buckets): saveCheckpoint writes the steps as tensors and this JSON with none.
[[nodiscard]] std::string historyToJson(const TrainingHistory& history);

/// Parses historyToJson()'s format; "changes" may be missing (histories written before it
/// existed). Throws CheckpointError on malformed input.
[[nodiscard]] TrainingHistory historyFromJson(std::string_view json);

} // namespace vae
