#include "tools/posterior/posteriortool.h"

#include "widgets/decodedview.h"
#include "widgets/featureprofile.h"
#include "plots/latentplot.h"
#include "tools/toolcontext.h"
#include "widgets/panelscroll.h"
#include "tools/posterior/posteriorcontours.h"
#include "plots/posteriorellipse.h"

#include <vae/trainer.h>

#include <QAction>
#include <QComboBox>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QPushButton>
#include <QStatusBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#if defined(__linux__)
#include <sys/resource.h>
#include <unistd.h>
#endif

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

namespace vae::gui {

namespace {

constexpr int kStatusMessageMs = 5000;
// A press and release this close (pixels, Manhattan) are a click, not a drag (as the Inspector).
constexpr int kClickSlop = 3;
// The image is shown in an 84-pixel box beside its title (3 screen pixels per MNIST pixel).
constexpr int kImageBox = 84;
// A table's example x: room for the plot and the slanted column names.
constexpr int kProfileHeight = 220;

QString number(double value, int decimals = 2)
{
    // A typographic minus: the identities are read from across a lecture hall.
    QString text = QLocale().toString(value, 'f', decimals);
    if (text.startsWith(QLatin1Char('-')))
        text.replace(0, 1, QChar(0x2212));
    return text;
}

/// Viridis (perceptually uniform, readable in grey and by the colour-blind) with opacity rising
/// with the density: cells with negligible density are transparent, so the scatter shows through
/// everywhere but where the posterior's mass is.
QCPColorGradient heatGradient()
{
    QCPColorGradient gradient;
    gradient.clearColorStops();
    gradient.setColorStopAt(0.0, QColor(68, 1, 84, 0));
    gradient.setColorStopAt(0.02, QColor(68, 1, 84, 40));
    gradient.setColorStopAt(0.15, QColor(72, 40, 120, 140));
    gradient.setColorStopAt(0.35, QColor(49, 104, 142, 190));
    gradient.setColorStopAt(0.55, QColor(33, 145, 140, 210));
    gradient.setColorStopAt(0.75, QColor(94, 201, 98, 225));
    gradient.setColorStopAt(1.0, QColor(253, 231, 37, 235));
    gradient.setColorInterpolation(QCPColorGradient::ciRGB);
    gradient.setLevelCount(256);
    return gradient;
}

QCPLayer* ensureHeatLayer(QCustomPlot* plot)
{
    const QString name = QString::fromLatin1(PosteriorTool::kLayerName);
    if (QCPLayer* layer = plot->layer(name))
        return layer;
    // Above the scatter ("main"), so the mass of p(z|x) is not hidden under the points of that
    // region; its own buffer, so a new grid repaints this layer alone.
    plot->addLayer(name, plot->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    QCPLayer* layer = plot->layer(name);
    layer->setMode(QCPLayer::lmBuffered);
    return layer;
}

} // namespace

QString PosteriorTool::chooseMessage()
{
    return tr("Click a point of the latent plot (or select one in the Inspector) to see its true "
              "posterior.");
}

PosteriorTool::PosteriorTool(ToolContext& context)
    : QDockWidget(tr("Posterior"), context.window()), m_context(context)
{
    setObjectName(QStringLiteral("posteriorDock"));
    buildWidgets();
    QAction* toggle = context.addDock(this, Qt::RightDockWidgetArea, tr("&Posterior"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
        tr("The true posterior p(z|x) of one image on a grid, q(z|x)'s ellipses, and log p(x) = "
           "ELBO + KL(q ‖ p(z|x)) (2-D latent; Ctrl+Shift+P)"));
    toggle->setToolTip(tr("True posterior vs q(z|x) for the selected image (%1)")
                           .arg(toggle->shortcut().toString(QKeySequence::NativeText)));

    LatentPlot* plot = context.latentPlot();
    m_heat = new QCPColorMap(plot->xAxis, plot->yAxis);
    m_heat->removeFromLegend();
    m_heat->setSelectable(QCP::stNone);
    m_heat->setLayer(ensureHeatLayer(plot));
    m_heat->setGradient(heatGradient());
    m_heat->setInterpolate(true);
    m_heat->setTightBoundary(true);
    m_heat->setVisible(false);
    m_contours = new ContourLines(plot, m_heat->layer()); // over the heat map
    m_contours->setVisible(false);
    m_ellipse = new PosteriorEllipse(plot);
    m_ellipse->setVisible(false);
    m_watchedPlot = plot;
    plot->installEventFilter(this);

    m_pool.setMaxThreadCount(1);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &PosteriorTool::start);
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, &PosteriorTool::onFinished);
    connect(&context, &ToolContext::modelChanged, this, &PosteriorTool::onModelChanged);
    connect(&context, &ToolContext::dataReplaced, this, [this] {
        m_point.reset();
        m_pendingIndex.reset();
        showMessage(chooseMessage());
    });
    connect(&context, &ToolContext::dataLoaded, this, [this] {
        if (m_pendingIndex) {
            const int index = *m_pendingIndex;
            m_pendingIndex.reset();
            selectTestImage(index);
        }
        schedule(0);
    });
    // The image being examined: the Inspector's selection and the Draw tool's drawing.
    connect(&context, &ToolContext::selectedPointChanged, this,
            &PosteriorTool::onSelectionChanged);
    connect(&context, &ToolContext::drawingChanged, this, [this] {
        if (m_source == Source::Drawing)
            schedule(kDrawDelayMs);
    });
    connect(this, &QDockWidget::visibilityChanged, this, &PosteriorTool::onVisibilityChanged);

