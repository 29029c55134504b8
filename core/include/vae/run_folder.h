#pragma once

#include "vae/config.h"
#include "vae/data_description.h"
#include "vae/types.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace vae {

/// A run folder that a training script writes with python/vae_explorer (docs/follow-runs.md:
/// run.json, history.jsonl appended line by line, model.safetensors replaced atomically), read
/// while it grows. Qt-free: the GUI polls it from a file watcher and a timer.
class RunFolder final {
public:
    /// Opens `folder` and reads its run.json. Throws DataError naming the file and the problem:
    /// the folder or run.json missing, not JSON, another "format" than "vae-explorer-run/1", an
    /// invalid "config" (TrainingConfig::fromJson and validate()) or "data" description, or a
    /// data description whose example size is not the config's input size.
    explicit RunFolder(std::filesystem::path folder);

    [[nodiscard]] const std::filesystem::path& folder() const { return m_folder; }
    /// The model and settings the run trains (run.json "config"; epochs, batch size, lr…).
    [[nodiscard]] const TrainingConfig& config() const { return m_config; }
    /// The data it trains on (run.json "data").
    [[nodiscard]] const DataDescription& description() const { return m_description; }
    /// Processes writing the run (run.json "world_size"; 1 when absent).
    [[nodiscard]] int worldSize() const { return m_worldSize; }

    /// What one poll() read.
    struct Update {
        std::vector<StepRecord> steps;    ///< in file order; losses in nats per example
        std::vector<EpochSummary> epochs; ///< in file order
        /// A new run began in the folder (history.jsonl shrank, or run.json changed): config()
        /// and description() were read again, and every record read before is void.
        bool restarted = false;
        /// The run's end line came: "finished", "stopped" or "failed" (as the script wrote it).
        std::optional<std::string> ended;
        /// Lines skipped, each "history.jsonl line N: problem" (at most kMaxProblems per poll).
        std::vector<std::string> problems;
        [[nodiscard]] bool empty() const
        {
            return steps.empty() && epochs.empty() && !restarted && !ended && problems.empty();
        }
    };
    static constexpr std::size_t kMaxProblems = 20;
    /// A line longer than this is skipped as a problem (the run writes ~250-byte lines).
    static constexpr std::size_t kMaxLineBytes = 1 << 20;

    /// Reads the complete lines appended to history.jsonl since the previous poll. A last line
    /// without its newline is being written: it is left for the next poll. A line that is not
    /// a record (not JSON, an unknown "kind", a missing or mistyped field, a step number not
    /// above the previous one) is skipped and named in Update::problems; history.jsonl not
    /// existing yet reads as nothing new. Throws DataError when the folder or run.json has gone
    /// or run.json became invalid.
    [[nodiscard]] Update poll();

    /// model.safetensors in the folder.
    [[nodiscard]] std::filesystem::path checkpointPath() const;
    /// The checkpoint's modification time and size, to see a new one; nullopt while none exists.
    struct FileStamp {
        std::filesystem::file_time_type time;
        std::uintmax_t size = 0;
        bool operator==(const FileStamp&) const = default;
    };
    [[nodiscard]] std::optional<FileStamp> checkpointStamp() const;

private:
    void readRunJson();
    void parseLine(const std::string& line, Update& update);

    std::filesystem::path m_folder;
    std::string m_runJson; // the text read, to see it change
    TrainingConfig m_config;
    DataDescription m_description;
    int m_worldSize = 1;
    std::uint64_t m_offset = 0; // bytes of history.jsonl consumed (complete lines)
    std::int64_t m_lines = 0;   // complete lines consumed
    std::int64_t m_lastStep = 0;
    bool m_skippingLongLine = false;
};

} // namespace vae
