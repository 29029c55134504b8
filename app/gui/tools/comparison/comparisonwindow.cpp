#include "tools/comparison/comparisonwindow.h"

#include "widgets/decodedview.h"
#include "plots/latentplot.h"
#include "session/trainerupdates.h"
#include "plots/ratedistortionplot.h"
#include "widgets/tilegridview.h"

#include <vae/errors.h>
#include <vae/prior.h>

#include <QAction>
#include <QCloseEvent>
#include <QFrame>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QScreen>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace vae::gui {

namespace {

constexpr int kPollIntervalMs = 30;
// The live figures under a pane's title: the mean of this many recent steps.
constexpr int kLiveSteps = 50;
// Pane titles, rate–distortion curves: one colour per model, readable on a projector.
constexpr std::array<QRgb, 3> kColors{0xd62728, 0x1f77b4, 0x2ca02c};
// The circle holding 95% of the prior N(0, I₂) of the plane's two coordinates: r² is the 95%
// quantile of χ² with 2 degrees of freedom, −2 ln 0.05 (for D > 2 the plane's coordinates are
// orthonormal combinations of z, so their marginal is N(0, I₂) as well).
// Space around the data in a fitted view, as LatentPlot leaves it.
constexpr double kFitMargin = 0.05;
const double kPriorRadius = std::sqrt(-2.0 * std::log(0.05));

QString nats(double value)
{
    return QLocale().toString(value, 'f', 1);
}

QString stateText(vae::TrainerState state)
{
    switch (state) {
    case vae::TrainerState::Idle:
        return ComparisonWindow::tr("idle");
    case vae::TrainerState::Running:
        return ComparisonWindow::tr("training");
    case vae::TrainerState::Paused:
        return ComparisonWindow::tr("paused");
    case vae::TrainerState::Finished:
        return ComparisonWindow::tr("finished");
    case vae::TrainerState::Stopped:
        return ComparisonWindow::tr("stopped");
    case vae::TrainerState::Failed:
        return ComparisonWindow::tr("failed");
    }
    return {};
}

} // namespace

struct ComparisonWindow::Pane {
    ComparedModel spec;
    vae::TrainingConfig config;
    std::unique_ptr<vae::Trainer> trainer;
    vae::TrainerState state = vae::TrainerState::Idle;
    std::shared_ptr<const vae::InferenceModel> model;
    vae::TrainingHistory history;
    std::vector<float> pixels;
    std::vector<float> z;
    std::shared_ptr<const vae::InferenceModel> decodedModel;
    std::shared_ptr<const TileGrid> samples;
    QElapsedTimer sinceSamples;
    int curve = -1;

    QFrame* box = nullptr;
    QLabel* title = nullptr;
    QLabel* stats = nullptr;
    LatentPlot* plot = nullptr;
    DecodedView* decoded = nullptr;
    TileGridView* grid = nullptr;
    QLabel* note = nullptr;
};

QColor ComparisonWindow::modelColor(int pane)
{
    return QColor(kColors[static_cast<std::size_t>(pane) % kColors.size()]);
}

QString ComparisonWindow::explanation(const ComparedModel& model)
{
    const QString beta = QLocale().toString(model.beta, 'g', 3);
    switch (model.kind) {
    case ComparedModel::Kind::Autoencoder:
        return tr("<b>Autoencoder</b>: z = μ(x), no noise, no KL term. Nothing pulls the codes "
                  "towards the prior p(z) = N(0, I): they spread far beyond it, in arms with "
                  "holes between them. Samples z ~ N(0, I) (the dashed circle) fall where a few "
                  "arms meet and into the gaps, where the decoder never trained: blends and "
                  "smudges, not the variety of the data.");
    case ComparedModel::Kind::Vae:
    case ComparedModel::Kind::BetaVae:
        if (model.beta > 1)
            return tr("<b>β = %1 &gt; 1</b> weighs the KL term (the rate) more: the codes are "
                      "pressed closer to N(0, I) and carry less information about x — blurrier "
                      "reconstructions, a smoother latent space; less rate, more distortion.")
                .arg(beta);
        if (model.beta < 1)
            return tr("<b>β = %1 &lt; 1</b> weighs the KL term less: z carries more information "
                      "(more rate, less distortion), reconstructions are sharper, and the latent "
                      "space is less like N(0, I) — it drifts towards the autoencoder's.")
                .arg(beta);
        return tr("<b>VAE</b>: z ~ q(z|x) = N(μ, σ²), and the KL term pulls each q(z|x) towards "
                  "p(z) = N(0, I). The codes fill the dashed circle the prior samples come from, "
                  "without holes, so the samples decode to digits of every class.<br>"
                  "ELBO = −&#8288;(reconstruction + KL).");
    }
    return {};
}

