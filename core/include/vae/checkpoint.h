#pragma once

#include "vae/config.h"
#include "vae/inference.h"
#include "vae/types.h"

#include <filesystem>
#include <memory>

namespace vae {

/// A model read back from disk.
struct Checkpoint {
    TrainingConfig config;
    TrainingHistory history;
    std::shared_ptr<const InferenceModel> model;
};

/// Writes weights, config and loss history in the safetensors format
/// (https://github.com/huggingface/safetensors: u64 little-endian header length N, N bytes of JSON
/// {name: {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__": {...}},
/// then raw little-endian tensor data). `__metadata__` holds "format" = "vae-explorer/1",
/// "config" (TrainingConfig::toJson()) and "history" (JSON), so the file also opens in Python's
/// safetensors. The file is written to a temporary file in the same directory and renamed over
/// `file`, so an existing file is never left half-written. Throws CheckpointError naming the file.
void saveCheckpoint(const std::filesystem::path& file, const InferenceModel& model,
                    const TrainingHistory& history);

/// Reads a checkpoint written by saveCheckpoint. Validates the header length against the file
/// size, the JSON, every tensor's dtype, shape and byte range, and that the set of tensors and their
/// shapes match the config in the metadata. Throws CheckpointError naming the file and the problem.
[[nodiscard]] Checkpoint loadCheckpoint(const std::filesystem::path& file);

} // namespace vae