    if (const std::optional<int> index = context.options().posteriorIndex) {
        m_pendingIndex = index;
        show();
        raise();
    }
}

PosteriorTool::~PosteriorTool()
{
    // Cancel a running computation: it returns within one batch and its result is dropped.
    m_latest->store(-1);
    m_watcher.disconnect(this);
    m_pool.waitForDone();
}

void PosteriorTool::buildWidgets()
{
    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);

    auto* row = new QHBoxLayout;
    auto* sourceLabel = new QLabel(tr("&Image:"), content);
    m_sourceBox = new QComboBox(content);
    m_sourceBox->addItem(tr("Selected point"));
    m_sourceBox->addItem(tr("Drawing (Explore ▸ Draw)"));
    m_sourceBox->setToolTip(tr("Click a point of the latent plot (or pick one in the Inspector), "
                               "or use what you draw in the Draw tool"));
    sourceLabel->setBuddy(m_sourceBox);
    connect(m_sourceBox, &QComboBox::currentIndexChanged, this,
            [this](int index) { setSource(index == 1 ? Source::Drawing : Source::Selection); });
    m_zoomButton = new QPushButton(tr("&Zoom to posterior"), content);
    m_zoomButton->setToolTip(tr("Fit the latent plot to the grid's region (double-click the plot "
                                "to fit the data again)"));
    connect(m_zoomButton, &QPushButton::clicked, this, &PosteriorTool::zoomToPosterior);
    row->addWidget(sourceLabel);
    row->addWidget(m_sourceBox, 1);
    row->addWidget(m_zoomButton);
    layout->addLayout(row);

    auto* titleRow = new QHBoxLayout;
    m_image = new QLabel(content);
    m_image->setFixedSize(kImageBox, kImageBox);
    m_image->setAlignment(Qt::AlignCenter);
    m_image->setStyleSheet(QStringLiteral("QLabel { background: black; }"));
    m_image->setToolTip(tr("The image x whose posterior is shown"));
    m_title = new QLabel(content);
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_title->setFont(bold);
    m_title->setWordWrap(true);
    titleRow->addWidget(m_image);
    titleRow->addWidget(m_title, 1);
    layout->addLayout(titleRow);
    m_profile = new FeatureProfile(content);
    m_profile->setMinimumHeight(kProfileHeight);
    m_profile->setToolTip(tr("The example x whose posterior is shown"));
    m_profile->setVisible(false);
    layout->addWidget(m_profile);

