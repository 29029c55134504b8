#include "session/session.h"

#include "session/trainerupdates.h"

#include <vae/errors.h>
#include <vae/image_folder.h>
#include <vae/likelihood_kind.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <span>
#include <thread>

namespace vae::gui {

namespace {

// Fast enough to look live; what a tick costs is kept small instead (see MainWindow: one redraw per poll).
constexpr int kPollIntervalMs = 30;
// A followed run is also polled on a timer: file watchers miss changes on network file systems.
constexpr int kFollowPollIntervalMs = 1000;
// Failed reads of a followed run's checkpoint in a row before the status says so (a read that
// overlaps the writer's rename is retried at the next poll).
constexpr int kFollowLoadRetries = 3;
constexpr int kStatusMessageMs = 5000;
// How long a save waits for a running trainer to park (one batch: milliseconds for an MLP).
constexpr auto kParkTimeout = std::chrono::seconds(3);
// A load's counts reach the window ten times a second: smooth to watch, and the worker (which
// only stores two atomics every 50 ms) never waits for the GUI.
constexpr int kLoadPollIntervalMs = 100;
// The files a skipped-files message names; the rest are counted.
constexpr int kSkippedListed = 10;

std::filesystem::path toPath(const QString& path)
{
    return std::filesystem::path(QFile::encodeName(path).toStdString());
}

} // namespace

Session::Session(LaunchOptions options, QObject* parent)
    : QObject(parent), m_options(std::move(options))
{
    m_pollTimer.setInterval(kPollIntervalMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &Session::poll);
    m_snapshotTimer.setInterval(1); // how long a held trainer waits beyond its batch
    m_snapshotTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_snapshotTimer, &QTimer::timeout, this, &Session::takeRunSnapshot);
    m_loadTimer.setInterval(kLoadPollIntervalMs);
    connect(&m_loadTimer, &QTimer::timeout, this, &Session::pollLoadProgress);
    connect(&m_dataWatcher, &QFutureWatcher<DataLoadResult>::finished, this,
            &Session::onDataLoaded);
    connect(&m_encodeWatcher, &QFutureWatcher<EncodeResult>::finished, this, &Session::onEncoded);
    connect(&m_trainEncodeWatcher, &QFutureWatcher<TrainEncodeResult>::finished, this,
            &Session::onTrainingSetEncoded);
    m_followTimer.setInterval(kFollowPollIntervalMs);
    connect(&m_followTimer, &QTimer::timeout, this, &Session::pollFollowed);
    connect(&m_followWatcher, &QFileSystemWatcher::fileChanged, this, &Session::pollFollowed);
    connect(&m_followWatcher, &QFileSystemWatcher::directoryChanged, this, &Session::pollFollowed);
    connect(&m_followLoadWatcher, &QFutureWatcher<FollowLoadResult>::finished, this,
            &Session::onFollowedCheckpointLoaded);
}

Session::~Session()
{
    shutdown();
}

void Session::shutdown()
{
    m_pollTimer.stop();
    m_loadTimer.stop();
    m_followTimer.stop();
    m_snapshotTimer.stop();
    m_snapshotHeld = false;
    // A folder still decoding stops within ~50 ms, so the application's thread pool, which waits
    // for its tasks at exit, does not keep the process alive for the rest of the folder.
    if (m_load)
        m_load->cancel = true;
    // Joins the training thread; it checks its stop flag once per batch.
    m_trainer.reset();
}

// ---------------------------------------------------------------------------------------------
// Data

void Session::loadData(const QString& spec)
{
    startLoading(spec.isEmpty() ? m_options.dataset : spec);
}

bool Session::openDataset(const QString& spec)
{
    if (isTraining() || isLoadingData()) {
        emit errorReported(tr("Cannot open a dataset"),
                           isTraining() ? tr("Training is running, so %1 was not opened. Stop "
                                             "training first (Training ▸ Stop, Shift+F5), then "
                                             "open the dataset again.")
                                              .arg(spec)
                                        : tr("%1 was not opened: another dataset is still "
                                             "loading.")
                                              .arg(spec));
        return false;
    }
    startLoading(spec);
    return true;
}

