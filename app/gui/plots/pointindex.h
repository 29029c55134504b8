#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace vae::gui {

/// Nearest-point lookup over the latent scatter's points, for hover and click.
///
/// A uniform grid over the points' bounding box, about four points per cell, its points stored
/// cell by cell (counting sort, O(n) to build). A query visits only the cells that the search
/// window overlaps, so its cost follows the number of points near the cursor rather than the
/// 70,000 in the plot. Distances are measured in a scaled metric, d² = (Δx/sx)² + (Δy/sy)², so
/// that with sx, sy = latent units per screen pixel they are screen pixels, as the user sees them.
class PointIndex final {
public:
    struct Hit {
        int index = -1;      ///< position of the point in the posterior it was built from
        double distance = 0; ///< in the query's metric (pixels)
    };

    /// Indexes (μ₁, μ₂) of each of `count` rows of `mu` ([count, dim] row-major; dim 1 puts every
    /// point on μ₂ = 0). Rows whose label is ≥ `labelLimit` or whose μ is not finite are left out,
    /// as the scatter does not draw them.
    void build(std::span<const float> mu, int dim, int count, std::span<const std::uint8_t> labels,
               int labelLimit);
    void clear();
    [[nodiscard]] int size() const { return static_cast<int>(m_index.size()); }
    [[nodiscard]] bool empty() const { return m_index.empty(); }

    /// The point nearest to (x, y) if one lies within `radius`, distances measured as
    /// √((Δx/unitsX)² + (Δy/unitsY)²). Ties go to the lower index.
    [[nodiscard]] std::optional<Hit> nearest(double x, double y, double unitsX, double unitsY,
                                             double radius) const;
    /// Same answer by scanning every point: the reference for tests and the benchmark.
    [[nodiscard]] std::optional<Hit> nearestByScan(double x, double y, double unitsX, double unitsY,
                                                   double radius) const;

private:
    static constexpr int kPointsPerCell = 4;
    static constexpr int kMaxCellsPerAxis = 1024;

    double m_x0 = 0;
    double m_y0 = 0;
    double m_cellWidth = 1;
    double m_cellHeight = 1;
    int m_columns = 0;
    int m_rows = 0;
    std::vector<std::uint32_t> m_cellStart; ///< [cells + 1]: cell c holds [start[c], start[c+1])
    std::vector<float> m_x;                 ///< coordinates, cell by cell
    std::vector<float> m_y;
    std::vector<std::int32_t> m_index; ///< original row of each stored point
};

} // namespace vae::gui