    m_status = new QLabel(content);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    // The two identities as aligned rows: names above, values (nats) below.
    m_identities = new QFrame(content);
    auto* grid = new QGridLayout(m_identities);
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(2);
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.35);
    big.setBold(true);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    const auto name = [&](int r, int c, const QString& text, const QString& tip) {
        auto* label = new QLabel(text, m_identities);
        label->setAlignment(Qt::AlignCenter);
        label->setToolTip(tip);
        label->setTextFormat(Qt::RichText);
        grid->addWidget(label, r, c);
    };
    const auto op = [&](int r, const QString& first, const QString& second) {
        for (const auto& [c, text] : {std::pair{1, first}, std::pair{3, second}}) {
            auto* label = new QLabel(text, m_identities);
            label->setFont(big);
            label->setAlignment(Qt::AlignCenter);
            grid->addWidget(label, r, c);
        }
    };
    const auto value = [&](int r, int c, Cell cell) {
        auto* label = new QLabel(m_identities);
        label->setFont(big);
        label->setAlignment(Qt::AlignCenter);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        grid->addWidget(label, r, c);
        m_cells[cell] = label;
    };
    const QString evidenceTip =
        tr("log p(x) = log ∫ p(x|z) p(z) dz by quadrature over the grid (midpoint rule)");
    const QString elboTip = tr("ELBO = E<sub>q</sub>[log p(x|z)] − KL(q(z|x) ‖ p(z)), the "
                               "reconstruction term by Monte Carlo");
    const QString gapTip = tr("KL(q(z|x) ‖ p(z|x)) = log p(x) − ELBO ≥ 0: how far the encoder's "
                              "Gaussian is from the true posterior");
    name(0, 0, tr("log p(x)"), evidenceTip);
    name(0, 2, tr("ELBO"), elboTip);
    name(0, 4, tr("KL(q ‖ p(z|x))"), gapTip);
    op(1, QStringLiteral("="), QStringLiteral("+"));
    value(1, 0, LogEvidence);
    value(1, 2, Elbo);
    value(1, 4, KlPosterior);
    grid->setRowMinimumHeight(2, 10);
    name(3, 0, tr("ELBO"), elboTip);
    name(3, 2, tr("−reconstruction"),
         tr("E<sub>q</sub>[log p(x|z)]: the model's log-likelihood summed over the example's "
            "values, mean over draws z = μ + σ·ε"));
    name(3, 4, tr("KL(q ‖ p(z))"),
         tr("KL(q(z|x) ‖ N(0, I)), closed form (Kingma & Welling 2014, appendix B)"));
    op(4, QStringLiteral("="), QString(QChar(0x2212)));
    value(4, 0, Elbo2);
    value(4, 2, Reconstruction);
    value(4, 4, KlPrior);
    for (int c : {0, 2, 4})
        grid->setColumnStretch(c, 1);
    layout->addWidget(m_identities);

    const auto note = [&] {
        auto* label = new QLabel(content);
        label->setWordWrap(true);
        label->setFont(small);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(label);
        return label;
    };
    m_stdError = note();
    m_check = note();
    m_timing = note();
    m_timing->setForegroundRole(QPalette::PlaceholderText);

    auto* line = new QFrame(content);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    layout->addWidget(line);

    m_explanation = new QLabel(content);
    m_explanation->setWordWrap(true);
    m_explanation->setTextFormat(Qt::RichText);
    m_explanation->setText(tr(
        "<p>The <b>true posterior</b> p<sub>θ</sub>(z|x) = p<sub>θ</sub>(x|z) p(z) / "
        "p<sub>θ</sub>(x) needs the evidence p<sub>θ</sub>(x) = ∫ p<sub>θ</sub>(x|z) p(z) dz, an "
        "integral over all of latent space: intractable in general. With a 2-D latent we can "
        "compute it on a 200 × 200 grid: the <b>heat map</b> (brighter = more mass), with "
        "<b><span style='color:#e63c14'>orange contours</span></b> holding 39 % (solid) and 86 % "
        "(dashed) of its mass.</p>"
        "<p>The encoder instead outputs a Gaussian <b>q<sub>φ</sub>(z|x)</b>: its <b>black "
        "ellipses</b> at 1σ (solid) and 2σ (dashed) hold the same 39 % and 86 % of q's mass, so "
        "the shapes compare like for like. The gap between log p(x) and the ELBO is exactly "
        "KL(q<sub>φ</sub>(z|x) ‖ p<sub>θ</sub>(z|x)): zero only if q matches the true posterior, "
        "so maximising the ELBO also pulls q towards it.</p>"
        "<p><b>Amortized inference:</b> one encoder network gives q for every x in a single "
        "pass, instead of fitting a separate q per data point as the E-step of EM (or classic "
        "variational inference) would.</p>"));
    layout->addWidget(m_explanation);
    layout->addStretch(1);
    setWidget(scrollablePanel(content));
    showMessage(chooseMessage());
}