void Session::startLoading(const QString& spec)
{
    m_datasetSpec = spec;
    const std::string name = spec.toStdString();
    vae::DataLocations locations;
    // --data names the folder of the dataset the window was started with.
    if (!m_options.dataDir.isEmpty() && spec == m_options.dataset)
        (name == "fashion-mnist" ? locations.fashionMnist : locations.mnist) =
            toPath(m_options.dataDir);
    auto control = std::make_shared<LoadControl>();
    m_load = control;
    m_loadProgress = {};
    emit statusMessage(tr("Loading %1…").arg(spec), 0);
    // Off the GUI thread: the window stays responsive (MNIST's 55 MB of IDX files take a quarter
    // of a second, a folder of 70,000 PNG files a few seconds to decode).
    m_dataWatcher.setFuture(QtConcurrent::run([spec, name, locations, control]() {
        DataLoadResult result{spec, nullptr, {}, {}, control};
        try {
            if (std::optional<vae::ImageFolderSpec> folder = vae::parseImageFolderSpec(name)) {
                // As vae::loadDataset() reads a folder, with the progress and the skipped files
                // that it does not hand on.
                vae::ImageFolderOptions options;
                options.size = folder->size;
                vae::ImageFolderResult loaded =
                    vae::loadImageFolder(folder->root, options, [&control](int done, int total) {
                        control->done = done;
                        control->total = total;
                        return !control->cancel;
                    });
                if (loaded.cancelled)
                    return result;
                loaded.data.description.source = name;
                for (const vae::SkippedFile& file : loaded.skipped)
                    result.skipped
                        << QString::fromStdString(file.path.string() + ": " + file.reason);
                result.data = std::make_shared<const vae::Dataset>(std::move(loaded.data));
            } else {
                result.data =
                    std::make_shared<const vae::Dataset>(vae::loadDataset(name, locations));
            }
        } catch (const std::exception& e) {
            result.error = QString::fromStdString(e.what());
        }
        return result;
    }));
    m_loadTimer.start();
    emit loadStarted(spec);
}

void Session::pollLoadProgress()
{
    if (!m_load)
        return;
    const LoadProgress now{m_load->done.load(), m_load->total.load()};
    if (now == m_loadProgress)
        return;
    m_loadProgress = now;
    emit loadProgressed(now.done, now.total);
}

void Session::finishLoading()
{
    m_loadTimer.stop();
    m_load.reset();
    emit loadFinished();
}

void Session::cancelLoading()
{
    if (!m_load)
        return;
    // The worker sees the flag at its next progress report; its result, whenever it comes, no
    // longer matches m_load and is dropped (onDataLoaded()).
    m_load->cancel = true;
    const QString spec = m_datasetSpec;
    finishLoading();
    m_datasetSpec = loadedSpec();
    emit statusMessage(
        m_data ? tr("Stopped loading %1; %2 stays.")
                     .arg(spec, QString::fromStdString(m_data->description.name))
               : tr("Stopped loading %1: there is no data to train on. Open a dataset from "
                    "File ▸ Open Dataset.")
                     .arg(spec),
        m_data ? kStatusMessageMs : 0);
    emit loadCancelled(spec);
}

QString Session::loadedSpec() const
{
    if (!m_data)
        return {};
    return m_data->description.source.empty() ? m_options.dataset
                                              : QString::fromStdString(m_data->description.source);
}

void Session::reportSkipped(const DataLoadResult& result)
{
    if (result.skipped.isEmpty())
        return;
    const qsizetype count = result.skipped.size();
    QString message = tr("These files could not be used and were skipped (%1 in all):")
                          .arg(QLocale().toString(count));
    for (qsizetype i = 0; i < std::min<qsizetype>(count, kSkippedListed); ++i)
        message += QLatin1Char('\n') + result.skipped[i];
    if (count > kSkippedListed)
        message += QLatin1Char('\n') +
                   tr("… and %1 more.").arg(QLocale().toString(count - kSkippedListed));
    emit errorReported(tr("Some files in %1 were skipped").arg(result.spec), message);
}

const vae::DataDescription& Session::dataDescription() const
{
    static const vae::DataDescription mnist = vae::DataDescription::mnist();
    return m_data ? m_data->description : mnist;
}

void Session::onDataLoaded()
{
    DataLoadResult result = m_dataWatcher.result();
    // A cancelled load's result (cancelLoading() has restored everything) is dropped.
    if (!m_load || result.control != m_load)
        return;
    pollLoadProgress(); // the last figures: all images decoded
    finishLoading();
    if (m_data) { // openDataset(): the old data stays unless the new one loaded and may replace it
        const QString loaded = loadedSpec();
        if (!result.data) {
            m_datasetSpec = loaded;
            emit statusMessage({}, 0);
            emit errorReported(tr("Cannot load %1").arg(result.spec), result.error);
            return;
        }
        if (m_confirmReplace &&
            !m_confirmReplace(QString::fromStdString(result.data->description.name))) {
            m_datasetSpec = loaded;
            emit statusMessage({}, 0);
            return;
        }
        replaceData(std::move(result.data));
        reportSkipped(result);
        return;
    }
    if (!result.data) {
        emit statusMessage(tr("No training data: Start is disabled."), 0);
        emit errorReported(tr("Cannot load %1").arg(result.spec), result.error);
        emit dataLoadFailed(result.error);
        return;
    }
    m_data = std::move(result.data);
    emit statusMessage(tr("Loaded %1: %2 training and %3 test examples.")
                           .arg(QString::fromStdString(m_data->description.name))
                           .arg(m_data->train.count)
                           .arg(m_data->test.count),
                       kStatusMessageMs);
    emit dataLoaded();
    reportSkipped(result);
    if (m_opened && !m_trainer)
        encodeOpenedModel();
}

