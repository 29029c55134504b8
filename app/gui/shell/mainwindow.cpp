#include "shell/mainwindow.h"

#include "plots/latentplot.h"
#include "plots/lossplot.h"
#include "session/autosave.h"
#include "session/historycsv.h"
#include "session/latentcsv.h"
#include "session/session.h"
#include "session/trainerupdates.h"
#include "shell/dataloadindicator.h"
#include "shell/language.h"
#include "shell/settingspanel.h"
#include "shell/toolregistry.h"
#include "shell/unsavedwork.h"
#include "shell/windowtoolcontext.h"
#include "widgets/decodedview.h"
#include "widgets/explanation.h"

#include <vae/errors.h>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QImageReader>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace vae::gui {

namespace {

// A loss curve growing ten times a second looks live; redrawing it at every tick would take
// several per cent of a core from training for nothing anyone can see.
constexpr int kLossReplotIntervalMs = 100;
constexpr int kStatusMessageMs = 5000;
// A failed autosave stays in the status bar long enough to be read; the next attempt is minutes
// away.
constexpr int kAutosaveFailureMs = 30000;
constexpr int kAutosavedMessageMs = 3000;
constexpr auto kAutosaveMinutesKey = "files/autosaveMinutes";
// File ▸ Autosave's choices, in minutes (0: off).
constexpr int kAutosaveChoices[] = {0, 1, 2, 5, 10, 15, 30};

QString formatDuration(double seconds)
{
    const long long total = std::max(0LL, std::llround(seconds));
    const long long hours = total / 3600;
    const long long minutes = (total / 60) % 60;
    const long long secs = total % 60;
    if (hours > 0) {
        return QStringLiteral("%1:%2:%3")
            .arg(hours)
            .arg(minutes, 2, 10, QLatin1Char('0'))
            .arg(secs, 2, 10, QLatin1Char('0'));
    }
    return QStringLiteral("%1:%2")
        .arg(minutes, 2, 10, QLatin1Char('0'))
        .arg(secs, 2, 10, QLatin1Char('0'));
}

QString stateText(vae::TrainerState state)
{
    switch (state) {
    case vae::TrainerState::Idle:
        return MainWindow::tr("Idle");
    case vae::TrainerState::Running:
        return MainWindow::tr("Training");
    case vae::TrainerState::Paused:
        return MainWindow::tr("Paused");
    case vae::TrainerState::Finished:
        return MainWindow::tr("Finished");
    case vae::TrainerState::Stopped:
        return MainWindow::tr("Stopped");
    case vae::TrainerState::Failed:
        return MainWindow::tr("Failed");
    }
    return {};
}

} // namespace

QIcon MainWindow::appIcon()
{
    QIcon icon(QStringLiteral(":/vae-explorer.png"));
    // Debian splits the SVG image plugin into its own package; use the vector icon when present.
    if (QImageReader::supportedImageFormats().contains("svg"))
        icon.addFile(QStringLiteral(":/vae-explorer.svg"));
    return icon;
}

MainWindow::MainWindow(LaunchOptions options, QWidget* parent)
    : QMainWindow(parent), m_session(std::make_unique<Session>(std::move(options))),
      m_autosaver(std::make_unique<Autosaver>(*m_session))
{
    setWindowTitle(tr("VAE Explorer"));
    setWindowIcon(appIcon());
    buildActions();
    buildMenus();
    buildLayout();

    m_lossPlot->setMinimumReplotInterval(kLossReplotIntervalMs);
    connectSession();
    // After the window's own connections: the tools see the session's changes once the window
    // has taken them in.
    m_context = new WindowToolContext(*this, *m_session, *m_latentPlot);
    connect(m_context, &ToolContext::decoded, this, [this] {
        m_decodedView->setImage(lastDecodedPixels(),
                                ExampleImage::of(lastDecodeModel()->description()), lastDecodedZ());
        emit decoded();
    });
    connect(m_latentPlot, &LatentPlot::pointPicked, this, &MainWindow::decodeAt);
    connect(m_settings, &SettingsPanel::betaChanged, this, [this](double beta) {
        if (isTraining())
            trainer()->setBeta(beta);
    });
    // An empty loss plot names the likelihood the next Start uses; one showing a run or an opened
    // model keeps naming that model's.
    connect(m_settings, &SettingsPanel::likelihoodChanged, this,
            [this](vae::Likelihood likelihood) {
                if (!trainer() && !m_session->opened()) {
                    m_lossPlot->setLikelihood(likelihood);
                    m_lossPlot->replotIfDirty(true);
                }
            });
    connect(m_settings, &SettingsPanel::learningRateChanged, this, [this](double rate) {
        if (isTraining())
            trainer()->setLearningRate(rate);
    });
    connect(m_settings, &SettingsPanel::klScheduleChanged, this,
            [this](const QString& schedule, double epochs) {
                if (!isTraining())
                    return;
                try {
                    trainer()->setKlSchedule(schedule.toStdString(), epochs);
                } catch (const vae::Error& e) {
                    reportError(tr("Invalid KL schedule"), QString::fromStdString(e.what()));
                }
            });

    readSettings();
    const LaunchOptions& launch = m_session->options();
    if (launch.epochs)
        m_settings->epochsBox()->setValue(*launch.epochs);
    if (launch.latentDim)
        m_settings->latentDimBox()->setValue(*launch.latentDim);
    if (launch.architecture)
        m_settings->chooseArchitecture(*launch.architecture);
    if (launch.showTrainingSet)
        setShowTrainingSet(*launch.showTrainingSet);
    updateActions();
    updateStateLabel();
    // The Explore tools (each adds its dock and actions through the context), then the shell's
    // own helpers that act on the whole window.
    for (QObject* tool : createTools(*m_context))
        m_tools.emplace_back(tool);
    new LanguageMenu(this);     // View ▸ Language
    auto* guard = new UnsavedWorkGuard(this); // closing asks before a run or an unsaved model is lost
    m_session->setReplaceConfirmation(
        [guard](const QString& path) { return guard->confirmReplace(path); });

    // Autosave and recovery belong to the user's own sessions: a window that leaves the
    // settings alone (tests, screenshots) neither writes nor offers recovery files, unless
    // VAE_EXPLORER_RECOVERY_DIR names a folder for them. The interval: the saved one, unless
    // VAE_EXPLORER_AUTOSAVE_SECONDS sets one.
    const bool recovery = launch.useSettings || RecoveryFiles::directoryIsOverridden();
    connect(m_autosaver.get(), &Autosaver::failed, this, [this](const QString& reason) {
        statusBar()->showMessage(tr("Autosave failed: %1 Training goes on; File ▸ Save Model "
                                    "keeps the model.")
                                     .arg(reason),
                                 kAutosaveFailureMs);
    });
    connect(m_autosaver.get(), &Autosaver::saved, this, [this](std::int64_t step) {
        statusBar()->showMessage(
            tr("Autosaved at step %1").arg(QLocale().toString(qlonglong(step))),
            kAutosavedMessageMs);
    });
    if (!recovery) {
        setAutosaveMinutes(0);
    } else if (const std::optional<int> seconds = Autosaver::intervalOverride()) {
        m_autosaver->setIntervalSeconds(*seconds);
    } else {
        setAutosaveMinutes(launch.useSettings ? QSettings()
                                                    .value(QLatin1String(kAutosaveMinutesKey),
                                                           Autosaver::kDefaultMinutes)
                                                    .toInt()
                                              : Autosaver::kDefaultMinutes);
    }

    // What a crashed or killed instance left: asked about before anything loads, unless the
    // command line asks for other work (then it waits for a later start).
    if (recovery)
        m_recoveries = RecoveryFiles::findOrphans(m_autosaver->files().directory());
    if (!m_recoveries.empty() &&
        (!launch.openFile.isEmpty() || launch.train || launch.continueTraining ||
         !launch.followFolder.isEmpty() || !launch.comparePreset.isEmpty())) {
        statusBar()->showMessage(
            tr("An autosaved model from a session that did not close "
               "normally is kept in %1; the next start offers it.")
                .arg(QDir::toNativeSeparators(m_autosaver->files().directory())),
            kStatusMessageMs);
        m_recoveries.clear();
    }

    if (!launch.openFile.isEmpty())
        openModel(launch.openFile);
    if (!m_recoveries.empty() && launch.showDialogs)
        QTimer::singleShot(0, this, &MainWindow::askRecovery); // the data loads once answered
    else
        m_session->loadData();
}

