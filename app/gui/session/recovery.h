#pragma once

#include <vae/checkpoint.h>

#include <QDateTime>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

class QLockFile;

namespace vae::gui {

/// What a recovery file's JSON sidecar says about it, read without loading the model.
struct RecoveryInfo {
    QDateTime savedAt;    ///< when it was written (the sidecar's time, else the file's)
    qint64 step = -1;     ///< the model's step; -1 when the sidecar is missing or unreadable
    double epoch = 0;     ///< the epoch of that step (fractional)
    QString datasetName;  ///< shown to the user, e.g. "MNIST"
    QString datasetSpec;  ///< how to load the data again, e.g. "mnist"
    QString model;        ///< TrainingConfig::modelName(): "vae", "beta-vae", "autoencoder"
    QString originalFile; ///< the file the run was opened from or last saved to; empty if none

    /// The sidecar's JSON ({"format": "vae-explorer-recovery/1", "saved_at", "step", …}).
    [[nodiscard]] QByteArray toJson() const;
    /// Reads a sidecar; nullopt when it is not one (any field may be missing: its default stays).
    [[nodiscard]] static std::optional<RecoveryInfo> fromJson(const QByteArray& json);
    /// The sidecar for `run` (its model's step and data) written now.
    [[nodiscard]] static RecoveryInfo describe(const vae::Checkpoint& run,
                                               const QString& originalFile);
};

/// A recovery file that a process no longer running left behind (it crashed or was killed), held
/// by this process while it decides: the lock beside it is taken, so that no other instance
/// offers it at the same time. Destroying it without adopt() or discard() keeps the files for a
/// later start.
class OrphanedRecovery final {
public:
    OrphanedRecovery(QString id, QString checkpointPath, QString sidecarPath, RecoveryInfo info,
                     std::unique_ptr<QLockFile> lock);
    ~OrphanedRecovery();
    OrphanedRecovery(OrphanedRecovery&&) noexcept;
    OrphanedRecovery& operator=(OrphanedRecovery&&) noexcept;

    [[nodiscard]] const QString& checkpointPath() const { return m_checkpointPath; }
    [[nodiscard]] const QString& sidecarPath() const { return m_sidecarPath; }
    [[nodiscard]] const RecoveryInfo& info() const { return m_info; }
    /// Removes the files and the lock.
    void discard();

private:
    friend class RecoveryFiles; // adopt() takes the files over
    /// Unlocks (the lock file goes, the others stay) and lets findOrphans() see it again.
    void release();
    QString m_id;
    QString m_checkpointPath;
    QString m_sidecarPath;
    RecoveryInfo m_info;
    std::unique_ptr<QLockFile> m_lock;
};

/// This process's recovery file, and the ones crashed instances left.
///
/// The folder is $VAE_EXPLORER_RECOVERY_DIR when set (tests), else "recovery" under
/// QStandardPaths::AppDataLocation (~/.local/share/VAE Explorer/vae-explorer/recovery on Linux).
/// Each window writes recovery-<pid>-<n>-<time>.safetensors (a checkpoint with its training
/// state, written atomically by vae::saveCheckpoint) and then its sidecar recovery-<…>.json
/// (QSaveFile), and holds recovery-<…>.lock (a QLockFile: PID, host, application) from before
/// its first write until remove(), at a clean exit. A file whose lock can be taken belongs to a
/// process that is gone — QLockFile checks that the PID is no longer running, or runs another
/// program — and is offered by findOrphans(); a running instance's file never is. A lock naming
/// this process's own PID that no window here holds is a dead process's whose PID came round
/// again (containers start from the same PIDs) and counts as gone too.
class RecoveryFiles final {
public:
    /// $VAE_EXPLORER_RECOVERY_DIR, else AppDataLocation + "/recovery".
    [[nodiscard]] static QString defaultDirectory();
    /// VAE_EXPLORER_RECOVERY_DIR is set.
    [[nodiscard]] static bool directoryIsOverridden();

    explicit RecoveryFiles(QString directory = defaultDirectory());
    /// Releases the lock; the files stay (remove() deletes them).
    ~RecoveryFiles();
    RecoveryFiles(const RecoveryFiles&) = delete;
    RecoveryFiles& operator=(const RecoveryFiles&) = delete;

    [[nodiscard]] const QString& directory() const { return m_directory; }
    [[nodiscard]] QString checkpointPath() const;
    [[nodiscard]] QString sidecarPath() const;
    /// Whether this process holds its lock (after the first claim()).
    [[nodiscard]] bool claimed() const;
    /// Creates the folder and takes the lock, once; false with the reason in `error` otherwise.
    bool claim(QString* error);
    /// Whether this instance's checkpoint exists.
    [[nodiscard]] bool exists() const;
    /// Removes this instance's checkpoint and sidecar, then the lock: nothing is left to offer.
    void remove();
    /// Makes `orphan` this instance's recovery file (renamed into its names, its lock removed),
    /// so that it stays recoverable if this instance crashes too. False with `error` when the
    /// lock cannot be taken or a rename fails (the orphan's files are then left as they were).
    bool adopt(OrphanedRecovery& orphan, QString* error);

    /// Writes `run` and its sidecar `info` to these paths (any thread; the checkpoint first, so
    /// that a sidecar never describes a file that is not there). Throws std::exception with the
    /// reason (vae::CheckpointError names the file and the system's error).
    static void write(const QString& checkpointPath, const QString& sidecarPath,
                      const vae::Checkpoint& run, const RecoveryInfo& info);

    /// The recovery files in `directory` of processes no longer running, newest first, each
    /// claimed (its lock held) by the returned object. Leftovers without a checkpoint (a lock or
    /// sidecar alone) of such processes are removed on the way.
    [[nodiscard]] static std::vector<OrphanedRecovery> findOrphans(const QString& directory);

private:
    QString m_directory;
    QString m_id; ///< "<pid>-<n>-<yyyyMMddThhmmss>"
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace vae::gui