void Session::replaceData(std::shared_ptr<const vae::Dataset> data)
{
    // What was explored belongs to the old data: the run, its latent points, and an opened model
    // whose examples have another size.
    m_trainer.reset();
    m_lastState = vae::TrainerState::Idle;
    ++m_encodeGeneration;
    ++m_trainEncodeGeneration;
    m_trainEncodeModel.reset();
    m_latent.reset();
    m_data = std::move(data);
    QString closed;
    if (m_opened && m_opened->model->description().inputSize() != m_data->description.inputSize()) {
        closed = m_modelFile;
        m_opened.reset();
        m_modelFile.clear();
        m_recovered = false;
    }
    m_model = m_opened ? m_opened->model : nullptr;
    emit dataReplaced();
    emit modelChanged();
    emit statusMessage(
        closed.isEmpty()
            ? tr("Loaded %1: %2 training and %3 test examples.")
                  .arg(QString::fromStdString(m_data->description.name))
                  .arg(m_data->train.count)
                  .arg(m_data->test.count)
            : tr("Loaded %1; %2 was closed: its model takes examples of another size.")
                  .arg(QString::fromStdString(m_data->description.name), closed),
        kStatusMessageMs);
    emit dataLoaded();
    encodeOpenedModel();
}

// ---------------------------------------------------------------------------------------------
// Training

bool Session::isTraining() const
{
    return m_trainer && !isTerminal(m_trainer->state());
}

bool Session::startTraining(const vae::TrainingConfig& config, bool includeTrainingSet)
{
    if (isTraining())
        return false;
    if (!m_data) {
        emit errorReported(tr("Cannot start training"),
                           tr("The data is not loaded, so there is nothing to train on."));
        return false;
    }
    // The model's input is the data's example: the settings panel does not choose it.
    vae::TrainingConfig run = config;
    run.setDataShape(m_data->description);
    // Real values (a standardised table) need the Gaussian; other data keeps the setting (a
    // loaded checkpoint's likelihood, else the default Bernoulli).
    if (m_data->description.values == vae::ValueKind::Real)
        run.likelihood = vae::Likelihood::Gaussian;
    std::unique_ptr<vae::Trainer> trainer;
    try {
        run.validate(m_data->train.count);
        trainer = std::make_unique<vae::Trainer>(run, m_data);
    } catch (const vae::Error& e) {
        emit errorReported(tr("Invalid settings"), QString::fromStdString(e.what()));
        return false;
    } catch (const std::exception& e) {
        emit errorReported(tr("Cannot start training"), QString::fromStdString(e.what()));
        return false;
    }
    m_originFile.clear(); // a new run
    return beginRun(std::move(trainer), run, includeTrainingSet, {});
}

std::optional<vae::Checkpoint> Session::continuableRun() const
{
    if (isTraining())
        return std::nullopt;
    if (m_trainer) {
        vae::Checkpoint run;
        run.config = m_trainer->config();
        run.history = m_trainer->history();
        run.model = m_trainer->inference();
        run.training = m_trainer->trainingState();
        if (run.training && run.training->step != run.model->step())
            run.training.reset();
        return run;
    }
    if (!m_opened)
        return std::nullopt;
    // A followed run's history may run ahead of its newest checkpoint: the run continues from
    // the checkpoint's step, so the records after it are dropped.
    vae::Checkpoint run = *m_opened;
    const std::int64_t step = run.model->step();
    run.history.steps.truncateAfter(step);
    const double lastEpoch = run.history.steps.lastEpoch();
    std::erase_if(run.history.epochs,
                  [lastEpoch](const vae::EpochSummary& e) { return e.epoch > lastEpoch + 1e-9; });
    return run;
}

bool Session::continueTraining(int epochs, int threads, bool includeTrainingSet)
{
    std::optional<vae::Checkpoint> from = continuableRun();
    if (!from || !from->model) {
        emit errorReported(tr("Cannot continue training"),
                           tr("Open a model or train one first: there is no run to continue."));
        return false;
    }
    if (!m_data) {
        emit errorReported(tr("Cannot continue training"),
                           tr("The data is not loaded, so there is nothing to train on."));
        return false;
    }
    vae::TrainingConfig run = from->config;
    run.epochs = epochs;
    run.threads = threads;
    std::unique_ptr<vae::Trainer> trainer;
    try {
        trainer = std::make_unique<vae::Trainer>(run, m_data, *from);
    } catch (const std::exception& e) {
        emit errorReported(tr("Cannot continue training"), QString::fromStdString(e.what()));
        return false;
    }
    if (!from->training)
        emit statusMessage(tr("This model was saved without its optimizer state: training "
                              "continues with a fresh Adam optimizer."),
                           kStatusMessageMs);
    return beginRun(std::move(trainer), run, includeTrainingSet, from->history);
}

