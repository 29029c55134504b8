#include "latentplot.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace vae::gui {

namespace {

// Matplotlib's "tab10": ten hues that stay distinguishable on white and for common colour-vision
// deficiencies, and the palette most MNIST latent plots use.
constexpr std::array<QRgb, LatentPlot::kDigits> kPalette{0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728,
                                                         0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f,
                                                         0xbcbd22, 0x17becf};

// Small enough that 10,000 points still show their density, large enough to see the colour.
constexpr double kPointSize = 3.5;
constexpr double kLegendPointSize = 9;
constexpr double kMargin = 0.05;

/// One antialiased disc, drawn once: blitting it per point is several times faster than
/// QPainter::drawEllipse (which flattens a Bézier path for every point).
QPixmap discPixmap(const QColor& color)
{
    const int side = static_cast<int>(std::ceil(kPointSize)) + 2;
    QPixmap pixmap(side, side);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QPointF(side / 2.0, side / 2.0), kPointSize / 2, kPointSize / 2);
    return pixmap;
}

} // namespace

QColor LatentPlot::digitColor(int digit)
{
    return QColor::fromRgb(kPalette[static_cast<std::size_t>(digit)]);
}

LatentPlot::LatentPlot(QWidget* parent) : QCustomPlot(parent)
{
    // The legend gets its own column right of the axes so it never hides points.
    auto* legendColumn = new QCPLayoutGrid;
    plotLayout()->addElement(0, 1, legendColumn);
    legendColumn->setMargins(QMargins(0, 0, 6, 0));
    legendColumn->addElement(0, 0, legend);
    legendColumn->addElement(1, 0, new QCPLayoutElement(this)); // pushes the legend to the top
    legendColumn->setRowStretchFactor(0, 0.01);
    plotLayout()->setColumnStretchFactor(1, 0.001);
    legend->setVisible(true);
    legend->setFont(font());
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);

    for (int digit = 0; digit < kDigits; ++digit) {
        m_digits[digit] = addGraph();
        m_digits[digit]->setName(QString::number(digit));
        m_digits[digit]->setLineStyle(QCPGraph::lsNone);
        m_digits[digit]->setScatterStyle(QCPScatterStyle(discPixmap(digitColor(digit))));
        m_digits[digit]->removeFromLegend();
    }
    // Legend keys with larger discs than the data points; they hold no data.
    for (int digit = 0; digit < kDigits; ++digit) {
        QCPGraph* key = addGraph();
        key->setName(QString::number(digit));
        key->setLineStyle(QCPGraph::lsNone);
        key->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssDisc, digitColor(digit), kLegendPointSize));
    }

    xAxis->setLabel(tr("z₁"));
    yAxis->setLabel(tr("z₂"));
    xAxis->setRange(-3, 3);
    yAxis->setRange(-3, 3);

    // The crosshair sits on a buffered layer of its own: dragging it repaints one layer, not
    // 10,000 points.
    addLayer(QStringLiteral("crosshair"), layer(QStringLiteral("main")), QCustomPlot::limAbove);
    m_overlay = layer(QStringLiteral("crosshair"));
    m_overlay->setMode(QCPLayer::lmBuffered);
    connect(this, &QCustomPlot::afterReplot, this, [this] { m_replotted = true; });
    m_crosshair = new QCPItemTracer(this);
    m_crosshair->setLayer(m_overlay);
    m_crosshair->setStyle(QCPItemTracer::tsCrosshair);
    m_crosshair->setPen(QPen(QColor(0, 0, 0, 150), 1, Qt::DashLine));
    m_crosshair->position->setType(QCPItemPosition::ptPlotCoords);
    m_crosshair->setVisible(false);

    setInteraction(QCP::iRangeZoom, true);
    axisRect()->setRangeZoom(Qt::Horizontal | Qt::Vertical);
    setCursor(Qt::CrossCursor);
}

void LatentPlot::setVectorPoints(bool vector)
{
    for (int digit = 0; digit < kDigits; ++digit) {
        m_digits[digit]->setScatterStyle(
            vector ? QCPScatterStyle(QCPScatterStyle::ssDisc, digitColor(digit), kPointSize)
                   : QCPScatterStyle(discPixmap(digitColor(digit))));
    }
}

void LatentPlot::setSnapshot(std::shared_ptr<const vae::LatentSnapshot> snapshot)
{
    m_snapshot = std::move(snapshot);
    m_scatterDirty = true;
}

void LatentPlot::clearPoints()
{
    m_snapshot.reset();
    for (QCPGraph* graph : m_digits)
        graph->data()->clear();
    m_scatterDirty = false;
    replot(QCustomPlot::rpQueuedReplot);
}

void LatentPlot::replotIfDirty()
{
    if (!m_scatterDirty || !isVisible())
        return;
    m_scatterDirty = false;
    rebuildScatter();
    if (m_followData)
        fitToData();
    replot(QCustomPlot::rpQueuedReplot);
}

void LatentPlot::showEvent(QShowEvent* event)
{
    QCustomPlot::showEvent(event);
    replotIfDirty();
}

