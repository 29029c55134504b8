#pragma once

#include <qcustomplot.h>

namespace vae::gui {

/// A ring around one point of the latent scatter: marks the point the Inspector shows.
///
/// A fixed size in pixels, whatever the zoom, drawn as a dark ring on a white halo so it reads on
/// any digit colour and on the white background alike. It lives on QCustomPlot's buffered
/// "overlay" layer: moving it redraws that layer alone (layer("overlay")->replot()), not the
/// 70,000-point scatter underneath. Not selectable, and clipped to the axis rect.
class SelectionRing final : public QCPAbstractItem {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SelectionRing)

public:
    /// Registers itself with `plot` (which owns it) on the plot's default axes.
    explicit SelectionRing(QCustomPlot* plot);

    /// The ring's centre, in plot (latent) coordinates.
    QCPItemPosition* const center;

    static constexpr double kRadius = 7.5; ///< pixels, at device pixel ratio 1

    // QCPAbstractItem
    double selectTest(const QPointF& pos, bool onlySelectable,
                      QVariant* details = nullptr) const override;

protected:
    void draw(QCPPainter* painter) override;
};

} // namespace vae::gui
