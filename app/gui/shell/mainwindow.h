#pragma once

#include "plots/scattercolouring.h"
#include "session/launchoptions.h"
#include "session/recovery.h"

#include <vae/checkpoint.h>
#include <vae/dataset.h>
#include <vae/inference.h>
#include <vae/trainer.h>
#include <vae/types.h>

#include <QMainWindow>
#include <QPointer>

#include <memory>
#include <optional>
#include <vector>

class QAction;
class QComboBox;
class QCustomPlot;
class QDockWidget;
class QGroupBox;
class QKeySequence;
class QLabel;
class QMenu;
class QToolBar;
class QProgressBar;
class QSplitter;

namespace vae::gui {

class Autosaver;
class DataLoadIndicator;
class DecodedView;
class Session;
class ToolContext;
class WindowToolContext;
class LatentPlot;
class LossPlot;
class SettingsPanel;

/// The application window: trains a VAE in the background (vae::Trainer owns its thread), plots
/// the loss terms and the latent space live, and decodes the latent point under the mouse.
///
/// The shell of the application (docs/architecture.md): it owns the Session (data, trainer, model,
/// files), lays out the plots, the decoded image and the settings, builds the menus, and creates
/// the Explore tools with a ToolContext (shell/toolregistry.cpp). Nothing here blocks on training:
/// the session polls the trainer on a ~30 ms timer and the window redraws each plot at most once
/// per poll (the loss plot at most every ~100 ms, the latent plot when a new snapshot came), and
/// not at all while the window is minimised. Every GUI-thread millisecond is taken from training
/// on a machine with few cores, so per-tick work is O(new data).
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
    /// File ▸ Continue Training: carries on the opened model's run (or this session's ended
    /// one) until epoch `epochs` (Session::continueTraining). Without `epochs` it asks for the
    /// epoch in a dialog, which says where the run stands.
    bool continueTraining(std::optional<int> epochs = std::nullopt);
    /// File ▸ Follow Run: watches a run folder a PyTorch script writes (Session::followRun).
    bool followRun(const QString& folder);
    /// File ▸ Open Dataset: explores the dataset `spec` (Session::openDataset()); false when
    /// refused (training, or another dataset loading). The switch happens once the data loads.
    bool openDataset(const QString& spec);
    /// The specs File ▸ Open Dataset ▸ Recent lists, newest first (at most kRecentDatasets).
    [[nodiscard]] QStringList recentDatasets() const;
    static constexpr int kRecentDatasets = 8;
    [[nodiscard]] QMenu* datasetMenu() const { return m_datasetMenu; }
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

    /// What the command line asked for.
    [[nodiscard]] const LaunchOptions& options() const;

    /// What is explored, and what the tools are given.
    [[nodiscard]] Session& session() const { return *m_session; }
    [[nodiscard]] ToolContext& toolContext() const;

    // State, for tests and the status bar (the session's and the tool context's).
    [[nodiscard]] bool hasData() const;
    [[nodiscard]] const std::shared_ptr<const vae::Dataset>& data() const;
    [[nodiscard]] vae::Trainer* trainer() const;
    /// The loss history of the run or opened model being explored (empty if neither).
    [[nodiscard]] vae::TrainingHistory history() const;
    /// True from Start until training finishes, stops or fails.
    [[nodiscard]] bool isTraining() const;
    [[nodiscard]] const std::shared_ptr<const vae::LatentSnapshot>& latestLatent() const;
    /// Shows `snapshot` (a past frame, see TimelapseTool) in the latent plot instead of the newest
    /// one (ToolContext::showPastLatent).
    void showPastLatent(std::shared_ptr<const vae::LatentSnapshot> snapshot);
    [[nodiscard]] bool showsPastLatent() const;
    /// The model click-to-decode uses now: the trainer's newest snapshot or the opened model.
    [[nodiscard]] const std::shared_ptr<const vae::InferenceModel>& model() const;
    /// The last decoded image (784 values in [0, 1]), the z it came from and the model used.
    [[nodiscard]] const std::vector<float>& lastDecodedPixels() const;
    [[nodiscard]] const std::vector<float>& lastDecodedZ() const;
    [[nodiscard]] const std::shared_ptr<const vae::InferenceModel>& lastDecodeModel() const;
    /// The text of the last error or warning reported to the user (empty if none).
    [[nodiscard]] const QString& lastErrorMessage() const { return m_lastError; }
    [[nodiscard]] int errorCount() const { return m_errorCount; }

