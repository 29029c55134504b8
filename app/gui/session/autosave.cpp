#include "session/autosave.h"

#include "session/session.h"
#include "session/trainerupdates.h"

#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>

namespace vae::gui {

std::optional<int> Autosaver::intervalOverride()
{
    bool ok = false;
    const int seconds = qEnvironmentVariableIntValue("VAE_EXPLORER_AUTOSAVE_SECONDS", &ok);
    if (!ok || seconds < 0)
        return std::nullopt;
    return seconds;
}

Autosaver::Autosaver(Session& session, QString directory, QObject* parent)
    : QObject(parent), m_session(session), m_files(std::move(directory)),
      m_logTiming(!qEnvironmentVariableIsEmpty("VAE_EXPLORER_TIMING"))
{
    m_timer.setInterval(m_intervalSeconds * 1000);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        // A run paused by the user was written when it paused.
        if (m_session.isTraining() && !m_session.pauseRequested())
            autosaveNow();
    });
    connect(&session, &Session::runStarted, this, [this] {
        m_lastStep = -1; // a new run: its steps may repeat the last run's numbers
        if (m_intervalSeconds > 0)
            m_timer.start();
    });
    connect(&session, &Session::trainingStateChanged, this, &Autosaver::onStateChanged);
    connect(&session, &Session::runSnapshotTaken, this, &Autosaver::onSnapshot);
    connect(&session, &Session::runSnapshotFailed, this, &Autosaver::onSnapshotFailed);
    connect(&m_watcher, &QFutureWatcher<WriteResult>::finished, this, &Autosaver::onWritten);
    // Nothing left to lose: the model is in a file, or the user let it go for another one.
    connect(&session, &Session::modelSaved, this, [this] {
        if (!m_session.isTraining())
            removeWhenIdle();
    });
    // The run was dropped (the user agreed when it was unsaved): an opened file, other data, a
    // followed run. A restored model stays recoverable.
    const auto dropped = [this] {
        if (!m_session.trainer() && !m_session.isRecovered())
            removeWhenIdle();
    };
    connect(&session, &Session::modelOpened, this, dropped);
    connect(&session, &Session::dataReplaced, this, dropped);
    connect(&session, &Session::followStarted, this, dropped);
}

Autosaver::~Autosaver()
{
    m_watcher.waitForFinished();
}

void Autosaver::setIntervalSeconds(int seconds)
{
    m_intervalSeconds = std::clamp(seconds, 0, kMaxIntervalSeconds);
    if (m_intervalSeconds == 0) {
        m_timer.stop();
        return;
    }
    m_timer.setInterval(m_intervalSeconds * 1000);
    if (m_session.isTraining())
        m_timer.start(); // counts from now
}

void Autosaver::onStateChanged()
{
    if (m_finished || m_intervalSeconds == 0)
        return;
    const vae::TrainerState state = m_session.lastState();
    if (isTerminal(state)) {
        m_timer.stop();
        autosaveNow(); // the run's last step, until it is saved
    } else if (state == vae::TrainerState::Paused && m_session.pauseRequested()) {
        autosaveNow();
    } else if (state == vae::TrainerState::Running && !m_timer.isActive()) {
        m_timer.start();
    }
}

void Autosaver::autosaveNow()
{
    if (m_finished || m_intervalSeconds == 0 || !m_session.trainer())
        return;
    if (isBusy()) {
        m_again = true;
        return;
    }
    m_copying = true;
    m_session.requestRunSnapshot();
}

void Autosaver::onSnapshot(std::shared_ptr<const vae::Checkpoint> run, double heldMs,
                           double stoppedMs, double copyMs)
{
    if (!m_copying)
        return; // another's request (there is none today)
    m_copying = false;
    const auto start = std::chrono::steady_clock::now();
    if (m_removeAfterWrite) { // saved or replaced while it was copied: nothing to keep
        m_removeAfterWrite = false;
        m_files.remove();
        m_lastStep = run->model ? run->model->step() : -1;
        return;
    }
    if (m_finished || !run->model || run->model->step() == 0 || run->model->step() == m_lastStep) {
        next(); // nothing new to write
        return;
    }
    QString error;
    if (!m_files.claim(&error)) {
        fail(error);
        next();
        return;
    }
    const RecoveryInfo info = RecoveryInfo::describe(*run, m_session.originFile());
    const QString checkpoint = m_files.checkpointPath();
    const QString sidecar = m_files.sidecarPath();
    m_pending = Figures{};
    m_pending.step = run->model->step();
    m_pending.heldMs = heldMs;
    m_pending.stoppedMs = stoppedMs;
    m_watcher.setFuture(QtConcurrent::run([run = std::move(run), info, checkpoint, sidecar] {
        WriteResult result;
        result.step = run->model->step();
        const auto begin = std::chrono::steady_clock::now();
        try {
            RecoveryFiles::write(checkpoint, sidecar, *run, info);
            result.bytes = QFileInfo(checkpoint).size();
        } catch (const std::exception& e) {
            result.error = QString::fromStdString(e.what());
        }
        result.writeMs =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin)
                .count();
        return result;
    }));
    m_pending.guiMs =
        copyMs +
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void Autosaver::onSnapshotFailed(const QString& reason)
{
    if (!m_copying)
        return;
    m_copying = false;
    if (m_session.trainer()) // no run (closed, replaced) is no failure
        fail(reason);
    next();
}

void Autosaver::onWritten()
{
    const WriteResult result = m_watcher.result();
    if (m_finished)
        return;
    if (!result.error.isEmpty()) {
        fail(result.error);
    } else {
        m_lastStep = result.step;
        m_figures = m_pending;
        m_figures->writeMs = result.writeMs;
        m_figures->bytes = result.bytes;
        ++m_savedCount;
        if (m_logTiming)
            std::fprintf(stderr,
                         "vae-explorer: autosave at step %lld: training held %.1f ms (stood still "
                         "<= %.1f ms), GUI thread %.2f ms, written in %.1f ms (%.2f MB)\n",
                         static_cast<long long>(m_figures->step), m_figures->heldMs,
                         m_figures->stoppedMs, m_figures->guiMs, m_figures->writeMs,
                         double(m_figures->bytes) / 1e6);
        emit saved(result.step);
    }
    if (m_removeAfterWrite) {
        m_removeAfterWrite = false;
        m_files.remove();
    }
    next();
}

void Autosaver::fail(const QString& reason)
{
    ++m_failedCount;
    emit failed(reason);
}

void Autosaver::removeWhenIdle()
{
    m_again = false;
    if (m_watcher.isRunning() || m_copying)
        m_removeAfterWrite = true;
    else
        m_files.remove();
}

void Autosaver::next()
{
    if (m_again) {
        m_again = false;
        autosaveNow();
    }
}

void Autosaver::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    m_watcher.waitForFinished();
    m_files.remove();
}

} // namespace vae::gui
