#pragma once

#include "commandline.h"

#include <vae/checkpoint.h>
#include <vae/dataset.h>
#include <vae/inference.h>
#include <vae/trainer.h>
#include <vae/types.h>

#include <QFutureWatcher>
#include <QMainWindow>
#include <QPointF>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

class QAction;
class QCustomPlot;
class QDockWidget;
class QKeySequence;
class QLabel;
class QMenu;
class QToolBar;
class QProgressBar;
class QSplitter;

namespace vae::gui {

class DecodedView;
class LatentPlot;
class LossPlot;
class SettingsPanel;

/// The application window: trains a VAE in the background (vae::Trainer owns its thread), plots
/// the loss terms and the latent space live, and decodes the latent point under the mouse.
///
/// Nothing here blocks on training: a ~30 ms timer drains whatever the trainer published since the
/// last tick and redraws each plot at most once per tick (the loss plot at most every ~100 ms, the
/// latent plot when a new snapshot came), and not at all while the window is minimised. Every
/// GUI-thread millisecond is taken from training on a machine with few cores, so per-tick work is
/// O(new data). Loading MNIST and encoding an opened model's test and training sets run on
/// QtConcurrent's pool.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(LaunchOptions options = {}, QWidget* parent = nullptr);
    /// Stops a running trainer: destroying it joins its thread within one batch.
    ~MainWindow() override;

    // Actions a user reaches through menus; public so tests (and scripts) can drive them without
    // file dialogs. Each reports problems through reportError() and returns whether it worked.
    bool startTraining();
    void togglePause();
    void stopTraining();
    bool openModel(const QString& path);
    bool saveModel(const QString& path);
    /// PNG or PDF, chosen by the file's suffix.
    bool exportLossPlot(const QString& path);
    bool exportLatentPlot(const QString& path);
    bool exportLatentCoordinates(const QString& path);
    /// vectors.tsv, metadata.tsv and projector_config.pbtxt for TensorBoard's Embedding Projector
    /// (see saveProjectorFiles()) into `directory`.
    bool exportProjector(const QString& directory);
    /// The loss history as CSV (see writeLossHistoryCsv()).
    bool exportLossHistory(const QString& path);
    /// Tells the user about a problem (a window-modal dialog unless LaunchOptions::showDialogs is
    /// off) and records it in lastErrorMessage() and errorCount().
    void reportError(const QString& title, const QString& message);
    /// A save-file dialog starting in the last directory used; empty when cancelled. Shared by
    /// every export, the exploration tools' included.
    [[nodiscard]] QString askSaveFile(const QString& title, const QString& filter,
                                      const QString& defaultSuffix, const QString& baseName);
    /// Decodes the latent plot's point (z1, z2) with the newest model and moves the crosshair
    /// there. For D > 2 the plot's projection decides the full z (LatentPlot::latentPointAt;
    /// by default dims 0 and 1 with the other dimensions 0).
    void decodeAt(double z1, double z2);
    /// Also shows the 60,000 training images in the latent plot (View ▸ Show Training Set). While
    /// training, the trainer then encodes them every few seconds; otherwise they are encoded once
    /// per model off the GUI thread. Remembered in QSettings.
    void setShowTrainingSet(bool show);
    [[nodiscard]] bool showsTrainingSet() const;

    /// What the command line asked for (the exploration tools read their own flags here).
    [[nodiscard]] const LaunchOptions& options() const { return m_options; }

