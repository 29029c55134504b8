#include "session/session.h"

#include "session/trainerupdates.h"

#include <vae/errors.h>
#include <vae/image_folder.h>
#include <vae/likelihood_kind.h>

#include <QFile>
#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <filesystem>
#include <span>

namespace vae::gui {

namespace {

// Fast enough to look live; what a tick costs is kept small instead (see MainWindow: one redraw per poll).
constexpr int kPollIntervalMs = 30;
constexpr int kStatusMessageMs = 5000;
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
    m_loadTimer.setInterval(kLoadPollIntervalMs);
    connect(&m_loadTimer, &QTimer::timeout, this, &Session::pollLoadProgress);
    connect(&m_dataWatcher, &QFutureWatcher<DataLoadResult>::finished, this,
            &Session::onDataLoaded);
    connect(&m_encodeWatcher, &QFutureWatcher<EncodeResult>::finished, this, &Session::onEncoded);
    connect(&m_trainEncodeWatcher, &QFutureWatcher<TrainEncodeResult>::finished, this,
            &Session::onTrainingSetEncoded);
}

Session::~Session()
{
    shutdown();
}

void Session::shutdown()
{
    m_pollTimer.stop();
    m_loadTimer.stop();
    // A folder still decoding stops within ~50 ms, so the application's thread pool, which waits
    // for its tasks at exit, does not keep the process alive for the rest of the folder.
    if (m_load)
        m_load->cancel = true;
    // Joins the training thread; it checks its stop flag once per batch.
    m_trainer.reset();
}

// ---------------------------------------------------------------------------------------------
// Data

void Session::loadData()
{
    startLoading(m_options.dataset);
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
    run.inputSize = m_data->description.inputSize();
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

    m_includeTrainingSet = includeTrainingSet;
    trainer->setLatentIncludesTrain(includeTrainingSet);
    // Clicks and drags must answer within a frame even with every core training.
    trainer->setBackgroundPriority(true);
    // The previous run (if any) has ended; its thread is joined here.
    m_trainer = std::move(trainer);
    ++m_runId;
    m_opened.reset();
    m_modelFile.clear();
    ++m_encodeGeneration; // an opened model's pending encodes no longer apply
    ++m_trainEncodeGeneration;
    m_trainEncodeModel.reset();
    m_latent.reset();
    m_lastProgress.reset();
    m_lastStep.reset();
    emit runStarted(run);

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
        emit errorReported(tr("Cannot open the model"), QString::fromStdString(e.what()));
        return false;
    }
    // Asked once the file has loaded: a file that cannot be opened replaces nothing.
    if (m_confirmReplace && !m_confirmReplace(path))
        return false; // Cancel, or the save of the trained model was cancelled or failed
    // The opened model replaces a finished run as the thing being explored.
    m_trainer.reset();
    m_lastState = vae::TrainerState::Idle;
    m_opened = std::move(checkpoint);
    m_modelFile = path;
    ++m_trainEncodeGeneration;
    m_trainEncodeModel.reset();
    m_latent.reset();
    emit checkpointOpened(*m_opened);
    m_model = m_opened->model;
    emit modelChanged();
    encodeOpenedModel();
    emit statusMessage(tr("Opened %1").arg(path), kStatusMessageMs);
    emit modelOpened();
    return true;
}

bool Session::saveModel(const QString& path)
{
    std::shared_ptr<const vae::InferenceModel> model;
    vae::TrainingHistory history;
    if (m_trainer) {
        model = m_trainer->inference();
        history = m_trainer->history();
    } else if (m_opened) {
        model = m_opened->model;
        history = m_opened->history;
    }
    if (!model) {
        emit errorReported(tr("Nothing to save"), tr("Train or open a model first."));
        return false;
    }
    try {
        vae::saveCheckpoint(toPath(path), *model, history);
    } catch (const std::exception& e) {
        emit errorReported(tr("Cannot save the model"), QString::fromStdString(e.what()));
        return false;
    }
    if (!isTraining()) // a running model changes after the save
        m_modelFile = path;
    emit statusMessage(tr("Saved %1").arg(path), kStatusMessageMs);
    return true;
}

// ---------------------------------------------------------------------------------------------
// Latent space

void Session::encodeOpenedModel()
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
        QtConcurrent::run([generation, model = m_opened->model, data = m_data]() -> EncodeResult {
            try {
                auto latent = std::make_shared<vae::LatentSnapshot>();
                latent->posterior = model->encode(data->test.pixels, data->test.count);
                latent->labels = data->test.labels;
                if (!data->test.factors.empty())
                    latent->factors =
                        std::make_shared<const std::vector<std::uint8_t>>(data->test.factors);
                latent->step = model->step();
                return {generation, std::move(latent), {}};
            } catch (const std::exception& e) {
                return {generation, nullptr, QString::fromStdString(e.what())};
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
    emit latentEncoded(/*fitView=*/true);
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