MainWindow::~MainWindow()
{
    // Joins the training thread; it checks its stop flag once per batch.
    m_session->shutdown();
    // The window goes away normally (closed, or the application quits): no recovery is needed.
    m_autosaver->finish();
    // Hidden here, while this is still a MainWindow: otherwise ~QWidget hides the docks after this
    // destructor, and the tools' visibilityChanged slots call back into a half-destroyed window
    // (undefined behaviour, found by UBSan).
    hide();
    // The tools go first, newest first, while the context and the plots they use still exist.
    for (auto it = m_tools.rbegin(); it != m_tools.rend(); ++it)
        delete it->data();
    delete m_context;
}

void MainWindow::connectSession()
{
    Session* session = m_session.get();
    connect(session, &Session::statusMessage, this, [this](const QString& text, int timeoutMs) {
        if (text.isEmpty())
            statusBar()->clearMessage();
        else
            statusBar()->showMessage(text, timeoutMs);
    });
    connect(session, &Session::errorReported, this, &MainWindow::reportError);
    connect(session, &Session::dataLoaded, this, &MainWindow::onDataLoaded);
    connect(session, &Session::dataReplaced, this, &MainWindow::onDataReplaced);
    // Start waits for the data being loaded (it would be dropped for it), and the dataset menu
    // for the load to end or be cancelled.
    connect(session, &Session::loadStarted, this, &MainWindow::updateActions);
    connect(session, &Session::loadFinished, this, &MainWindow::updateActions);
    connect(session, &Session::dataLoadFailed, this, [this](const QString& message) {
        updateActions();
        emit dataLoadFailed(message);
    });
    connect(session, &Session::runStarted, this, &MainWindow::onRunStarted);
    connect(session, &Session::followStarted, this, [this](const vae::TrainingConfig& config) {
        onRunStarted(config);
        m_settings->setConfig(config);
        m_settings->chooseLikelihood(config.likelihood);
        m_progress->setFormat(tr("following a run"));
        updateWindowTitle();
        updateActions();
        updateStateLabel();
    });
    connect(session, &Session::followStatusChanged, this, [this] {
        updateStateLabel();
        updateWindowTitle();
        updateActions();
    });
    connect(session, &Session::updateReceived, this, &MainWindow::onUpdate);
    connect(session, &Session::idlePoll, this, [this] {
        m_lossPlot->replotIfDirty(); // points held back by the loss plot's replot interval
    });
    connect(session, &Session::trainingStateChanged, this, &MainWindow::onTrainingStateChanged);
    connect(session, &Session::checkpointOpened, this, &MainWindow::onCheckpointOpened);
    connect(session, &Session::modelOpened, this, [this] {
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
        m_progress->setFormat(m_session->isFollowing() ? tr("following a run") : tr("opened model"));
        m_speedLabel->clear();
        const vae::TrainingHistory& history = m_session->opened()->history;
        if (!history.epochs.empty())
            showTestLoss(history.epochs.back());
        else
            m_elboLabel->clear();
        updateWindowTitle();
        updateActions();
        updateStateLabel();
        emit modelOpened();
    });
    connect(session, &Session::latentEncoded, this, &MainWindow::onLatentEncoded);
    connect(session, &Session::latentUpdated, this, [this] {
        m_exportCsvAction->setEnabled(true);
        m_exportProjectorAction->setEnabled(true);
        emit latentUpdated();
    });
    connect(session, &Session::modelChanged, this, &MainWindow::modelChanged);
}

// ---------------------------------------------------------------------------------------------
// Layout