bool Session::beginRun(std::unique_ptr<vae::Trainer> trainer, const vae::TrainingConfig& run,
                       bool includeTrainingSet, const vae::TrainingHistory& earlier)
{
    stopFollowing();
    m_includeTrainingSet = includeTrainingSet;
    trainer->setLatentIncludesTrain(includeTrainingSet);
    // Clicks and drags must answer within a frame even with every core training.
    trainer->setBackgroundPriority(true);
    // The previous run (if any) has ended; its thread is joined here.
    m_trainer = std::move(trainer);
    ++m_runId;
    m_opened.reset();
    m_modelFile.clear();
    m_recovered = false;  // a run's model is unsaved while its file name is empty
    ++m_encodeGeneration; // an opened model's pending encodes no longer apply
    ++m_trainEncodeGeneration;
    m_trainEncodeModel.reset();
    m_latent.reset();
    m_lastProgress.reset();
    m_lastStep.reset();
    emit runStarted(run);
    if (!earlier.steps.empty() || !earlier.epochs.empty()) {
        // A continued run: the plots and tools take in its earlier records first.
        vae::TrainerUpdate replay;
        // The recent steps at full resolution; the plots take the older buckets from
        // runStarted's history (LossPlot::setHistory).
        replay.steps.assign(earlier.steps.begin(), earlier.steps.end());
        replay.epochs = earlier.epochs;
        replay.changes = earlier.changes;
        replay.state = vae::TrainerState::Idle;
        m_lastStep = earlier.steps.size() == 0 ? std::nullopt : std::optional(earlier.steps.back());
        emit updateReceived(replay);
    }

    try {
        m_trainer->start();
    } catch (const std::exception& e) {
        m_trainer.reset();
        emit errorReported(tr("Cannot start training"), QString::fromStdString(e.what()));
        return false;
    }
    m_pauseRequested = false;
    m_lastState = m_trainer->state();
    m_model.reset();
    refreshModel(); // the untrained model: the decoded panel shows something from the start
    m_pollTimer.start();
    emit trainingStateChanged();
    return true;
}

void Session::togglePause()
{
    if (!isTraining())
        return;
    if (m_pauseRequested)
        m_trainer->resume();
    else
        m_trainer->pause();
    m_pauseRequested = !m_pauseRequested;
}

void Session::stopTraining()
{
    if (!isTraining())
        return;
    m_trainer->stop();
    poll(); // picks up the last records and the final state at once
}

void Session::poll()
{
    if (!m_trainer) {
        m_pollTimer.stop();
        return;
    }
    vae::TrainerUpdate update = takeTrainerUpdate(*m_trainer);
    // Held for a snapshot for a few milliseconds: not a pause anyone asked for or should see.
    if (m_snapshotHeld && !m_pauseRequested && update.state == vae::TrainerState::Paused)
        update.state = vae::TrainerState::Running;
    const bool terminal = isTerminal(update.state);
    if (terminal)
        m_pollTimer.stop();
    if (update.empty() && update.state == m_lastState) {
        refreshModel();
        emit idlePoll();
        return;
    }
    applyUpdate(std::move(update));
    if (terminal)
        encodeTrainingSetIfNeeded(); // a stopped run's last training-set snapshot may be older
}

void Session::applyUpdate(vae::TrainerUpdate update)
{
    if (!update.steps.empty())
        m_lastStep = update.steps.back();
    if (update.progress)
        m_lastProgress = update.progress;
    const bool newLatent = update.latent != nullptr;
    if (newLatent)
        m_latent = update.latent;
    emit updateReceived(update);
    refreshModel();
    const bool stateChanged = update.state != m_lastState;
    m_lastState = update.state;
    if (stateChanged) {
        if (isTerminal(update.state))
            m_pauseRequested = false;
        emit trainingStateChanged();
    }
    if (newLatent)
        emit latentUpdated();
    if (update.error)
        emit errorReported(tr("Training failed"), QString::fromStdString(*update.error));
}

void Session::refreshModel()
{
    if (!m_trainer)
        return;
    std::shared_ptr<const vae::InferenceModel> model = m_trainer->inference();
    if (model == m_model)
        return;
    m_model = std::move(model);
    emit modelChanged();
}

std::shared_ptr<const vae::InferenceModel> Session::newestModel() const
{
    return m_trainer ? m_trainer->inference() : m_model;
}