// ---------------------------------------------------------------------------------------------
// Choosing the image

bool PosteriorTool::selectTestImage(int index)
{
    const std::shared_ptr<const vae::Dataset>& data = m_context.data();
    if (!data) {
        m_pendingIndex = index;
        return false;
    }
    if (index < 0 || index >= data->test.count) {
        m_context.showMessage(tr("Posterior: there is no test image %1 (0 to %2).")
                                               .arg(index)
                                               .arg(data->test.count - 1),
                                           kStatusMessageMs);
        return false;
    }
    m_point = DataPointRef{LatentScatter::TestSet, index};
    if (m_source != Source::Selection)
        setSource(Source::Selection);
    m_zoomOnNext = m_context.options().posteriorIndex.has_value() && m_applied == 0;
    if (!isVisible()) {
        show();
        raise();
    }
    schedule(0);
    return true;
}

void PosteriorTool::setSource(Source source)
{
    if (m_sourceBox->currentIndex() != int(source)) {
        const QSignalBlocker blocker(m_sourceBox);
        m_sourceBox->setCurrentIndex(int(source));
    }
    if (source == m_source)
        return;
    m_source = source;
    if (source == Source::Drawing)
        m_context.requestDrawing();
    schedule(0);
}

void PosteriorTool::onSelectionChanged()
{
    if (!m_context.selectedPoint())
        return;
    m_point = m_context.selectedPoint();
    if (m_source == Source::Selection)
        schedule(0);
}

bool PosteriorTool::eventFilter(QObject* watched, QEvent* event)
{
    // While the Inspector is closed, a plain click on a point selects it here (the Inspector
    // selects it itself when open, and this tool follows its selection).
    if (watched != m_watchedPlot || !isVisible() || !m_context.hasPointPicker() ||
        m_context.pickerSelectsOnClick())
        return QDockWidget::eventFilter(watched, event);
    if (event->type() == QEvent::MouseButtonPress) {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        m_pressed.reset();
        if (mouse->button() == Qt::LeftButton && mouse->modifiers() == Qt::NoModifier) {
            m_pressPos = mouse->position();
            m_pressed = m_context.pointAt(m_pressPos);
        }
    } else if (event->type() == QEvent::MouseButtonRelease) {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() == Qt::LeftButton && m_pressed &&
            (mouse->position() - m_pressPos).manhattanLength() <= kClickSlop) {
            m_point = m_pressed;
            setSource(Source::Selection);
            schedule(0);
        }
        m_pressed.reset();
    }
    return QDockWidget::eventFilter(watched, event); // the plot still decodes the click
}

