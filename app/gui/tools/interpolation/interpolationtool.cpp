#include "tools/interpolation/interpolationtool.h"

#include "widgets/explanation.h"
#include "tools/interpolation/interpolationoverlay.h"
#include "tools/interpolation/interpolationstrip.h"
#include "widgets/featureprofile.h"
#include "plots/latentplot.h"
#include "tools/toolcontext.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMouseEvent>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QPushButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace vae::gui {

namespace {

/// Width of the explanation column beside the strip, in pixels.
constexpr int kExplanationWidth = 280;

// Points tracing the path on the plot: enough for a smooth arc at any zoom a user would pick.
constexpr int kCurvePoints = 65;
// Dimensions an endpoint's description spells out before "…".
constexpr int kDescribedDims = 4;
constexpr int kStatusMessageMs = 5000;
// A PDF strip: each 28-pixel image becomes 3 × 28 points (≈ 3 cm) and is embedded 8 times
// enlarged with nearest-neighbour sampling, because PDF viewers smooth small images when they
// scale them up.
constexpr int kPdfPointsPerPixel = 3;
constexpr int kPdfImageScale = 8;

QString endpointName(int which)
{
    return which == 0 ? QStringLiteral("A") : QStringLiteral("B");
}

} // namespace

InterpolationTool::InterpolationTool(ToolContext& context)
    : QObject(context.window()), m_context(context), m_plot(context.latentPlot())
{
    setObjectName(QStringLiteral("interpolationTool"));
    m_overlay = new InterpolationOverlay(m_plot);
    m_overlay->setVisible(false);
    buildPanel();
    buildActions();
    m_plot->installEventFilter(this);
    // Moves without a button pressed, so the cursor can show when it is over a handle.
    m_plot->setMouseTracking(true);
    m_plot->setToolTip(m_plot->toolTip() + tr(" · Shift+click: interpolation endpoint"));

    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, &InterpolationTool::refreshNow);
    connect(&context, &ToolContext::modelChanged, this, &InterpolationTool::onModelChanged);
    connect(&context, &ToolContext::latentUpdated, this, [this] {
        applyLaunchEndpoints();
        if (syncEndpoints()) {
            updateOverlay();
            updateLabels();
            scheduleRefresh();
        }
    });

    const LaunchOptions& options = context.options();
    if (options.interpolate) {
        for (int which = 0; which < 2; ++which) {
            const LaunchEndpoint& end = (*options.interpolate)[std::size_t(which)];
            if (end.testImage)
                m_pendingImages[std::size_t(which)] = end.testImage;
            else
                setEndpoint(which, {float(end.z1), float(end.z2)});
        }
        if (options.interpolateSpherical)
            setKind(vae::InterpolationKind::Spherical);
        applyLaunchEndpoints();
        setPanelShown(true);
    }
    updateOverlay();
    updateLabels();
}

// ---------------------------------------------------------------------------------------------
// Panel and actions