    [[nodiscard]] LossPlot* lossPlot() const { return m_lossPlot; }
    [[nodiscard]] LatentPlot* latentPlot() const { return m_latentPlot; }
    /// "Colour by" above the latent plot: one entry per ScatterColouring of the data (the class,
    /// one colour, each known factor); hidden, with its label, when there is only one.
    [[nodiscard]] QComboBox* colourByBox() const { return m_colourBy; }
    /// Colours the latent plot by the entry whose name is `name` ("class", "one colour", or a
    /// factor's name, case-insensitive); false, changing nothing, when there is none.
    bool setColourBy(const QString& name);
    [[nodiscard]] DecodedView* decodedView() const { return m_decodedView; }
    [[nodiscard]] SettingsPanel* settingsPanel() const { return m_settings; }
    [[nodiscard]] QProgressBar* progressBar() const { return m_progress; }
    /// The status bar's dataset-loading progress and its Cancel button.
    [[nodiscard]] DataLoadIndicator* loadIndicator() const { return m_loadIndicator; }
    [[nodiscard]] QAction* startAction() const { return m_startAction; }
    [[nodiscard]] QAction* pauseAction() const { return m_pauseAction; }
    [[nodiscard]] QAction* stopAction() const { return m_stopAction; }
    [[nodiscard]] QAction* saveAction() const { return m_saveAction; }
    [[nodiscard]] QAction* continueAction() const { return m_continueAction; }
    [[nodiscard]] QAction* followAction() const { return m_followAction; }
    [[nodiscard]] QLabel* stateLabel() const { return m_stateLabel; }
    [[nodiscard]] QAction* showTrainingSetAction() const { return m_showTrainingSetAction; }
    /// The Explore menu and toolbar, where the exploration tools put their actions.
    [[nodiscard]] QMenu* exploreMenu() const { return m_exploreMenu; }
    [[nodiscard]] QToolBar* exploreToolBar() const { return m_exploreToolBar; }
    /// The Training menu (Start, Pause, Stop; Compare Models… is added by its tool).
    [[nodiscard]] QMenu* trainingMenu() const { return m_trainingMenu; }
    /// The View menu (View ▸ Language is added by LanguageMenu).
    [[nodiscard]] QMenu* viewMenu() const { return m_viewMenu; }
    /// The file holding the model being explored: the opened checkpoint, or where the finished
    /// run was last saved; empty if neither.
    [[nodiscard]] const QString& modelFilePath() const;
    /// A model trained in this session exists and has not been saved since training ended, or
    /// a model restored from an autosave has not been saved.
    [[nodiscard]] bool hasUnsavedModel() const;