// ---------------------------------------------------------------------------------------------
// Scheduling

void PosteriorTool::onModelChanged()
{
    // A new run or an opened model at once; a training step waits its turn.
    const std::shared_ptr<const vae::InferenceModel>& model = m_context.model();
    if (!m_context.isTraining() || (model && model->step() == 0))
        schedule(0);
    else
        scheduleThrottled();
}

void PosteriorTool::onVisibilityChanged(bool visible)
{
    if (visible) {
        if (m_stale || !m_shown || m_shownModel != m_context.model())
            schedule(0);
        return;
    }
    // Hidden: the plot shows nothing of it, and a running computation is not needed any more.
    m_timer.stop();
    m_latest->store(++m_generation);
    m_stale = true;
    clearPlot();
}

void PosteriorTool::schedule(int delayMs, bool supersede)
{
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    m_supersede = m_supersede || supersede;
    if (m_timer.isActive() && m_timer.remainingTime() <= delayMs)
        return;
    m_timer.start(delayMs);
}

void PosteriorTool::scheduleThrottled()
{
    if (m_timer.isActive())
        return; // an earlier refresh that is due stays due
    const double interval = std::max<double>(kMinModelIntervalMs, kDutyFactor * m_lastMs);
    const double elapsed = m_sinceStart.isValid() ? double(m_sinceStart.elapsed())
                                                  : std::numeric_limits<double>::infinity();
    schedule(static_cast<int>(std::max(0.0, interval - elapsed)), false);
}

std::optional<PosteriorTool::Request> PosteriorTool::currentRequest(QString* why)
{
    const std::shared_ptr<const vae::InferenceModel>& model = m_context.model();
    if (!model) {
        *why = tr("Train or open a model to see the posterior of an image.");
        return std::nullopt;
    }
    if (model->config().isAutoencoder()) {
        *why = tr("This model is an autoencoder: its encoder gives one code z = μ(x), not a "
                  "distribution q(z|x), so there is no ELBO to compare with log p(x). Train a VAE "
                  "(Training panel ▸ Model) to see q(z|x) next to the true posterior.");
        return std::nullopt;
    }
    if (model->latentDim() != 2) {
        *why = tr("The posterior inspector needs a 2-D latent space; this model has D = %1.\n\n"
                  "The true posterior is computed on a grid of 200 points per axis, 200^D decoder "
                  "calls: 40,000 for D = 2, but 8 million for D = 3 and 10^%2 for D = %1. In "
                  "higher dimensions log p(x) can only be estimated, e.g. by the importance-"
                  "weighted bound (Explore ▸ Importance-Weighted Bound).")
                   .arg(model->latentDim())
                   .arg(int(std::lround(2.30103 * model->latentDim())));
        return std::nullopt;
    }
    Request request;
    request.model = model;
    if (m_source == Source::Drawing) {
        if (m_context.drawing().empty()) {
            *why = tr("Draw a digit in Explore ▸ Draw to see its posterior.");
            return std::nullopt;
        }
        request.pixels = m_context.drawing();
        request.title = tr("Your drawing");
        return request;
    }
    const std::shared_ptr<const vae::Dataset>& data = m_context.data();
    if (!m_point) {
        *why = tr("Click a point of the latent plot (or select one in the Inspector) to see its "
                  "true posterior.");
        return std::nullopt;
    }
    if (!data) {
        *why = tr("Loading the images…");
        return std::nullopt;
    }
    const vae::ImageSet& images = m_point->set == LatentScatter::TestSet ? data->test : data->train;
    if (m_point->index < 0 || m_point->index >= images.count) {
        *why = tr("There is no image %1.").arg(m_point->index);
        return std::nullopt;
    }
    const std::size_t perImage = std::size_t(images.pixelsPerImage());
    const auto pixels =
        std::span(images.pixels).subspan(std::size_t(m_point->index) * perImage, perImage);
    request.pixels.assign(pixels.begin(), pixels.end());
    request.point = m_point;
    request.title = (m_point->set == LatentScatter::TestSet ? tr("Test image #%1 · %2")
                                                            : tr("Training image #%1 · %2"))
                        .arg(m_point->index)
                        .arg(m_context.classLabel(int(images.labels[std::size_t(m_point->index)])));
    return request;
}

