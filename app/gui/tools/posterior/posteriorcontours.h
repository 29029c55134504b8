#pragma once

#include <qcustomplot.h>

#include <QLineF>
#include <QPolygonF>

#include <span>
#include <vector>

namespace vae::gui {

/// Highest-density contours of a density given on a grid: the level t_p whose superlevel set
/// {z : p(z) ≥ t_p} holds a share p of the mass, traced by marching squares.
///
/// For a 2-D Gaussian the 1σ and 2σ ellipses are exactly such contours, with p = 1 − e^(−1/2)
/// ≈ 39.3 % and p = 1 − e^(−2) ≈ 86.5 % (kOneSigmaMass, kTwoSigmaMass): drawn at those shares, the
/// true posterior's contours compare like for like with q_φ(z|x)'s ellipses.
struct DensityContours {
    static constexpr double kOneSigmaMass = 0.39346934028736658;
    static constexpr double kTwoSigmaMass = 0.8646647167633873;

    /// The density level whose superlevel set holds `mass` (in (0, 1)) of `density` [n·n], cells
    /// of equal area: half-way between the smallest cell value that the set needs and the next
    /// one. 0 for an empty or all-zero grid.
    [[nodiscard]] static double levelForMass(std::span<const double> density, double mass);

    /// Line segments of the contour at `level` through the n × n cell-centre values `density`
    /// (row r, column c at index r·n + c; row 0 at z₂ = z2First, column 0 at z₁ = z1First, steps
    /// dz1, dz2), in latent coordinates. Linear interpolation along cell edges; saddle cells are
    /// resolved by the centre's mean value.
    [[nodiscard]] static std::vector<QLineF> trace(std::span<const double> density, int n,
                                                   double level, double z1First, double z2First,
                                                   double dz1, double dz2);

    /// Joins trace()'s segments into polylines (neighbouring cells share their crossing points
    /// exactly), so that a dashed pen runs along a contour instead of restarting in every cell.
    [[nodiscard]] static std::vector<QPolygonF> chain(const std::vector<QLineF>& segments);
};

/// Draws contour segments (latent coordinates) on the latent plot: a light halo under a coloured
/// line, solid or dashed. Lives on a layer given by the caller.
class ContourLines final : public QCPLayerable {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContourLines)

public:
    ContourLines(QCustomPlot* plot, QCPLayer* layer);

    /// One contour: its segments and its pen style.
    struct Contour {
        std::vector<QPolygonF> lines; ///< latent coordinates
        Qt::PenStyle style = Qt::SolidLine;
    };
    void setContours(std::vector<Contour> contours);
    [[nodiscard]] const std::vector<Contour>& contours() const { return m_contours; }
    void setColor(const QColor& color) { m_color = color; }

protected:
    void applyDefaultAntialiasingHint(QCPPainter* painter) const override;
    void draw(QCPPainter* painter) override;
    [[nodiscard]] QRect clipRect() const override;

private:
    std::vector<Contour> m_contours;
    QColor m_color{230, 60, 20};
};

} // namespace vae::gui