ComparisonWindow::ComparisonWindow(std::shared_ptr<const vae::Dataset> data,
                                   const vae::TrainingConfig& base,
                                   std::vector<ComparedModel> models, QWidget* parent)
    : QMainWindow(parent), m_data(std::move(data))
{
    if (models.size() < 2 || models.size() > std::size_t(ComparisonDialog::kMaxModels))
        throw vae::ConfigError("a comparison needs 2 or 3 models");
    setObjectName(QStringLiteral("comparisonWindow"));
    // Read from the back of a lecture hall: a little larger than the desktop's default.
    QFont larger = font();
    larger.setPointSizeF(larger.pointSizeF() * 1.15);
    setFont(larger);
    setWindowTitle(tr("Compare Models — VAE Explorer"));
    setWindowFlag(Qt::Window);
    const int n = static_cast<int>(models.size());
    for (const ComparedModel& spec : models) {
        auto pane = std::make_unique<Pane>();
        pane->spec = spec;
        pane->config = comparisonConfig(base, spec, n);
        // The models take the data's examples, as Session::startTraining makes them: its shape
        // (an MLP or a conv model on 64 × 64 shapes, not the settings' 784), and the Gaussian
        // for real values.
        pane->config.setDataShape(m_data->description);
        if (m_data->description.values == vae::ValueKind::Real)
            pane->config.likelihood = vae::Likelihood::Gaussian;
        pane->config.validate(m_data->train.count);
        pane->trainer = std::make_unique<vae::Trainer>(pane->config, m_data);
        pane->model = pane->trainer->inference();
        m_panes.push_back(std::move(pane));
    }
    buildUi();
    m_pollTimer.setInterval(kPollIntervalMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &ComparisonWindow::poll);
    // The untrained models, so every pane shows something before Start.
    for (auto& pane : m_panes) {
        pane->plot->setMarker(m_z.x(), m_z.y());
        decodePane(*pane);
        refreshSamples(*pane);
        updateStats(*pane);
    }
    updateActions();
}

ComparisonWindow::~ComparisonWindow()
{
    m_pollTimer.stop();
    for (auto& pane : m_panes)
        pane->trainer.reset(); // joins within one batch
}

