#pragma once

#include "session/recovery.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QTimer>

#include <cstdint>
#include <memory>
#include <optional>

namespace vae::gui {

class Session;

/// Writes the session's run to its recovery file (RecoveryFiles) while it trains, so that a crash
/// or a kill loses at most a few minutes of training: every intervalSeconds() of a run, when the
/// user pauses, and once more when the run ends (finished or stopped, not yet saved). A step
/// already written is not written again.
///
/// Threads: the copy of the run comes from Session::requestRunSnapshot() (training is held for
/// one batch, the GUI thread never waits); the file is written on QtConcurrent's pool. One write
/// at a time: a request while one is copied or written is done after it. A failed write (a full
/// disk, a read-only folder) is reported through failed(), once per attempt, and training goes
/// on; the next interval tries again.
///
/// The recovery file is removed by finish() (a clean exit), when the model is saved to a file
/// while no run trains, and when the run is dropped for something else (an opened model, other
/// data, a followed run; a restored model stays): nothing would be lost then. Only the main
/// window's run is autosaved (not Compare Models' runs).
class Autosaver final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Autosaver)

public:
    /// The default of File ▸ Autosave.
    static constexpr int kDefaultMinutes = 5;
    /// VAE_EXPLORER_AUTOSAVE_SECONDS when it is a whole number ≥ 0 (0: off): an interval in
    /// seconds that overrides the setting, for tests and demonstrations.
    [[nodiscard]] static std::optional<int> intervalOverride();

    /// Follows `session`'s runs; writes into `directory` (RecoveryFiles::defaultDirectory()).
    explicit Autosaver(Session& session, QString directory = RecoveryFiles::defaultDirectory(),
                       QObject* parent = nullptr);
    /// Waits for a write in flight; the file stays (finish() removes it).
    ~Autosaver() override;

    /// Seconds between autosaves of a run (at most kMaxIntervalSeconds); 0 turns autosaving off
    /// (the recovery file stays until the next clean exit or save).
    void setIntervalSeconds(int seconds);
    static constexpr int kMaxIntervalSeconds = 24 * 3600;
    [[nodiscard]] int intervalSeconds() const { return m_intervalSeconds; }

    /// Autosaves now if the run has a step not yet written (after the one in progress, if any).
    void autosaveNow();
    /// A copy is being taken or written.
    [[nodiscard]] bool isBusy() const { return m_copying || m_watcher.isRunning(); }

    [[nodiscard]] RecoveryFiles& files() { return m_files; }
    [[nodiscard]] const RecoveryFiles& files() const { return m_files; }

    /// A clean exit: stops autosaving, waits for a write in flight and removes the recovery file.
    void finish();

    /// What the last successful autosave cost (VAE_EXPLORER_TIMING=1 also prints it).
    struct Figures {
        std::int64_t step = 0;
        /// From the pause to the resume, the batch in flight included (0: the run was paused or
        /// had ended already).
        double heldMs = 0;
        /// At most how long training stood still for the copy (Session::runSnapshotTaken).
        double stoppedMs = 0;
        double guiMs = 0;   ///< the GUI thread's share: copying the run and starting the write
        double writeMs = 0; ///< writing the checkpoint and the sidecar, off the GUI thread
        std::int64_t bytes = 0;
    };
    [[nodiscard]] const std::optional<Figures>& lastFigures() const { return m_figures; }
    [[nodiscard]] int savedCount() const { return m_savedCount; }
    [[nodiscard]] int failedCount() const { return m_failedCount; }

signals:
    /// The recovery file now holds `step`.
    void saved(std::int64_t step);
    /// An autosave could not be written; `message` says why (for the status bar).
    void failed(const QString& message);

private:
    struct WriteResult {
        std::int64_t step = 0;
        QString error;
        double writeMs = 0;
        std::int64_t bytes = 0;
    };
    void onStateChanged();
    void onSnapshot(std::shared_ptr<const vae::Checkpoint> run, double heldMs, double stoppedMs,
                    double copyMs);
    void onSnapshotFailed(const QString& reason);
    void onWritten();
    void fail(const QString& reason);
    /// Removes the file now, or after the write in flight.
    void removeWhenIdle();
    /// The request that waited for the one in progress, if any.
    void next();

    Session& m_session;
    RecoveryFiles m_files;
    QTimer m_timer;
    int m_intervalSeconds = kDefaultMinutes * 60;
    bool m_copying = false;
    bool m_again = false;
    bool m_removeAfterWrite = false;
    bool m_finished = false;
    bool m_logTiming = false;
    std::int64_t m_lastStep = -1; ///< of this run, written; -1 for none
    Figures m_pending;            ///< the write in flight's figures so far
    std::optional<Figures> m_figures;
    int m_savedCount = 0;
    int m_failedCount = 0;
    QFutureWatcher<WriteResult> m_watcher;
};

} // namespace vae::gui
