#include "plots/latentplot.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace vae::gui {

namespace {

constexpr double kLegendPointSize = 9;
constexpr double kMargin = 0.05;

} // namespace

QColor LatentPlot::digitColor(int digit)
{
    return LatentScatter::digitColor(digit);
}

LatentPlot::LatentPlot(QWidget* parent) : QCustomPlot(parent)
{
    // The legend gets its own column right of the axes so it never hides points.
    auto* legendColumn = new QCPLayoutGrid;
    m_sideColumn = legendColumn;
    plotLayout()->addElement(0, 1, legendColumn);
    legendColumn->setMargins(QMargins(0, 0, 6, 0));
    legendColumn->addElement(0, 0, legend);
    // Explains the two kinds of dots while the training set is shown.
    m_trainingNote = new QCPTextElement(this, tr("faint dots:\ntraining set"));
    m_trainingNote->setTextColor(QColor(0x60, 0x60, 0x60));
    m_trainingNote->setTextFlags(Qt::AlignLeft | Qt::AlignTop);
    m_trainingNote->setMargins(QMargins(8, 4, 0, 0));
    m_trainingNote->setVisible(false);
    legendColumn->addElement(1, 0, m_trainingNote);
    legendColumn->addElement(2, 0, new QCPLayoutElement(this)); // pushes the legend to the top
    legendColumn->setRowStretchFactor(0, 0.01);
    legendColumn->setRowStretchFactor(1, 0.01);
    plotLayout()->setColumnStretchFactor(1, 0.001);
    legend->setVisible(true);
    legend->setFont(font());
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);

    m_scatter = new LatentScatter(xAxis, yAxis);
    m_scatter->removeFromLegend();
    // Legend keys with larger discs than the data points: data-less graphs, which cost nothing
    // to draw.
    QStringList digits;
    for (int digit = 0; digit < kDigits; ++digit)
        digits << QString::number(digit);
    setClassNames(digits);

    xAxis->setLabel(tr("z₁"));
    yAxis->setLabel(tr("z₂"));
    xAxis->setRange(-3, 3);
    yAxis->setRange(-3, 3);


    setInteraction(QCP::iRangeZoom, true);
    axisRect()->setRangeZoom(Qt::Horizontal | Qt::Vertical);
    setCursor(Qt::CrossCursor);
}

void LatentPlot::setClassNames(const QStringList& names)
{
    // The keys are the first graphs; the tools add their own after them.
    const int keys = int(std::min<qsizetype>(names.size(), kDigits));
    for (int k = graphCount(); k < keys; ++k) {
        QCPGraph* key = addGraph();
        key->setLineStyle(QCPGraph::lsNone);
        key->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssDisc, digitColor(k), kLegendPointSize));
    }
    for (int k = 0; k < std::min(graphCount(), kDigits); ++k) {
        QCPGraph* key = graph(k);
        if (k < keys) {
            key->setName(names[k]);
            key->addToLegend();
        } else {
            key->removeFromLegend();
        }
    }
    legend->setVisible(keys > 0);
    requestReplot();
}

void LatentPlot::setVectorPoints(bool vector)
{
    m_scatter->setVectorPoints(vector);
}

void LatentPlot::setSnapshot(std::shared_ptr<const vae::LatentSnapshot> snapshot)
{
    m_snapshot = std::move(snapshot);
    m_scatterDirty = true;
}

void LatentPlot::clearPoints()
{
    m_snapshot.reset();
    m_scatter->clearPoints();
    m_scatterDirty = false;
    requestReplot();
}

void LatentPlot::requestReplot()
{
    m_replotPending = true;
    replotIfDirty();
}

void LatentPlot::setShowTrainingSet(bool show)
{
    if (show == showsTrainingSet())
        return;
    m_scatter->setSetVisible(LatentScatter::TrainingSet, show);
    m_trainingNote->setVisible(show);
    // Refit (when following the data) and redraw, even if no new snapshot comes.
    m_scatterDirty = true;
    replotIfDirty();
    emit trainingSetShownChanged(show);
}

bool LatentPlot::isOnScreen() const
{
    // A minimised window's widgets still report isVisible().
    return isVisible() && !window()->isMinimized();
}

void LatentPlot::replotIfDirty()
{
    if (!(m_scatterDirty || m_replotPending) || !isOnScreen())
        return;
    if (m_scatterDirty) {
        applySnapshot();
        if (m_followData)
            fitToData();
    }
    m_scatterDirty = false;
    m_replotPending = false;
    replot(QCustomPlot::rpQueuedReplot);
}

void LatentPlot::showEvent(QShowEvent* event)
{
    QCustomPlot::showEvent(event);
    replotIfDirty();
}

