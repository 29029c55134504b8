#include "mainwindow.h"

#include "decodedview.h"
#include "drawtool.h"
#include "explanation.h"
#include "historycsv.h"
#include "interpolationtool.h"
#include "language.h"
#include "iwaetool.h"
#include "dimensionstool.h"
#include "gradienttool.h"
#include "latentcsv.h"
#include "latentplot.h"
#include "lossplot.h"
#include "manifoldtool.h"
#include "priorsamplestool.h"
#include "pointinspector.h"
#include "posteriortool.h"
#include "comparisonwindow.h"
#include "ratedistortionplot.h"
#include "settingspanel.h"
#include "timelapsetool.h"
#include "traversaltool.h"
#include "unsavedwork.h"

#include <vae/errors.h>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QImageReader>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <span>

namespace vae::gui {

namespace {

// Fast enough to look live; what a tick costs is kept small instead (see MainWindow).
constexpr int kPollIntervalMs = 30;
// A loss curve growing ten times a second looks live; redrawing it at every tick would take
// several per cent of a core from training for nothing anyone can see.
constexpr int kLossReplotIntervalMs = 100;
constexpr int kStatusMessageMs = 5000;

std::filesystem::path toPath(const QString& path)
{
    return std::filesystem::path(QFile::encodeName(path).toStdString());
}

bool isTerminal(vae::TrainerState state)
{
    return state == vae::TrainerState::Finished || state == vae::TrainerState::Stopped ||
           state == vae::TrainerState::Failed;
}

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
    : QMainWindow(parent), m_options(std::move(options))
{
    setWindowTitle(tr("VAE Explorer"));
    setWindowIcon(appIcon());
    buildActions();
    buildMenus();
    buildLayout();

    m_pollTimer.setInterval(kPollIntervalMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &MainWindow::pollTrainer);
    connect(&m_dataWatcher, &QFutureWatcher<DataLoadResult>::finished, this,
            &MainWindow::onDataLoaded);
    connect(&m_encodeWatcher, &QFutureWatcher<EncodeResult>::finished, this,
            &MainWindow::onEncoded);
    connect(&m_trainEncodeWatcher, &QFutureWatcher<TrainEncodeResult>::finished, this,
            &MainWindow::onTrainingSetEncoded);
    m_lossPlot->setMinimumReplotInterval(kLossReplotIntervalMs);
    connect(m_latentPlot, &LatentPlot::pointPicked, this, &MainWindow::decodeAt);
    connect(m_settings, &SettingsPanel::betaChanged, this, [this](double beta) {
        if (isTraining())
            m_trainer->setBeta(beta);
    });
    connect(m_settings, &SettingsPanel::learningRateChanged, this, [this](double rate) {
        if (isTraining())
            m_trainer->setLearningRate(rate);
    });
    connect(m_settings, &SettingsPanel::klScheduleChanged, this,
            [this](const QString& schedule, double epochs) {
                if (!isTraining())
                    return;
                try {
                    m_trainer->setKlSchedule(schedule.toStdString(), epochs);
                } catch (const vae::Error& e) {
                    reportError(tr("Invalid KL schedule"), QString::fromStdString(e.what()));
                }
            });

    // Before readSettings(): restoreState() places only the dock widgets that exist already.
    new InterpolationTool(this, m_options);

    // Before readSettings(): restoreState() puts the dock back where the user left it.
    new PointInspector(this, m_options.inspectIndex);
    readSettings();
    if (m_options.epochs)
        m_settings->epochsBox()->setValue(*m_options.epochs);
    if (m_options.latentDim)
        m_settings->latentDimBox()->setValue(*m_options.latentDim);
    if (m_options.showTrainingSet)
        setShowTrainingSet(*m_options.showTrainingSet);
    m_latentPlot->setMarker(m_z.x(), m_z.y());
    updateActions();
    updateStateLabel();
    new DrawTool(this); // Explore ▸ Draw; owned by this window
    // Exploration tools: each adds its actions to the Explore menu and toolbar.
    new ManifoldTool(this);
    new PriorSamplesTool(this);

    new TraversalTool(this);
    new DimensionsTool(this);
    new TimelapseTool(this);
    new GradientTool(this);
    new LanguageMenu(this); // View ▸ Language
    new PosteriorTool(this); // after the Inspector and Draw: it follows their image
    new IwaeTool(this);
    new RateDistortionTool(this);
    new ComparisonTool(this); // Training ▸ Compare Models…
    new UnsavedWorkGuard(this); // closing asks before a run or an unsaved model is lost

    if (!m_options.openFile.isEmpty())
        openModel(m_options.openFile);
    loadData();
}

MainWindow::~MainWindow()
{
    m_pollTimer.stop();
    // Joins the training thread; it checks its stop flag once per batch.
    m_trainer.reset();
    // Hidden here, while this is still a MainWindow: otherwise ~QWidget hides the docks after this
    // destructor, and the tools' visibilityChanged slots call back into a half-destroyed window
    // (undefined behaviour, found by UBSan).
    hide();
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
    file->addAction(m_saveAction);
    file->addSeparator();
    file->addAction(m_exportLossAction);
    file->addAction(m_exportLatentAction);
    file->addAction(m_exportCsvAction);
    file->addAction(m_exportProjectorAction);
    file->addAction(m_exportHistoryAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu* training = menuBar()->addMenu(tr("&Training"));
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

QAction* MainWindow::addExploreDock(QDockWidget* dock, const QString& text,
                                    const QKeySequence& shortcut, const QString& statusTip)
{
    addDockWidget(Qt::RightDockWidgetArea, dock);
    dock->hide(); // until the saved layout restores it or the user asks for it
    QAction* toggle = dock->toggleViewAction();
    toggle->setText(text);
    toggle->setShortcut(shortcut);
    toggle->setStatusTip(statusTip);
    m_exploreMenu->addAction(toggle);
    m_exploreToolBar->addAction(toggle);
    return toggle;
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
    latentLayout->addWidget(m_latentPlot, 1);
    latentLayout->addWidget(makeExplanation(
        tr("Each dot is a test image x, placed at the mean μ of its approximate posterior "
           "q<sub>φ</sub>(z|x) and coloured by its digit. A click picks a latent point z; the "
           "decoder gives p<sub>θ</sub>(x|z), one Bernoulli per pixel, and the decoded image "
           "shows its means: E[x|z] = sigmoid(f<sub>θ</sub>(z)) ∈ [0, 1]<sup>784</sup>."),
        latentPane));
    m_plotSplitter->addWidget(latentPane);
    m_plotSplitter->addWidget(m_lossPlot);
    m_plotSplitter->setStretchFactor(0, 3);
    m_plotSplitter->setStretchFactor(1, 2);
    // QSplitter scales these to the space it gets: 3 : 2 for latent : loss.
    m_plotSplitter->setSizes({3000, 2000});
    m_plotSplitter->setChildrenCollapsible(false);

    m_decodedView = new DecodedView(this);
    auto* decodedBox = new QGroupBox(tr("Decoded image"), this);
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
    statusBar()->addPermanentWidget(m_speedLabel);
    statusBar()->addPermanentWidget(m_elboLabel);
    statusBar()->addPermanentWidget(m_stateLabel);
    resize(1400, 900);
}

// ---------------------------------------------------------------------------------------------
// Data

void MainWindow::loadData()
{
    const std::filesystem::path dir =
        m_options.dataDir.isEmpty() ? vae::defaultDataDir() : toPath(m_options.dataDir);
    statusBar()->showMessage(
        tr("Loading MNIST from %1…").arg(QString::fromStdString(dir.string())));
    // The 55 MB of IDX files take a moment to read and convert: keep the window responsive.
    m_dataWatcher.setFuture(QtConcurrent::run([dir]() -> DataLoadResult {
        try {
            return {std::make_shared<const vae::Mnist>(vae::loadMnist(dir)), {}};
        } catch (const std::exception& e) {
            return {nullptr, QString::fromStdString(e.what())};
        }
    }));
}

void MainWindow::onDataLoaded()
{
    DataLoadResult result = m_dataWatcher.result();
    if (!result.data) {
        statusBar()->showMessage(tr("No training data: Start is disabled."));
        reportError(tr("Cannot load MNIST"), result.error);
        emit dataLoadFailed(result.error);
        updateActions();
        return;
    }
    m_data = std::move(result.data);
    statusBar()->showMessage(tr("Loaded %1 training and %2 test images.")
                                 .arg(m_data->train.count)
                                 .arg(m_data->test.count),
                             kStatusMessageMs);
    updateActions();
    emit dataLoaded();
    if (m_opened && !m_trainer)
        encodeOpenedModel();
    if (m_options.train)
        startTraining();
}

void MainWindow::encodeOpenedModel()
{
    if (!m_data || !m_opened)
        return;
    const int generation = ++m_encodeGeneration;
    statusBar()->showMessage(tr("Encoding the test set…"));
    m_encodeWatcher.setFuture(
        QtConcurrent::run([generation, model = m_opened->model, data = m_data]() -> EncodeResult {
            try {
                auto latent = std::make_shared<vae::LatentSnapshot>();
                latent->posterior = model->encode(data->test.pixels, data->test.count);
                latent->labels = data->test.labels;
                latent->step = model->step();
                return {generation, std::move(latent), {}};
            } catch (const std::exception& e) {
                return {generation, nullptr, QString::fromStdString(e.what())};
            }
        }));
}

void MainWindow::onEncoded()
{
    EncodeResult result = m_encodeWatcher.result();
    // A newer request (another model, or training) has replaced this one.
    if (result.generation != m_encodeGeneration || m_trainer)
        return;
    statusBar()->clearMessage();
    if (!result.latent) {
        reportError(tr("Cannot encode the test set"), result.error);
        return;
    }
    m_latent = std::move(result.latent);
    if (!m_showsPast)
        m_latentPlot->setSnapshot(m_latent);
    m_latentPlot->resetView();
    m_latentPlot->replotIfDirty();
    updateActions();
    emit latentUpdated();
    encodeTrainingSetIfNeeded();
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
    // Encoding 60,000 images every few seconds costs the trainer time: only while they are shown.
    if (isTraining())
        m_trainer->setLatentIncludesTrain(show);
    encodeTrainingSetIfNeeded();
}

void MainWindow::encodeTrainingSetIfNeeded()
{
    // While training, the trainer's snapshots carry the training set.
    if (!showsTrainingSet() || !m_data || !m_latent || !m_model || isTraining())
        return;
    if (m_latent->trainPosterior && m_latent->trainStep >= m_model->step())
        return;
    if (m_trainEncodeModel == m_model)
        return; // asked for already (a failure is reported once, not at every tick)
    m_trainEncodeModel = m_model;
    const int generation = ++m_trainEncodeGeneration;
    statusBar()->showMessage(tr("Encoding the training set…"));
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

void MainWindow::onTrainingSetEncoded()
{
    TrainEncodeResult result = m_trainEncodeWatcher.result();
    // A newer model (opened or trained) has replaced this one.
    if (result.generation != m_trainEncodeGeneration || isTraining() || !m_latent)
        return;
    statusBar()->clearMessage();
    if (!result.posterior) {
        reportError(tr("Cannot encode the training set"), result.error);
        return;
    }
    // Snapshots are immutable: the new one copies the 10,000 test points and shares the rest.
    auto latent = std::make_shared<vae::LatentSnapshot>(*m_latent);
    latent->trainPosterior = std::move(result.posterior);
    latent->trainLabels = std::move(result.labels);
    latent->trainStep = result.model->step();
    m_latent = std::move(latent);
    if (!m_showsPast)
        m_latentPlot->setSnapshot(m_latent);
    m_latentPlot->replotIfDirty();
    emit latentUpdated();
}

// ---------------------------------------------------------------------------------------------
// Training

bool MainWindow::isTraining() const
{
    return m_trainer && !isTerminal(m_trainer->state());
}

bool MainWindow::startTraining()
{
    if (isTraining())
        return false;
    if (!m_data) {
        reportError(tr("Cannot start training"),
                    tr("The MNIST data is not loaded, so there is nothing to train on."));
        return false;
    }
    std::unique_ptr<vae::Trainer> trainer;
    vae::TrainingConfig config;
    try {
        config = m_settings->toConfig();
        config.validate(m_data->train.count);
        trainer = std::make_unique<vae::Trainer>(config, m_data);
    } catch (const vae::Error& e) {
        reportError(tr("Invalid settings"), QString::fromStdString(e.what()));
        return false;
    } catch (const std::exception& e) {
        reportError(tr("Cannot start training"), QString::fromStdString(e.what()));
        return false;
    }

    trainer->setLatentIncludesTrain(showsTrainingSet());
    // Clicks and drags must answer within a frame even with every core training.
    trainer->setBackgroundPriority(true);
    // The previous run (if any) has ended; its thread is joined here.
    m_trainer = std::move(trainer);
    m_opened.reset();
    m_openedPath.clear();
    m_modelFile.clear();
    ++m_encodeGeneration; // an opened model's pending encodes no longer apply
    ++m_trainEncodeGeneration;
    m_trainEncodeModel.reset();
    setWindowTitle(tr("VAE Explorer"));
    m_latent.reset();
    m_showsPast = false;
    m_lastProgress.reset();
    m_lastStep.reset();
    m_lossPlot->setAutoencoder(config.isAutoencoder());
    m_lossPlot->clear(config.epochs);
    m_lossPlot->replotIfDirty(true);
    m_latentPlot->clearPoints();
    m_latentPlot->resetView();
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(tr("starting…"));
    m_speedLabel->clear();
    m_elboLabel->clear();

    try {
        m_trainer->start();
    } catch (const std::exception& e) {
        m_trainer.reset();
        reportError(tr("Cannot start training"), QString::fromStdString(e.what()));
        updateActions();
        return false;
    }
    m_pauseRequested = false;
    m_lastState = m_trainer->state();
    m_model.reset();
    refreshModel(); // the untrained model: the decoded panel shows something from the start
    m_pollTimer.start();
    updateActions();
    updateStateLabel();
    emit trainingStateChanged();
    return true;
}

void MainWindow::togglePause()
{
    if (!isTraining())
        return;
    if (m_pauseRequested)
        m_trainer->resume();
    else
        m_trainer->pause();
    m_pauseRequested = !m_pauseRequested;
    updateActions();
}

void MainWindow::stopTraining()
{
    if (!isTraining())
        return;
    m_trainer->stop();
    pollTrainer(); // picks up the last records and the final state at once
}

void MainWindow::pollTrainer()
{
    if (!m_trainer) {
        m_pollTimer.stop();
        return;
    }
    vae::TrainerUpdate update = m_trainer->takeUpdate();
    if (isTerminal(update.state)) {
        // The thread has ended or is ending: join it and take what it published last, so the
        // final epoch's records are not lost between this take and the timer stopping.
        m_trainer->wait();
        vae::TrainerUpdate last = m_trainer->takeUpdate();
        update.steps.insert(update.steps.end(), last.steps.begin(), last.steps.end());
        update.epochs.insert(update.epochs.end(), last.epochs.begin(), last.epochs.end());
        update.changes.insert(update.changes.end(), last.changes.begin(), last.changes.end());
        if (last.latent)
            update.latent = std::move(last.latent);
        if (last.progress)
            update.progress = last.progress;
        if (last.error)
            update.error = std::move(last.error);
        update.state = last.state;
        m_pollTimer.stop();
    }
    if (update.empty() && update.state == m_lastState) {
        refreshModel();
        m_lossPlot->replotIfDirty(); // points held back by the loss plot's replot interval
        return;
    }
    const bool terminal = isTerminal(update.state);
    applyUpdate(std::move(update));
    if (terminal)
        encodeTrainingSetIfNeeded(); // a stopped run's last training-set snapshot may be older
}

void MainWindow::applyUpdate(vae::TrainerUpdate update)
{
    emit stepsReceived(update.steps, update.epochs);
    m_lossPlot->addSteps(update.steps);
    m_lossPlot->addEpochs(update.epochs);
    m_lossPlot->addChanges(update.changes);
    if (!update.steps.empty())
        m_lastStep = update.steps.back();
    if (!update.epochs.empty()) {
        showTestLoss(update.epochs.back());
    }
    const bool newLatent = update.latent != nullptr;
    if (newLatent) {
        m_latent = std::move(update.latent);
        if (!m_showsPast)
            m_latentPlot->setSnapshot(m_latent);
    }
    if (update.progress)
        showProgress(*update.progress);
    refreshModel();
    // At most one redraw per plot per tick, however many records came; the final state is
    // drawn at once.
    replotPlots(isTerminal(update.state));
    const bool stateChanged = update.state != m_lastState;
    m_lastState = update.state;
    if (stateChanged) {
        if (isTerminal(update.state)) {
            m_pauseRequested = false;
            showFinalProgress(update.state);
        }
        updateActions();
        updateStateLabel();
        emit trainingStateChanged();
    }
    if (newLatent) {
        m_exportCsvAction->setEnabled(true);
        m_exportProjectorAction->setEnabled(true);
        emit latentUpdated();
    }
    if (update.error)
        reportError(tr("Training failed"), QString::fromStdString(*update.error));
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

void MainWindow::refreshModel()
{
    if (!m_trainer)
        return;
    std::shared_ptr<const vae::InferenceModel> model = m_trainer->inference();
    if (model == m_model)
        return;
    m_model = std::move(model);
    decodeCurrent();
    emit modelChanged();
}

void MainWindow::showProgress(const vae::Progress& progress)
{
    m_lastProgress = progress;
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
    if (!m_lastProgress || !m_lastStep) {
        m_progress->setFormat(stateText(state));
        return;
    }
    vae::Progress progress = *m_lastProgress;
    progress.globalStep = m_lastStep->step;
    progress.epoch = std::max(1, static_cast<int>(std::ceil(m_lastStep->epoch - 1e-9)));
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
// Decoding

void MainWindow::decodeAt(double z1, double z2)
{
    m_z = QPointF(z1, z2);
    m_latentPlot->setMarker(z1, z2);
    decodeCurrent();
}

void MainWindow::decodeCurrent()
{
    if (!m_model)
        return;
    // The plot's projection maps the picked point to all D dimensions (by default z₁, z₂ as
    // picked and the others at the prior's mean, 0).
    std::vector<float> z = m_latentPlot->latentPointAt(m_z, m_model->latentDim());
    try {
        m_lastPixels = m_model->decode(z);
    } catch (const std::exception& e) {
        reportError(tr("Cannot decode"), QString::fromStdString(e.what()));
        return;
    }
    m_lastZ = std::move(z);
    m_lastDecodeModel = m_model;
    m_decodedView->setImage(m_lastPixels, m_model->imageRows(), m_model->imageCols(), m_lastZ);
    emit decoded();
}

// ---------------------------------------------------------------------------------------------
// Files

bool MainWindow::openModel(const QString& path)
{
    if (isTraining()) {
        // Refused rather than asked: opening would have to stop the run, and a stopped run's
        // model would then be replaced too (two losses behind one click).
        reportError(tr("Cannot open a model"),
                    tr("Training is running, so %1 was not opened. Stop training first (Training "
                       "▸ Stop, Shift+F5), then open the model again; the run so far stays "
                       "in the window and can be saved.")
                        .arg(path));
        return false;
    }
    vae::Checkpoint checkpoint;
    try {
        checkpoint = vae::loadCheckpoint(toPath(path));
    } catch (const std::exception& e) {
        reportError(tr("Cannot open the model"), QString::fromStdString(e.what()));
        return false;
    }
    // Asked once the file has loaded: a file that cannot be opened replaces nothing.
    if (auto* guard = findChild<UnsavedWorkGuard*>(); guard && !guard->confirmReplace(path))
        return false; // Cancel, or the save of the trained model was cancelled or failed
    // The opened model replaces a finished run as the thing being explored.
    m_trainer.reset();
    m_lastState = vae::TrainerState::Idle;
    m_opened = std::move(checkpoint);
    m_openedPath = path;
    m_modelFile = path;
    m_settings->setConfig(m_opened->config);
    m_lossPlot->setAutoencoder(m_opened->config.isAutoencoder());
    m_lossPlot->setHistory(m_opened->history, m_opened->config.epochs);
    m_lossPlot->replotIfDirty(true);
    ++m_trainEncodeGeneration;
    m_trainEncodeModel.reset();
    m_latent.reset();
    m_showsPast = false;
    m_latentPlot->clearPoints();
    m_model = m_opened->model;
    decodeCurrent();
    emit modelChanged();
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(tr("opened model"));
    m_speedLabel->clear();
    if (!m_opened->history.epochs.empty()) {
        showTestLoss(m_opened->history.epochs.back());
    } else {
        m_elboLabel->clear();
    }
    setWindowTitle(tr("%1 — VAE Explorer").arg(QFileInfo(path).fileName()));
    encodeOpenedModel();
    updateActions();
    updateStateLabel();
    statusBar()->showMessage(tr("Opened %1").arg(path), kStatusMessageMs);
    emit modelOpened();
    return true;
}

bool MainWindow::saveModel(const QString& path)
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
        reportError(tr("Nothing to save"), tr("Train or open a model first."));
        return false;
    }
    try {
        vae::saveCheckpoint(toPath(path), *model, history);
    } catch (const std::exception& e) {
        reportError(tr("Cannot save the model"), QString::fromStdString(e.what()));
        return false;
    }
    if (!isTraining()) // a running model changes after the save
        m_modelFile = path;
    statusBar()->showMessage(tr("Saved %1").arg(path), kStatusMessageMs);
    return true;
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

void MainWindow::showPastLatent(std::shared_ptr<const vae::LatentSnapshot> snapshot)
{
    m_showsPast = snapshot != nullptr;
    if (m_showsPast || m_latent)
        m_latentPlot->setSnapshot(m_showsPast ? std::move(snapshot) : m_latent);
    else
        m_latentPlot->clearPoints();
    m_latentPlot->replotIfDirty();
}

bool MainWindow::exportLatentCoordinates(const QString& path)
{
    if (!m_latent) {
        reportError(tr("Nothing to export"),
                    tr("There are no latent coordinates yet: train or open a model first."));
        return false;
    }
    const QString error = saveLatentCsv(path, *m_latent);
    if (!error.isEmpty()) {
        reportError(tr("Cannot export latent coordinates"), error);
        return false;
    }
    statusBar()->showMessage(tr("Exported %1").arg(path), kStatusMessageMs);
    return true;
}

bool MainWindow::exportProjector(const QString& directory)
{
    if (!m_latent) {
        reportError(tr("Nothing to export"),
                    tr("There are no latent coordinates yet: train or open a model first."));
        return false;
    }
    const QString error = saveProjectorFiles(directory, *m_latent);
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

vae::TrainingHistory MainWindow::history() const
{
    if (m_trainer)
        return m_trainer->history();
    if (m_opened)
        return m_opened->history;
    return {};
}

bool MainWindow::exportLossHistory(const QString& path)
{
    if (!m_trainer && !m_opened) {
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
    m_startAction->setEnabled(m_data != nullptr && !training);
    m_pauseAction->setEnabled(training);
    m_stopAction->setEnabled(training);
    if (m_pauseRequested && training) {
        m_pauseAction->setText(tr("&Resume"));
        m_pauseAction->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    } else {
        m_pauseAction->setText(tr("&Pause"));
        m_pauseAction->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    }
    m_saveAction->setEnabled(m_trainer != nullptr || m_opened.has_value());
    m_exportCsvAction->setEnabled(m_latent != nullptr);
    m_exportProjectorAction->setEnabled(m_latent != nullptr);
    m_exportHistoryAction->setEnabled(m_trainer != nullptr || m_opened.has_value());
    m_settings->setTrainingLocked(training);
}

void MainWindow::updateStateLabel()
{
    if (m_trainer)
        m_stateLabel->setText(stateText(m_lastState));
    else if (m_opened)
        m_stateLabel->setText(tr("Exploring %1").arg(QFileInfo(m_openedPath).fileName()));
    else
        m_stateLabel->setText(stateText(vae::TrainerState::Idle));
}

void MainWindow::reportError(const QString& title, const QString& message)
{
    m_lastError = message;
    ++m_errorCount;
    emit errorReported(message);
    if (!m_options.showDialogs)
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
    m_pollTimer.stop();
    m_trainer.reset(); // stops and joins within one batch
    event->accept();
}

void MainWindow::readSettings()
{
    if (!m_options.useSettings)
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
}

void MainWindow::writeSettings() const
{
    if (!m_options.useSettings)
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
    } catch (const vae::Error&) {
        // An unparsable hidden-sizes text is not worth keeping; the last good config stays.
    }
}

} // namespace vae::gui