vae::TrainingHistory Session::history() const
{
    if (m_trainer)
        return m_trainer->history();
    if (m_opened)
        return m_opened->history;
    return {};
}

// ---------------------------------------------------------------------------------------------
// Files

void Session::setReplaceConfirmation(std::function<bool(const QString&)> confirm)
{
    m_confirmReplace = std::move(confirm);
}

bool Session::openModel(const QString& path)
{
    return openCheckpoint(path, false, path);
}

bool Session::openRecovered(const QString& path, const QString& originalFile)
{
    return openCheckpoint(path, true, originalFile);
}

bool Session::openCheckpoint(const QString& path, bool recovered, const QString& originalFile)
{
    if (isTraining()) {
        // Refused rather than asked: opening would have to stop the run, and a stopped run's
        // model would then be replaced too (two losses behind one click).
        emit errorReported(
            tr("Cannot open a model"),
            tr("Training is running, so %1 was not opened. Stop training first (Training ▸ Stop, "
               "Shift+F5), then open the model again; the run so far stays in the window and can "
               "be saved.")
                .arg(path));
        return false;
    }
    vae::Checkpoint checkpoint;
    try {
        checkpoint = vae::loadCheckpoint(toPath(path));
    } catch (const std::exception& e) {
        emit errorReported(recovered ? tr("Cannot restore the autosaved model")
                                     : tr("Cannot open the model"),
                           QString::fromStdString(e.what()));
        return false;
    }
    // Asked once the file has loaded: a file that cannot be opened replaces nothing.
    if (m_confirmReplace && !m_confirmReplace(path))
        return false; // Cancel, or the save of the trained model was cancelled or failed
    // The opened model replaces a finished run as the thing being explored.
    stopFollowing();
    m_trainer.reset();
    m_lastState = vae::TrainerState::Idle;
    m_opened = std::move(checkpoint);
    m_modelFile = recovered ? QString() : path;
    m_recovered = recovered;
    m_originFile = originalFile;
    ++m_trainEncodeGeneration;
    m_trainEncodeModel.reset();
    m_latent.reset();
    emit checkpointOpened(*m_opened);
    m_model = m_opened->model;
    emit modelChanged();
    encodeOpenedModel();
    emit statusMessage(recovered ? tr("Restored the autosaved model at step %1: File ▸ Continue "
                                      "Training carries its run on, File ▸ Save Model keeps it.")
                                       .arg(m_opened->model->step())
                                 : tr("Opened %1").arg(path),
                       recovered ? 0 : kStatusMessageMs);
    emit modelOpened();
    return true;
}