void PosteriorTool::start()
{
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    const bool supersede = m_supersede;
    m_supersede = false;
    if (m_watcher.isRunning()) {
        // The newest request wins: for a new image the running computation is asked to stop (its
        // progress callback sees a newer generation) and its result is dropped; for a newer model
        // it finishes and is shown. Either way this request starts when it has returned.
        if (supersede)
            m_latest->store(++m_generation);
        m_pending = true;
        return;
    }
    const int generation = ++m_generation;
    m_latest->store(generation);
    m_pending = false;
    m_stale = false;
    QString why;
    std::optional<Request> request = currentRequest(&why);
    if (!request) {
        showMessage(why);
        emit updated();
        return;
    }
    request->generation = generation;
    m_status->setText(m_shown
                          ? tr("Updating…")
                          : tr("Computing the posterior on a %1 × %1 grid…").arg(kGridResolution));
    m_sinceStart.start();
    m_watcher.setFuture(
        QtConcurrent::run(&m_pool, &PosteriorTool::compute, std::move(*request), m_latest));
}

PosteriorTool::Result PosteriorTool::compute(Request request,
                                             std::shared_ptr<const std::atomic<int>> latest)
{
#if defined(__linux__)
    // As the trainer's threads: clicks on the GUI thread must not wait for this one.
    (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), vae::Trainer::kBackgroundNice);
#endif
    QElapsedTimer timer;
    timer.start();
    Result result;
    try {
        vae::EvidenceOptions options;
        options.grid.resolution = kGridResolution;
        options.samples = kSamples;
        options.seed = kSeed;
        const int generation = request.generation;
        vae::EvidenceDecomposition decomposition = vae::evidenceDecomposition(
            *request.model, request.pixels, options,
            [latest, generation](int, int) { return latest->load() == generation; });
        if (!decomposition.cancelled) {
            const vae::PosteriorGrid& g = decomposition.grid;
            const int n = g.resolution;
            std::vector<double> density(g.logDensity.size());
            std::transform(g.logDensity.begin(), g.logDensity.end(), density.begin(),
                           [](double v) { return std::exp(v); });
            const double dz1 = (g.region.z1Max - g.region.z1Min) / n;
            const double dz2 = (g.region.z2Max - g.region.z2Min) / n;
            const auto trace = [&](double mass) {
                return DensityContours::chain(DensityContours::trace(
                    density, n, DensityContours::levelForMass(density, mass),
                    g.region.z1Min + dz1 / 2, g.region.z2Min + dz2 / 2, dz1, dz2));
            };
            result.contour1 = trace(DensityContours::kOneSigmaMass);
            result.contour2 = trace(DensityContours::kTwoSigmaMass);
            result.decomposition = std::move(decomposition);
        }
    } catch (const std::exception& e) {
        result.error = QString::fromStdString(e.what());
    }
    result.ms = double(timer.nsecsElapsed()) / 1e6;
    result.request = std::move(request);
    return result;
}

void PosteriorTool::onFinished()
{
    Result result = m_watcher.result();
    if (result.request.generation != m_generation)
        ++m_dropped; // superseded by a newer image (or the dock was hidden)
    else
        apply(std::move(result));
    if (m_pending)
        start();
}

// ---------------------------------------------------------------------------------------------
// Display

