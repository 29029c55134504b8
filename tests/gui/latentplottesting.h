#pragma once

// Helpers for tests that read the latent plot's pixels (test_scatter, test_colour_by).

#include "plots/latentplot.h"

#include <QImage>

#include <cmath>

namespace vae::gui::test {

/// The plot's pixel under latent point z, in an image rendered at the widget's size.
inline QPoint pixelOf(const LatentPlot& plot, QPointF z)
{
    const QPointF p = plot.latentToPixel(z);
    return {int(std::floor(p.x())), int(std::floor(p.y()))};
}

/// A shown plot without grid lines, so every pixel off the points is the white background.
inline void prepare(LatentPlot& plot, int width, int height)
{
    plot.resize(width, height);
    plot.xAxis->grid()->setVisible(false);
    plot.yAxis->grid()->setVisible(false);
    plot.show();
}

/// The plot replotted now, as an RGB image at the widget's size.
inline QImage render(LatentPlot& plot)
{
    plot.replot(QCustomPlot::rpImmediateRefresh);
    return plot.toPixmap(0, 0, 1.0).toImage().convertToFormat(QImage::Format_RGB32);
}

} // namespace vae::gui::test