void InterpolationTool::buildPanel()
{
    m_dock = new QDockWidget(tr("Interpolation"), m_context.window());
    m_dock->setObjectName(QStringLiteral("interpolationDock"));
    // A horizontal strip: above or below the plots, where it gets the window's width.
    m_dock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::TopDockWidgetArea);

    auto* panel = new QWidget(m_dock);
    auto* layout = new QHBoxLayout(panel);
    layout->setContentsMargins(6, 4, 6, 4);

    auto* controls = new QWidget(panel);
    auto* controlsLayout = new QVBoxLayout(controls);
    controlsLayout->setContentsMargins(0, 0, 0, 0);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_kindBox = new QComboBox(controls);
    m_kindBox->addItem(tr("Linear"), int(vae::InterpolationKind::Linear));
    m_kindBox->addItem(tr("Spherical (slerp)"), int(vae::InterpolationKind::Spherical));
    m_kindBox->setToolTip(
        tr("Linear: the straight line from A to B.\nSpherical: the great-circle arc (Shoemake "
           "1985), which keeps the distance from the origin where the prior's mass is (White "
           "2016)."));
    form->addRow(tr("&Path:"), m_kindBox);
    m_countBox = new QSpinBox(controls);
    m_countBox->setRange(kMinCount, kMaxCount);
    m_countBox->setValue(m_count);
    m_countBox->setToolTip(tr("Images in the strip, A and B included"));
    form->addRow(tr("&Images:"), m_countBox);
    controlsLayout->addLayout(form);
    for (int which = 0; which < 2; ++which) {
        auto* label = new QLabel(controls);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_endpointLabels[std::size_t(which)] = label;
        controlsLayout->addWidget(label);
    }
    auto* buttons = new QHBoxLayout;
    m_swapButton = new QPushButton(tr("S&wap"), controls);
    m_swapButton->setToolTip(tr("Exchange A and B"));
    m_clearButton = new QPushButton(tr("C&lear"), controls);
    m_exportButton = new QPushButton(tr("&Export…"), controls);
    m_exportButton->setToolTip(tr("Save the strip as PNG (one pixel per image pixel) or PDF"));
    buttons->addWidget(m_swapButton);
    buttons->addWidget(m_clearButton);
    buttons->addWidget(m_exportButton);
    controlsLayout->addLayout(buttons);
    controlsLayout->addStretch(1);
    controls->setFixedWidth(controls->sizeHint().width() + 40);

    m_strip = new InterpolationStrip(panel);
    // The explanation beside the strip, in a column of its own: under it, it would make the
    // dock (and so the window) taller.
    auto* explanation = makeExplanation(
        tr("Linear: z(t) = (1 − t)·z<sub>A</sub> + t·z<sub>B</sub>. Spherical: z(t) = "
           "[sin((1 − t)Ω)·z<sub>A</sub> + sin(tΩ)·z<sub>B</sub>] / sin Ω, with Ω the angle "
           "between z<sub>A</sub> and z<sub>B</sub>. In D dimensions most of N(0, I)'s mass "
           "lies near the shell ‖z‖ ≈ √D; the straight line cuts through the middle, where "
           "codes are rare, while slerp stays on the shell (White 2016)."),
        panel);
    explanation->setFixedWidth(kExplanationWidth);
    layout->addWidget(controls, 0);
    layout->addWidget(m_strip, 1);
    layout->addWidget(explanation, 0);
    m_dock->setWidget(panel);

    connect(m_kindBox, &QComboBox::currentIndexChanged, this,
            [this] { setKind(vae::InterpolationKind(m_kindBox->currentData().toInt())); });
    connect(m_countBox, &QSpinBox::valueChanged, this, &InterpolationTool::setCount);
    connect(m_swapButton, &QPushButton::clicked, this, &InterpolationTool::swapEndpoints);
    connect(&m_context, &ToolContext::dataReplaced, this, &InterpolationTool::clearEndpoints);
    connect(m_clearButton, &QPushButton::clicked, this, &InterpolationTool::clearEndpoints);
    // visibilityChanged comes after the dock is shown or hidden; the action's toggled can come
    // before (when the action itself is triggered): both end in the same idempotent update.
    // The decode is deferred: these signals also come while ~QWidget closes the window, when
    // the window's members (its model among them) are gone already; a queued call dies with us.
    const auto onVisibility = [this] {
        const bool shown = panelShown();
        if (m_overlay && m_overlay->visible() != shown) {
            m_overlay->setVisible(shown);
            m_overlay->redraw();
        }
        if (shown && m_stale) {
            QTimer::singleShot(0, this, [this] {
                if (panelShown() && m_stale)
                    refreshNow();
            });
        }
    };
    connect(m_dock, &QDockWidget::visibilityChanged, this, onVisibility);
    connect(m_dock->toggleViewAction(), &QAction::toggled, this, onVisibility);
}