void PosteriorTool::showMessage(const QString& text)
{
    m_shown.reset();
    m_shownModel.reset();
    m_shownPixels.clear();
    m_shownPoint.reset();
    m_title->clear();
    m_image->clear();
    m_image->setVisible(false);
    m_profile->setVisible(false);
    m_status->setText(text);
    m_identities->setVisible(false);
    for (QLabel* cell : m_cells)
        cell->clear();
    m_stdError->clear();
    m_check->clear();
    m_timing->clear();
    m_zoomButton->setEnabled(false);
    clearPlot();
}

void PosteriorTool::clearPlot()
{
    if (!m_heat || !m_ellipse || (!m_heat->visible() && !m_ellipse->visible()))
        return;
    m_heat->setVisible(false);
    m_contours->setVisible(false);
    m_ellipse->setVisible(false);
    m_context.latentPlot()->replot(QCustomPlot::rpQueuedReplot);
}

void PosteriorTool::apply(Result result)
{
    if (!result.decomposition) {
        showMessage(tr("Cannot compute the posterior: %1").arg(result.error));
        emit updated();
        return;
    }
    const vae::EvidenceDecomposition& d = *result.decomposition;
    const vae::PosteriorGrid& g = d.grid;
    m_lastMs = result.ms;

    // Heat map: the density p(z|x) per latent unit² at the cell centres.
    const int n = g.resolution;
    const double dx = (g.region.z1Max - g.region.z1Min) / n;
    const double dy = (g.region.z2Max - g.region.z2Min) / n;
    auto* data =
        new QCPColorMapData(n, n, QCPRange(g.region.z1Min + dx / 2, g.region.z1Max - dx / 2),
                            QCPRange(g.region.z2Min + dy / 2, g.region.z2Max - dy / 2));
    double peak = 0;
    for (int r = 0; r < n; ++r) {
        for (int c = 0; c < n; ++c) {
            const double density = std::exp(g.logDensity[std::size_t(r) * std::size_t(n) + c]);
            data->setCell(c, r, density);
            peak = std::max(peak, density);
        }
    }
    m_heat->setData(data); // takes ownership
    m_heat->setDataRange(QCPRange(0, peak > 0 ? peak : 1));
    m_heat->setVisible(true);
    m_contours->setContours(
        {{std::move(result.contour1), Qt::SolidLine}, {std::move(result.contour2), Qt::DashLine}});
    m_contours->setVisible(true);
    m_ellipse->setPosterior(g.qMu[0], g.qMu[1], g.qSigma[0], g.qSigma[1]);
    m_ellipse->setVisible(true);

    m_shown = std::move(result.decomposition);
    m_shownModel = std::move(result.request.model);
    m_shownPixels = std::move(result.request.pixels);
    m_shownPoint = result.request.point;
    ++m_applied;

    m_title->setText(result.request.title);
    const ExampleImage shape = ExampleImage::of(m_shownModel->description());
    if (shape.isTable())
        m_profile->showInput(*shape.table, m_shownPixels);
    else
        m_image->setPixmap(QPixmap::fromImage(shape.toQImage(m_shownPixels, kImageBox)));
    m_image->setVisible(!shape.isTable());
    m_profile->setVisible(shape.isTable());
    m_status->clear();
    m_identities->setVisible(true);
    m_cells[LogEvidence]->setText(number(d.logEvidence));
    m_cells[Elbo]->setText(number(d.elbo));
    m_cells[KlPosterior]->setText(number(d.klPosterior));
    m_cells[Elbo2]->setText(number(d.elbo));
    m_cells[Reconstruction]->setText(number(-d.reconstruction));
    m_cells[KlPrior]->setText(number(d.klPrior));
    const QLocale locale;
    m_stdError->setText(
        tr("All values in nats. The ELBO (and so KL(q ‖ p(z|x))) has a Monte-Carlo standard error "
           "of ± %1 nats: reconstruction averaged over S = %2 draws z ~ q(z|x) (seed %3). "
           "log p(x): quadrature; KL(q ‖ p(z)): closed form.")
            .arg(number(d.elboStdError, 3), locale.toString(d.samples))
            .arg(kSeed));
    m_check->setText(tr("Check by quadrature over q's μ ± 6σ (no sampling): ELBO = %1, "
                        "KL(q ‖ p(z|x)) = %2. Mass of p(z|x) outside the heat map's grid: %3.")
                         .arg(number(d.elboQuadrature), number(d.klPosteriorQuadrature),
                              g.massOutside < 1e-12 ? tr("below 10⁻¹²")
                                                    : locale.toString(g.massOutside, 'g', 2)));
    m_gridMs = 1000.0 * g.seconds; // 0 when the core does not time the grid on its own
    const QString region = tr("%1 × %1 grid over z₁ ∈ [%2, %3], z₂ ∈ [%4, %5]")
                               .arg(n)
                               .arg(number(g.region.z1Min), number(g.region.z1Max),
                                    number(g.region.z2Min), number(g.region.z2Max));
    const QString total = locale.toString(result.ms, 'f', 0);
    const QString step = locale.toString(qlonglong(m_shownModel->step()));
    if (m_gridMs > 0)
        m_timing->setText(tr("%1: %2 ms; with the %3 draws and the check %4 ms in all, off the "
                             "GUI thread. Model at step %5.")
                              .arg(region, locale.toString(m_gridMs, 'f', 0),
                                   locale.toString(d.samples), total, step));
    else
        m_timing->setText(tr("%1. Computed in %2 ms (the grid, %3 draws and the check) off the "
                             "GUI thread. Model at step %4.")
                              .arg(region, total, locale.toString(d.samples), step));
    m_zoomButton->setEnabled(true);

    // While training the points move under the posterior: the view keeps following the data.
    if (m_zoomOnNext && !m_context.isTraining()) {
        m_zoomOnNext = false;
        zoomToPosterior();
    }
    m_context.latentPlot()->replot(QCustomPlot::rpQueuedReplot);
    emit updated();
}

