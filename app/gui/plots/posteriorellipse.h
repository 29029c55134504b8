#pragma once

#include <qcustomplot.h>

namespace vae::gui {

/// Marks one image's posterior q_φ(z|x) on the latent plot: a cross at the mean μ and the
/// axis-aligned 1σ and 2σ ellipses of dims 0 and 1 (for a diagonal Gaussian these are the level
/// sets through μ ± σ and μ ± 2σ along each axis).
///
/// A QCPLayerable of its own rather than QCPItemEllipse: the ellipse is given by a centre and
/// radii in latent units, redrawn as the axes zoom and pan, and lives on its own buffered layer
/// ("drawPosterior", above the scatter, the axes and the legend), so moving it repaints that layer alone, not the 70,000
/// points below.
class PosteriorEllipse final : public QCPLayerable {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PosteriorEllipse)

public:
    static constexpr const char* kLayerName = "drawPosterior";

    /// Creates the layer, under the plot's "overlay" layer, if it is not there yet.
    explicit PosteriorEllipse(QCustomPlot* plot);

    /// Shows the posterior with mean (mu1, mu2) and standard deviations (sigma1, sigma2).
    void setPosterior(double mu1, double mu2, double sigma1, double sigma2);
    [[nodiscard]] QPointF mean() const { return m_mean; }
    [[nodiscard]] QPointF sigma() const { return m_sigma; }

    /// The widget rectangle of the k-σ ellipse (k = 1 or 2) at the current axis ranges.
    [[nodiscard]] QRectF ellipseRect(double k) const;

    /// Repaints just this layer (queued), or the whole plot if the layer is not buffered.
    void repaint();

protected:
    void applyDefaultAntialiasingHint(QCPPainter* painter) const override;
    void draw(QCPPainter* painter) override;
    [[nodiscard]] QRect clipRect() const override;

private:
    QPointF m_mean;
    QPointF m_sigma{1, 1};
};

} // namespace vae::gui