void MainWindow::buildActions()
{
    QStyle* s = style();
    m_startAction = new QAction(s->standardIcon(QStyle::SP_MediaPlay), tr("&Start"), this);
    m_startAction->setShortcut(Qt::Key_F5);
    m_startAction->setStatusTip(tr("Train a new model with the settings on the right (F5)"));
    connect(m_startAction, &QAction::triggered, this, [this] { startTraining(); });

    m_pauseAction = new QAction(s->standardIcon(QStyle::SP_MediaPause), tr("&Pause"), this);
    m_pauseAction->setShortcut(Qt::Key_F6);
    m_pauseAction->setStatusTip(tr("Pause or resume training (F6)"));
    connect(m_pauseAction, &QAction::triggered, this, &MainWindow::togglePause);

    m_stopAction = new QAction(s->standardIcon(QStyle::SP_MediaStop), tr("S&top"), this);
    m_stopAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_stopAction->setStatusTip(tr("Stop training; the model so far stays explorable (Shift+F5)"));
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stopTraining);

    m_openAction =
        new QAction(s->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open Model…"), this);
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Open Model"), m_lastDirectory,
                                         tr("Model checkpoints (*.safetensors);;All files (*)"));
        if (path.isEmpty())
            return;
        m_lastDirectory = QFileInfo(path).absolutePath();
        openModel(path);
    });

    m_followAction = new QAction(tr("&Follow Run…"), this);
    m_followAction->setStatusTip(
        tr("Watch a run folder written by a PyTorch training script (python/vae_explorer)"));
    connect(m_followAction, &QAction::triggered, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Follow Run"), m_lastDirectory);
        if (folder.isEmpty())
            return;
        m_lastDirectory = QFileInfo(folder).absolutePath();
        followRun(folder);
    });

    m_continueAction = new QAction(tr("&Continue Training…"), this);
    m_continueAction->setStatusTip(
        tr("Train the opened or finished model further, from where its run stopped"));
    connect(m_continueAction, &QAction::triggered, this, [this] { continueTraining(); });

    m_saveAction =
        new QAction(s->standardIcon(QStyle::SP_DialogSaveButton), tr("&Save Model…"), this);
    m_saveAction->setShortcut(QKeySequence::Save);
    connect(m_saveAction, &QAction::triggered, this, [this] {
        const QString path =
            askSaveFile(tr("Save Model"), tr("Model checkpoints (*.safetensors)"),
                        QStringLiteral("safetensors"), QStringLiteral("vae-model.safetensors"));
        if (!path.isEmpty())
            saveModel(path);
    });

    const QString plotFilter = tr("PNG image (*.png);;PDF document (*.pdf)");
    m_exportLossAction = new QAction(tr("Export &Loss Plot…"), this);
    connect(m_exportLossAction, &QAction::triggered, this, [this, plotFilter] {
        const QString path = askSaveFile(tr("Export Loss Plot"), plotFilter, QStringLiteral("png"),
                                         QStringLiteral("loss.png"));
        if (!path.isEmpty())
            exportLossPlot(path);
    });
    m_exportLatentAction = new QAction(tr("Export La&tent Plot…"), this);
    connect(m_exportLatentAction, &QAction::triggered, this, [this, plotFilter] {
        const QString path = askSaveFile(tr("Export Latent Plot"), plotFilter,
                                         QStringLiteral("png"), QStringLiteral("latent.png"));
        if (!path.isEmpty())
            exportLatentPlot(path);
    });
    m_exportCsvAction = new QAction(tr("Export Latent &Coordinates…"), this);
    connect(m_exportCsvAction, &QAction::triggered, this, [this] {
        const QString path = askSaveFile(tr("Export Latent Coordinates"), tr("CSV file (*.csv)"),
                                         QStringLiteral("csv"), QStringLiteral("latent.csv"));
        if (!path.isEmpty())
            exportLatentCoordinates(path);
    });
    m_exportProjectorAction = new QAction(tr("Export for TensorBoard &Projector…"), this);
    m_exportProjectorAction->setStatusTip(
        tr("Write vectors.tsv and metadata.tsv (posterior means and labels of the test images)"));
    connect(m_exportProjectorAction, &QAction::triggered, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(
            this, tr("Export for TensorBoard Projector"), m_lastDirectory);
        if (dir.isEmpty())
            return;
        m_lastDirectory = dir;
        exportProjector(dir);
    });
    m_exportHistoryAction = new QAction(tr("Export Loss &History…"), this);
    connect(m_exportHistoryAction, &QAction::triggered, this, [this] {
        const QString path = askSaveFile(tr("Export Loss History"), tr("CSV file (*.csv)"),
                                         QStringLiteral("csv"), QStringLiteral("loss-history.csv"));
        if (!path.isEmpty())
            exportLossHistory(path);
    });

    m_showTrainingSetAction = new QAction(tr("Show &Training Set"), this);
    m_showTrainingSetAction->setCheckable(true);
    m_showTrainingSetAction->setShortcut(Qt::CTRL | Qt::Key_T);
    m_showTrainingSetAction->setStatusTip(
        tr("Also plot the training images in the latent plot, lighter, under the test images "
           "(Ctrl+T)"));
    connect(m_showTrainingSetAction, &QAction::toggled, this, &MainWindow::setShowTrainingSet);

    m_resetViewAction = new QAction(tr("&Fit Latent View to Data"), this);
    m_resetViewAction->setShortcut(Qt::CTRL | Qt::Key_0);
    m_resetViewAction->setStatusTip(tr("Same as double-clicking the latent plot"));
    connect(m_resetViewAction, &QAction::triggered, this, [this] { m_latentPlot->resetView(); });

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_aboutAction = new QAction(tr("&About VAE Explorer"), this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        QMessageBox::about(
            this, tr("About VAE Explorer"),
            tr("<p><b>VAE Explorer</b> %1</p>"
               "<p>Trains a variational autoencoder (Kingma &amp; Welling 2014) on MNIST and "
               "lets you explore its latent space: click or drag on the latent plot to decode "
               "a point, wheel to zoom, right-drag to pan, double-click to fit.</p>")
                .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openAction);
    m_datasetMenu = file->addMenu(tr("Open &Dataset"));
    connect(m_datasetMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildDatasetMenu);
    rebuildDatasetMenu();
    file->addAction(m_followAction);
    file->addAction(m_continueAction);
    file->addAction(m_saveAction);
    m_autosaveMenu = file->addMenu(tr("&Autosave"));
    m_autosaveMenu->setToolTipsVisible(true);
    m_autosaveMenu->menuAction()->setStatusTip(
        tr("While training, keep a recovery copy of the model: after a crash the next start "
           "offers to restore it"));
    auto* autosaveGroup = new QActionGroup(m_autosaveMenu);
    for (const int minutes : kAutosaveChoices) {
        QAction* action = m_autosaveMenu->addAction(
            minutes == 0 ? tr("&Off") : tr("Every %1 min").arg(minutes), this,
            [this, minutes] { setAutosaveMinutes(minutes); });
        action->setCheckable(true);
        action->setData(minutes);
        autosaveGroup->addAction(action);
        if (minutes == 0)
            m_autosaveMenu->addSeparator();
    }
    file->addSeparator();
    file->addAction(m_exportLossAction);
    file->addAction(m_exportLatentAction);
    file->addAction(m_exportCsvAction);
    file->addAction(m_exportProjectorAction);
    file->addAction(m_exportHistoryAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu* training = menuBar()->addMenu(tr("&Training"));
    m_trainingMenu = training;
    training->addAction(m_startAction);
    training->addAction(m_pauseAction);
    training->addAction(m_stopAction);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    m_viewMenu = view;
    view->addAction(m_showTrainingSetAction);
    view->addAction(m_resetViewAction);

    // Explore: filled by the exploration tools (manifold grid, interpolation, …), each of which
    // adds its own actions to this menu and to the Explore toolbar.
    m_exploreMenu = menuBar()->addMenu(tr("&Explore"));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);

    QToolBar* toolbar = addToolBar(tr("Training"));
    toolbar->setObjectName(QStringLiteral("trainingToolBar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->setMovable(false);
    toolbar->addAction(m_startAction);
    toolbar->addAction(m_pauseAction);
    toolbar->addAction(m_stopAction);
    toolbar->addSeparator();
    toolbar->addAction(m_openAction);
    toolbar->addAction(m_saveAction);
    m_exploreToolBar = addToolBar(tr("Explore"));
    m_exploreToolBar->setObjectName(QStringLiteral("exploreToolBar"));
    m_exploreToolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    view->addSeparator();
    view->addAction(toolbar->toggleViewAction());
    view->addAction(m_exploreToolBar->toggleViewAction());
}

void MainWindow::buildLayout()
{
    m_latentPlot = new LatentPlot(this);
    m_latentPlot->setToolTip(tr("Left button: decode · wheel: zoom · right or middle drag: pan · "
                                "double-click: fit to data"));
    m_lossPlot = new LossPlot(this);

    m_plotSplitter = new QSplitter(Qt::Vertical, this);
    m_plotSplitter->setObjectName(QStringLiteral("plotSplitter"));
    // The latent plot with its explanation under it (there, not beside the decoded image, so the
    // window's minimum height does not grow: the right column is the taller one).
    auto* latentPane = new QWidget(this);
    auto* latentLayout = new QVBoxLayout(latentPane);
    latentLayout->setContentsMargins(0, 0, 0, 0);
    // "Colour by", over the plot's right edge where the legend is: only for data with something
    // to choose (known factors, as shapes has).
    auto* colourRow = new QHBoxLayout;
    colourRow->setContentsMargins(0, 0, 6, 0);
    colourRow->addStretch(1);
    m_colourByLabel = new QLabel(tr("Colour by:"), latentPane);
    m_colourBy = new QComboBox(latentPane);
    m_colourBy->setObjectName(QStringLiteral("colourByBox"));
    m_colourBy->setToolTip(tr("What the colours of the latent plot's points mean: the class, or "
                              "one of the data's known factors of variation"));
    m_colourByLabel->setBuddy(m_colourBy);
    colourRow->addWidget(m_colourByLabel);
    colourRow->addWidget(m_colourBy);
    m_colourByLabel->hide();
    m_colourBy->hide();
    connect(m_colourBy, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0 && index < m_colourings.size())
            m_latentPlot->setColouring(m_colourings[index]);
    });
    latentLayout->addLayout(colourRow);
    latentLayout->addWidget(m_latentPlot, 1);
    latentLayout->addWidget(makeExplanation(
        tr("Each dot is a test example x, placed at the mean μ of its approximate posterior "
           "q<sub>φ</sub>(z|x) and coloured by its class (or by what Colour by picks). A click "
           "picks a latent point z; the decoder gives the likelihood p<sub>θ</sub>(x|z) over "
           "the D values of an example (784 pixels for MNIST; Bernoulli, continuous Bernoulli "
           "or Gaussian, as chosen in the settings), and the decoded view shows its mean "
           "E[x|z] (= sigmoid(f<sub>θ</sub>(z)) for a Bernoulli)."),
        latentPane));
    m_plotSplitter->addWidget(latentPane);
    m_plotSplitter->addWidget(m_lossPlot);
    m_plotSplitter->setStretchFactor(0, 3);
    m_plotSplitter->setStretchFactor(1, 2);
    // QSplitter scales these to the space it gets: 3 : 2 for latent : loss.
    m_plotSplitter->setSizes({3000, 2000});
    m_plotSplitter->setChildrenCollapsible(false);

    m_decodedView = new DecodedView(this);
    m_decodedBox = new QGroupBox(tr("Decoded image"), this);
    auto* decodedBox = m_decodedBox;
    auto* decodedLayout = new QVBoxLayout(decodedBox);
    decodedLayout->addWidget(m_decodedView);

    m_settings = new SettingsPanel(this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    m_progress->setFormat(tr("not started"));
    auto* trainingBox = new QGroupBox(tr("Training"), this);
    auto* trainingLayout = new QVBoxLayout(trainingBox);
    trainingLayout->addWidget(m_settings);
    trainingLayout->addSpacing(6);
    trainingLayout->addWidget(m_progress);

    auto* side = new QWidget(this);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(decodedBox, 1);
    sideLayout->addWidget(trainingBox, 0);
    side->setMinimumWidth(300);

    m_mainSplitter = new QSplitter(Qt::Horizontal, this);
    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_mainSplitter->addWidget(m_plotSplitter);
    m_mainSplitter->addWidget(side);
    m_mainSplitter->setStretchFactor(0, 1);
    m_mainSplitter->setStretchFactor(1, 0);
    m_mainSplitter->setSizes({1060, 340});
    m_mainSplitter->setChildrenCollapsible(false);
    m_mainSplitter->setContentsMargins(6, 6, 6, 6);
    setCentralWidget(m_mainSplitter);

    m_stateLabel = new QLabel(this);
    m_speedLabel = new QLabel(this);
    m_elboLabel = new QLabel(this);
    m_loadIndicator = new DataLoadIndicator(*m_session, this);
    statusBar()->addPermanentWidget(m_loadIndicator);
    statusBar()->addPermanentWidget(m_speedLabel);
    statusBar()->addPermanentWidget(m_elboLabel);
    statusBar()->addPermanentWidget(m_stateLabel);
    resize(1400, 900);
}

// ---------------------------------------------------------------------------------------------
// Session events

void MainWindow::updateWindowTitle()
{
    // The dataset once it is loaded, and the opened file while it is what is shown.
    QString title = tr("VAE Explorer");
    if (m_session->hasData())
        title = tr("%1 — %2").arg(QString::fromStdString(m_session->dataDescription().name), title);
    if (m_session->isFollowing())
        title = tr("following %1 — %2").arg(QFileInfo(m_session->followedFolder()).fileName(), title);
    else if (m_session->opened() && !isTraining() && !modelFilePath().isEmpty())
        title = tr("%1 — %2").arg(QFileInfo(modelFilePath()).fileName(), title);
    setWindowTitle(title);
}

namespace {

constexpr auto kRecentDatasetsKey = "data/recentDatasets";

/// The menu's name for a built-in dataset spec.
QString builtinDatasetName(const std::string& spec)
{
    if (spec == "mnist")
        return MainWindow::tr("MNIST (grey levels)");
    if (spec == "fashion-mnist")
        return MainWindow::tr("Fashion-MNIST");
    if (spec == "binarized-mnist:dynamic")
        return MainWindow::tr("Binarized MNIST, dynamic");
    if (spec == "binarized-mnist:static")
        return MainWindow::tr("Binarized MNIST, static");
    if (spec == "shapes")
        return MainWindow::tr("Shapes (dSprites design)");
    return QString::fromStdString(spec);
}

} // namespace

bool MainWindow::openDataset(const QString& spec)
{
    return m_session->openDataset(spec);
}

QStringList MainWindow::recentDatasets() const
{
    if (!m_recentLoaded) { // the saved list, once (none when the settings are not used: tests)
        if (options().useSettings)
            m_recentDatasets = QSettings().value(QLatin1String(kRecentDatasetsKey)).toStringList();
        m_recentLoaded = true;
    }
    return m_recentDatasets;
}

void MainWindow::rebuildDatasetMenu()
{
    m_datasetMenu->clear();
    const QString current = m_session->datasetSpec();
    const bool enabled = !isTraining() && !m_session->isLoadingData();
    auto* group = new QActionGroup(m_datasetMenu);
    const auto add = [&](const QString& spec, const QString& text) {
        QAction* action = m_datasetMenu->addAction(text, this, [this, spec] {
            if (spec != m_session->datasetSpec())
                openDataset(spec);
        });
        action->setCheckable(true);
        action->setChecked(spec == current);
        action->setEnabled(enabled);
        action->setData(spec);
        group->addAction(action);
    };
    QStringList builtins;
    for (const std::string& spec : vae::builtinDatasetSpecs()) {
        builtins << QString::fromStdString(spec);
        add(builtins.back(), builtinDatasetName(spec));
    }
    m_datasetMenu->addSection(tr("Your data"));
    const auto addFile = [&](const QString& text, auto choose) {
        QAction* action = m_datasetMenu->addAction(text, this, [this, choose] {
            const QString spec = choose();
            if (!spec.isEmpty())
                openDataset(spec);
        });
        action->setEnabled(enabled);
    };
    addFile(tr("Image &Folder…"), [this]() -> QString {
        const QString dir = QFileDialog::getExistingDirectory(
            this, tr("Open an Image Folder (one subfolder per class)"), m_lastDirectory);
        if (dir.isEmpty())
            return {};
        m_lastDirectory = dir;
        return QStringLiteral("folder:") + dir;
    });
    // A file from the open dialog (remembering its folder), or empty when cancelled.
    const auto pickFile = [this](const QString& title, const QString& filter) {
        const QString path = QFileDialog::getOpenFileName(this, title, m_lastDirectory, filter);
        if (!path.isEmpty())
            m_lastDirectory = QFileInfo(path).absolutePath();
        return path;
    };
    addFile(tr("&CSV Table…"), [this, pickFile]() -> QString {
        const QString path =
            pickFile(tr("Open a CSV Table"), tr("CSV tables (*.csv);;All files (*)"));
        if (path.isEmpty())
            return {};
        bool ok = false;
        const QString label = QInputDialog::getText(
            this, tr("Open a CSV Table"),
            tr("The column that holds the class names (leave empty if there is none):"),
            QLineEdit::Normal, QString(), &ok);
        if (!ok)
            return {};
        return QStringLiteral("csv:") + path +
               (label.trimmed().isEmpty() ? QString() : QStringLiteral(":label=") + label.trimmed());
    });
    addFile(tr("&NumPy Array…"), [pickFile]() -> QString {
        const QString path =
            pickFile(tr("Open a NumPy Array"), tr("NumPy arrays (*.npy);;All files (*)"));
        return path.isEmpty() ? QString() : QStringLiteral("npy:") + path;
    });
    QStringList recent = recentDatasets();
    recent.removeIf([&builtins](const QString& spec) { return builtins.contains(spec); });
    if (!recent.isEmpty()) {
        m_datasetMenu->addSection(tr("Recent"));
        for (const QString& spec : recent) {
            // "name (folder)" for "folder:/…/name[:size=N]"; the whole spec in the status tip.
            const qsizetype colon = spec.indexOf(QLatin1Char(':'));
            QString path = spec.mid(colon + 1);
            for (const QLatin1String option : {QLatin1String(":size="), QLatin1String(":label=")})
                if (const qsizetype at = path.lastIndexOf(option); at > 0)
                    path.truncate(at);
            add(spec, colon < 0 ? spec
                                : tr("%1 (%2)").arg(QFileInfo(path).fileName(), spec.left(colon)));
            m_datasetMenu->actions().back()->setStatusTip(spec);
        }
    }
    if (m_session->isLoadingData())
        m_datasetMenu->addSection(tr("Loading… (Cancel in the status bar)"));
    else if (!enabled)
        m_datasetMenu->addSection(tr("Stop training to open another dataset"));
}

void MainWindow::onDataReplaced()
{
    // The old data's points and run are gone; an opened model that fits is encoded again.
    m_context->clearPastLatent();
    m_latentPlot->clearPoints();
    m_latentPlot->resetView();
    if (!m_session->opened()) {
        int epochs = vae::TrainingConfig{}.epochs;
        try {
            epochs = m_settings->toConfig().epochs;
        } catch (const std::exception&) { // settings being edited: the default axis will do
        }
        m_lossPlot->clear(epochs);
        m_lossPlot->replotIfDirty(true);
        m_decodedView->clear(tr("Click the latent plot to decode a point."));
    }
    m_progress->setValue(0);
    m_speedLabel->clear();
    m_elboLabel->clear();
    updateStateLabel();
}

void MainWindow::onDataLoaded()
{
    QStringList recent = recentDatasets();
    recent.removeAll(m_session->datasetSpec());
    recent.prepend(m_session->datasetSpec());
    m_recentDatasets = recent.mid(0, kRecentDatasets);
    if (options().useSettings)
        QSettings().setValue(QLatin1String(kRecentDatasetsKey), m_recentDatasets);
    updateColourChoices();
    m_settings->setData(m_session->dataDescription());
    // A table's decoded example is a profile of its columns, not an image.
    m_decodedBox->setTitle(ExampleImage::isTable(m_session->dataDescription())
                               ? tr("Decoded example")
                               : tr("Decoded image"));
    updateWindowTitle();
    updateActions();
    emit dataLoaded();
    if (!m_launchFollowDone && !m_session->options().followFolder.isEmpty()) {
        m_launchFollowDone = true; // once: the run's own dataset may load after this
        followRun(m_session->options().followFolder);
    }
    if (m_session->options().train)
        startTraining();
    else if (m_session->options().continueTraining)
        continueTraining(m_session->options().epochs ? m_session->options().epochs
                                                     : std::optional<int>(0));
}

void MainWindow::onLatentEncoded(bool fitView)
{
    if (!m_context->showsPastLatent())
        m_latentPlot->setSnapshot(latestLatent());
    if (fitView)
        m_latentPlot->resetView();
    m_latentPlot->replotIfDirty();
    updateActions();
}

void MainWindow::updateColourChoices()
{
    m_colourings = ScatterColouring::optionsFor(m_session->dataDescription());
    {
        const QSignalBlocker block(m_colourBy);
        m_colourBy->clear();
        for (const ScatterColouring& colouring : m_colourings) {
            switch (colouring.kind) {
            case ScatterColouring::Kind::Class:
                m_colourBy->addItem(tr("class"));
                break;
            case ScatterColouring::Kind::Single:
                m_colourBy->addItem(tr("one colour"));
                break;
            case ScatterColouring::Kind::Factor:
                m_colourBy->addItem(colouring.name);
                break;
            }
        }
    }
    const bool choice = m_colourings.size() > 1;
    m_colourBy->setVisible(choice);
    m_colourByLabel->setVisible(choice);
    m_latentPlot->setColouring(m_colourings.front());
    if (!options().colourBy.isEmpty() && !setColourBy(options().colourBy))
        statusBar()->showMessage(tr("--colour-by: this data has no \"%1\" to colour by.")
                                     .arg(options().colourBy),
                                 kStatusMessageMs);
}

bool MainWindow::setColourBy(const QString& name)
{
    const QString wanted = name.trimmed();
    for (int i = 0; i < m_colourBy->count(); ++i) {
        const bool matches =
            m_colourBy->itemText(i).compare(wanted, Qt::CaseInsensitive) == 0 ||
            (m_colourings[i].kind == ScatterColouring::Kind::Class &&
             wanted.compare(QLatin1String("class"), Qt::CaseInsensitive) == 0) ||
            (m_colourings[i].kind == ScatterColouring::Kind::Single &&
             wanted.compare(QLatin1String("one colour"), Qt::CaseInsensitive) == 0);
        if (matches) {
            m_colourBy->setCurrentIndex(i);
            m_latentPlot->setColouring(m_colourings[i]); // also when it is the current entry
            return true;
        }
    }
    return false;
}

bool MainWindow::showsTrainingSet() const
{
    return m_showTrainingSetAction->isChecked();
}

void MainWindow::setShowTrainingSet(bool show)
{
    if (m_showTrainingSetAction->isChecked() != show) {
        m_showTrainingSetAction->setChecked(show); // toggled() calls back here
        return;
    }
    m_latentPlot->setShowTrainingSet(show);
    m_session->setIncludeTrainingSet(show);
}

// ---------------------------------------------------------------------------------------------
// Training

bool MainWindow::isTraining() const
{
    return m_session->isTraining();
}

bool MainWindow::startTraining()
{
    if (isTraining())
        return false;
    if (!hasData()) {
        reportError(tr("Cannot start training"),
                    tr("The MNIST data is not loaded, so there is nothing to train on."));
        return false;
    }
    vae::TrainingConfig config;
    try {
        config = m_settings->toConfig();
    } catch (const vae::Error& e) {
        reportError(tr("Invalid settings"), QString::fromStdString(e.what()));
        return false;
    }
    const bool started = m_session->startTraining(config, showsTrainingSet());
    if (!started)
        updateActions();
    return started;
}

bool MainWindow::followRun(const QString& folder)
{
    const bool following = m_session->followRun(folder);
    updateActions();
    updateStateLabel();
    return following;
}

bool MainWindow::continueTraining(std::optional<int> epochs)
{
    const std::optional<vae::Checkpoint> run = m_session->continuableRun();
    if (!run || !hasData()) {
        reportError(tr("Cannot continue training"),
                    run ? tr("The data is not loaded, so there is nothing to train on.")
                        : tr("Open a model or train one first: there is no run to continue."));
        return false;
    }
    // Where the run stands: the epoch it is in (or the next) and whether it began that epoch.
    const int fullEpochs =
        run->training ? run->training->epoch - 1
                      : int(std::count_if(run->history.epochs.begin(), run->history.epochs.end(),
                                          [](const vae::EpochSummary& e) { return e.fraction >= 1; }));
    const int lowest = fullEpochs + 1;
    const int suggested =
        run->config.epochs >= lowest ? run->config.epochs : fullEpochs + run->config.epochs;
    int until = epochs && *epochs > 0 ? *epochs : suggested;
    if (!epochs) {
        QString text = tr("The run has trained %n full epoch(s), %1 steps.", nullptr, fullEpochs)
                           .arg(QLocale().toString(qlonglong(run->model->step())));
        if (!run->training)
            text += QLatin1Char('\n') +
                    tr("This file holds no optimizer state (it was saved before VAE Explorer kept "
                       "it): training continues with a fresh Adam optimizer.");
        text += QLatin1Char('\n') + tr("Train until epoch:");
        bool ok = false;
        until = QInputDialog::getInt(this, tr("Continue Training"), text, suggested, lowest,
                                     vae::TrainingConfig::kMaxEpochs, 1, &ok);
        if (!ok)
            return false;
    }
    int threads = 0;
    try {
        threads = m_settings->toConfig().threads;
    } catch (const vae::Error&) {
        threads = run->config.threads; // the panel's other settings do not matter here
    }
    const bool started = m_session->continueTraining(until, threads, showsTrainingSet());
    if (started) { // the panel shows the run's settings, with its live values
        vae::TrainingConfig shown = m_session->trainer()->config();
        if (run->training) {
            shown.beta = run->training->beta;
            shown.learningRate = run->training->learningRate;
            shown.klSchedule = run->training->klSchedule;
            shown.klWarmupEpochs = run->training->klWarmupEpochs;
        }
        m_settings->setConfig(shown);
        m_settings->chooseLikelihood(shown.likelihood);
    }
    updateActions();
    return started;
}

void MainWindow::onRunStarted(const vae::TrainingConfig& config)
{
    updateWindowTitle();
    m_context->clearPastLatent();
    m_lossPlot->setAutoencoder(config.isAutoencoder());
    m_lossPlot->setLikelihood(config.likelihood);
    m_lossPlot->clear(config.epochs);
    // A continued run's older steps, summarised in buckets, are only in its history: the replay
    // of its earlier records that follows brings the recent steps.
    const vae::TrainingHistory earlier = m_session->history();
    if (!earlier.steps.buckets().empty())
        m_lossPlot->addStepHistory(vae::StepHistory(earlier.steps.buckets(), {}));
    m_lossPlot->replotIfDirty(true);
    m_latentPlot->clearPoints();
    m_latentPlot->resetView();
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(tr("starting…"));
    m_speedLabel->clear();
    m_elboLabel->clear();
}

void MainWindow::togglePause()
{
    m_session->togglePause();
    updateActions();
}

void MainWindow::stopTraining()
{
    m_session->stopTraining();
}

void MainWindow::onUpdate(const vae::TrainerUpdate& update)
{
    emit stepsReceived(update.steps, update.epochs);
    m_lossPlot->addSteps(update.steps);
    m_lossPlot->addEpochs(update.epochs);
    m_lossPlot->addChanges(update.changes);
    if (!update.epochs.empty())
        showTestLoss(update.epochs.back());
    if (update.latent && !m_context->showsPastLatent())
        m_latentPlot->setSnapshot(update.latent);
    if (update.progress)
        showProgress(*update.progress);
    // At most one redraw per plot per poll, however many records came; the final state is
    // drawn at once.
    replotPlots(isTerminal(update.state));
}

void MainWindow::onTrainingStateChanged()
{
    if (isTerminal(m_session->lastState()))
        showFinalProgress(m_session->lastState());
    updateActions();
    updateStateLabel();
    emit trainingStateChanged();
}

void MainWindow::onCheckpointOpened(const vae::Checkpoint& checkpoint)
{
    m_settings->setConfig(checkpoint.config);
    // Its likelihood stays chosen when the data changes to data it fits (MNIST ↔ Fashion-MNIST).
    m_settings->chooseLikelihood(checkpoint.config.likelihood);
    m_lossPlot->setAutoencoder(checkpoint.config.isAutoencoder());
    m_lossPlot->setLikelihood(checkpoint.config.likelihood);
    m_lossPlot->setHistory(checkpoint.history, checkpoint.config.epochs);
    m_lossPlot->replotIfDirty(true);
    m_context->clearPastLatent();
    m_latentPlot->clearPoints();
}

void MainWindow::showTestLoss(const vae::EpochSummary& last)
{
    if (m_lossPlot->isAutoencoder()) // no ELBO: the loss is the reconstruction at z = μ
        m_elboLabel->setText(tr("test reconstruction %1 nats (epoch %2)")
                                 .arg(QLocale().toString(last.test.reconstruction, 'f', 2))
                                 .arg(last.epoch));
    else
        m_elboLabel->setText(tr("test ELBO %1 nats (epoch %2)")
                                 .arg(QLocale().toString(last.test.elbo, 'f', 2))
                                 .arg(last.epoch));
}

void MainWindow::replotPlots(bool force)
{
    m_lossPlot->replotIfDirty(force);
    m_latentPlot->replotIfDirty();
}

void MainWindow::showProgress(const vae::Progress& progress)
{
    // QProgressBar counts in int; a run longer than 2^31 steps is shown in coarser units.
    const std::int64_t total = std::max<std::int64_t>(1, progress.totalSteps);
    const std::int64_t unit = total / std::numeric_limits<int>::max() + 1;
    m_progress->setRange(0, static_cast<int>(total / unit));
    m_progress->setValue(static_cast<int>(progress.globalStep / unit));
    m_progress->setFormat(tr("epoch %1/%2 · step %3/%4 · ETA %5")
                              .arg(progress.epoch)
                              .arg(progress.epochs)
                              .arg(progress.stepInEpoch)
                              .arg(progress.stepsPerEpoch)
                              .arg(formatDuration(progress.etaSeconds)));
    if (progress.samplesPerSecond > 0) {
        m_speedLabel->setText(
            tr("%1 samples/s").arg(QLocale().toString(progress.samplesPerSecond, 'f', 0)));
    }
}

void MainWindow::showFinalProgress(vae::TrainerState state)
{
    // The trainer publishes progress at most a few times a second, so the last one it sent is
    // usually a little behind the last step: rebuild the final position from the last step.
    const std::optional<vae::Progress>& lastProgress = m_session->lastProgress();
    const std::optional<vae::StepRecord>& lastStep = m_session->lastStep();
    if (!lastProgress || !lastStep) {
        m_progress->setFormat(stateText(state));
        return;
    }
    vae::Progress progress = *lastProgress;
    progress.globalStep = lastStep->step;
    progress.epoch = std::max(1, static_cast<int>(std::ceil(lastStep->epoch - 1e-9)));
    progress.stepInEpoch = static_cast<int>(progress.globalStep - std::int64_t(progress.epoch - 1) *
                                                                      progress.stepsPerEpoch);
    showProgress(progress);
    m_progress->setFormat(tr("epoch %1/%2 · step %3/%4 · %5")
                              .arg(progress.epoch)
                              .arg(progress.epochs)
                              .arg(progress.stepInEpoch)
                              .arg(progress.stepsPerEpoch)
                              .arg(stateText(state).toLower()));
}

// ---------------------------------------------------------------------------------------------
// The session and the tool context, for tests and the status bar

const LaunchOptions& MainWindow::options() const
{
    return m_session->options();
}

ToolContext& MainWindow::toolContext() const
{
    return *m_context;
}

bool MainWindow::hasData() const
{
    return m_session->hasData();
}

const std::shared_ptr<const vae::Dataset>& MainWindow::data() const
{
    return m_session->data();
}

vae::Trainer* MainWindow::trainer() const
{
    return m_session->trainer();
}

vae::TrainingHistory MainWindow::history() const
{
    return m_session->history();
}

const std::shared_ptr<const vae::LatentSnapshot>& MainWindow::latestLatent() const
{
    return m_session->latestLatent();
}

void MainWindow::showPastLatent(std::shared_ptr<const vae::LatentSnapshot> snapshot)
{
    m_context->showPastLatent(std::move(snapshot));
}

bool MainWindow::showsPastLatent() const
{
    return m_context->showsPastLatent();
}

const std::shared_ptr<const vae::InferenceModel>& MainWindow::model() const
{
    return m_session->model();
}

const std::vector<float>& MainWindow::lastDecodedPixels() const
{
    return m_context->lastDecodedPixels();
}

const std::vector<float>& MainWindow::lastDecodedZ() const
{
    return m_context->lastDecodedZ();
}

const std::shared_ptr<const vae::InferenceModel>& MainWindow::lastDecodeModel() const
{
    return m_context->lastDecodeModel();
}

const QString& MainWindow::modelFilePath() const
{
    return m_session->modelFilePath();
}

bool MainWindow::hasUnsavedModel() const
{
    return m_session->hasUnsavedModel();
}

// ---------------------------------------------------------------------------------------------
// Decoding

void MainWindow::decodeAt(double z1, double z2)
{
    m_context->decodeAt(z1, z2);
}

// ---------------------------------------------------------------------------------------------
// Files

bool MainWindow::openModel(const QString& path)
{
    return m_session->openModel(path);
}

bool MainWindow::saveModel(const QString& path)
{
    return m_session->saveModel(path);
}

bool MainWindow::exportPlot(QCustomPlot* plot, const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    bool ok = false;
    if (suffix == QLatin1String("png")) {
        ok = plot->savePng(path);
    } else if (suffix == QLatin1String("pdf")) {
        ok = plot->savePdf(path);
    } else {
        reportError(tr("Cannot export the plot"),
                    tr("%1: use a file name ending in .png or .pdf.").arg(path));
        return false;
    }
    if (!ok) {
        reportError(tr("Cannot export the plot"), tr("Cannot write %1.").arg(path));
        return false;
    }
    statusBar()->showMessage(tr("Exported %1").arg(path), kStatusMessageMs);
    return true;
}

bool MainWindow::exportLossPlot(const QString& path)
{
    return exportPlot(m_lossPlot, path);
}

bool MainWindow::exportLatentPlot(const QString& path)
{
    m_latentPlot->replotIfDirty();
    const bool vector =
        QFileInfo(path).suffix().compare(QLatin1String("pdf"), Qt::CaseInsensitive) == 0;
    m_latentPlot->setVectorPoints(vector);
    const bool ok = exportPlot(m_latentPlot, path);
    m_latentPlot->setVectorPoints(false);
    return ok;
}

bool MainWindow::exportLatentCoordinates(const QString& path)
{
    if (!latestLatent()) {
        reportError(tr("Nothing to export"),
                    tr("There are no latent coordinates yet: train or open a model first."));
        return false;
    }
    const QString error =
        saveLatentCsv(path, *latestLatent(), m_session->dataDescription().factorNames);
    if (!error.isEmpty()) {
        reportError(tr("Cannot export latent coordinates"), error);
        return false;
    }
    statusBar()->showMessage(tr("Exported %1").arg(path), kStatusMessageMs);
    return true;
}

bool MainWindow::exportProjector(const QString& directory)
{
    if (!latestLatent()) {
        reportError(tr("Nothing to export"),
                    tr("There are no latent coordinates yet: train or open a model first."));
        return false;
    }
    const QString error = saveProjectorFiles(directory, *latestLatent());
    if (!error.isEmpty()) {
        reportError(tr("Cannot export for the projector"), error);
        return false;
    }
    statusBar()->showMessage(tr("Exported %1 and %2 to %3")
                                 .arg(QLatin1String(kProjectorVectorsFile),
                                      QLatin1String(kProjectorMetadataFile), directory),
                             kStatusMessageMs);
    return true;
}

bool MainWindow::exportLossHistory(const QString& path)
{
    if (!trainer() && !m_session->opened()) {
        reportError(tr("Nothing to export"), tr("There is no loss history yet: train or open a "
                                                "model first."));
        return false;
    }
    const QString error = saveLossHistoryCsv(path, history());
    if (!error.isEmpty()) {
        reportError(tr("Cannot export the loss history"), error);
        return false;
    }
    statusBar()->showMessage(tr("Exported %1").arg(path), kStatusMessageMs);
    return true;
}

QString MainWindow::askSaveFile(const QString& title, const QString& filter,
                                const QString& defaultSuffix, const QString& baseName)
{
    QFileDialog dialog(this, title, QDir(m_lastDirectory).filePath(baseName), filter);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(defaultSuffix);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return {};
    const QString path = dialog.selectedFiles().front();
    m_lastDirectory = QFileInfo(path).absolutePath();
    return path;
}

// ---------------------------------------------------------------------------------------------
// Window state

void MainWindow::updateActions()
{
    const bool training = isTraining();
    m_startAction->setEnabled(hasData() && !training && !m_session->isLoadingData());
    m_pauseAction->setEnabled(training);
    m_stopAction->setEnabled(training);
    if (m_session->pauseRequested() && training) {
        m_pauseAction->setText(tr("&Resume"));
        m_pauseAction->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    } else {
        m_pauseAction->setText(tr("&Pause"));
        m_pauseAction->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    }
    const bool hasModel = trainer() != nullptr || m_session->opened().has_value();
    m_saveAction->setEnabled(hasModel);
    m_continueAction->setEnabled(hasModel && hasData() && !training &&
                                 !m_session->isLoadingData());
    m_followAction->setEnabled(!training);
    m_exportCsvAction->setEnabled(latestLatent() != nullptr);
    m_exportProjectorAction->setEnabled(latestLatent() != nullptr);
    m_exportHistoryAction->setEnabled(hasModel);
    m_settings->setTrainingLocked(training);
    // A generated training set (shapes) is made batch by batch and never encoded whole.
    m_showTrainingSetAction->setEnabled(!hasData() || !data()->train.isGenerated());
}

void MainWindow::updateStateLabel()
{
    if (m_session->isFollowing())
        m_stateLabel->setText(m_session->followStatus());
    else if (trainer())
        m_stateLabel->setText(stateText(m_session->lastState()));
    else if (m_session->isRecovered())
        m_stateLabel->setText(tr("Exploring the restored model"));
    else if (m_session->opened())
        m_stateLabel->setText(tr("Exploring %1").arg(QFileInfo(modelFilePath()).fileName()));
    else
        m_stateLabel->setText(stateText(vae::TrainerState::Idle));
}

void MainWindow::reportError(const QString& title, const QString& message)
{
    m_lastError = message;
    ++m_errorCount;
    emit errorReported(message);
    if (!options().showDialogs)
        return;
    // Window-modal and non-blocking: a nested event loop would re-enter the poll timer.
    // Core's messages may start in lower case ("batch size must be…"); a dialog shows a sentence.
    QString text = message;
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    // The plots skip their replots while the window is minimised: catch up when it comes back.
    if (event->type() == QEvent::WindowStateChange && !isMinimized())
        replotPlots(true);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    writeSettings();
    m_session->shutdown(); // stops and joins the trainer within one batch
    m_autosaver->finish(); // a clean exit leaves no recovery file
    event->accept();
}

// ---------------------------------------------------------------------------------------------
// Autosave and recovery

void MainWindow::setAutosaveMinutes(int minutes)
{
    minutes = std::clamp(minutes, 0, 24 * 60);
    m_autosaver->setIntervalSeconds(minutes * 60);
    for (QAction* action : m_autosaveMenu->actions())
        if (action->isCheckable())
            action->setChecked(action->data().toInt() == minutes);
    if (options().useSettings)
        QSettings().setValue(QLatin1String(kAutosaveMinutesKey), minutes);
}

const OrphanedRecovery* MainWindow::pendingRecovery() const
{
    return m_recoveries.empty() ? nullptr : &m_recoveries.front();
}

void MainWindow::loadDataIfNone(const QString& spec)
{
    if (!hasData() && !m_session->isLoadingData())
        m_session->loadData(spec);
}

void MainWindow::askRecovery()
{
    const OrphanedRecovery* recovery = pendingRecovery();
    if (!recovery) {
        loadDataIfNone();
        return;
    }
    const RecoveryInfo& info = recovery->info();
    const QString when = QLocale().toString(info.savedAt.toLocalTime(), QLocale::ShortFormat);
    const QString text =
        info.step >= 0
            ? tr("VAE Explorer did not close normally. Restore the model autosaved at %1 (step "
                 "%2, %3)?")
                  .arg(when, QLocale().toString(info.step),
                       info.datasetName.isEmpty() ? tr("unknown data") : info.datasetName)
            : tr("VAE Explorer did not close normally. Restore the model autosaved at %1?")
                  .arg(when);
    auto* box = new QMessageBox(QMessageBox::Question, tr("Restore Autosaved Model"), text,
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("recoveryQuestion"));
    QString details = tr("Restore opens it as an unsaved model: File ▸ Continue Training carries "
                         "its run on, File ▸ Save Model keeps it. Discard deletes it; Keep for "
                         "Later asks again at the next start.");
    if (!info.originalFile.isEmpty())
        details += QLatin1Char('\n') + tr("Its run came from %1.").arg(info.originalFile);
    box->setInformativeText(details);
    QPushButton* restore = box->addButton(tr("&Restore"), QMessageBox::AcceptRole);
    QPushButton* discard = box->addButton(tr("&Discard"), QMessageBox::DestructiveRole);
    QPushButton* later = box->addButton(tr("Keep for &Later"), QMessageBox::RejectRole);
    box->setDefaultButton(restore);
    box->setEscapeButton(later);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, restore, discard] {
        QAbstractButton* clicked = box->clickedButton();
        if (clicked == restore)
            restoreRecovery();
        else if (clicked == discard)
            discardRecovery();
        else
            keepRecoveryForLater();
        loadDataIfNone();
    });
    // Window-modal and answered in a slot: no nested event loop while the window starts.
    box->open();
}