    // State, for tests and the status bar.
    [[nodiscard]] bool hasData() const { return m_data != nullptr; }
    [[nodiscard]] const std::shared_ptr<const vae::Mnist>& data() const { return m_data; }
    [[nodiscard]] vae::Trainer* trainer() const { return m_trainer.get(); }
    /// The loss history of the run or opened model being explored (empty if neither).
    [[nodiscard]] vae::TrainingHistory history() const;
    /// True from Start until training finishes, stops or fails.
    [[nodiscard]] bool isTraining() const;
    [[nodiscard]] const std::shared_ptr<const vae::LatentSnapshot>& latestLatent() const
    {
        return m_latent;
    }
    /// Shows `snapshot` (a past frame, see TimelapseTool) in the latent plot instead of the newest
    /// one; newer snapshots then update latestLatent() but not the plot. Null follows training
    /// again. Cleared by a new run or an opened model.
    void showPastLatent(std::shared_ptr<const vae::LatentSnapshot> snapshot);
    [[nodiscard]] bool showsPastLatent() const { return m_showsPast; }
    /// The model click-to-decode uses now: the trainer's newest snapshot or the opened model.
    [[nodiscard]] const std::shared_ptr<const vae::InferenceModel>& model() const
    {
        return m_model;
    }
    /// The last decoded image (784 values in [0, 1]), the z it came from and the model used.
    [[nodiscard]] const std::vector<float>& lastDecodedPixels() const { return m_lastPixels; }
    [[nodiscard]] const std::vector<float>& lastDecodedZ() const { return m_lastZ; }
    [[nodiscard]] const std::shared_ptr<const vae::InferenceModel>& lastDecodeModel() const
    {
        return m_lastDecodeModel;
    }
    /// The text of the last error or warning reported to the user (empty if none).
    [[nodiscard]] const QString& lastErrorMessage() const { return m_lastError; }
    [[nodiscard]] int errorCount() const { return m_errorCount; }

    [[nodiscard]] LossPlot* lossPlot() const { return m_lossPlot; }
    [[nodiscard]] LatentPlot* latentPlot() const { return m_latentPlot; }
    [[nodiscard]] DecodedView* decodedView() const { return m_decodedView; }
    [[nodiscard]] SettingsPanel* settingsPanel() const { return m_settings; }
    [[nodiscard]] QProgressBar* progressBar() const { return m_progress; }
    [[nodiscard]] QAction* startAction() const { return m_startAction; }
    [[nodiscard]] QAction* pauseAction() const { return m_pauseAction; }
    [[nodiscard]] QAction* stopAction() const { return m_stopAction; }
    [[nodiscard]] QAction* saveAction() const { return m_saveAction; }
    [[nodiscard]] QAction* showTrainingSetAction() const { return m_showTrainingSetAction; }
    /// The Explore menu and toolbar, where the exploration tools put their actions.
    [[nodiscard]] QMenu* exploreMenu() const { return m_exploreMenu; }
    [[nodiscard]] QToolBar* exploreToolBar() const { return m_exploreToolBar; }
    /// The View menu (View ▸ Language is added by LanguageMenu).
    [[nodiscard]] QMenu* viewMenu() const { return m_viewMenu; }
    /// The file holding the model being explored: the opened checkpoint, or where the finished
    /// run was last saved; empty if neither.
    [[nodiscard]] const QString& modelFilePath() const { return m_modelFile; }
    /// A model trained in this session exists and has not been saved since training ended.
    [[nodiscard]] bool hasUnsavedModel() const { return m_trainer && m_modelFile.isEmpty(); }
    /// Registers an exploration tool's dock: docked on the right, hidden until asked for, its
    /// show/hide action (text, shortcut, status tip) in the Explore menu and toolbar. Returns
    /// that action.
    QAction* addExploreDock(QDockWidget* dock, const QString& text, const QKeySequence& shortcut,
                            const QString& statusTip);

    /// The application icon (SVG where Qt can render it, else the PNG rendering of it).
    [[nodiscard]] static QIcon appIcon();

signals:
    void dataLoaded();
    void dataLoadFailed(const QString& message);
    /// The trainer's state changed (started, paused, finished, stopped, failed).
    void trainingStateChanged();
    /// A new latent snapshot is in the scatter (live or from an opened model).
    void latentUpdated();
    void modelOpened();
    /// model() is another model now: a newer snapshot from the trainer (every ~250 ms while
    /// training), a new run, or an opened file.
    void modelChanged();
    void decoded();
    void errorReported(const QString& message);
    /// The step records and epoch summaries a poll of the trainer took in, in training order
    /// (every one of a run's, from its first step).
    void stepsReceived(const std::vector<vae::StepRecord>& steps,
                       const std::vector<vae::EpochSummary>& epochs);

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct DataLoadResult {
        std::shared_ptr<const vae::Mnist> data;
        QString error;
    };
    struct EncodeResult {
        int generation = 0;
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