void PosteriorTool::zoomToPosterior()
{
    if (!m_shown)
        return;
    const vae::LatentRegion& r = m_shown->grid.region;
    LatentPlot* plot = m_context.latentPlot();
    plot->stopFollowingData();
    // A little room around the region, and the same scale on both axes, so the ellipses keep
    // their shape.
    const QRect area = plot->axisRect()->rect();
    double w = (r.z1Max - r.z1Min) * 1.1;
    double h = (r.z2Max - r.z2Min) * 1.1;
    if (area.width() > 0 && area.height() > 0) {
        const double aspect = double(area.width()) / area.height();
        if (w / h < aspect)
            w = h * aspect;
        else
            h = w / aspect;
    }
    plot->xAxis->setRange((r.z1Min + r.z1Max) / 2, w, Qt::AlignCenter);
    plot->yAxis->setRange((r.z2Min + r.z2Max) / 2, h, Qt::AlignCenter);
    plot->replot(QCustomPlot::rpQueuedReplot);
}

QString PosteriorTool::cellText(Cell cell) const
{
    return m_cells[cell]->text();
}

QString PosteriorTool::shownText() const
{
    QStringList lines{m_title->text(), m_status->text()};
    if (m_shown) {
        lines << QStringLiteral("log p(x) = ELBO + KL(q ‖ p(z|x)): %1 = %2 + %3")
                     .arg(cellText(LogEvidence), cellText(Elbo), cellText(KlPosterior));
        lines << QStringLiteral("ELBO = −reconstruction − KL(q ‖ p(z)): %1 = %2 − %3")
                     .arg(cellText(Elbo2), cellText(Reconstruction), cellText(KlPrior));
    }
    lines << m_stdError->text() << m_check->text() << m_timing->text();
    return lines.join(QLatin1Char('\n'));
}

} // namespace vae::gui