void InterpolationTool::buildActions()
{
    m_context.addDock(m_dock, Qt::BottomDockWidgetArea, tr("&Interpolation"), Qt::CTRL | Qt::Key_I,
                      tr("Show the interpolation panel: Shift+click two points of the latent "
                         "plot to decode the path between them (Ctrl+I)"));

    m_exportAction = new QAction(tr("Export Interpolation &Strip…"), this);
    m_exportAction->setStatusTip(tr("Save the decoded interpolation strip as PNG or PDF"));
    m_exportAction->setEnabled(false);
    m_context.addAction(m_exportAction, ToolContext::Place::ExploreMenu);
    const auto askAndExport = [this] {
        const QString path = m_context.askSaveFile(
            tr("Export Interpolation Strip"), tr("PNG image (*.png);;PDF document (*.pdf)"),
            QStringLiteral("png"), QStringLiteral("interpolation.png"));
        if (!path.isEmpty())
            exportStrip(path);
    };
    connect(m_exportAction, &QAction::triggered, this, askAndExport);
    connect(m_exportButton, &QPushButton::clicked, this, askAndExport);
}

InterpolationOverlay* InterpolationTool::overlay() const
{
    return m_overlay.data();
}

QAction* InterpolationTool::showAction() const
{
    return m_dock->toggleViewAction();
}

bool InterpolationTool::panelShown() const
{
    return !m_dock->isHidden();
}

void InterpolationTool::setPanelShown(bool shown)
{
    m_dock->setVisible(shown);
    if (shown)
        m_dock->raise();
    // Without a visible main window the dock sends no visibilityChanged: update here too.
    if (m_overlay) {
        m_overlay->setVisible(shown);
        m_overlay->redraw();
    }
    if (shown && m_stale)
        refreshNow();
}

// ---------------------------------------------------------------------------------------------
// Endpoints

int InterpolationTool::latentDim() const
{
    if (m_context.model())
        return m_context.model()->latentDim();
    if (m_context.latestLatent())
        return m_context.latestLatent()->posterior.dim;
    return 2;
}

void InterpolationTool::setEndpoint(int which, std::vector<float> z)
{
    if (which < 0 || which > 1)
        return;
    Endpoint endpoint;
    endpoint.z = std::move(z);
    endpoint.z.resize(std::size_t(latentDim()), 0.0f);
    m_endpoints[std::size_t(which)] = std::move(endpoint);
    endpointsEdited();
}

bool InterpolationTool::setEndpointToTestImage(int which, int index)
{
    const std::shared_ptr<const vae::LatentSnapshot>& latent = m_context.latestLatent();
    if (which < 0 || which > 1 || !latent || index < 0 || index >= latent->posterior.count)
        return false;
    const std::size_t dim = std::size_t(latent->posterior.dim);
    const auto first = latent->posterior.mu.begin() + std::ptrdiff_t(std::size_t(index) * dim);
    Endpoint endpoint;
    endpoint.z.assign(first, first + std::ptrdiff_t(dim));
    endpoint.testImage = index;
    if (std::size_t(index) < latent->labels.size())
        endpoint.label = latent->labels[std::size_t(index)];
    m_endpoints[std::size_t(which)] = std::move(endpoint);
    endpointsEdited();
    return true;
}

void InterpolationTool::clearEndpoints()
{
    m_endpoints = {};
    m_pendingImages = {};
    endpointsEdited();
}

void InterpolationTool::swapEndpoints()
{
    std::swap(m_endpoints[0], m_endpoints[1]);
    std::swap(m_pendingImages[0], m_pendingImages[1]);
    endpointsEdited();
}

void InterpolationTool::applyLaunchEndpoints()
{
    for (int which = 0; which < 2; ++which) {
        std::optional<int>& pending = m_pendingImages[std::size_t(which)];
        if (pending && setEndpointToTestImage(which, *pending))
            pending.reset();
    }
}

