#include "tools/inspector/selectionring.h"

namespace vae::gui {

SelectionRing::SelectionRing(QCustomPlot* plot)
    : QCPAbstractItem(plot), center(createPosition(QStringLiteral("center")))
{
    center->setType(QCPItemPosition::ptPlotCoords);
    center->setAxes(plot->xAxis, plot->yAxis);
    setSelectable(false);
    setLayer(QStringLiteral("overlay"));
}

double SelectionRing::selectTest(const QPointF&, bool, QVariant*) const
{
    return -1; // a marker, not something to click
}

void SelectionRing::draw(QCPPainter* painter)
{
    const QPointF c = center->pixelPosition();
    // Skip when far outside the view; the painter clips the rest.
    if (!clipRect().adjusted(-20, -20, 20, 20).contains(c.toPoint()))
        return;
    painter->setBrush(Qt::NoBrush);
    painter->setPen(QPen(QColor(255, 255, 255, 230), 4.5));
    painter->drawEllipse(c, kRadius, kRadius);
    painter->setPen(QPen(QColor(20, 20, 20), 2.0));
    painter->drawEllipse(c, kRadius, kRadius);
}

} // namespace vae::gui
