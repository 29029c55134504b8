#pragma once

#include "vae/config.h"
#include "vae/inference.h"
#include "vae/training_state.h"
#include "vae/types.h"

#include <filesystem>
#include <memory>
#include <optional>

namespace vae {

/// A model read back from disk.
struct Checkpoint {
    TrainingConfig config;
    TrainingHistory history;
    std::shared_ptr<const InferenceModel> model;
    /// What training needs to continue exactly (Trainer's constructor from a Checkpoint), with
    /// Adam's moments read; nullopt for a file saved without it (weights only, as every
    /// checkpoint written before it existed): such a model continues with a fresh optimizer.
    std::optional<TrainingState> training;
};

/// Writes weights, config and loss history in the safetensors format
/// (https://github.com/huggingface/safetensors: u64 little-endian header length N, N bytes of JSON
/// {name: {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__": {...}},
/// then raw little-endian tensor data). `__metadata__` holds "format" = "vae-explorer/1",
/// "config" (TrainingConfig::toJson()) and "history" (JSON: the epoch summaries and setting
/// changes, with an empty "steps" list), so the file also opens in Python's safetensors. The step
/// records are two F64 tensors, "history.steps" [n, 7] (StepHistory::recent(): step, epoch,
/// reconstruction, kl, elbo, beta, learning_rate) and "history.buckets" [m, 16]
/// (StepHistory::buckets(), columns in core/src/checkpoint_format.h), each left out when empty:
/// at most ~1.6 MB for any run length (20,000 × 56 + 4,096 × 128 bytes). The file is written to
/// a temporary file ".<name>.tmp-<random>" in the same directory, fsync'ed and renamed over `file`: a failed save (unwritable directory, full disk,
/// file-size limit, …) leaves an existing `file` byte-identical and removes the temporary file.
/// With `training` (Trainer::trainingState() of the run at the model's step) the file also holds
/// the metadata "training_state" (TrainingState::toJson()) and Adam's moments as the F32 tensors
/// "optimizer.adam_m" and "optimizer.adam_v", each [P] (P weights, in the order of the model's
/// tensors; zeros for a state with no moments), so that the run can be continued exactly.
/// Throws CheckpointError naming the file and the reason (the system's error text, e.g. "No space
/// left on device"); also when the header (epochs and changes) would exceed the 256 MiB
/// loadCheckpoint accepts (~800,000 epochs), and
/// when `training` is at another step than the model or has moments of another length than P.
void saveCheckpoint(const std::filesystem::path& file, const InferenceModel& model,
                    const TrainingHistory& history, const TrainingState* training = nullptr);

/// Reads a checkpoint written by saveCheckpoint. Throws CheckpointError naming the file and the
/// problem; never another exception for a bad file. Everything the file controls is validated
/// before anything of a size it chooses is allocated:
/// - the header length against the file size and against 256 MiB (before reading the header);
/// - the JSON: syntax, nesting (≤ 3 levels) and size (≤ 4096 values); the metadata's "format" tag,
///   and every metadata value is a string;
/// - the config (TrainingConfig::fromJson, integers checked for range, then validate(): its bounds
///   fix every tensor shape) and the history (streamed record by record, ≤ 4 levels, numbers
///   checked; null reads as NaN, which is how a NaN loss is written); files written before the
///   step tensors hold every step in its "steps" list, read into a StepHistory (so bucketed
///   beyond its recent window);
/// - that the weights the config needs fit the data section (so the model allocated is never
///   larger than the file);
/// - for every tensor: a name the config implies (no extra, none missing), dtype "F32", a shape
///   of ≤ 8 non-negative integer dimensions whose element count does not overflow and equals the
///   config's, and data_offsets [begin, end] of two non-negative integers with begin ≤ end ≤ data
///   size and end − begin = 4 · elements; the history tensors "history.steps" and
///   "history.buckets": dtype "F64", shape [rows, 7] and [rows ≤ 4,096, 16], end − begin =
///   8 · elements, read block by block after every check above (whole step numbers ≥ 1,
///   increasing through the buckets and steps; a bucket's count from 1 to the steps it spans;
///   losses may be NaN); not both these and a JSON "steps" list;
/// - the byte ranges: no two overlap, and together they cover the data section exactly (no gap,
///   no trailing bytes, as the safetensors format requires);
/// - the weights: no NaN or infinite value;
/// - a training state, if there is one: its JSON (TrainingState::fromJson), its step against the
///   history's last, and both moment tensors present with P elements, finite, v ≥ 0.
/// Memory while loading is the header (≤ 256 MiB), its parsed history (a few times its text, as
/// TrainingHistory records, whose steps a StepHistory bounds) and the model itself (≤ the file's
/// data section).
[[nodiscard]] Checkpoint loadCheckpoint(const std::filesystem::path& file);

} // namespace vae
