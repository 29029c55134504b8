#pragma once

#include "session/launchoptions.h"

#include <vae/checkpoint.h>
#include <vae/data_description.h>
#include <vae/dataset.h>
#include <vae/inference.h>
#include <vae/run_folder.h>
#include <vae/trainer.h>
#include <vae/types.h>

#include <QFileSystemWatcher>
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace vae::gui {

/// What the application explores, without any widget: the dataset, the trainer and its run, the
/// current model (the trainer's newest snapshot or an opened checkpoint), the latest latent
/// snapshot, and opening and saving models.
///
/// Threads: everything here lives on the GUI thread. The trainer runs on its own thread and hands
/// over values only (vae::TrainerUpdate, through takeTrainerUpdate() on a ~30 ms timer); loading
/// data and encoding an opened model's test and training sets run on QtConcurrent's pool and
/// come back through QFutureWatchers, the newest request winning. A load's progress and its
/// cancel flag are atomics shared with its worker (LoadControl), read here on a ~100 ms timer.
///
/// Problems are reported through errorReported() (the shell shows a dialog) and progress through
/// statusMessage(); nothing here blocks on training.
class Session final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Session)

public:
    explicit Session(LaunchOptions options, QObject* parent = nullptr);
    /// Stops a running trainer: destroying it joins its thread within one batch.
    ~Session() override;
    /// Stops polling and destroys the trainer (joining its thread within one batch): the window
    /// is closing. The model and the latent snapshot stay.
    void shutdown();

    /// What the command line asked for (the tools read their own flags here).
    [[nodiscard]] const LaunchOptions& options() const { return m_options; }

    // --- Data -------------------------------------------------------------------------------
    /// Loads `spec` (options().dataset when empty; vae::loadDataset(); the files of
    /// options().dataset from options().dataDir when given) off the GUI thread; emits
    /// dataLoaded(), dataLoadFailed() or, after cancelLoading(), loadCancelled().
    void loadData(const QString& spec = {});
    /// Explores another dataset (a vae::loadDataset() spec such as "fashion-mnist"): loads it off
    /// the GUI thread and, once it has loaded, asks the replace confirmation (as openModel() does)
    /// if a trained model is unsaved, then replaces the data. The run trained on the old data is
    /// dropped; an opened model file stays if its examples have the new data's size, and is closed
    /// otherwise (the file itself is untouched). Data that fails to load replaces nothing: the
    /// old data stays and errorReported() says why. Refused (false, errorReported()) while
    /// training or while data is loading. Emits dataReplaced() then dataLoaded(). An image
    /// folder that loaded with files skipped (unreadable, corrupt, empty…) is used, and
    /// errorReported() lists those files.
    bool openDataset(const QString& spec);
    /// A load started by loadData() or openDataset() has not yet loaded, failed or been cancelled.
    [[nodiscard]] bool isLoadingData() const { return m_load != nullptr; }
    /// How far the load has come, as loadProgressed() last said.
    struct LoadProgress {
        /// Images decoded; 0 while an image folder's headers are read.
        int done = 0;
        /// Images to decode (the image files found while their headers are read); 0 for data
        /// that reports no progress (the built-ins, which take well under a second, and tables).
        int total = 0;
        friend bool operator==(const LoadProgress&, const LoadProgress&) = default;
    };
    [[nodiscard]] LoadProgress loadProgress() const { return m_loadProgress; }
    /// Abandons the running load at once: the data, the model and the run stay exactly as they
    /// were (before the first load: no data), datasetSpec() names the loaded data again, and
    /// loadCancelled() is emitted before this returns. An image folder's decoding threads stop
    /// after their current image (vae::loadImageFolder checks every 50 ms); other loads finish in
    /// the background and their data is dropped. Another dataset may be opened at once.
    void cancelLoading();
    /// The spec of the data being loaded, or of the data loaded (options().dataset at first).
    [[nodiscard]] const QString& datasetSpec() const { return m_datasetSpec; }
    [[nodiscard]] bool hasData() const { return m_data != nullptr; }
    [[nodiscard]] const std::shared_ptr<const vae::Dataset>& data() const { return m_data; }
    /// The shape, value kind and class names of the data; MNIST's until data is loaded.
    [[nodiscard]] const vae::DataDescription& dataDescription() const;

    // --- Training ---------------------------------------------------------------------------
    /// Validates `config` against the data and starts a new run; the previous run (if any) has
    /// ended and is replaced. Reports and returns false on bad settings.
    bool startTraining(const vae::TrainingConfig& config, bool includeTrainingSet);
    /// The run File ▸ Continue Training would carry on: this session's ended run (with its
    /// training state) or the opened checkpoint; nullopt while training or when there is neither.
    [[nodiscard]] std::optional<vae::Checkpoint> continuableRun() const;
    /// Continues continuableRun() until epoch `epochs` (counted from the run's start) with
    /// `threads` (vae::Trainer's resuming constructor: its settings, optimizer state, generators
    /// and live changes carry on; without a saved optimizer state a statusMessage() says that a
    /// fresh one is used). runStarted() is followed by one updateReceived() holding the run's
    /// earlier records, so the plots continue. Reports and returns false when the data or the
    /// epochs do not fit the run.
    bool continueTraining(int epochs, int threads, bool includeTrainingSet);
    /// Pause ⇄ resume; the state follows at the next poll.
    void togglePause();
    [[nodiscard]] bool pauseRequested() const { return m_pauseRequested; }
    /// Asks the run to stop and takes in its last records at once.
    void stopTraining();
    /// True from Start until training finishes, stops or fails.
    [[nodiscard]] bool isTraining() const;
    [[nodiscard]] vae::Trainer* trainer() const { return m_trainer.get(); }
    /// The state the session last saw (Idle when there is no run).
    [[nodiscard]] vae::TrainerState lastState() const { return m_lastState; }
    /// Identifies the run being explored: a new number for every run started in this session, 0
    /// for an opened model or nothing. Tools restart their per-run state when it changes.
    [[nodiscard]] std::uint64_t runId() const { return m_trainer ? m_runId : 0; }
    /// The last progress and step the trainer published (for the final progress bar).
    [[nodiscard]] const std::optional<vae::Progress>& lastProgress() const
    {
        return m_lastProgress;
    }
    [[nodiscard]] const std::optional<vae::StepRecord>& lastStep() const { return m_lastStep; }

    // --- Model ------------------------------------------------------------------------------
    /// The model click-to-decode uses now: the trainer's newest snapshot or the opened model.
    [[nodiscard]] const std::shared_ptr<const vae::InferenceModel>& model() const
    {
        return m_model;
    }
    /// The freshest weights there are: the trainer's inference snapshot right now (model() is
    /// refreshed once per poll), or model() when there is no run.
    [[nodiscard]] std::shared_ptr<const vae::InferenceModel> newestModel() const;
    /// The loss history of the run or opened model being explored (empty if neither).
    [[nodiscard]] vae::TrainingHistory history() const;
    /// The opened checkpoint, if the model being explored came from a file.
    [[nodiscard]] const std::optional<vae::Checkpoint>& opened() const { return m_opened; }
    /// The file holding the model being explored: the opened checkpoint, or where the finished
    /// run was last saved; empty if neither.
    [[nodiscard]] const QString& modelFilePath() const { return m_modelFile; }
    /// A model trained in this session exists and has not been saved since training ended, or
    /// the model explored was restored from an autosave (openRecovered()) and not saved since.
    [[nodiscard]] bool hasUnsavedModel() const
    {
        return m_trainer ? m_modelFile.isEmpty() : m_opened && m_recovered;
    }
    /// The model explored was restored from an autosave and has not been saved since.
    [[nodiscard]] bool isRecovered() const { return !m_trainer && m_opened && m_recovered; }
    /// Where the model came from, for an autosave's description: the file it was opened from or
    /// last saved to (also while training), the file a continued run came from; empty for a new
    /// run never saved.
    [[nodiscard]] const QString& originFile() const { return m_originFile; }
    /// Asked after a file has loaded and before it replaces the model being explored (the
    /// unsaved-work guard); false keeps everything as it is.
    void setReplaceConfirmation(std::function<bool(const QString& path)> confirm);
    /// Opens a checkpoint (refused while training runs); reports and returns false on failure.
    bool openModel(const QString& path);
    /// Opens an autosaved model (a recovery file, restored after a crash) as openModel() does,
    /// but as unsaved work with no file of its own: modelFilePath() stays empty, hasUnsavedModel()
    /// is true until it is saved, and File ▸ Continue Training carries its run on.
    /// `originalFile` is the file the run came from (originFile() then).
    bool openRecovered(const QString& path, const QString& originalFile);
    /// Saves the model being explored with its history and, so that it can be continued
    /// exactly, its training state: a running trainer is paused until it parks (one batch, at
    /// most 3 s) and resumed after the save; an opened checkpoint's state is kept. Reports and
    /// returns false on failure.
    bool saveModel(const QString& path);

    // --- Autosave ---------------------------------------------------------------------------
    /// Asks for a copy of the run as it stands — weights, history and training state, all of one
    /// step, what saveModel() writes — without blocking the GUI thread: a running trainer is
    /// paused, copied on a 1 ms timer once it has parked (one batch) and resumed at once; a run
    /// paused by the user or ended is copied as it is. Emits runSnapshotTaken() or, when there is
    /// no run or it did not park within kSnapshotTimeoutMs, runSnapshotFailed(), from a later
    /// turn of the event loop. A request while one is pending joins it. While the trainer is held
    /// the state shown stays Running.
    void requestRunSnapshot();
    [[nodiscard]] bool snapshotPending() const { return m_snapshotTimer.isActive(); }
    /// Generous: the trainer runs at background priority and may wait for a busy machine.
    static constexpr int kSnapshotTimeoutMs = 10000;

    // --- Following a run written by a PyTorch script (docs/follow-runs.md) -------------------
    /// Follows the run folder `folder` (vae::RunFolder): its history.jsonl is read as it grows
    /// (a QFileSystemWatcher, plus a poll every second for network file systems) and handed on
    /// through followStarted() and updateReceived(); each new model.safetensors is loaded off the
    /// GUI thread and becomes the model explored (as an opened one), its test set encoded for the
    /// scatter. The run's dataset is opened if another is loaded. A folder that is not a run is
    /// refused (errorReported(), false); refused while training. A half-written line waits for
    /// its end; bad lines, and a checkpoint replaced while it was read, are noted in the status
    /// and read again; a folder that disappears ends the following with a message, keeping the
    /// last model. The model can be saved, explored and continued (Continue Training) like an
    /// opened one.
    bool followRun(const QString& folder);
    /// Stops following (the model and history so far stay).
    void stopFollowing();
    [[nodiscard]] bool isFollowing() const { return m_follow != nullptr; }
    [[nodiscard]] const QString& followedFolder() const { return m_followFolder; }
    /// The records read from the followed run so far.
    [[nodiscard]] const vae::TrainingHistory& followedHistory() const { return m_followHistory; }
    /// One line for the status bar: the folder, the steps logged, the model's step and how far
    /// behind the last record it is, the age of the last record, and whether the run ended.
    [[nodiscard]] QString followStatus() const;

    // --- Latent space -----------------------------------------------------------------------
    /// The newest snapshot of μ and σ of q(z|x) for the test (and maybe training) images.
    [[nodiscard]] const std::shared_ptr<const vae::LatentSnapshot>& latestLatent() const
    {
        return m_latent;
    }
    /// Also encode the training images (the latent plot shows them): the trainer then encodes
    /// them every few seconds; otherwise they are encoded once per model off the GUI thread.
    void setIncludeTrainingSet(bool include);
    [[nodiscard]] bool includesTrainingSet() const { return m_includeTrainingSet; }