bool MainWindow::restoreRecovery()
{
    if (m_recoveries.empty() || isTraining())
        return false; // opening is refused while training; the file stays pending
    OrphanedRecovery recovery = std::move(m_recoveries.front());
    m_recoveries.clear(); // the others wait for later starts
    const RecoveryInfo info = recovery.info();
    const int errorsBefore = m_errorCount;
    if (!m_session->openRecovered(recovery.checkpointPath(), info.originalFile)) {
        if (m_errorCount == errorsBefore) // the unsaved-work question was answered Cancel:
            return false;                 // the file stays for a later start
        // Reported by the session; a file that cannot be read would be offered at every start.
        recovery.discard();
        statusBar()->showMessage(tr("The recovery file could not be read and was deleted."),
                                 kStatusMessageMs);
        return false;
    }
    // Taken over, so that it stays recoverable should this session end badly too; if it cannot
    // be, it stays where it is and is offered again at the next start.
    QString error;
    if (!m_autosaver->files().adopt(recovery, &error))
        statusBar()->showMessage(error, kStatusMessageMs);
    // Its own data: loaded now unless data is there or loading (the model stays if it fits).
    QString spec = info.datasetSpec;
    if (spec.isEmpty())
        spec = QString::fromStdString(model()->description().source);
    if (!hasData() && !m_session->isLoadingData())
        m_session->loadData(spec);
    else if (!spec.isEmpty() && spec != m_session->datasetSpec() && !m_session->isLoadingData())
        openDataset(spec);
    return true;
}