bool InterpolationTool::syncEndpoints()
{
    const std::size_t dim = std::size_t(latentDim());
    const std::shared_ptr<const vae::LatentSnapshot>& latent = m_context.latestLatent();
    bool changed = false;
    for (std::optional<Endpoint>& endpoint : m_endpoints) {
        if (!endpoint)
            continue;
        const std::optional<int> image = endpoint->testImage;
        if (image && latent && std::size_t(latent->posterior.dim) == dim &&
            *image < latent->posterior.count) {
            // The image's μ under the newest weights: the endpoint is the image, not a fixed z.
            const auto first =
                latent->posterior.mu.begin() + std::ptrdiff_t(std::size_t(*image) * dim);
            const std::vector<float> z(first, first + std::ptrdiff_t(dim));
            if (z != endpoint->z) {
                endpoint->z = z;
                changed = true;
            }
        } else if (endpoint->z.size() != dim) {
            endpoint->z.resize(dim, 0.0f);
            changed = true;
        }
    }
    if (changed)
        m_stale = true;
    return changed;
}

void InterpolationTool::endpointsEdited()
{
    syncEndpoints();
    updateOverlay();
    updateLabels();
    emit endpointsChanged();
    m_stale = true;
    if (panelShown())
        refreshNow();
}

QString InterpolationTool::describe(int which) const
{
    const std::optional<Endpoint>& endpoint = m_endpoints[std::size_t(which)];
    if (!endpoint) {
        if (m_pendingImages[std::size_t(which)])
            return tr("test image #%1 (waiting for the test set)")
                .arg(*m_pendingImages[std::size_t(which)]);
        return which == 0 || !m_endpoints[0] ? tr("Shift+click the latent plot")
                                             : tr("Shift+click a second point");
    }
    if (endpoint->testImage) {
        if (endpoint->label < 0) // unlabelled data
            return tr("test example #%1").arg(*endpoint->testImage);
        return tr("test image #%1 (%2)")
            .arg(*endpoint->testImage)
            .arg(m_context.classLabel(endpoint->label));
    }
    const QLocale locale;
    QStringList parts;
    const int shown = std::min<int>(kDescribedDims, int(endpoint->z.size()));
    for (int k = 0; k < shown; ++k)
        parts << locale.toString(double(endpoint->z[std::size_t(k)]), 'f', 2);
    if (int(endpoint->z.size()) > shown)
        parts << QStringLiteral("…");
    return tr("z = (%1)").arg(parts.join(QStringLiteral(", ")));
}

std::optional<QPointF> InterpolationTool::handlePixel(int which) const
{
    if (!m_overlay)
        return std::nullopt;
    const std::optional<QPointF> z = m_overlay->handle(which);
    if (!z)
        return std::nullopt;
    return m_overlay->toPixel(*z);
}

// ---------------------------------------------------------------------------------------------
// Kind and count

void InterpolationTool::setKind(vae::InterpolationKind kind)
{
    if (m_kindBox->currentData().toInt() != int(kind))
        m_kindBox->setCurrentIndex(m_kindBox->findData(int(kind))); // calls back here
    if (kind == m_kind)
        return;
    m_kind = kind;
    endpointsEdited();
}

void InterpolationTool::setCount(int count)
{
    count = std::clamp(count, kMinCount, kMaxCount);
    if (m_countBox->value() != count)
        m_countBox->setValue(count); // calls back here
    if (count == m_count)
        return;
    m_count = count;
    endpointsEdited();
}

// ---------------------------------------------------------------------------------------------
// Drawing and decoding