signals:
    void dataLoaded();
    /// The first load failed: there is no data (a failed openDataset() keeps the old data and
    /// only reports the error).
    void dataLoadFailed(const QString& message);
    /// openDataset() replaced the data: the latent snapshot is gone, model() may have changed;
    /// dataLoaded() follows.
    void dataReplaced();
    /// A load began (isLoadingData() is true); loadProgressed() follows as it goes, then one of
    /// dataLoaded(), dataLoadFailed(), an error, or loadCancelled(), after loadFinished().
    void loadStarted(const QString& spec);
    /// New figures for loadProgress(): at most every ~100 ms, and once more when the data has
    /// loaded (then done = total for an image folder).
    void loadProgressed(int done, int total);
    /// The load ended, however (isLoadingData() is false).
    void loadFinished();
    /// cancelLoading() abandoned the load of `spec`.
    void loadCancelled(const QString& spec);
    /// A run was started (before its first update): plots clear themselves.
    void runStarted(const vae::TrainingConfig& config);
    /// Following a run began, or the followed folder began a new run: plots clear themselves;
    /// its records come through updateReceived().
    void followStarted(const vae::TrainingConfig& config);
    /// followStatus() changed (empty once following stops).
    void followStatusChanged(const QString& text);
    /// The trainer's state changed (started, paused, finished, stopped, failed).
    void trainingStateChanged();
    /// What one poll of the trainer took in, in training order (every one of a run's records,
    /// from its first step), before the session's own state changes are announced.
    void updateReceived(const vae::TrainerUpdate& update);
    /// A poll took nothing new in (the loss plot may still hold back points).
    void idlePoll();
    /// latestLatent() was encoded off the GUI thread (an opened model's test set, or the training
    /// set after a run); `fitView` when the view should fit the new points. latentUpdated() follows.
    void latentEncoded(bool fitView);
    /// latestLatent() is a new snapshot (live, from an opened model, or with the training set).
    void latentUpdated();
    /// A checkpoint was read and replaces what was explored; model() follows with modelChanged().
    void checkpointOpened(const vae::Checkpoint& checkpoint);
    /// A model was opened from a file (after modelChanged()).
    void modelOpened();
    /// model() is another model now: a newer snapshot from the trainer (every ~250 ms while
    /// training), a new run, or an opened file.
    void modelChanged();
    void errorReported(const QString& title, const QString& message);
    /// requestRunSnapshot()'s copy. `heldMs`: from the pause to the resume, the batch in flight
    /// included (0 when the run was paused or had ended already); `stoppedMs`: at most how long
    /// the trainer stood parked (from the last check that found it still running); `copyMs`:
    /// what copying took on the GUI thread.
    void runSnapshotTaken(std::shared_ptr<const vae::Checkpoint> run, double heldMs,
                          double stoppedMs, double copyMs);
    void runSnapshotFailed(const QString& reason);
    /// saveModel() wrote `path`.
    void modelSaved(const QString& path);
    /// A line for the status bar; 0 ms keeps it until the next one, an empty text clears it.
    void statusMessage(const QString& text, int timeoutMs);