bool Session::saveModel(const QString& path)
{
    std::shared_ptr<const vae::InferenceModel> model;
    vae::TrainingHistory history;
    std::optional<vae::TrainingState> state;
    bool resumeAfterSave = false;
    if (m_trainer) {
        // The optimizer state exists once the worker has parked or ended: a running trainer is
        // paused for the save (it parks within one batch) and resumed after it.
        if (m_trainer->state() == vae::TrainerState::Running) {
            m_trainer->pause();
            resumeAfterSave = true;
        }
        const auto deadline = std::chrono::steady_clock::now() + kParkTimeout;
        while (isTraining() && !m_trainer->isParked() &&
               std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        model = m_trainer->inference();
        history = m_trainer->history();
        state = m_trainer->trainingState();
    } else if (m_opened) {
        model = m_opened->model;
        history = m_opened->history;
        state = m_opened->training;
    }
    if (!model) {
        emit errorReported(tr("Nothing to save"), tr("Train or open a model first."));
        return false;
    }
    if (state && state->step != model->step())
        state.reset(); // not the state of these weights: saved without it
    bool saved = true;
    try {
        vae::saveCheckpoint(toPath(path), *model, history, state ? &*state : nullptr);
    } catch (const std::exception& e) {
        emit errorReported(tr("Cannot save the model"), QString::fromStdString(e.what()));
        saved = false;
    }
    if (resumeAfterSave)
        m_trainer->resume();
    if (!saved)
        return false;
    if (!isTraining()) { // a running model changes after the save
        m_modelFile = path;
        m_recovered = false;
    }
    m_originFile = path;
    emit statusMessage(state ? tr("Saved %1 at step %2; File ▸ Continue Training carries on "
                                  "from there.")
                                   .arg(path)
                                   .arg(model->step())
                             : tr("Saved %1 (the weights, without the optimizer state).").arg(path),
                       kStatusMessageMs);
    emit modelSaved(path);
    return true;
}

// ---------------------------------------------------------------------------------------------
// Autosave

void Session::requestRunSnapshot()
{
    if (m_snapshotTimer.isActive())
        return; // the pending one answers
    m_snapshotRequested = std::chrono::steady_clock::now();
    m_snapshotTimer.start();
}

void Session::releaseSnapshotHold()
{
    if (m_snapshotHeld && !m_pauseRequested && isTraining())
        m_trainer->resume();
    m_snapshotHeld = false;
}

void Session::takeRunSnapshot()
{
    using Clock = std::chrono::steady_clock;
    const auto ms = [](Clock::duration d) {
        return std::chrono::duration<double, std::milli>(d).count();
    };
    if (!m_trainer) {
        m_snapshotTimer.stop();
        m_snapshotHeld = false;
        emit runSnapshotFailed(tr("There is no run to copy."));
        return;
    }
    const bool ended = isTerminal(m_trainer->state());
    if (ended || m_trainer->isParked()) {
        const Clock::time_point start = Clock::now();
        auto run = std::make_shared<vae::Checkpoint>();
        run->config = m_trainer->config();
        run->model = m_trainer->inference();
        run->history = m_trainer->history();
        run->training = m_trainer->trainingState();
        if (run->training && run->training->step != run->model->step())
            run->training.reset(); // not the state of these weights
        const Clock::time_point copied = Clock::now();
        const bool held = m_snapshotHeld;
        releaseSnapshotHold();
        m_snapshotTimer.stop();
        emit runSnapshotTaken(std::move(run), held ? ms(copied - m_snapshotHeldSince) : 0.0,
                              held ? ms(copied - m_snapshotRunningSeen) : 0.0, ms(copied - start));
        return;
    }
    if (Clock::now() - m_snapshotRequested > std::chrono::milliseconds(kSnapshotTimeoutMs)) {
        releaseSnapshotHold();
        m_snapshotTimer.stop();
        emit runSnapshotFailed(tr("training did not pause within %1 s (the machine is busy).")
                                   .arg(kSnapshotTimeoutMs / 1000));
        return;
    }
    // Held until it parks; paused again if something resumed it meanwhile. A pause the user
    // asked for is theirs: it is waited for, never lifted here.
    if (!m_pauseRequested && m_trainer->state() == vae::TrainerState::Running) {
        if (!m_snapshotHeld)
            m_snapshotHeldSince = Clock::now();
        m_snapshotHeld = true;
        m_trainer->pause();
    }
    m_snapshotRunningSeen = Clock::now();
}

// ---------------------------------------------------------------------------------------------
// Following a run

bool Session::followRun(const QString& folder)
{
    if (isTraining()) {
        emit errorReported(tr("Cannot follow the run"),
                           tr("Training is running, so %1 is not followed. Stop training first "
                              "(Training ▸ Stop, Shift+F5).")
                               .arg(folder));
        return false;
    }
    std::unique_ptr<vae::RunFolder> run;
    try {
        run = std::make_unique<vae::RunFolder>(toPath(folder));
    } catch (const std::exception& e) {
        emit errorReported(tr("Cannot follow the run"), QString::fromStdString(e.what()));
        return false;
    }
    if (m_confirmReplace && !m_confirmReplace(folder))
        return false;
    stopFollowing();
    m_trainer.reset();
    m_lastState = vae::TrainerState::Idle;
    m_opened.reset();
    m_modelFile.clear();
    m_recovered = false;
    m_originFile = folder;
    m_model.reset();
    m_latent.reset();
    ++m_encodeGeneration;
    ++m_trainEncodeGeneration;
    m_trainEncodeModel.reset();
    m_follow = std::move(run);
    m_followFolder = folder;
    m_followHistory = {};
    m_followStamp.reset();
    m_followEnded.reset();
    m_followProblem.clear();
    m_followLoadFailures = 0;
    // The run's data: opened when another is loaded (its loading ends in dataLoaded()).
    const vae::DataDescription& wanted = m_follow->description();
    if (!wanted.source.empty() && m_data && m_data->description.name != wanted.name &&
        !isLoadingData())
        openDataset(QString::fromStdString(wanted.source));
    emit followStarted(m_follow->config());
    watchFollowed();
    m_followTimer.start();
    pollFollowed();
    return true;
}

void Session::stopFollowing()
{
    if (!m_follow)
        return;
    m_follow.reset();
    m_followTimer.stop();
    if (!m_followWatcher.files().isEmpty())
        m_followWatcher.removePaths(m_followWatcher.files());
    if (!m_followWatcher.directories().isEmpty())
        m_followWatcher.removePaths(m_followWatcher.directories());
    emit followStatusChanged({});
}

void Session::watchFollowed()
{
    if (!m_follow)
        return;
    const QDir dir(m_followFolder);
    for (const QString& path : {m_followFolder, dir.filePath(QStringLiteral("history.jsonl")),
                                dir.filePath(QStringLiteral("model.safetensors"))})
        if (QFileInfo::exists(path) && !m_followWatcher.files().contains(path) &&
            !m_followWatcher.directories().contains(path))
            m_followWatcher.addPath(path);
}

void Session::pollFollowed()
{
    if (!m_follow)
        return;
    vae::RunFolder::Update update;
    try {
        update = m_follow->poll();
    } catch (const std::exception& e) {
        const QString message = QString::fromStdString(e.what());
        stopFollowing();
        emit errorReported(tr("The followed run cannot be read"),
                           tr("%1\nFollowing has stopped; the last model read stays in the window.")
                               .arg(message));
        return;
    }
    watchFollowed();
    if (update.restarted) {
        m_followHistory = {};
        m_followStamp.reset();
        m_followEnded.reset();
        emit followStarted(m_follow->config());
    }
    if (!update.steps.empty() || !update.epochs.empty()) {
        m_followHistory.steps.append(update.steps);
        m_followHistory.epochs.insert(m_followHistory.epochs.end(), update.epochs.begin(),
                                      update.epochs.end());
        vae::TrainerUpdate records;
        records.steps = std::move(update.steps);
        records.epochs = std::move(update.epochs);
        records.state = vae::TrainerState::Idle;
        if (!records.steps.empty())
            m_lastStep = records.steps.back();
        emit updateReceived(records);
    }
    if (!update.problems.empty())
        m_followProblem = QString::fromStdString(update.problems.back());
    if (update.ended)
        m_followEnded = update.ended;
    const auto stamp = m_follow->checkpointStamp();
    if (stamp && stamp != m_followStamp && !m_followLoading) {
        m_followLoading = true;
        const std::filesystem::path path = m_follow->checkpointPath();
        m_followLoadWatcher.setFuture(QtConcurrent::run([path, stamp = *stamp]() -> FollowLoadResult {
            try {
                return {vae::loadCheckpoint(path), {}, stamp};
            } catch (const std::exception& e) {
                return {std::nullopt, QString::fromStdString(e.what()), stamp};
            }
        }));
    }
    emit followStatusChanged(followStatus());
}

void Session::onFollowedCheckpointLoaded()
{
    m_followLoading = false;
    FollowLoadResult result = m_followLoadWatcher.result();
    if (!m_follow)
        return; // following stopped meanwhile
    if (!result.checkpoint) {
        // Replaced or truncated while read: read again at the next poll; said after a few.
        if (++m_followLoadFailures >= kFollowLoadRetries)
            m_followProblem = result.error;
        emit followStatusChanged(followStatus());
        return;
    }
    m_followLoadFailures = 0;
    m_followStamp = result.stamp;
    const bool first = !m_opened;
    m_opened = std::move(*result.checkpoint);
    m_opened->history = m_followHistory; // the checkpoint carries none: the history file has it
    m_model = m_opened->model;
    if (first) {
        emit checkpointOpened(*m_opened);
        emit modelChanged();
        encodeOpenedModel(/*fitView=*/true);
        emit modelOpened();
    } else {
        emit modelChanged();
        encodeOpenedModel(/*fitView=*/false);
    }
    emit followStatusChanged(followStatus());
}

QString Session::followStatus() const
{
    if (!m_follow)
        return {};
    const QString name = QFileInfo(m_followFolder).fileName();
    const QLocale locale;
    const std::int64_t logged = m_followHistory.steps.lastStep();
    QString text = tr("Following %1: %2 steps logged").arg(name, locale.toString(qlonglong(logged)));
    if (m_opened) {
        const std::int64_t behind = logged - m_opened->model->step();
        text += QStringLiteral(", ") +
                (behind > 0 ? tr("model at step %1 (%2 behind)")
                                  .arg(locale.toString(qlonglong(m_opened->model->step())),
                                       locale.toString(qlonglong(behind)))
                            : tr("model at step %1").arg(locale.toString(qlonglong(m_opened->model->step()))));
    } else {
        text += QStringLiteral(", ") + tr("no model yet");
    }
    const QFileInfo history(QDir(m_followFolder).filePath(QStringLiteral("history.jsonl")));
    if (history.exists()) {
        const qint64 age = history.lastModified().secsTo(QDateTime::currentDateTime());
        text += QStringLiteral(", ") + tr("last record %1 s ago").arg(std::max<qint64>(0, age));
    }
    if (m_followEnded)
        text += QStringLiteral(" — ") +
                tr("the run has ended (%1)").arg(QString::fromStdString(*m_followEnded));
    if (!m_followProblem.isEmpty())
        text += QStringLiteral(" — ") + m_followProblem;
    return text;
}

// ---------------------------------------------------------------------------------------------
// Latent space

void Session::encodeOpenedModel(bool fitView)
{
    if (!m_data || !m_opened)
        return;
    const vae::DataDescription& trained = m_opened->model->description();
    if (trained.inputSize() != m_data->description.inputSize()) {
        emit errorReported(tr("The model does not fit the data"),
                           tr("%1 was trained on %2 (%3 values per example), but the data loaded "
                              "is %4 (%5 values per example): open it with --dataset %6.")
                               .arg(m_modelFile, QString::fromStdString(trained.name))
                               .arg(trained.inputSize())
                               .arg(QString::fromStdString(m_data->description.name))
                               .arg(m_data->description.inputSize())
                               .arg(QString::fromStdString(trained.source)));
        return;
    }
    const int generation = ++m_encodeGeneration;
    emit statusMessage(tr("Encoding the test set…"), 0);
    m_encodeWatcher.setFuture(
        QtConcurrent::run([generation, fitView, model = m_opened->model,
                           data = m_data]() -> EncodeResult {
            try {
                auto latent = std::make_shared<vae::LatentSnapshot>();
                latent->posterior = model->encode(data->test.pixels, data->test.count);
                latent->labels = data->test.labels;
                if (!data->test.factors.empty())
                    latent->factors =
                        std::make_shared<const std::vector<std::uint8_t>>(data->test.factors);
                latent->step = model->step();
                return {generation, fitView, std::move(latent), {}};
            } catch (const std::exception& e) {
                return {generation, fitView, nullptr, QString::fromStdString(e.what())};
            }
        }));
}

void Session::onEncoded()
{
    EncodeResult result = m_encodeWatcher.result();
    // A newer request (another model, or training) has replaced this one.
    if (result.generation != m_encodeGeneration || m_trainer)
        return;
    emit statusMessage({}, 0);
    if (!result.latent) {
        emit errorReported(tr("Cannot encode the test set"), result.error);
        return;
    }
    m_latent = std::move(result.latent);
    emit latentEncoded(result.fitView);
    emit latentUpdated();
    encodeTrainingSetIfNeeded();
}

void Session::setIncludeTrainingSet(bool include)
{
    m_includeTrainingSet = include;
    // Encoding 60,000 images every few seconds costs the trainer time: only while they are shown.
    if (isTraining())
        m_trainer->setLatentIncludesTrain(include);
    encodeTrainingSetIfNeeded();
}

void Session::encodeTrainingSetIfNeeded()
{
    // While training, the trainer's snapshots carry the training set.
    // A generated training set (shapes: 727,280 images made on demand) is not encoded whole.
    if (!m_includeTrainingSet || !m_data || m_data->train.isGenerated() || !m_latent || !m_model ||
        isTraining())
        return;
    if (m_latent->trainPosterior && m_latent->trainStep >= m_model->step())
        return;
    if (m_trainEncodeModel == m_model)
        return; // asked for already (a failure is reported once, not at every tick)
    m_trainEncodeModel = m_model;
    const int generation = ++m_trainEncodeGeneration;
    emit statusMessage(tr("Encoding the training set…"), 0);
    // The images the model was trained on: all of them, or the subset its config names.
    const int subset = m_model->config().trainSubset;
    const int count = subset > 0 ? std::min(subset, m_data->train.count) : m_data->train.count;
    m_trainEncodeWatcher.setFuture(QtConcurrent::run(
        [generation, count, model = m_model, data = m_data]() -> TrainEncodeResult {
            TrainEncodeResult result{generation, model, nullptr, nullptr, {}};
            try {
                const std::size_t pixels = std::size_t(count) * std::size_t(model->pixelsPerImage());
                result.posterior = std::make_shared<const vae::Posterior>(
                    model->encode(std::span(data->train.pixels).first(pixels), count));
                result.labels = std::make_shared<const std::vector<std::uint8_t>>(
                    data->train.labels.begin(), data->train.labels.begin() + count);
            } catch (const std::exception& e) {
                result.error = QString::fromStdString(e.what());
            }
            return result;
        }));
}

void Session::onTrainingSetEncoded()
{
    TrainEncodeResult result = m_trainEncodeWatcher.result();
    // A newer model (opened or trained) has replaced this one.
    if (result.generation != m_trainEncodeGeneration || isTraining() || !m_latent)
        return;
    emit statusMessage({}, 0);
    if (!result.posterior) {
        emit errorReported(tr("Cannot encode the training set"), result.error);
        return;
    }
    // Snapshots are immutable: the new one copies the 10,000 test points and shares the rest.
    auto latent = std::make_shared<vae::LatentSnapshot>(*m_latent);
    latent->trainPosterior = std::move(result.posterior);
    latent->trainLabels = std::move(result.labels);
    latent->trainStep = result.model->step();
    m_latent = std::move(latent);
    emit latentEncoded(/*fitView=*/false);
    emit latentUpdated();
}

} // namespace vae::gui