void MainWindow::discardRecovery()
{
    if (!m_recoveries.empty())
        m_recoveries.front().discard();
    m_recoveries.clear();
}

void MainWindow::keepRecoveryForLater()
{
    m_recoveries.clear(); // unlocked, the files stay
}

void MainWindow::readSettings()
{
    if (!options().useSettings)
        return;
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_mainSplitter->restoreState(
        settings.value(QStringLiteral("window/mainSplitter")).toByteArray());
    m_plotSplitter->restoreState(
        settings.value(QStringLiteral("window/plotSplitter")).toByteArray());
    m_lastDirectory = settings.value(QStringLiteral("files/lastDirectory")).toString();
    setShowTrainingSet(settings.value(QStringLiteral("view/showTrainingSet"), false).toBool());
    const QString json = settings.value(QStringLiteral("training/config")).toString();
    if (!json.isEmpty()) {
        try {
            m_settings->setConfig(vae::TrainingConfig::fromJson(json.toStdString()));
        } catch (const vae::Error&) {
            // Settings from another version: the defaults are a fine start.
        }
    }
    // Only a likelihood the user chose outlives the session; otherwise the data's default.
    const QString likelihood =
        settings.value(QStringLiteral("training/chosenLikelihood")).toString();
    if (!likelihood.isEmpty()) {
        try {
            m_settings->chooseLikelihood(vae::parseLikelihood(likelihood.toStdString()));
        } catch (const vae::Error&) {
        }
    }
}

void MainWindow::writeSettings() const
{
    if (!options().useSettings)
        return;
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/mainSplitter"), m_mainSplitter->saveState());
    settings.setValue(QStringLiteral("window/plotSplitter"), m_plotSplitter->saveState());
    settings.setValue(QStringLiteral("files/lastDirectory"), m_lastDirectory);
    settings.setValue(QStringLiteral("view/showTrainingSet"), showsTrainingSet());
    try {
        vae::TrainingConfig config = m_settings->toConfig();
        // A subset is a test device, not a user choice: never carry it into the next session.
        config.trainSubset = 0;
        settings.setValue(QStringLiteral("training/config"),
                          QString::fromStdString(config.toJson()));
        const std::optional<vae::Likelihood>& chosen = m_settings->chosenLikelihood();
        settings.setValue(QStringLiteral("training/chosenLikelihood"),
                          chosen ? QString::fromUtf8(vae::likelihoodName(*chosen)) : QString());
    } catch (const vae::Error&) {
        // An unparsable hidden-sizes text is not worth keeping; the last good config stays.
    }
}

} // namespace vae::gui