    void buildActions();
    void buildMenus();
    void buildLayout();
    void loadData();
    void onDataLoaded();
    void onEncoded();
    void encodeOpenedModel();
    void encodeTrainingSetIfNeeded();
    void onTrainingSetEncoded();
    /// The status bar's test figure after an epoch: the ELBO, or an autoencoder's reconstruction.
    void showTestLoss(const vae::EpochSummary& last);
    void replotPlots(bool force);
    void pollTrainer();
    void applyUpdate(vae::TrainerUpdate update);
    void refreshModel();
    void decodeCurrent();
    void showProgress(const vae::Progress& progress);
    void showFinalProgress(vae::TrainerState state);
    void updateActions();
    void updateStateLabel();
    bool exportPlot(QCustomPlot* plot, const QString& path);
    void readSettings();
    void writeSettings() const;

    LaunchOptions m_options;
    std::shared_ptr<const vae::Mnist> m_data;
    std::unique_ptr<vae::Trainer> m_trainer;
    vae::TrainerState m_lastState = vae::TrainerState::Idle;
    bool m_pauseRequested = false;
    std::optional<vae::Checkpoint> m_opened;
    QString m_openedPath;
    std::shared_ptr<const vae::InferenceModel> m_model;
    std::shared_ptr<const vae::LatentSnapshot> m_latent;
    bool m_showsPast = false; ///< the latent plot shows a past frame, not m_latent
    QPointF m_z{0.0, 0.0};
    std::vector<float> m_lastPixels;
    std::vector<float> m_lastZ;
    std::shared_ptr<const vae::InferenceModel> m_lastDecodeModel;
    std::optional<vae::Progress> m_lastProgress;
    std::optional<vae::StepRecord> m_lastStep;
    QString m_lastError;
    int m_errorCount = 0;
    int m_encodeGeneration = 0;
    int m_trainEncodeGeneration = 0;
    /// The model whose training-set encoding is running or done (so it is asked for only once).
    std::shared_ptr<const vae::InferenceModel> m_trainEncodeModel;
    QString m_lastDirectory;

    QTimer m_pollTimer;
    QFutureWatcher<DataLoadResult> m_dataWatcher;
    QFutureWatcher<EncodeResult> m_encodeWatcher;
    QFutureWatcher<TrainEncodeResult> m_trainEncodeWatcher;

    LossPlot* m_lossPlot = nullptr;
    LatentPlot* m_latentPlot = nullptr;
    DecodedView* m_decodedView = nullptr;
    SettingsPanel* m_settings = nullptr;
    QProgressBar* m_progress = nullptr;
    QSplitter* m_plotSplitter = nullptr;
    QSplitter* m_mainSplitter = nullptr;
    QLabel* m_stateLabel = nullptr;
    QLabel* m_speedLabel = nullptr;
    QLabel* m_elboLabel = nullptr;

    QAction* m_startAction = nullptr;
    QAction* m_pauseAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_openAction = nullptr;
    QAction* m_saveAction = nullptr;
    QAction* m_exportLossAction = nullptr;
    QAction* m_exportLatentAction = nullptr;
    QAction* m_exportCsvAction = nullptr;
    QAction* m_exportProjectorAction = nullptr;
    QAction* m_exportHistoryAction = nullptr;
    QAction* m_resetViewAction = nullptr;
    QAction* m_showTrainingSetAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QMenu* m_exploreMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QString m_modelFile; ///< see modelFilePath()
    QToolBar* m_exploreToolBar = nullptr;
};

} // namespace vae::gui