void ComparisonWindow::buildUi()
{
    QStyle* s = style();
    m_startAction = new QAction(s->standardIcon(QStyle::SP_MediaPlay), tr("&Start"), this);
    m_startAction->setShortcut(Qt::Key_F5);
    m_startAction->setStatusTip(tr("Train all models at once (F5)"));
    connect(m_startAction, &QAction::triggered, this, [this] { start(); });
    m_pauseAction = new QAction(s->standardIcon(QStyle::SP_MediaPause), tr("&Pause"), this);
    m_pauseAction->setShortcut(Qt::Key_F6);
    m_pauseAction->setStatusTip(tr("Pause or resume all models (F6)"));
    connect(m_pauseAction, &QAction::triggered, this, &ComparisonWindow::togglePause);
    m_stopAction = new QAction(s->standardIcon(QStyle::SP_MediaStop), tr("S&top"), this);
    m_stopAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_stopAction->setStatusTip(tr("Stop all models; they stay explorable (Shift+F5)"));
    connect(m_stopAction, &QAction::triggered, this, &ComparisonWindow::stop);
    m_resampleAction = new QAction(tr("&Resample"), this);
    m_resampleAction->setShortcut(Qt::Key_F7);
    m_resampleAction->setToolTip(
        tr("New prior samples z ~ N(0, I): the same draws for every model (F7)"));
    connect(m_resampleAction, &QAction::triggered, this, &ComparisonWindow::resample);
    m_linkAction = new QAction(tr("Same &Axes"), this);
    m_linkAction->setCheckable(true);
    m_linkAction->setChecked(m_linkedAxes);
    m_linkAction->setToolTip(tr("The latent planes share their axis ranges, so the same z sits at "
                                "the same place in every pane"));
    connect(m_linkAction, &QAction::toggled, this, &ComparisonWindow::setLinkedAxes);

    QToolBar* toolbar = addToolBar(tr("Comparison"));
    toolbar->setObjectName(QStringLiteral("comparisonToolBar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_startAction);
    toolbar->addAction(m_pauseAction);
    toolbar->addAction(m_stopAction);
    toolbar->addSeparator();
    toolbar->addAction(m_resampleAction);
    toolbar->addAction(m_linkAction);
    toolbar->addSeparator();
    auto* hint = new QLabel(tr("  Same seed, same batches: the models differ only in their "
                               "objective. Click or drag in any latent plane to decode that z "
                               "in all of them."),
                            toolbar);
    toolbar->addWidget(hint);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    for (std::size_t i = 0; i < m_panes.size(); ++i) {
        Pane& pane = *m_panes[i];
        pane.box = new QFrame(splitter);
        pane.box->setFrameShape(QFrame::StyledPanel);
        auto* layout = new QVBoxLayout(pane.box);
        layout->setContentsMargins(6, 4, 6, 4);
        layout->setSpacing(3);
        pane.title = new QLabel(pane.spec.title(), pane.box);
        pane.title->setFont(titleFont);
        QPalette titlePalette = pane.title->palette();
        titlePalette.setColor(QPalette::WindowText, modelColor(int(i)));
        pane.title->setPalette(titlePalette);
        layout->addWidget(pane.title);
        pane.stats = new QLabel(pane.box);
        pane.stats->setTextFormat(Qt::RichText);
        pane.stats->setWordWrap(true); // three panes must fit a 1600-pixel screen
        layout->addWidget(pane.stats);

        pane.plot = new LatentPlot(pane.box);
        pane.plot->setMinimumSize(260, 240);
        pane.plot->setToolTip(tr("Left button: decode this z in every pane · wheel: zoom · right "
                                 "drag: pan · double-click: fit. The dashed circle holds 95% of "
                                 "the prior p(z) = N(0, I): where the samples come from."));
        layout->addWidget(pane.plot, 1);
        auto* circle = new QCPItemEllipse(pane.plot);
        circle->topLeft->setCoords(-kPriorRadius, kPriorRadius);
        circle->bottomRight->setCoords(kPriorRadius, -kPriorRadius);
        circle->setPen(QPen(QColor(0, 0, 0, 200), 2, Qt::DashLine));
        circle->setSelectable(false);
        auto* circleLabel = new QCPItemText(pane.plot);
        // Above the circle, centred: inside the view whatever the pane's width.
        circleLabel->position->setCoords(0, kPriorRadius);
        circleLabel->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        circleLabel->setText(tr("95% of p(z)"));
        circleLabel->setColor(Qt::black);
        circleLabel->setBrush(QColor(255, 255, 255, 200));
        circleLabel->setPadding(QMargins(2, 0, 2, 0));
        circleLabel->setSelectable(false);

        auto* images = new QHBoxLayout;
        auto* decodedColumn = new QVBoxLayout;
        decodedColumn->addWidget(new QLabel(tr("Decoded at the marked z:"), pane.box));
        pane.decoded = new DecodedView(pane.box);
        decodedColumn->addWidget(pane.decoded, 1);
        auto* samplesColumn = new QVBoxLayout;
        samplesColumn->addWidget(new QLabel(tr("Prior samples z ~ N(0, I):"), pane.box));
        pane.grid = new TileGridView(pane.box);
        pane.grid->setMinimumSize(200, 200);
        samplesColumn->addWidget(pane.grid, 1);
        images->addLayout(decodedColumn, 1);
        images->addLayout(samplesColumn, 1);
        layout->addLayout(images);

        pane.note = new QLabel(explanation(pane.spec), pane.box);
        pane.note->setWordWrap(true);
        pane.note->setTextFormat(Qt::RichText);
        layout->addWidget(pane.note);

        const int index = static_cast<int>(i);
        connect(pane.plot, &LatentPlot::pointPicked, this, &ComparisonWindow::decodeAt);
        const auto followUser = [this, index] {
            if (m_syncing || !m_linkedAxes)
                return;
            // The user zoomed, panned or refitted this pane: the others follow at once.
            m_leader = index;
            copyRanges(index);
        };
        connect(pane.plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
                followUser);
        connect(pane.plot->yAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
                followUser);
        splitter->addWidget(pane.box);
        splitter->setStretchFactor(int(i), 1);
    }

    auto* rdColumn = new QFrame(splitter);
    rdColumn->setFrameShape(QFrame::StyledPanel);
    auto* rdLayout = new QVBoxLayout(rdColumn);
    rdLayout->setContentsMargins(6, 4, 6, 4);
    auto* rdTitle = new QLabel(tr("Rate–distortion plane"), rdColumn);
    rdTitle->setFont(titleFont);
    rdLayout->addWidget(rdTitle);
    m_rdPlot = new RateDistortionPlot(rdColumn);
    m_rdPlot->setMinimumSize(300, 300);
    for (std::size_t i = 0; i < m_panes.size(); ++i)
        m_panes[i]->curve = m_rdPlot->addCurve(m_panes[i]->spec.title(), modelColor(int(i)));
    rdLayout->addWidget(m_rdPlot, 1);
    auto* rdNote = new QLabel(rateDistortionExplanation(), rdColumn);
    rdNote->setWordWrap(true);
    rdNote->setTextFormat(Qt::RichText);
    rdLayout->addWidget(rdNote);
    splitter->addWidget(rdColumn);
    splitter->setStretchFactor(splitter->count() - 1, 1);
    setCentralWidget(splitter);

    m_stateLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_stateLabel);

    // A lecturer's projector: 1600 × 1000 where the screen has room.
    QSize size(1600, 1000);
    if (const QScreen* screen = QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableSize());
    resize(size);
    QList<int> sizes;
    const int paneWidth = size.width() * 10 / (10 * paneCount() + 8);
    for (int i = 0; i < paneCount(); ++i)
        sizes << paneWidth;
    sizes << size.width() - paneWidth * paneCount();
    splitter->setSizes(sizes);
}

// ---------------------------------------------------------------------------------------------
// Training

bool ComparisonWindow::start()
{
    if (m_started)
        return false;
    for (auto& pane : m_panes) {
        // Clicks must answer within a frame with every core training.
        pane->trainer->setBackgroundPriority(true);
        try {
            pane->trainer->start();
        } catch (const std::exception& e) {
            reportError(QString::fromStdString(e.what()));
            stop();
            return false;
        }
        pane->state = pane->trainer->state();
    }
    m_started = true;
    m_paused = false;
    m_pollTimer.start();
    updateActions();
    emit trainingStateChanged();
    return true;
}

bool ComparisonWindow::isTraining() const
{
    // What the window has taken in, not the trainers' own state: false only once the last
    // records of every run are in the panes.
    return std::any_of(m_panes.begin(), m_panes.end(), [](const auto& pane) {
        return pane->state != vae::TrainerState::Idle && !isTerminal(pane->state);
    });
}

void ComparisonWindow::togglePause()
{
    if (!isTraining())
        return;
    for (auto& pane : m_panes) {
        if (m_paused)
            pane->trainer->resume();
        else
            pane->trainer->pause();
    }
    m_paused = !m_paused;
    updateActions();
}

void ComparisonWindow::stop()
{
    for (auto& pane : m_panes) {
        if (pane->trainer->state() != vae::TrainerState::Idle)
            pane->trainer->stop();
    }
    poll(); // the last records and the final states at once
}

void ComparisonWindow::poll()
{
    bool anyRunning = false;
    bool anyEpoch = false;
    bool stateChanged = false;
    for (auto& paneOwner : m_panes) {
        Pane& pane = *paneOwner;
        if (isTerminal(pane.state) || pane.state == vae::TrainerState::Idle)
            continue;
        // Joins a run that has ended and merges its last records (the same code as the session's).
        vae::TrainerUpdate update = takeTrainerUpdate(*pane.trainer);
        pane.history.steps.append(update.steps);
        pane.history.epochs.insert(pane.history.epochs.end(), update.epochs.begin(),
                                   update.epochs.end());
        m_rdPlot->addSteps(pane.curve, update.steps);
        m_rdPlot->addEpochs(pane.curve, update.epochs);
        anyEpoch = anyEpoch || !update.epochs.empty();
        if (update.latent)
            pane.plot->setSnapshot(std::move(update.latent));
        if (update.error)
            reportError(tr("%1: %2").arg(pane.spec.title(), QString::fromStdString(*update.error)));
        if (update.state != pane.state) {
            pane.state = update.state;
            stateChanged = true;
        }
        const bool newModel = pane.trainer->inference() != pane.model;
        refreshModel(pane);
        if (newModel || !update.epochs.empty() || isTerminal(pane.state))
            updateStats(pane);
        anyRunning = anyRunning || !isTerminal(pane.state);
    }
    m_syncing = true;
    for (auto& pane : m_panes)
        pane->plot->replotIfDirty();
    m_syncing = false;
    syncAxes();
    m_rdPlot->replotIfDirty(anyEpoch || !anyRunning);
    if (!anyRunning) {
        m_pollTimer.stop();
        m_paused = false;
    }
    if (stateChanged || !anyRunning) {
        updateActions();
        if (stateChanged)
            emit trainingStateChanged();
    }
}

void ComparisonWindow::refreshModel(Pane& pane)
{
    std::shared_ptr<const vae::InferenceModel> model = pane.trainer->inference();
    if (model != pane.model) {
        pane.model = std::move(model);
        decodePane(pane);
        emit decoded();
    }
    // The prior samples follow the model at most every kMinModelIntervalMs while training, and
    // take in the final model at once (no later tick would).
    if (pane.samples && pane.samples->model != pane.model &&
        (isTerminal(pane.state) || !pane.sinceSamples.isValid() ||
         pane.sinceSamples.elapsed() >= kMinModelIntervalMs))
        refreshSamples(pane);
}

void ComparisonWindow::updateStats(Pane& pane)
{
    QString text;
    if (!pane.history.epochs.empty()) {
        const vae::EpochSummary& last = pane.history.epochs.back();
        if (pane.spec.kind == ComparedModel::Kind::Autoencoder)
            text = tr("test after epoch %1: reconstruction <b>%2</b> nats · KL %3 (no KL term)")
                       .arg(last.epoch)
                       .arg(nats(last.test.reconstruction), nats(last.test.kl));
        else
            text =
                tr("test after epoch %1: ELBO <b>%2</b> = −(reconstruction %3 + KL %4) nats")
                    .arg(last.epoch)
                    .arg(nats(last.test.elbo), nats(last.test.reconstruction), nats(last.test.kl));
    } else {
        text = tr("test ELBO: after the first epoch");
    }
    const vae::StepHistory& steps = pane.history.steps; // the recent steps are enough here
    if (!steps.empty()) {
        const std::size_t from =
            steps.size() > std::size_t(kLiveSteps) ? steps.size() - kLiveSteps : 0;
        double rec = 0;
        double kl = 0;
        for (std::size_t i = from; i < steps.size(); ++i) {
            rec += steps[i].loss.reconstruction;
            kl += steps[i].loss.kl;
        }
        const double count = double(steps.size() - from);
        text += QStringLiteral("<br>") +
                tr("training now: reconstruction %1 · KL %2 nats · epoch %3 · %4")
                    .arg(nats(rec / count), nats(kl / count))
                    .arg(QLocale().toString(steps.back().epoch, 'f', 2))
                    .arg(stateText(pane.state));
    } else {
        text += QStringLiteral("<br>") + stateText(pane.state);
    }
    pane.stats->setText(text);
}

void ComparisonWindow::updateActions()
{
    const bool training = isTraining();
    m_startAction->setEnabled(!m_started);
    m_pauseAction->setEnabled(training);
    m_stopAction->setEnabled(training);
    if (m_paused && training) {
        m_pauseAction->setText(tr("&Resume"));
        m_pauseAction->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    } else {
        m_pauseAction->setText(tr("&Pause"));
        m_pauseAction->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    }
    QStringList states;
    for (const auto& pane : m_panes)
        states << tr("%1: %2").arg(pane->spec.title(), stateText(pane->state));
    m_stateLabel->setText(states.join(QStringLiteral(" · ")));
    for (auto& pane : m_panes)
        updateStats(*pane);
}

void ComparisonWindow::reportError(const QString& message)
{
    statusBar()->showMessage(message);
    emit errorReported(message);
}

void ComparisonWindow::closeEvent(QCloseEvent* event)
{
    m_pollTimer.stop();
    for (auto& pane : m_panes) {
        if (pane->trainer->state() != vae::TrainerState::Idle)
            pane->trainer->stop();
    }
    event->accept();
}

// ---------------------------------------------------------------------------------------------
// Linked views

void ComparisonWindow::decodeAt(double z1, double z2)
{
    m_z = QPointF(z1, z2);
    for (auto& pane : m_panes) {
        pane->plot->setMarker(z1, z2);
        decodePane(*pane);
    }
    emit decoded();
}

void ComparisonWindow::decodePane(Pane& pane)
{
    if (!pane.model)
        return;
    std::vector<float> z = pane.plot->latentPointAt(m_z, pane.model->latentDim());
    try {
        pane.pixels = pane.model->decode(z);
    } catch (const std::exception& e) {
        reportError(QString::fromStdString(e.what()));
        return;
    }
    pane.z = std::move(z);
    pane.decodedModel = pane.model;
    pane.decoded->setImage(pane.pixels, ExampleImage::of(pane.model->description()), pane.z);
}

void ComparisonWindow::refreshSamples(Pane& pane)
{
    if (!pane.model)
        return;
    pane.sinceSamples.start();
    try {
        // The same seed and dimension give every pane the same draws.
        pane.samples = std::make_shared<const TileGrid>(
            decodeTiles(pane.model,
                        vae::samplePrior(kSamples, pane.model->latentDim(),
                                         static_cast<std::uint64_t>(m_sampleSeed)),
                        kSide, kSide));
    } catch (const std::exception& e) {
        pane.samples.reset();
        pane.grid->clear(QString::fromStdString(e.what()));
        return;
    }
    pane.grid->setGrid(pane.samples);
    emit samplesUpdated();
}

void ComparisonWindow::setSampleSeed(int seed)
{
    m_sampleSeed = std::max(0, seed);
    for (auto& pane : m_panes)
        refreshSamples(*pane);
}

void ComparisonWindow::resample()
{
    setSampleSeed(m_sampleSeed == std::numeric_limits<int>::max() ? 0 : m_sampleSeed + 1);
}

void ComparisonWindow::setLinkedAxes(bool linked)
{
    if (m_linkAction->isChecked() != linked) {
        m_linkAction->setChecked(linked); // toggled() calls back here
        return;
    }
    m_linkedAxes = linked;
    m_leader = -1;
    if (linked) {
        syncAxes();
    } else {
        // Each pane fits its own data again.
        m_syncing = true;
        for (auto& pane : m_panes)
            pane->plot->resetView();
        m_syncing = false;
    }
}

void ComparisonWindow::syncAxes()
{
    if (!m_linkedAxes || m_panes.empty())
        return;
    // A pane the user zoomed or panned leads; while all follow their data, the view is the union
    // of their fits, so every pane's points are in view.
    int leader = -1;
    if (m_leader >= 0 && m_leader < paneCount() &&
        (!m_panes[std::size_t(m_leader)]->plot->followsData()))
        leader = m_leader;
    for (int i = 0; i < paneCount() && leader < 0; ++i) {
        if (!m_panes[std::size_t(i)]->plot->followsData())
            leader = i;
    }
    if (leader >= 0) {
        copyRanges(leader);
        return;
    }
    // The union of the panes' data (as each would fit it alone), computed afresh each time so
    // the view also shrinks when the codes do.
    std::optional<QRectF> data;
    for (const auto& pane : m_panes) {
        if (const std::optional<QRectF> bounds = pane->plot->scatter()->bounds())
            data = data ? data->united(*bounds) : *bounds;
    }
    if (!data)
        return;
    const double padX = std::max(data->width() * kFitMargin, 0.05);
    const double padY = std::max(data->height() * kFitMargin, 0.05);
    QCPRange x(data->left() - padX, data->right() + padX);
    QCPRange y(data->top() - padY, data->bottom() + padY);
    // One scale on both axes, so the prior's circle is round and distances read the same way in
    // every direction: widen the axis with fewer units per pixel.
    const QRect area = m_panes.front()->plot->axisRect()->rect();
    if (area.width() > 0 && area.height() > 0) {
        const double perPixelX = x.size() / area.width();
        const double perPixelY = y.size() / area.height();
        if (perPixelX > perPixelY) {
            const double half = 0.5 * perPixelX * area.height();
            y = QCPRange(y.center() - half, y.center() + half);
        } else {
            const double half = 0.5 * perPixelY * area.width();
            x = QCPRange(x.center() - half, x.center() + half);
        }
    }
    setRanges(x, y, -1);
}

void ComparisonWindow::copyRanges(int from)
{
    const LatentPlot* plot = m_panes.at(std::size_t(from))->plot;
    setRanges(plot->xAxis->range(), plot->yAxis->range(), from);
}

void ComparisonWindow::setRanges(const QCPRange& x, const QCPRange& y, int except)
{
    m_syncing = true;
    for (int i = 0; i < paneCount(); ++i) {
        LatentPlot* plot = m_panes[std::size_t(i)]->plot;
        if (i == except || (plot->xAxis->range() == x && plot->yAxis->range() == y))
            continue;
        plot->xAxis->setRange(x);
        plot->yAxis->setRange(y);
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
    m_syncing = false;
}

// ---------------------------------------------------------------------------------------------
// Accessors

const ComparedModel& ComparisonWindow::comparedModel(int pane) const
{
    return m_panes.at(std::size_t(pane))->spec;
}
const vae::TrainingConfig& ComparisonWindow::config(int pane) const
{
    return m_panes.at(std::size_t(pane))->config;
}
vae::Trainer* ComparisonWindow::trainer(int pane) const
{
    return m_panes.at(std::size_t(pane))->trainer.get();
}
const std::shared_ptr<const vae::InferenceModel>& ComparisonWindow::model(int pane) const
{
    return m_panes.at(std::size_t(pane))->model;
}
const vae::TrainingHistory& ComparisonWindow::history(int pane) const
{
    return m_panes.at(std::size_t(pane))->history;
}
const std::vector<float>& ComparisonWindow::decodedPixels(int pane) const
{
    return m_panes.at(std::size_t(pane))->pixels;
}
const std::vector<float>& ComparisonWindow::decodedZ(int pane) const
{
    return m_panes.at(std::size_t(pane))->z;
}
const std::shared_ptr<const vae::InferenceModel>& ComparisonWindow::decodedModel(int pane) const
{
    return m_panes.at(std::size_t(pane))->decodedModel;
}
const std::shared_ptr<const TileGrid>& ComparisonWindow::samples(int pane) const
{
    return m_panes.at(std::size_t(pane))->samples;
}
LatentPlot* ComparisonWindow::latentPlot(int pane) const
{
    return m_panes.at(std::size_t(pane))->plot;
}
DecodedView* ComparisonWindow::decodedView(int pane) const
{
    return m_panes.at(std::size_t(pane))->decoded;
}
TileGridView* ComparisonWindow::samplesView(int pane) const
{
    return m_panes.at(std::size_t(pane))->grid;
}
QLabel* ComparisonWindow::statsLabel(int pane) const
{
    return m_panes.at(std::size_t(pane))->stats;
}

} // namespace vae::gui