void InterpolationTool::updateOverlay()
{
    if (!m_overlay)
        return;
    const auto onPlane = [](const std::vector<float>& z) {
        // A 1-D latent space lies on the line z₂ = 0, as the scatter draws it.
        return QPointF(z.empty() ? 0.0 : z[0], z.size() > 1 ? z[1] : 0.0);
    };
    std::optional<QPointF> a;
    std::optional<QPointF> b;
    std::vector<QPointF> curve;
    std::vector<QPointF> samples;
    if (m_endpoints[0])
        a = onPlane(m_endpoints[0]->z);
    if (m_endpoints[1])
        b = onPlane(m_endpoints[1]->z);
    if (m_endpoints[0] && m_endpoints[1] && m_endpoints[0]->z.size() == m_endpoints[1]->z.size()) {
        const std::size_t dim = m_endpoints[0]->z.size();
        const auto trace = [&](int n) {
            const std::vector<float> path =
                vae::interpolate(m_endpoints[0]->z, m_endpoints[1]->z, n, m_kind);
            std::vector<QPointF> points;
            for (int i = 0; i < n; ++i) {
                const auto first = path.begin() + std::ptrdiff_t(std::size_t(i) * dim);
                points.push_back(onPlane(std::vector<float>(first, first + std::ptrdiff_t(dim))));
            }
            return points;
        };
        curve = trace(kCurvePoints);
        samples = trace(m_count);
    }
    // With only A set, the path is not there yet, but a second endpoint is: there is no B.
    m_overlay->setPath(std::move(curve), std::move(samples), a, b);
    m_overlay->redraw();
}

void InterpolationTool::updateLabels()
{
    for (int which = 0; which < 2; ++which) {
        m_endpointLabels[std::size_t(which)]->setText(
            QStringLiteral("<b>%1</b>&nbsp;&nbsp;%2")
                .arg(endpointName(which), describe(which).toHtmlEscaped()));
    }
    const bool any = m_endpoints[0] || m_endpoints[1];
    m_swapButton->setEnabled(any);
    m_clearButton->setEnabled(any);
}

void InterpolationTool::onModelChanged()
{
    if (syncEndpoints()) {
        updateOverlay();
        updateLabels();
    }
    scheduleRefresh();
}

void InterpolationTool::scheduleRefresh()
{
    m_stale = true;
    if (!panelShown())
        return; // decoded when the panel is shown again
    // Training publishes weights every ~250 ms: the strip follows, but never more often than
    // kModelRefreshMs, however fast models and snapshots come.
    const qint64 since = m_sinceRefresh.isValid() ? m_sinceRefresh.elapsed() : kModelRefreshMs;
    if (since >= kModelRefreshMs)
        refreshNow();
    else if (!m_refreshTimer.isActive())
        m_refreshTimer.start(int(kModelRefreshMs - since));
}

void InterpolationTool::refreshNow()
{
    m_refreshTimer.stop();
    m_sinceRefresh.start();
    m_stale = false;
    syncEndpoints();
    m_stale = false;
    const std::shared_ptr<const vae::InferenceModel>& model = m_context.model();
    const bool complete = m_endpoints[0] && m_endpoints[1];
    m_pathZ.clear();
    m_pixels.clear();
    m_decodeModel.reset();
    m_exportAction->setEnabled(false);
    m_exportButton->setEnabled(false);
    if (!complete) {
        m_strip->clear(m_endpoints[0] ? tr("Shift+click the latent plot again to set endpoint B.")
                                      : tr("Shift+click the latent plot to set endpoint A, then "
                                           "again for B. Shift+click near a test point to start "
                                           "from that image; drag A or B to move them."));
        emit stripUpdated();
        return;
    }
    if (!model) {
        m_strip->clear(tr("Train or open a model to decode the path."));
        emit stripUpdated();
        return;
    }
    try {
        m_pathZ = vae::interpolate(m_endpoints[0]->z, m_endpoints[1]->z, m_count, m_kind);
        m_pixels = model->decodeBatch(m_pathZ, m_count);
    } catch (const std::exception& e) {
        m_pathZ.clear();
        m_pixels.clear();
        m_strip->clear(tr("Cannot decode the path: %1").arg(QString::fromStdString(e.what())));
        emit stripUpdated();
        return;
    }
    m_decodeModel = model;
    m_strip->setImages(m_pixels, m_count, ExampleImage::of(model->description()), m_pathZ);
    m_exportAction->setEnabled(true);
    m_exportButton->setEnabled(true);
    emit stripUpdated();
}