    // Autosave and recovery (docs/user-guide.md, "Autosave and recovery").
    /// Writes the run's recovery file while it trains (File ▸ Autosave).
    [[nodiscard]] Autosaver& autosaver() const { return *m_autosaver; }
    /// File ▸ Autosave: every `minutes` (0: off); remembered in QSettings.
    void setAutosaveMinutes(int minutes);
    [[nodiscard]] QMenu* autosaveMenu() const { return m_autosaveMenu; }
    /// The recovery file a crashed or killed instance left, found at start and not yet answered
    /// (the newest, when there are several; the others wait for later starts); nullptr if none.
    /// With dialogs on, the window asks at start (Restore / Discard / Keep for Later) and loads
    /// the data once answered; a start that opens, trains, continues, follows or compares
    /// something keeps the file for a later start instead. A window that does not use the
    /// settings (tests, screenshots) neither autosaves nor looks for recovery files unless
    /// VAE_EXPLORER_RECOVERY_DIR is set.
    [[nodiscard]] const OrphanedRecovery* pendingRecovery() const;
    /// Restore: opens the pending recovery file as an unsaved model (Session::openRecovered),
    /// takes it over as this window's recovery file, and loads its data if other data is not
    /// there yet. A file that cannot be read is reported and deleted. False if none or failed.
    bool restoreRecovery();
    /// Discard: deletes the pending recovery file.
    void discardRecovery();
    /// Keep for Later: leaves the pending recovery file for the next start.
    void keepRecoveryForLater();

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
    void buildActions();
    void buildMenus();
    void buildLayout();
    void connectSession();
    void onDataLoaded();
    /// Fills "Colour by" with the loaded data's choices and colours by the first (or --colour-by).
    void updateColourChoices();
    void onDataReplaced();
    /// Rebuilds File ▸ Open Dataset: the built-ins (the loaded one checked), then the recent ones.
    void rebuildDatasetMenu();
    /// "[file — ]dataset — VAE Explorer": the opened file while it is shown, the loaded dataset.
    void updateWindowTitle();
    void onRunStarted(const vae::TrainingConfig& config);
    void onUpdate(const vae::TrainerUpdate& update);
    void onCheckpointOpened(const vae::Checkpoint& checkpoint);
    void onLatentEncoded(bool fitView);
    void onTrainingStateChanged();
    /// The status bar's test figure after an epoch: the ELBO, or an autoencoder's reconstruction.
    void showTestLoss(const vae::EpochSummary& last);
    void replotPlots(bool force);
    void showProgress(const vae::Progress& progress);
    void showFinalProgress(vae::TrainerState state);
    void updateActions();
    void updateStateLabel();
    bool exportPlot(QCustomPlot* plot, const QString& path);
    void readSettings();
    void writeSettings() const;
    /// Asks whether to restore pendingRecovery() (a window-modal question, answered later).
    void askRecovery();
    /// After the recovery question: the data, unless it is there or loading.
    void loadDataIfNone(const QString& spec = {});

    std::unique_ptr<Session> m_session;
    /// After the session, so it is destroyed first: it follows the session's runs.
    std::unique_ptr<Autosaver> m_autosaver;
    std::vector<OrphanedRecovery> m_recoveries; ///< found at start, not yet answered
    QMenu* m_autosaveMenu = nullptr;
    WindowToolContext* m_context = nullptr;
    /// The Explore tools, deleted first in ~MainWindow while the context they use still exists.
    std::vector<QPointer<QObject>> m_tools;
    QString m_lastError;
    int m_errorCount = 0;
    QString m_lastDirectory;

    LossPlot* m_lossPlot = nullptr;
    LatentPlot* m_latentPlot = nullptr;
    QComboBox* m_colourBy = nullptr;
    QLabel* m_colourByLabel = nullptr;
    QList<ScatterColouring> m_colourings; ///< what each entry of m_colourBy means
    DecodedView* m_decodedView = nullptr;
    QGroupBox* m_decodedBox = nullptr;
    SettingsPanel* m_settings = nullptr;
    QProgressBar* m_progress = nullptr;
    DataLoadIndicator* m_loadIndicator = nullptr;
    QSplitter* m_plotSplitter = nullptr;
    QSplitter* m_mainSplitter = nullptr;
    QLabel* m_stateLabel = nullptr;
    QLabel* m_speedLabel = nullptr;
    QLabel* m_elboLabel = nullptr;

    QAction* m_startAction = nullptr;
    QAction* m_pauseAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_openAction = nullptr;
    QAction* m_continueAction = nullptr;
    QAction* m_followAction = nullptr;
    bool m_launchFollowDone = false; ///< --follow was acted on
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
    QMenu* m_trainingMenu = nullptr;
    QMenu* m_datasetMenu = nullptr;
    mutable QStringList m_recentDatasets; ///< newest first; see recentDatasets()
    mutable bool m_recentLoaded = false;
    QToolBar* m_exploreToolBar = nullptr;
};

} // namespace vae::gui
