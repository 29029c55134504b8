#pragma once
// Reading and validating a checkpoint file (the safetensors layout, see vae/checkpoint.h) without
// LibTorch: everything a file controls is checked here before the loader allocates a model, and
// this part alone is what the libFuzzer target tests/fuzz/fuzz_checkpoint.cpp fuzzes (it is built
// with clang, which cannot compile LibTorch 1.13's headers in C++20 mode).

#include "vae/config.h"
#include "vae/data_description.h"
#include "vae/training_state.h"
#include "vae/types.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace vae::detail {

/// The format tag saveCheckpoint writes into the metadata.
inline constexpr const char* kCheckpointFormat = "vae-explorer/1";
/// The largest header (JSON) loadCheckpoint reads. A real header is a few kB plus the epoch
/// summaries and setting changes (≈300 bytes per epoch); the step records are tensors
/// (kHistoryStepsTensor, kHistoryBucketsTensor). Files written before those held every step in
/// the header (≈100 bytes per step): 256 MiB held ~2.5 million steps.
inline constexpr std::uint64_t kMaxCheckpointHeaderBytes = 256ull << 20;

/// σ as metadata text: the shortest decimal that reads back as the same double.
[[nodiscard]] std::string formatSigma(double sigma);

struct TensorSpec {
    std::string name;
    std::vector<std::int64_t> shape;
};

/// The parameter names and shapes VaeNet has for `config` (in named_parameters() order),
/// computed without allocating them.
[[nodiscard]] std::vector<TensorSpec> expectedTensors(const TrainingConfig& config);

/// The model of `config` in words for messages: "an MLP with latent dim 2 and hidden sizes
/// 512,256" or "a conv model with channels 32,64 on 28×28×1 images, latent dim …".
[[nodiscard]] std::string describeModel(const TrainingConfig& config);

/// The tensors holding Adam's moments m and v in a checkpoint with a training state: each
/// [P], P the weight count, in parameter order.
inline constexpr const char* kAdamFirstMomentTensor = "optimizer.adam_m";
inline constexpr const char* kAdamSecondMomentTensor = "optimizer.adam_v";

/// The step records of the history (StepHistory::recent()), F64 [n, kStepColumns], a row per
/// record: step, epoch, reconstruction, kl, elbo, beta, learning_rate. Absent when n = 0; files
/// written before it held the steps in the "history" metadata's "steps" list instead.
inline constexpr const char* kHistoryStepsTensor = "history.steps";
inline constexpr std::int64_t kStepColumns = 7;
/// The older steps, summarised (StepHistory::buckets()), F64 [m, kBucketColumns], m ≤
/// StepHistory::kDefaultMaxBuckets, a row per bucket: first_step, last_step, count, first_epoch,
/// last_epoch, mean reconstruction, kl, elbo, min reconstruction, kl, elbo, max reconstruction,
/// kl, elbo, mean beta, mean learning_rate. Absent when m = 0.
inline constexpr const char* kHistoryBucketsTensor = "history.buckets";
inline constexpr std::int64_t kBucketColumns = 16;

/// A tensor of the file, validated: its name and shape are those expectedTensors() gives for the
/// config, and [begin, end) is its byte range in the data section (end − begin = 4 · elements).
struct TensorRange {
    std::string name;
    std::vector<std::int64_t> shape;
    std::uint64_t begin = 0;
    std::uint64_t end = 0;
    [[nodiscard]] std::size_t elements() const { return std::size_t((end - begin) / 4); }
};

/// An open checkpoint file whose header has been read and fully validated (see loadCheckpoint()'s
/// documentation for the list). Only readTensor() reads the data section.
class CheckpointReader {
public:
    /// Throws CheckpointError naming the file and the problem.
    explicit CheckpointReader(const std::filesystem::path& file);

    [[nodiscard]] const TrainingConfig& config() const { return m_config; }
    [[nodiscard]] const TrainingHistory& history() const { return m_history; }
    /// The "data" metadata, or DataDescription::mnist() when the file has none (written before
    /// other datasets existed); its inputSize() equals config().inputSize.
    [[nodiscard]] const DataDescription& description() const { return m_description; }
    /// The step of the weights: the history's last step record, or for a file without step
    /// records its "step" metadata (a whole number ≥ 0), or 0.
    [[nodiscard]] std::int64_t step() const { return m_step; }
    /// The Gaussian decoder's σ ("gaussian_sigma" metadata, required for a Gaussian model and
    /// checked to be a finite number ≥ kGaussianSigmaMin); 1 for the other likelihoods.
    [[nodiscard]] double gaussianSigma() const { return m_gaussianSigma; }
    /// The "training_state" metadata (Adam's moments not yet read: they are tensors()
    /// kAdamFirstMomentTensor and kAdamSecondMomentTensor, required when it is present), or
    /// nullopt for a checkpoint that holds weights only. Its step equals step().
    [[nodiscard]] const std::optional<TrainingState>& trainingState() const
    {
        return m_trainingState;
    }
    /// Every tensor of the model, sorted by offset; together they cover the data section exactly.
    [[nodiscard]] const std::vector<TensorRange>& tensors() const { return m_tensors; }

    /// Reads `tensor` (one of tensors()) into out[0 … elements()). Throws CheckpointError on a
    /// read error (the file shrank) or when a value is NaN or infinite.
    void readTensor(const TensorRange& tensor, float* out);

private:
    [[noreturn]] void fail(const std::string& problem) const;
    /// Reads the history tensors (validated ranges) into m_history.steps, row block by row block.
    void readHistoryTensors(const std::vector<TensorRange>& ranges);

    std::string m_name;
    std::ifstream m_in;
    std::uint64_t m_dataStart = 0;
    TrainingConfig m_config;
    TrainingHistory m_history;
    DataDescription m_description;
    std::int64_t m_step = 0;
    double m_gaussianSigma = 1.0;
    std::optional<TrainingState> m_trainingState;
    std::vector<TensorRange> m_tensors;
};

} // namespace vae::detail