QImage InterpolationTool::stripImage(int scale) const
{
    if (m_pixels.empty() || !m_decodeModel)
        return {};
    scale = std::max(1, scale);
    // A table's strip is its profile plot: drawn as it is on screen, `scale` times as sharp.
    if (ExampleImage::isTable(m_decodeModel->description()))
        return m_strip->profile()->plot()->toPixmap(0, 0, scale).toImage();
    return InterpolationStrip::compose(m_pixels, m_count,
                                       ExampleImage::of(m_decodeModel->description()), scale,
                                       kExportGap * scale);
}

bool InterpolationTool::exportStrip(const QString& path)
{
    if (m_stale && panelShown())
        refreshNow();
    if (m_pixels.empty()) {
        m_context.reportError(tr("Nothing to export"),
                              tr("There is no interpolation strip yet: set two endpoints with "
                                 "Shift+click on a trained or opened model."));
        return false;
    }
    const QString suffix = QFileInfo(path).suffix().toLower();
    bool ok = false;
    if (suffix == QLatin1String("png")) {
        // 1:1: one image pixel per model pixel, so the strip can be read back as data.
        ok = stripImage(1).save(path, "PNG");
    } else if (suffix == QLatin1String("pdf")) {
        const QImage image = stripImage(kPdfImageScale);
        const QSizeF points(double(image.width()) * kPdfPointsPerPixel / kPdfImageScale,
                            double(image.height()) * kPdfPointsPerPixel / kPdfImageScale);
        QPdfWriter writer(path);
        writer.setPageSize(QPageSize(points, QPageSize::Point));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setTitle(tr("Interpolation strip"));
        writer.setCreator(QStringLiteral("VAE Explorer"));
        QPainter painter;
        if (painter.begin(&writer)) {
            painter.drawImage(QRectF(0, 0, writer.width(), writer.height()), image);
            ok = painter.end();
        }
    } else {
        m_context.reportError(tr("Cannot export the strip"),
                              tr("%1: use a file name ending in .png or .pdf.").arg(path));
        return false;
    }
    if (!ok) {
        m_context.reportError(tr("Cannot export the strip"), tr("Cannot write %1.").arg(path));
        return false;
    }
    m_context.showMessage(tr("Exported %1").arg(path), kStatusMessageMs);
    return true;
}

// ---------------------------------------------------------------------------------------------
// Mouse

bool InterpolationTool::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_plot || !m_overlay)
        return false;
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonDblClick:
    case QEvent::MouseMove:
    case QEvent::MouseButtonRelease:
        return handleMouse(event);
    case QEvent::Leave:
        if (m_hoverCursor && m_dragging < 0) {
            m_plot->setCursor(Qt::CrossCursor);
            m_hoverCursor = false;
        }
        return false;
    default:
        return false;
    }
}

bool InterpolationTool::handleMouse(QEvent* event)
{
    auto* mouse = static_cast<QMouseEvent*>(event);
    const QPointF pos = mouse->position();
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonDblClick: {
        // Qt delivers a quick second press as a double click: it is still a press here (a
        // second Shift+click right after the first must set B, not fit the view).
        if (mouse->button() != Qt::LeftButton ||
            !m_plot->axisRect()->rect().contains(pos.toPoint()))
            return false;
        if (mouse->modifiers() & Qt::ShiftModifier) {
            pickEndpoint(pos, !(mouse->modifiers() & Qt::ControlModifier));
            m_swallowRelease = true;
            return true;
        }
        const int which = m_overlay->handleAt(pos, kGrabPixels);
        if (which < 0)
            return false;
        m_dragging = which;
        m_dragOffset = *handlePixel(which) - pos;
        m_plot->setCursor(Qt::ClosedHandCursor);
        return true;
    }
    case QEvent::MouseMove:
        if (m_dragging >= 0) {
            if (mouse->buttons() & Qt::LeftButton)
                moveEndpoint(m_dragging, pos + m_dragOffset);
            return true;
        }
        if (m_swallowRelease)
            return true;
        if (mouse->buttons() == Qt::NoButton)
            updateHoverCursor(pos);
        return false;
    case QEvent::MouseButtonRelease:
        if (mouse->button() != Qt::LeftButton)
            return false;
        if (m_dragging >= 0) {
            m_dragging = -1;
            m_hoverCursor = false;
            m_plot->setCursor(Qt::CrossCursor);
            updateHoverCursor(pos);
            return true;
        }
        if (m_swallowRelease) {
            m_swallowRelease = false;
            return true;
        }
        return false;
    default:
        return false;
    }
}

