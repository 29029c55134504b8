#include "plots/pointindex.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace vae::gui {

namespace {

/// The closest point so far within the search radius. Ties go to the smaller index, so that the
/// grid lookup and the full scan give the same answer.
struct Closest {
    double best2; ///< squared distance to beat (starts at radius²)
    int index = -1;

    void consider(double d2, int i)
    {
        if (d2 < best2 || (d2 == best2 && (index < 0 || i < index))) {
            best2 = d2;
            index = i;
        }
    }
    [[nodiscard]] std::optional<PointIndex::Hit> hit() const
    {
        if (index < 0)
            return std::nullopt;
        return PointIndex::Hit{index, std::sqrt(best2)};
    }
};

} // namespace

void PointIndex::clear()
{
    m_columns = m_rows = 0;
    m_cellStart.clear();
    m_x.clear();
    m_y.clear();
    m_index.clear();
}

void PointIndex::build(std::span<const float> mu, int dim, int count,
                       std::span<const std::uint8_t> labels, int labelLimit)
{
    clear();
    if (dim < 1 || count <= 0 || mu.size() < std::size_t(count) * std::size_t(dim) ||
        labels.size() < std::size_t(count))
        return;
    const auto coordinates = [&](int i) {
        const std::size_t row = std::size_t(i) * std::size_t(dim);
        return std::pair<float, float>(mu[row], dim > 1 ? mu[row + 1] : 0.0f);
    };
    std::vector<std::int32_t> kept;
    kept.reserve(std::size_t(count));
    double minX = std::numeric_limits<double>::infinity();
    double minY = minX;
    double maxX = -minX;
    double maxY = -minX;
    for (int i = 0; i < count; ++i) {
        const auto [x, y] = coordinates(i);
        if (labels[std::size_t(i)] >= labelLimit || !std::isfinite(x) || !std::isfinite(y))
            continue;
        kept.push_back(i);
        minX = std::min(minX, double(x));
        maxX = std::max(maxX, double(x));
        minY = std::min(minY, double(y));
        maxY = std::max(maxY, double(y));
    }
    if (kept.empty())
        return;

    // Cells roughly square in data units, about kPointsPerCell points each on average.
    const double width = std::max(maxX - minX, 1e-12);
    const double height = std::max(maxY - minY, 1e-12);
    const double cells = std::max(1.0, double(kept.size()) / kPointsPerCell);
    const double side = std::sqrt(width * height / cells);
    m_columns = std::clamp(int(std::ceil(width / side)), 1, kMaxCellsPerAxis);
    m_rows = std::clamp(int(std::ceil(height / side)), 1, kMaxCellsPerAxis);
    m_x0 = minX;
    m_y0 = minY;
    // A hair wider than the data, so the maximum falls into the last cell, not past it.
    m_cellWidth = width * (1 + 1e-9) / m_columns;
    m_cellHeight = height * (1 + 1e-9) / m_rows;

    const auto cellOf = [&](float x, float y) {
        const int column = std::clamp(int((x - m_x0) / m_cellWidth), 0, m_columns - 1);
        const int row = std::clamp(int((y - m_y0) / m_cellHeight), 0, m_rows - 1);
        return std::size_t(row) * std::size_t(m_columns) + std::size_t(column);
    };
    const std::size_t cellCount = std::size_t(m_columns) * std::size_t(m_rows);
    m_cellStart.assign(cellCount + 1, 0);
    std::vector<std::uint32_t> cellOfPoint(kept.size());
    for (std::size_t k = 0; k < kept.size(); ++k) {
        const auto [x, y] = coordinates(kept[k]);
        cellOfPoint[k] = std::uint32_t(cellOf(x, y));
        ++m_cellStart[cellOfPoint[k] + 1];
    }
    for (std::size_t c = 0; c < cellCount; ++c)
        m_cellStart[c + 1] += m_cellStart[c];
    std::vector<std::uint32_t> next(m_cellStart.begin(), m_cellStart.end() - 1);
    m_x.resize(kept.size());
    m_y.resize(kept.size());
    m_index.resize(kept.size());
    // In index order within each cell, which the tie rule in nearest() relies on.
    for (std::size_t k = 0; k < kept.size(); ++k) {
        const std::uint32_t slot = next[cellOfPoint[k]]++;
        const auto [x, y] = coordinates(kept[k]);
        m_x[slot] = x;
        m_y[slot] = y;
        m_index[slot] = kept[k];
    }
}

std::optional<PointIndex::Hit> PointIndex::nearest(double x, double y, double unitsX, double unitsY,
                                                   double radius) const
{
    if (empty() || !(unitsX > 0) || !(unitsY > 0) || !(radius >= 0))
        return std::nullopt;
    const double reachX = radius * unitsX;
    const double reachY = radius * unitsY;
    const double firstColumn = std::floor((x - reachX - m_x0) / m_cellWidth);
    const double lastColumn = std::floor((x + reachX - m_x0) / m_cellWidth);
    const double firstRow = std::floor((y - reachY - m_y0) / m_cellHeight);
    const double lastRow = std::floor((y + reachY - m_y0) / m_cellHeight);
    if (lastColumn < 0 || lastRow < 0 || firstColumn >= m_columns || firstRow >= m_rows)
        return std::nullopt;
    const int c0 = int(std::max(0.0, firstColumn));
    const int c1 = int(std::min(double(m_columns - 1), lastColumn));
    const int r0 = int(std::max(0.0, firstRow));
    const int r1 = int(std::min(double(m_rows - 1), lastRow));

    Closest closest{radius * radius};
    for (int row = r0; row <= r1; ++row) {
        const std::size_t rowStart = std::size_t(row) * std::size_t(m_columns);
        // Consecutive cells of a row are contiguous in storage: one run per row.
        const std::uint32_t begin = m_cellStart[rowStart + std::size_t(c0)];
        const std::uint32_t end = m_cellStart[rowStart + std::size_t(c1) + 1];
        for (std::uint32_t k = begin; k < end; ++k) {
            const double dx = (m_x[k] - x) / unitsX;
            const double dy = (m_y[k] - y) / unitsY;
            closest.consider(dx * dx + dy * dy, m_index[k]);
        }
    }
    return closest.hit();
}

std::optional<PointIndex::Hit> PointIndex::nearestByScan(double x, double y, double unitsX,
                                                         double unitsY, double radius) const
{
    if (empty() || !(unitsX > 0) || !(unitsY > 0) || !(radius >= 0))
        return std::nullopt;
    Closest closest{radius * radius};
    for (std::size_t k = 0; k < m_index.size(); ++k) {
        const double dx = (m_x[k] - x) / unitsX;
        const double dy = (m_y[k] - y) / unitsY;
        closest.consider(dx * dx + dy * dy, m_index[k]);
    }
    return closest.hit();
}

} // namespace vae::gui
