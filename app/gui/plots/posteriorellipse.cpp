#include "plots/posteriorellipse.h"

#include <algorithm>

namespace vae::gui {

namespace {

QCPLayer* ensureLayer(QCustomPlot* plot)
{
    const QString name = QString::fromLatin1(PosteriorEllipse::kLayerName);
    if (QCPLayer* layer = plot->layer(name))
        return layer;
    // Right under "overlay" (which QCustomPlot already buffers on its own) rather than right
    // above "main": the layers between keep sharing one buffer, so this adds a single buffer to
    // every repaint. The ellipse is clipped to the axis rect, so it cannot cover the axes anyway.
    QCPLayer* below = plot->layer(QStringLiteral("overlay"));
    if (below)
        plot->addLayer(name, below, QCustomPlot::limBelow);
    else
        plot->addLayer(name, plot->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    QCPLayer* layer = plot->layer(name);
    layer->setMode(QCPLayer::lmBuffered);
    return layer;
}

} // namespace

PosteriorEllipse::PosteriorEllipse(QCustomPlot* plot) : QCPLayerable(plot, QString(), nullptr)
{
    setLayer(ensureLayer(plot));
    setAntialiased(true);
}

void PosteriorEllipse::setPosterior(double mu1, double mu2, double sigma1, double sigma2)
{
    m_mean = QPointF(mu1, mu2);
    m_sigma = QPointF(sigma1, sigma2);
}

QRectF PosteriorEllipse::ellipseRect(double k) const
{
    const QCPAxis* x = parentPlot()->xAxis;
    const QCPAxis* y = parentPlot()->yAxis;
    const QPointF a(x->coordToPixel(m_mean.x() - k * m_sigma.x()),
                    y->coordToPixel(m_mean.y() + k * m_sigma.y()));
    const QPointF b(x->coordToPixel(m_mean.x() + k * m_sigma.x()),
                    y->coordToPixel(m_mean.y() - k * m_sigma.y()));
    return QRectF(a, b).normalized();
}

void PosteriorEllipse::repaint()
{
    if (layer() && layer()->mode() == QCPLayer::lmBuffered)
        layer()->replot();
    else
        parentPlot()->replot(QCustomPlot::rpQueuedReplot);
}

void PosteriorEllipse::applyDefaultAntialiasingHint(QCPPainter* painter) const
{
    applyAntialiasingHint(painter, mAntialiased, QCP::aeItems);
}

QRect PosteriorEllipse::clipRect() const
{
    return parentPlot()->axisRect()->rect();
}

void PosteriorEllipse::draw(QCPPainter* painter)
{
    // Two-tone lines (a white halo under a dark stroke) stay visible over points of any colour.
    const QColor ink(20, 20, 20);
    const QColor halo(255, 255, 255, 200);
    painter->setBrush(QColor(255, 255, 255, 40));
    for (const double k : {2.0, 1.0}) {
        const QRectF r = ellipseRect(k);
        painter->setPen(QPen(halo, 4));
        painter->drawEllipse(r);
        painter->setPen(QPen(ink, 2, k > 1.5 ? Qt::DashLine : Qt::SolidLine));
        painter->drawEllipse(r);
        painter->setBrush(Qt::NoBrush);
    }
    const QPointF c(parentPlot()->xAxis->coordToPixel(m_mean.x()),
                    parentPlot()->yAxis->coordToPixel(m_mean.y()));
    constexpr double kArm = 7;
    for (const auto& [pen, width] : {std::pair{halo, 5.0}, std::pair{ink, 2.0}}) {
        painter->setPen(QPen(pen, width, Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(QPointF(c.x() - kArm, c.y() - kArm), QPointF(c.x() + kArm, c.y() + kArm));
        painter->drawLine(QPointF(c.x() - kArm, c.y() + kArm), QPointF(c.x() + kArm, c.y() - kArm));
    }
}

} // namespace vae::gui
