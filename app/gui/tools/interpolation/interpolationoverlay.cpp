#include "tools/interpolation/interpolationoverlay.h"

#include <QPolygonF>

#include <cmath>
#include <limits>

namespace vae::gui {

namespace {

// Dark ink with a white casing: readable over every digit colour and over the white background.
const QColor kInk(0x20, 0x20, 0x20);
const QColor kCasing(255, 255, 255, 210);
constexpr double kLineWidth = 2;
constexpr double kCasingWidth = 5;
constexpr double kSampleRadius = 3;

} // namespace

QString InterpolationOverlay::ensureLayer(QCustomPlot* plot)
{
    const QString name = QLatin1String(kLayerName);
    if (!plot->layer(name)) {
        plot->addLayer(name, plot->layer(QStringLiteral("main")), QCustomPlot::limAbove);
        // Its own paint buffer: a handle drag redraws a few shapes instead of the whole plot.
        plot->layer(name)->setMode(QCPLayer::lmBuffered);
    }
    return name;
}

InterpolationOverlay::InterpolationOverlay(QCustomPlot* plot)
    : QCPLayerable(plot, ensureLayer(plot))
{
    setAntialiased(true);
}

void InterpolationOverlay::setPath(std::vector<QPointF> curve, std::vector<QPointF> samples,
                                   std::optional<QPointF> a, std::optional<QPointF> b)
{
    m_curve = std::move(curve);
    m_samples = std::move(samples);
    m_a = a;
    m_b = b;
}

QPointF InterpolationOverlay::toPixel(const QPointF& z) const
{
    return {mParentPlot->xAxis->coordToPixel(z.x()), mParentPlot->yAxis->coordToPixel(z.y())};
}

int InterpolationOverlay::handleAt(const QPointF& pixel, double radius) const
{
    if (!realVisibility())
        return -1;
    int best = -1;
    double bestDistance = std::numeric_limits<double>::infinity();
    for (int which = 0; which < 2; ++which) {
        const std::optional<QPointF> z = handle(which);
        if (!z)
            continue;
        const QPointF d = toPixel(*z) - pixel;
        const double distance = std::hypot(d.x(), d.y());
        // B wins a tie: after a Shift+click on top of A, the handle just placed is the one grabbed.
        if (distance <= radius && distance <= bestDistance) {
            best = which;
            bestDistance = distance;
        }
    }
    return best;
}

void InterpolationOverlay::redraw()
{
    if (layer())
        layer()->replot();
}

QRect InterpolationOverlay::clipRect() const
{
    return mParentPlot->axisRect()->rect();
}

void InterpolationOverlay::applyDefaultAntialiasingHint(QCPPainter* painter) const
{
    applyAntialiasingHint(painter, mAntialiased, QCP::aeOther);
}

void InterpolationOverlay::draw(QCPPainter* painter)
{
    if (!m_a)
        return;
    if (m_curve.size() >= 2) {
        QPolygonF line;
        line.reserve(static_cast<int>(m_curve.size()));
        for (const QPointF& z : m_curve)
            line << toPixel(z);
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(kCasing, kCasingWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->drawPolyline(line);
        painter->setPen(QPen(kInk, kLineWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->drawPolyline(line);
    }
    painter->setPen(QPen(kInk, 1.5));
    painter->setBrush(Qt::white);
    // The first and last samples are the endpoints, under the handles.
    for (std::size_t i = 1; i + 1 < m_samples.size(); ++i)
        painter->drawEllipse(toPixel(m_samples[i]), kSampleRadius, kSampleRadius);
    drawHandle(painter, toPixel(*m_a), QStringLiteral("A"));
    if (m_b)
        drawHandle(painter, toPixel(*m_b), QStringLiteral("B"));
}

void InterpolationOverlay::drawHandle(QCPPainter* painter, const QPointF& pixel,
                                      const QString& name) const
{
    painter->setPen(QPen(kInk, 2));
    painter->setBrush(Qt::white);
    painter->drawEllipse(pixel, kHandleRadius, kHandleRadius);
    QFont font = mParentPlot->font();
    font.setBold(true);
    font.setPixelSize(11);
    painter->setFont(font);
    painter->setPen(kInk);
    const QRectF box(pixel.x() - kHandleRadius, pixel.y() - kHandleRadius, 2 * kHandleRadius,
                     2 * kHandleRadius);
    painter->drawText(box, Qt::AlignCenter, name);
}

} // namespace vae::gui