void LatentPlot::applySnapshot()
{
    if (!m_snapshot) {
        m_projection.projectTest(nullptr);
        m_scatter->clearPoints();
        return;
    }
    // Aliasing pointers: the scatter reads the snapshot's arrays in place and keeps it alive.
    const std::shared_ptr<const vae::Posterior> test(m_snapshot, &m_snapshot->posterior);
    const std::shared_ptr<const std::vector<std::uint8_t>> labels(m_snapshot, &m_snapshot->labels);
    // D > 2 and another plane than (z₁, z₂): the scatter gets the projected copies instead.
    std::shared_ptr<const vae::Posterior> projected;
    try {
        projected = m_projection.projectTest(test);
    } catch (const std::exception&) {
        projected = nullptr; // a malformed snapshot: show dims 0 and 1 as before
    }
    m_scatter->setPoints(LatentScatter::TestSet, projected ? projected : test, labels);
    std::shared_ptr<const vae::Posterior> train = m_snapshot->trainPosterior;
    if (projected && train)
        train = m_projection.projectOther(*train);
    m_scatter->setPoints(LatentScatter::TrainingSet, train, m_snapshot->trainLabels);
    xAxis->setLabel(m_projection.axisLabel(0));
    yAxis->setLabel(m_projection.axisLabel(1));
}

void LatentPlot::setProjection(const ProjectionSettings& settings)
{
    if (settings == m_projection.settings())
        return;
    const bool samePlane = settings.mode == m_projection.settings().mode &&
                           settings.xDim == m_projection.settings().xDim &&
                           settings.yDim == m_projection.settings().yDim;
    m_projection.setSettings(settings);
    if (samePlane)
        return; // only the picking rule changed
    // Now, even while hidden: picking must use the new plane at once.
    applySnapshot();
    m_scatterDirty = true;
    m_followData = true;
    replotIfDirty();
}

void LatentPlot::fitToData()
{
    const std::optional<QRectF> bounds = m_scatter->bounds();
    if (!bounds)
        return;
    const double padX = std::max(bounds->width() * kMargin, 0.05);
    const double padY = std::max(bounds->height() * kMargin, 0.05);
    xAxis->setRange(bounds->left() - padX, bounds->right() + padX);
    yAxis->setRange(bounds->top() - padY, bounds->bottom() + padY);
}

void LatentPlot::resetView()
{
    m_followData = true;
    fitToData();
    requestReplot();
}

int LatentPlot::pointCount() const
{
    return m_scatter->pointCount();
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
    // Only the strips under the old and the new crosshair are repainted: a click shows its
    // decoded image without redrawing (or even re-blitting) the whole plot.
    const QRegion old = crosshairRegion();
    m_marker = QPointF(z1, z2);
    m_markerShown = true;
    update(old + crosshairRegion());
}

QRegion LatentPlot::crosshairRegion() const
{
    if (!m_markerShown)
        return {};
    const QRect area = axisRect()->rect();
    const QPoint p = latentToPixel(m_marker).toPoint();
    // Two pixels either side cover the antialiased dashes.
    return QRegion(area.left(), p.y() - 2, area.width(), 5) +
           QRegion(p.x() - 2, area.top(), 5, area.height());
}

void LatentPlot::paintEvent(QPaintEvent* event)
{
    const QRegion& region = event->region();
    if (region.rectCount() > 1 && qFuzzyCompare(mBufferDevicePixelRatio, devicePixelRatioF())) {
        // A crosshair move repaints two thin strips. Painting QCustomPlot's buffers clipped to
        // their union (a non-rectangular region) took ~0.3 ms, as long as the whole plot; one
        // rectangle at a time is a few hundredths. What is drawn is QCustomPlot::paintEvent's.
        QCPPainter painter(this);
        for (const QRect& rect : region) {
            painter.setClipRect(rect);
            if (mBackgroundBrush.style() != Qt::NoBrush)
                painter.fillRect(rect, mBackgroundBrush);
            drawBackground(&painter);
            for (const QSharedPointer<QCPAbstractPaintBuffer>& buffer : mPaintBuffers)
                buffer->draw(&painter);
        }
    } else {
        QCustomPlot::paintEvent(event);
    }
    if (!m_markerShown)
        return;
    QPainter painter(this);
    const QRect area = axisRect()->rect();
    painter.setClipRect(area);
    painter.setPen(QPen(QColor(0, 0, 0, 150), 1, Qt::DashLine));
    const QPointF p = latentToPixel(m_marker);
    // On pixel centres, so the 1-pixel line is crisp.
    const double x = std::floor(p.x()) + 0.5;
    const double y = std::floor(p.y()) + 0.5;
    painter.drawLine(QPointF(area.left(), y), QPointF(area.right() + 1, y));
    painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom() + 1));
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