private:
    /// Shared by a load's worker and the session (which may be gone before the worker ends).
    struct LoadControl {
        std::atomic<bool> cancel{false};
        std::atomic<int> done{0};
        std::atomic<int> total{0};
    };
    struct DataLoadResult {
        QString spec;
        std::shared_ptr<const vae::Dataset> data;
        QString error;
        /// Files an image folder passed over: "path: reason", sorted by path.
        QStringList skipped;
        std::shared_ptr<LoadControl> control; ///< whose load this was
    };
    struct EncodeResult {
        int generation = 0;
        bool fitView = true;
        std::shared_ptr<const vae::LatentSnapshot> latent;
        QString error;
    };
    struct TrainEncodeResult {
        int generation = 0;
        std::shared_ptr<const vae::InferenceModel> model;
        std::shared_ptr<const vae::Posterior> posterior;
        std::shared_ptr<const std::vector<std::uint8_t>> labels;
        QString error;
    };

    /// Installs `trainer` as the run and starts it; `earlier` is a continued run's history.
    bool beginRun(std::unique_ptr<vae::Trainer> trainer, const vae::TrainingConfig& run,
                  bool includeTrainingSet, const vae::TrainingHistory& earlier);
    void startLoading(const QString& spec);
    void onDataLoaded();
    /// Ends the running load (the timer, m_load) and emits loadFinished().
    void finishLoading();
    void pollLoadProgress();
    /// The spec of the data loaded (options().dataset before any).
    [[nodiscard]] QString loadedSpec() const;
    /// Reports an image folder's skipped files, if any.
    void reportSkipped(const DataLoadResult& result);
    /// openDataset()'s second half: `data` has loaded and the user agreed.
    void replaceData(std::shared_ptr<const vae::Dataset> data);
    void encodeOpenedModel(bool fitView = true);
    struct FollowLoadResult {
        std::optional<vae::Checkpoint> checkpoint;
        QString error;
        vae::RunFolder::FileStamp stamp;
    };
    void pollFollowed();
    void onFollowedCheckpointLoaded();
    /// Watches the folder and its two files again (a replaced file drops out of the watcher).
    void watchFollowed();
    void onEncoded();
    void encodeTrainingSetIfNeeded();
    void onTrainingSetEncoded();
    void poll();
    /// requestRunSnapshot()'s timer: copies the run once it has parked or ended.
    void takeRunSnapshot();
    /// Resumes a trainer held for a snapshot (unless the user paused it meanwhile).
    void releaseSnapshotHold();
    bool openCheckpoint(const QString& path, bool recovered, const QString& originalFile);
    void applyUpdate(vae::TrainerUpdate update);
    void refreshModel();

    LaunchOptions m_options;
    QString m_datasetSpec; ///< the spec being loaded or loaded
    std::shared_ptr<const vae::Dataset> m_data;
    std::unique_ptr<vae::Trainer> m_trainer;
    std::uint64_t m_runId = 0;
    vae::TrainerState m_lastState = vae::TrainerState::Idle;
    bool m_pauseRequested = false;
    std::optional<vae::Checkpoint> m_opened;
    QString m_modelFile; ///< see modelFilePath()
    bool m_recovered = false; ///< m_opened came from an autosave and is not saved
    QString m_originFile;     ///< see originFile()
    std::function<bool(const QString&)> m_confirmReplace;
    std::shared_ptr<const vae::InferenceModel> m_model;
    std::shared_ptr<const vae::LatentSnapshot> m_latent;
    bool m_includeTrainingSet = false;
    std::optional<vae::Progress> m_lastProgress;
    std::optional<vae::StepRecord> m_lastStep;
    int m_encodeGeneration = 0;
    int m_trainEncodeGeneration = 0;
    /// The model whose training-set encoding is running or done (so it is asked for only once).
    std::shared_ptr<const vae::InferenceModel> m_trainEncodeModel;

    std::shared_ptr<LoadControl> m_load; ///< the running load; null when none
    LoadProgress m_loadProgress;
    QTimer m_loadTimer;

    QTimer m_pollTimer;
    QTimer m_snapshotTimer;      ///< runs while a requestRunSnapshot() is pending
    bool m_snapshotHeld = false; ///< the trainer was paused for the snapshot, not by the user
    std::chrono::steady_clock::time_point m_snapshotRequested;
    std::chrono::steady_clock::time_point m_snapshotHeldSince;
    std::chrono::steady_clock::time_point m_snapshotRunningSeen; ///< last tick before it parked
    QFutureWatcher<DataLoadResult> m_dataWatcher;
    QFutureWatcher<EncodeResult> m_encodeWatcher;
    QFutureWatcher<TrainEncodeResult> m_trainEncodeWatcher;

    std::unique_ptr<vae::RunFolder> m_follow; ///< the followed run; null when none
    QString m_followFolder;
    vae::TrainingHistory m_followHistory;
    std::optional<vae::RunFolder::FileStamp> m_followStamp; ///< of the checkpoint shown
    bool m_followLoading = false;
    int m_followLoadFailures = 0;
    std::optional<std::string> m_followEnded;
    QString m_followProblem; ///< the last bad line or failed read, for the status
    QFileSystemWatcher m_followWatcher;
    QTimer m_followTimer;
    QFutureWatcher<FollowLoadResult> m_followLoadWatcher;
};

} // namespace vae::gui