void LatentPlot::rebuildScatter()
{
    std::array<QVector<QCPGraphData>, kDigits> points;
    if (m_snapshot) {
        const vae::Posterior& posterior = m_snapshot->posterior;
        const std::size_t dim = static_cast<std::size_t>(posterior.dim);
        for (auto& digitPoints : points)
            digitPoints.reserve(posterior.count / kDigits + 64);
        for (int i = 0; i < posterior.count; ++i) {
            const int label = m_snapshot->labels[static_cast<std::size_t>(i)];
            if (label < 0 || label >= kDigits)
                continue;
            const std::size_t row = static_cast<std::size_t>(i) * dim;
            // A 1-D latent space is drawn on the line z₂ = 0.
            const double z2 = dim > 1 ? posterior.mu[row + 1] : 0.0;
            points[static_cast<std::size_t>(label)].push_back(QCPGraphData(posterior.mu[row], z2));
        }
    }
    for (int digit = 0; digit < kDigits; ++digit) {
        auto& digitPoints = points[static_cast<std::size_t>(digit)];
        // QCPGraph keeps its data sorted by key; sorting here lets set() skip its own pass.
        std::sort(digitPoints.begin(), digitPoints.end(), qcpLessThanSortKey<QCPGraphData>);
        m_digits[digit]->data()->set(digitPoints, /*alreadySorted=*/true);
    }
}

void LatentPlot::fitToData()
{
    double minX = std::numeric_limits<double>::infinity();
    double maxX = -minX;
    double minY = minX;
    double maxY = -minX;
    for (QCPGraph* graph : m_digits) {
        for (const QCPGraphData& point : *graph->data()) {
            minX = std::min(minX, point.key);
            maxX = std::max(maxX, point.key);
            minY = std::min(minY, point.value);
            maxY = std::max(maxY, point.value);
        }
    }
    if (!(minX <= maxX))
        return;
    const double padX = std::max((maxX - minX) * kMargin, 0.05);
    const double padY = std::max((maxY - minY) * kMargin, 0.05);
    xAxis->setRange(minX - padX, maxX + padX);
    yAxis->setRange(minY - padY, maxY + padY);
}

void LatentPlot::resetView()
{
    m_followData = true;
    fitToData();
    replot(QCustomPlot::rpQueuedReplot);
}

int LatentPlot::pointCount() const
{
    int count = 0;
    for (const QCPGraph* graph : m_digits)
        count += graph->dataCount();
    return count;
}

QPointF LatentPlot::pixelToLatent(const QPointF& pixel) const
{
    return {xAxis->pixelToCoord(pixel.x()), yAxis->pixelToCoord(pixel.y())};
}

QPointF LatentPlot::latentToPixel(const QPointF& z) const
{
    return {xAxis->coordToPixel(z.x()), yAxis->coordToPixel(z.y())};
}

void LatentPlot::setMarker(double z1, double z2)
{
    m_marker = QPointF(z1, z2);
    m_crosshair->position->setCoords(z1, z2);
    m_crosshair->setVisible(true);
    // A layer can repaint alone only once a full replot has given it a paint buffer.
    if (m_replotted)
        m_overlay->replot();
    else
        replot(QCustomPlot::rpQueuedReplot);
}

void LatentPlot::pick(const QPointF& pixel)
{
    const QPointF z = pixelToLatent(pixel);
    emit pointPicked(z.x(), z.y());
}

void LatentPlot::mousePressEvent(QMouseEvent* event)
{
    // QCustomPlot's own press handling is skipped: its range drag is tied to the left button,
    // which here is for decoding.
    const QPointF pos = event->position();
    if (event->button() == Qt::LeftButton && axisRect()->rect().contains(pos.toPoint())) {
        m_picking = true;
        pick(pos);
        event->accept();
    } else if (event->button() == Qt::RightButton || event->button() == Qt::MiddleButton) {
        m_panning = true;
        m_panStart = pos;
        m_panStartX = xAxis->range();
        m_panStartY = yAxis->range();
        setCursor(Qt::ClosedHandCursor);
        event->accept();
    } else {
        event->ignore();
    }
}

void LatentPlot::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF pos = event->position();
    if (m_picking && (event->buttons() & Qt::LeftButton)) {
        pick(pos);
    } else if (m_panning) {
        // Shift from the ranges at the press, so rounding does not accumulate over a long drag.
        xAxis->setRange(m_panStartX);
        yAxis->setRange(m_panStartY);
        const double dx = xAxis->pixelToCoord(m_panStart.x()) - xAxis->pixelToCoord(pos.x());
        const double dy = yAxis->pixelToCoord(m_panStart.y()) - yAxis->pixelToCoord(pos.y());
        xAxis->setRange(m_panStartX.lower + dx, m_panStartX.upper + dx);
        yAxis->setRange(m_panStartY.lower + dy, m_panStartY.upper + dy);
        m_followData = false;
        replot(QCustomPlot::rpQueuedReplot);
    }
    event->accept();
}

void LatentPlot::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        m_picking = false;
    if ((event->button() == Qt::RightButton || event->button() == Qt::MiddleButton) && m_panning) {
        m_panning = false;
        setCursor(Qt::CrossCursor);
    }
    event->accept();
}

void LatentPlot::mouseDoubleClickEvent(QMouseEvent* event)
{
    resetView();
    event->accept();
}

void LatentPlot::wheelEvent(QWheelEvent* event)
{
    QCustomPlot::wheelEvent(event);
    m_followData = false;
}

} // namespace vae::gui