void InterpolationTool::updateHoverCursor(const QPointF& pixel)
{
    const bool overHandle = m_overlay->handleAt(pixel, kGrabPixels) >= 0;
    if (overHandle == m_hoverCursor)
        return;
    m_hoverCursor = overHandle;
    m_plot->setCursor(overHandle ? Qt::OpenHandCursor : Qt::CrossCursor);
}

std::optional<int> InterpolationTool::testImageNear(const QPointF& pixel) const
{
    const std::shared_ptr<const vae::LatentSnapshot>& latent = m_context.latestLatent();
    if (!latent || latent->posterior.count == 0 || latent->posterior.dim < 1)
        return std::nullopt;
    const vae::Posterior& posterior = latent->posterior;
    const std::size_t dim = std::size_t(posterior.dim);
    std::optional<int> best;
    double bestDistance = kSnapPixels * kSnapPixels;
    // 10,000 coordinate conversions: well under a millisecond, once per Shift+click.
    for (int i = 0; i < posterior.count; ++i) {
        const float* mu = posterior.mu.data() + std::size_t(i) * dim;
        const double dx = m_plot->xAxis->coordToPixel(mu[0]) - pixel.x();
        const double dy = m_plot->yAxis->coordToPixel(dim > 1 ? mu[1] : 0.0) - pixel.y();
        const double distance = dx * dx + dy * dy;
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = i;
        }
    }
    return best;
}

void InterpolationTool::pickEndpoint(const QPointF& pixel, bool snap)
{
    int which = 0;
    if (!m_endpoints[0]) {
        which = 0;
    } else if (!m_endpoints[1]) {
        which = 1;
    } else {
        // A third Shift+click starts a new path.
        m_endpoints = {};
    }
    m_pendingImages = {};
    const std::optional<int> image = snap ? testImageNear(pixel) : std::nullopt;
    if (!image || !setEndpointToTestImage(which, *image)) {
        const QPointF z = m_plot->pixelToLatent(pixel);
        std::vector<float> point(std::size_t(latentDim()), 0.0f);
        point[0] = float(z.x());
        if (point.size() > 1)
            point[1] = float(z.y());
        setEndpoint(which, std::move(point));
    }
    // Only now: showing the dock shrinks the plot at once, and the click meant the z that was
    // under the cursor before.
    if (!panelShown())
        setPanelShown(true);
    m_context.showMessage(
        tr("Interpolation endpoint %1: %2").arg(endpointName(which), describe(which)),
        kStatusMessageMs);
}

void InterpolationTool::moveEndpoint(int which, const QPointF& pixel)
{
    std::optional<Endpoint>& endpoint = m_endpoints[std::size_t(which)];
    if (!endpoint)
        return;
    const QPointF z = m_plot->pixelToLatent(pixel);
    // A dragged endpoint is a free point: it moves in the (z₁, z₂) plane, its other dimensions
    // (a test image's, for D > 2) stay as they were.
    endpoint->testImage.reset();
    endpoint->label = -1;
    if (endpoint->z.empty())
        endpoint->z.resize(1, 0.0f);
    endpoint->z[0] = float(z.x());
    if (endpoint->z.size() > 1)
        endpoint->z[1] = float(z.y());
    endpointsEdited();
}

} // namespace vae::gui
