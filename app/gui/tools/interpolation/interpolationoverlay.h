#pragma once

#include <qcustomplot.h>

#include <QPointF>

#include <optional>
#include <vector>

namespace vae::gui {

/// The interpolation path on the latent plot: the path as a line, a dot at each decoded point, and
/// the two endpoint handles, labelled A and B. Coordinates are latent (z₁, z₂), so the drawing
/// follows zooming and panning.
///
/// It lives on its own buffered layer ("interpolation", above the points): moving a handle redraws
/// only this layer (redraw()), not the 70,000-point scatter underneath. Being an ordinary
/// layerable, it is part of exported plots, PNG and PDF alike.
class InterpolationOverlay final : public QCPLayerable {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InterpolationOverlay)

public:
    static constexpr const char* kLayerName = "interpolation";
    /// Handle radius on screen, in pixels.
    static constexpr double kHandleRadius = 8;

    /// Registers itself with `plot` (which owns it), creating the layer if needed.
    explicit InterpolationOverlay(QCustomPlot* plot);

    /// `curve` traces the path (densely, so a spherical path looks curved), `samples` are the
    /// decoded points; `a`, `b` the handles (either may be absent).
    void setPath(std::vector<QPointF> curve, std::vector<QPointF> samples, std::optional<QPointF> a,
                 std::optional<QPointF> b);
    [[nodiscard]] const std::vector<QPointF>& curve() const { return m_curve; }
    [[nodiscard]] const std::vector<QPointF>& samples() const { return m_samples; }
    [[nodiscard]] std::optional<QPointF> handle(int which) const { return which == 0 ? m_a : m_b; }

    /// The handle (0 = A, 1 = B) within `radius` pixels of a widget pixel, the nearer one if both
    /// are; -1 if none or the overlay is hidden.
    [[nodiscard]] int handleAt(const QPointF& pixel, double radius) const;
    [[nodiscard]] QPointF toPixel(const QPointF& z) const;

    /// Redraws this layer alone (a full replot if QCustomPlot's buffers need setting up again).
    void redraw();

protected:
    [[nodiscard]] QRect clipRect() const override;
    void applyDefaultAntialiasingHint(QCPPainter* painter) const override;
    void draw(QCPPainter* painter) override;

private:
    static QString ensureLayer(QCustomPlot* plot);
    void drawHandle(QCPPainter* painter, const QPointF& pixel, const QString& name) const;

    std::vector<QPointF> m_curve;
    std::vector<QPointF> m_samples;
    std::optional<QPointF> m_a;
    std::optional<QPointF> m_b;
};

} // namespace vae::gui
