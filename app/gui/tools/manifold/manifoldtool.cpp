#include "tools/manifold/manifoldtool.h"

#include "widgets/explanation.h"
#include "plots/latentplot.h"
#include "tools/toolcontext.h"
#include "tools/manifold/manifoldgrid.h"
#include "widgets/tilegridview.h"

#include <vae/prior.h>

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
#include <limits>

namespace vae::gui {

namespace {

const QString kGridKey = QStringLiteral("explore/manifoldGrid");
const QString kTilesKey = QStringLiteral("explore/manifoldTiles");
constexpr int kStatusMessageMs = 5000;
// The heat map's colours let the scatter's class colours show through.
constexpr int kHeatAlpha = 150;
// Pixels per cell of an exported heat map.
constexpr int kHeatExportScale = 12;

QCPColorGradient heatGradient(bool translucent)
{
    // Viridis (QCustomPlot 2.1 has no preset of it): ordered, and readable in grey and by
    // colour-blind readers.
    QMap<double, QColor> stops{{0.0, QColor(0x44, 0x01, 0x54)},
                               {0.25, QColor(0x3b, 0x52, 0x8b)},
                               {0.5, QColor(0x21, 0x91, 0x8c)},
                               {0.75, QColor(0x5e, 0xc9, 0x62)},
                               {1.0, QColor(0xfd, 0xe7, 0x25)}};
    if (translucent)
        for (QColor& colour : stops)
            colour.setAlpha(kHeatAlpha);
    QCPColorGradient gradient;
    gradient.setColorStops(stops);
    return gradient;
}

/// Column `column` of tile `tile` in original units.
double tileValue(const TileGrid& grid, int tile, int column)
{
    const auto perTile = std::size_t(grid.shape.values());
    const double v = grid.pixels[std::size_t(tile) * perTile + std::size_t(column)];
    const vae::DataDescription& d = *grid.shape.table;
    if (!d.standardised())
        return v;
    const auto i = std::size_t(column);
    return v * double(d.featureScale[i]) + double(d.featureMean[i]);
}

} // namespace

// ---------------------------------------------------------------------------------------------
// ManifoldTool

ManifoldTool::ManifoldTool(ToolContext& context)
    : QObject(context.window()), m_context(context), m_plot(context.latentPlot())
{
    setObjectName(QStringLiteral("manifoldTool"));
    m_grid = new ManifoldGrid(m_plot->xAxis, m_plot->yAxis);
    m_grid->removeFromLegend();
    m_grid->setVisible(false);
    m_heat = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    m_heat->setLayer(QString::fromLatin1(ManifoldGrid::kLayerName));
    m_heat->removeFromLegend();
    m_heat->setInterpolate(false);
    m_heat->setVisible(false);
    m_heat->setGradient(heatGradient(true));
    m_colourScale = new QCPColorScale(m_plot);
    m_colourScale->setType(QCPAxis::atRight);
    m_colourScale->setBarWidth(12);
    m_colourScale->setGradient(heatGradient(true));
    m_colourScale->setMinimumSize(60, 160);
    // Not in the layout until a heat map is shown (the plot, its QObject parent, deletes it).
    m_plotToolTip = m_plot->toolTip();

    for (int k = 0; k < KindCount; ++k) {
        Channel& channel = m_channels[static_cast<std::size_t>(k)];
        channel.timer.setSingleShot(true);
        connect(&channel.timer, &QTimer::timeout, this, [this, k] { start(Kind(k)); });
        connect(&channel.watcher, &QFutureWatcher<Result>::finished, this,
                [this, k] { onFinished(Kind(k)); });
    }

    buildActions();
    buildPanel();

    connect(&m_context, &ToolContext::modelChanged, this, &ManifoldTool::onModelChanged);
    connect(m_plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            &ManifoldTool::onViewChanged);
    connect(m_plot->yAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            &ManifoldTool::onViewChanged);
    // Resizes, and coming back on screen (shown again, window restored from minimised).
    m_watchedPlot = m_plot.data();
    m_plot->installEventFilter(this);
    connect(&m_context, &ToolContext::windowRestored, this, [this] {
        // Queued: the new state is not in effect everywhere yet.
        QTimer::singleShot(0, this, [this] {
            catchUp(Plane);
            catchUp(Quantile);
        });
    });

    readSettings();
    const LaunchOptions& options = m_context.options();
    if (options.manifoldGrid)
        setGridShown(*options.manifoldGrid);
    if (options.quantileManifold)
        setQuantilePanelShown(true);
    updateNotes();
}

ManifoldTool::~ManifoldTool()
{
    for (Channel& channel : m_channels)
        channel.watcher.waitForFinished();
    // Out of the plot's layout, the colour scale is ours to delete (while the plot still exists).
    if (m_plot && m_colourScale && !m_colourScale->layout())
        delete m_colourScale;
}

void ManifoldTool::buildActions()
{
    m_gridAction = new QAction(tr("&Manifold Grid"), this);
    m_gridAction->setIconText(tr("Manifold"));
    m_gridAction->setCheckable(true);
    m_gridAction->setShortcut(Qt::CTRL | Qt::Key_M);
    m_gridAction->setToolTip(tr("Draw decoded images under the latent points (Ctrl+M)"));
    m_gridAction->setStatusTip(tr(
        "Draw the decoder's images on a grid under the latent points, covering the view (Ctrl+M)"));
    connect(m_gridAction, &QAction::toggled, this, &ManifoldTool::setGridShown);

    m_exportAction = new QAction(tr("&Export Manifold Grid…"), this);
    m_exportAction->setStatusTip(
        tr("Save the manifold grid of the visible region as a PNG, one pixel per image pixel"));
    connect(m_exportAction, &QAction::triggered, this, [this] { askAndExport(Plane); });

    m_toolBarTiles = new TileCountBox(m_context.window());
    m_toolBarTiles->setObjectName(QStringLiteral("manifoldTilesBox"));
    connect(m_toolBarTiles, &QSpinBox::valueChanged, this, &ManifoldTool::setTilesPerSide);

    m_columnRow = new QWidget(m_context.window());
    auto* columnLayout = new QHBoxLayout(m_columnRow);
    columnLayout->setContentsMargins(4, 0, 4, 0);
    m_columnBox = new QComboBox(m_columnRow);
    m_columnBox->setObjectName(QStringLiteral("manifoldColumnBox"));
    m_columnBox->setToolTip(tr("The decoded column that colours the latent plane (a table's "
                               "manifold grid)"));
    m_columnBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* columnLabel = new QLabel(tr("Colour by:"), m_columnRow);
    columnLabel->setBuddy(m_columnBox);
    columnLayout->addWidget(columnLabel);
    columnLayout->addWidget(m_columnBox);
    connect(m_columnBox, &QComboBox::currentIndexChanged, this, &ManifoldTool::setHeatColumn);

    m_context.addSeparator(ToolContext::Place::ExploreMenu);
    m_context.addAction(m_gridAction, ToolContext::Place::Explore);
    m_context.addToolBarWidget(m_toolBarTiles);
    m_context.addToolBarWidget(m_columnRow);
    connect(&m_context, &ToolContext::dataLoaded, this, &ManifoldTool::updateColumns);
    // Tiles of a model that went with the old data (a table's heat map over images, say) go too.
    connect(&m_context, &ToolContext::dataReplaced, this, [this] {
        if (m_grid && m_grid->tiles().grid && m_grid->tiles().grid->model != m_context.model()) {
            m_grid->clearTiles();
            updateHeatMap();
            schedule(Plane, 0);
        }
    });
    updateColumns();
}

void ManifoldTool::updateColumns()
{
    const vae::DataDescription& d = m_context.dataDescription();
    const bool table = ExampleImage::isTable(d);
    QStringList names;
    if (table)
        for (int i = 0; i < d.inputSize(); ++i)
            names << (std::size_t(i) < d.featureNames.size()
                          ? QString::fromStdString(d.featureNames[std::size_t(i)])
                          : tr("column %1").arg(i + 1));
    QStringList old;
    for (int i = 0; i < m_columnBox->count(); ++i)
        old << m_columnBox->itemText(i);
    if (names != old) {
        const QSignalBlocker blocker(m_columnBox);
        m_columnBox->clear();
        m_columnBox->addItems(names);
        m_heatColumn = 0;
        m_columnBox->setCurrentIndex(names.isEmpty() ? -1 : 0);
    }
    // Only the box's children hide: a toolbar shows a widget as long as its action is visible.
    for (QWidget* child : m_columnRow->findChildren<QWidget*>())
        child->setVisible(table);
    m_gridAction->setToolTip(table ? tr("Colour the latent plane by a decoded column (Ctrl+M)")
                                   : tr("Draw decoded images under the latent points (Ctrl+M)"));
}

void ManifoldTool::setHeatColumn(int column)
{
    if (column < 0 || column == m_heatColumn)
        return;
    m_heatColumn = column;
    if (m_columnBox->currentIndex() != column) {
        const QSignalBlocker blocker(m_columnBox);
        m_columnBox->setCurrentIndex(column);
    }
    updateHeatMap();
}

void ManifoldTool::updateHeatMap()
{
    if (!m_heat || !m_plot)
        return;
    const std::shared_ptr<const TileGrid> grid = m_grid ? m_grid->tiles().grid : nullptr;
    const bool show = m_gridShown && grid && grid->shape.isTable() &&
                      m_heatColumn < grid->shape.values();
    QCPLayoutGrid* side = m_plot->sideColumn();
    if (show != (m_colourScale->layout() != nullptr)) {
        if (show) {
            side->addElement(side->rowCount(), 0, m_colourScale);
        } else {
            side->take(m_colourScale);
            side->simplify();
        }
    }
    m_heat->setVisible(show);
    if (show) {
        const int n = grid->cols;
        const QRectF& r = m_grid->tiles().region;
        const double dx = r.width() / n;
        const double dy = r.height() / n;
        // Tile (row, c) is at z₂ = bottom − (row + ½)·dy: value index n − 1 − row.
        auto* data = new QCPColorMapData(n, n, QCPRange(r.left() + dx / 2, r.right() - dx / 2),
                                         QCPRange(r.top() + dy / 2, r.bottom() - dy / 2));
        for (int row = 0; row < n; ++row)
            for (int c = 0; c < n; ++c)
                data->setCell(c, n - 1 - row, tileValue(*grid, row * n + c, m_heatColumn));
        m_heat->setData(data); // takes ownership
        m_heat->setColorScale(m_colourScale);
        m_heat->rescaleDataRange(true);
        m_colourScale->axis()->setLabel(m_columnBox->itemText(m_heatColumn));
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QImage ManifoldTool::heatImage(const TileGrid& grid, int column, int scale)
{
    if (!grid.shape.isTable() || column < 0 || column >= grid.shape.values() || grid.count() == 0)
        return {};
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    for (int t = 0; t < grid.count(); ++t) {
        low = std::min(low, tileValue(grid, t, column));
        high = std::max(high, tileValue(grid, t, column));
    }
    QCPColorGradient gradient = heatGradient(false);
    QImage image(grid.cols * scale, grid.rows * scale, QImage::Format_RGB32);
    QPainter painter(&image);
    for (int row = 0; row < grid.rows; ++row) {
        for (int c = 0; c < grid.cols; ++c) {
            const double value = tileValue(grid, row * grid.cols + c, column);
            painter.fillRect(c * scale, row * scale, scale, scale,
                             QColor::fromRgb(gradient.color(value, QCPRange(low, high))));
        }
    }
    return image;
}

void ManifoldTool::buildPanel()
{
    m_dock = new QDockWidget(tr("Prior Quantile Manifold"), m_context.window());
    m_dock->setObjectName(QStringLiteral("manifoldQuantileDock"));
    auto* panel = new QWidget(m_dock);
    auto* layout = new QVBoxLayout(panel);
    m_view = new TileGridView(panel);
    m_view->clear(tr("Train or open a model to see its manifold."));
    layout->addWidget(m_view);

    auto* row = new QHBoxLayout;
    auto* tilesLabel = new QLabel(tr("&Tiles:"), panel);
    m_panelTiles = new TileCountBox(panel);
    tilesLabel->setBuddy(m_panelTiles);
    connect(m_panelTiles, &QSpinBox::valueChanged, this, &ManifoldTool::setTilesPerSide);
    auto* exportButton = new QPushButton(tr("E&xport PNG…"), panel);
    exportButton->setToolTip(tr("Save this grid as a PNG, one pixel per image pixel"));
    connect(exportButton, &QPushButton::clicked, this, [this] { askAndExport(Quantile); });
    row->addWidget(tilesLabel);
    row->addWidget(m_panelTiles);
    row->addStretch(1);
    row->addWidget(exportButton);
    layout->addLayout(row);

    m_note = new QLabel(panel);
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_note);
    layout->addWidget(makeExplanation(
        tr("The decoder maps the whole latent plane onto images. This grid decodes "
           "z<sub>k</sub> = Φ<sup>−1</sup>((k − ½)/n) on each axis (Φ: the standard normal CDF), "
           "so every tile stands for the same prior probability 1/n² of p(z) = N(0, I): the "
           "tiles show where the prior puts its mass, not its empty tails. The Manifold Grid "
           "(Ctrl+M) instead decodes evenly spaced points under the latent plot."),
        panel));
    layout->addStretch(1);
    m_dock->setWidget(panel);

    QAction* toggle = m_dock->toggleViewAction();
    toggle->setIconText(tr("Quantiles"));
    toggle->setToolTip(
        tr("Decoded images at the prior's quantiles, Kingma & Welling's Fig. 4 (Ctrl+Shift+M)"));
    // Shown from a tab behind another dock: bring it to the front.
    connect(toggle, &QAction::triggered, m_dock, [this](bool on) {
        if (on)
            m_dock->raise();
    });
    connect(m_dock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            catchUp(Quantile);
    });

    m_context.addDock(m_dock, Qt::RightDockWidgetArea, tr("Prior &Quantile Manifold"),
                      Qt::CTRL | Qt::SHIFT | Qt::Key_M,
                      tr("A panel with the decoder's images at the quantiles of the prior "
                         "N(0, I) (Ctrl+Shift+M)"));
    m_context.addAction(m_exportAction, ToolContext::Place::ExploreMenu);
}

ManifoldGrid* ManifoldTool::grid() const
{
    return m_grid;
}

QAction* ManifoldTool::quantileAction() const
{
    return m_dock->toggleViewAction();
}

std::shared_ptr<const TileGrid> ManifoldTool::quantileGrid() const
{
    return m_view->grid();
}

void ManifoldTool::readSettings()
{
    if (!m_context.options().useSettings)
        return;
    const QSettings settings;
    // Both read before either is applied: applying one writes both.
    const int tiles = settings.value(kTilesKey, kDefaultTiles).toInt();
    const bool shown = settings.value(kGridKey, false).toBool();
    setTilesPerSide(tiles);
    setGridShown(shown);
}

void ManifoldTool::writeSettings() const
{
    if (!m_context.options().useSettings)
        return;
    QSettings settings;
    settings.setValue(kGridKey, m_gridShown);
    settings.setValue(kTilesKey, m_tilesPerSide);
}

void ManifoldTool::setGridShown(bool shown)
{
    if (shown != m_gridAction->isChecked())
        m_gridAction->setChecked(shown); // comes back here through toggled()
    if (shown == m_gridShown)
        return;
    m_gridShown = shown;
    writeSettings();
    updateNotes();
    if (!m_grid)
        return;
    m_grid->setVisible(shown);
    if (shown) {
        catchUp(Plane);
    } else {
        m_channels[Plane].timer.stop();
        m_channels[Plane].pending = false;
        m_grid->clearTiles();
        updateHeatMap();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void ManifoldTool::setTilesPerSide(int n)
{
    n = std::clamp(n, kMinTiles, kMaxTiles);
    for (QSpinBox* box : {m_toolBarTiles, m_panelTiles}) {
        if (box && box->value() != n) {
            const QSignalBlocker blocker(box);
            box->setValue(n);
        }
    }
    if (n == m_tilesPerSide)
        return;
    m_tilesPerSide = n;
    writeSettings();
    schedule(Plane, 0);
    schedule(Quantile, 0);
}

void ManifoldTool::setQuantilePanelShown(bool shown)
{
    m_dock->setVisible(shown);
    if (shown)
        m_dock->raise();
}

// ---------------------------------------------------------------------------------------------
// Refresh scheduling

bool ManifoldTool::isActive(Kind kind) const
{
    if (!m_context.model() || m_context.isWindowMinimized())
        return false;
    if (kind == Plane)
        return m_gridShown && m_plot && m_grid && m_plot->isVisible();
    return m_dock->isVisible();
}

void ManifoldTool::onModelChanged()
{
    updateNotes();
    scheduleThrottled(Plane);
    scheduleThrottled(Quantile);
}

void ManifoldTool::onViewChanged()
{
    // While the view follows the data, a new snapshot moves it several times a second: that is
    // the model changing, not the user looking elsewhere.
    if (m_plot && m_plot->followsData())
        scheduleThrottled(Plane);
    else
        schedule(Plane, kViewDelayMs);
}

bool ManifoldTool::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_watchedPlot && event->type() == QEvent::Resize)
        schedule(Plane, kViewDelayMs);
    else if (watched == m_watchedPlot && event->type() == QEvent::Show)
        catchUp(Plane);
    return QObject::eventFilter(watched, event);
}

void ManifoldTool::catchUp(Kind kind)
{
    Channel& channel = m_channels[kind];
    const std::shared_ptr<const TileGrid> shown =
        kind == Plane ? (m_grid ? m_grid->tiles().grid : nullptr) : m_view->grid();
    if (channel.stale || !shown || shown->model != m_context.model())
        schedule(kind, 0);
}

void ManifoldTool::schedule(Kind kind, int delayMs)
{
    Channel& channel = m_channels[kind];
    if (!isActive(kind)) {
        channel.stale = true;
        return;
    }
    if (channel.timer.isActive() && channel.timer.remainingTime() <= delayMs)
        return;
    channel.timer.start(delayMs);
}

void ManifoldTool::scheduleThrottled(Kind kind)
{
    const Channel& channel = m_channels[kind];
    const double interval = std::max<double>(kMinModelIntervalMs, kDutyFactor * channel.lastMs);
    const double elapsed = channel.sinceStart.isValid() ? double(channel.sinceStart.elapsed())
                                                        : std::numeric_limits<double>::infinity();
    const int delay = static_cast<int>(std::max(0.0, interval - elapsed));
    // An earlier refresh that is already due stays due.
    if (channel.timer.isActive())
        return;
    schedule(kind, delay);
}

ManifoldTool::Request ManifoldTool::request(Kind kind) const
{
    Request request;
    request.kind = kind;
    request.model = m_context.model();
    request.n = m_tilesPerSide;
    if (kind == Plane && m_plot) {
        const QCPRange x = m_plot->xAxis->range();
        const QCPRange y = m_plot->yAxis->range();
        request.region = QRectF(QPointF(x.lower, y.lower), QPointF(x.upper, y.upper));
        const QRect area = m_plot->axisRect()->rect();
        const double ratio = m_plot->devicePixelRatioF();
        request.pixels = QSize(static_cast<int>(std::lround(area.width() * ratio)),
                               static_cast<int>(std::lround(area.height() * ratio)));
    }
    return request;
}

void ManifoldTool::start(Kind kind)
{
    Channel& channel = m_channels[kind];
    if (!isActive(kind)) {
        channel.stale = true;
        return;
    }
    if (channel.watcher.isRunning()) {
        channel.pending = true;
        return;
    }
    const Request next = request(kind);
    if (kind == Plane &&
        (next.pixels.isEmpty() || !(next.region.width() > 0) || !(next.region.height() > 0))) {
        channel.stale = true; // not laid out yet: the first resize catches up
        return;
    }
    channel.stale = false;
    channel.pending = false;
    channel.sinceStart.start();
    channel.watcher.setFuture(QtConcurrent::run(&ManifoldTool::compute, next));
}

ManifoldTool::Result ManifoldTool::compute(const Request& request)
{
    QElapsedTimer timer;
    timer.start();
    Result result;
    result.kind = request.kind;
    result.region = request.region;
    try {
        const QRectF& r = request.region;
        const std::vector<float> points =
            request.kind == Plane
                ? vae::planeGrid(r.left(), r.right(), r.top(), r.bottom(), request.n)
                : vae::priorQuantileGrid(request.n);
        auto grid = std::make_shared<TileGrid>(
            decodeTiles(request.model, vae::embedInLatent(points, request.model->latentDim()),
                        request.n, request.n));
        if (request.kind == Plane && !request.pixels.isEmpty() && !grid->shape.isTable()) {
            QElapsedTimer compose;
            compose.start();
            result.overlay = ManifoldGrid::composeOverlay(*grid, request.pixels);
            grid->imageMs += double(compose.nsecsElapsed()) / 1e6;
        }
        result.grid = std::move(grid);
    } catch (const std::exception& e) {
        result.error = QString::fromStdString(e.what());
    }
    result.ms = double(timer.nsecsElapsed()) / 1e6;
    return result;
}

void ManifoldTool::onFinished(Kind kind)
{
    Channel& channel = m_channels[kind];
    Result result = channel.watcher.result();
    channel.lastMs = result.ms;
    if (!result.error.isEmpty()) {
        reportError(tr("Cannot decode the manifold grid: %1").arg(result.error));
    } else if (kind == Plane && m_gridShown && m_grid && m_plot) {
        // Even when the view moved on meanwhile: the tiles are drawn where their region lies.
        m_grid->setTiles({std::move(result.grid), result.region, std::move(result.overlay)});
        updateHeatMap();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        ++channel.applied;
        emit gridUpdated();
    } else if (kind == Quantile) {
        m_view->setGrid(std::move(result.grid));
        ++channel.applied;
        emit quantileGridUpdated();
    }
    if (channel.pending)
        start(kind);
}

// ---------------------------------------------------------------------------------------------
// Notes, export, errors

void ManifoldTool::updateNotes()
{
    if (!m_note)
        return;
    const int dim = m_context.model() ? m_context.model()->latentDim() : 2;
    QString dims;
    if (dim > 2)
        dims = tr("The %1-D latent space is cut at (z₁, z₂): the other %2 dimensions are 0, the "
                  "prior's mean.")
                   .arg(dim)
                   .arg(dim - 2);
    else if (dim == 1)
        dims = tr("The latent space is 1-D: the tiles change along z₁ only.");
    m_note->setText(tr("Tile (r, c) decodes z = (Φ⁻¹((c + ½)/n), Φ⁻¹((n − r − ½)/n)): every tile "
                       "stands for an equal share of the prior N(0, I) (Kingma & Welling 2014, "
                       "Fig. 4).") +
                    (dims.isEmpty() ? QString() : QStringLiteral(" ") + dims));
    if (!m_plot)
        return;
    QString tip = m_plotToolTip;
    if (m_gridShown && !dims.isEmpty())
        tip += QStringLiteral("\n") + tr("Manifold grid: %1").arg(dims);
    m_plot->setToolTip(tip);
}

bool ManifoldTool::exportGrid(const QString& path)
{
    Request r = request(Plane);
    if (r.region.isEmpty()) {
        reportError(tr("Cannot export the manifold grid: the latent plot has no visible region."));
        return false;
    }
    return writeImage(r, path);
}

bool ManifoldTool::exportQuantileGrid(const QString& path)
{
    return writeImage(request(Quantile), path);
}

bool ManifoldTool::writeImage(const Request& request, const QString& path)
{
    if (!request.model) {
        reportError(tr("Nothing to export: train or open a model first."));
        return false;
    }
    Request full = request;
    full.pixels = QSize(); // the PNG is the tiles themselves, no overlay
    const Result result = compute(full);
    if (!result.error.isEmpty()) {
        reportError(tr("Cannot decode the manifold grid: %1").arg(result.error));
        return false;
    }
    const QImage image = result.grid->shape.isTable()
                             ? heatImage(*result.grid, m_heatColumn, kHeatExportScale)
                             : result.grid->image;
    if (!image.save(path, "PNG")) {
        reportError(tr("Cannot write %1.").arg(path));
        return false;
    }
    m_context.showMessage(tr("Exported %1").arg(path), kStatusMessageMs);
    return true;
}

void ManifoldTool::askAndExport(Kind kind)
{
    const QString title =
        kind == Plane ? tr("Export Manifold Grid") : tr("Export Prior Quantile Manifold");
    const QString name =
        kind == Plane ? QStringLiteral("manifold.png") : QStringLiteral("manifold-quantiles.png");
    QString path = QFileDialog::getSaveFileName(m_context.window(), title, name, tr("PNG image (*.png)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".png");
    if (kind == Plane)
        exportGrid(path);
    else
        exportQuantileGrid(path);
}

void ManifoldTool::reportError(const QString& message)
{
    m_lastError = message;
    if (!m_context.options().showDialogs) {
        m_context.showMessage(message, kStatusMessageMs);
        return;
    }
    // Window-modal and non-blocking, as the main window's own messages.
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Manifold grid"), message, QMessageBox::Ok,
                                m_context.window());
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace vae::gui
