#include "tools/posterior/posteriorcontours.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>
#include <optional>

namespace vae::gui {

double DensityContours::levelForMass(std::span<const double> density, double mass)
{
    std::vector<double> sorted(density.begin(), density.end());
    std::sort(sorted.begin(), sorted.end(), std::greater<>());
    const double total = std::accumulate(sorted.begin(), sorted.end(), 0.0);
    if (!(total > 0))
        return 0;
    double sum = 0;
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        sum += sorted[i];
        if (sum < mass * total)
            continue;
        // Half-way to the next smaller value: no cell centre lies exactly on the contour, so it
        // never passes through a grid point (where four segments would meet).
        std::size_t j = i + 1;
        while (j < sorted.size() && !(sorted[j] < sorted[i]))
            ++j;
        return j < sorted.size() ? (sorted[i] + sorted[j]) / 2 : sorted[i] / 2;
    }
    return sorted.back() / 2;
}

std::vector<QLineF> DensityContours::trace(std::span<const double> density, int n, double level,
                                           double z1First, double z2First, double dz1, double dz2)
{
    std::vector<QLineF> segments;
    if (n < 2 || density.size() < std::size_t(n) * std::size_t(n))
        return segments;
    const auto at = [&](int r, int c) { return density[std::size_t(r) * std::size_t(n) + c]; };
    // The point where the contour crosses the edge from (ra, ca) to (rb, cb).
    const auto cross = [&](int ra, int ca, int rb, int cb) {
        const double a = at(ra, ca);
        const double b = at(rb, cb);
        const double t = b != a ? std::clamp((level - a) / (b - a), 0.0, 1.0) : 0.5;
        const double c = ca + t * (cb - ca);
        const double r = ra + t * (rb - ra);
        return QPointF(z1First + c * dz1, z2First + r * dz2);
    };
    for (int r = 0; r + 1 < n; ++r) {
        for (int c = 0; c + 1 < n; ++c) {
            const bool bl = at(r, c) >= level;
            const bool br = at(r, c + 1) >= level;
            const bool tr = at(r + 1, c + 1) >= level;
            const bool tl = at(r + 1, c) >= level;
            const int index = (bl ? 1 : 0) | (br ? 2 : 0) | (tr ? 4 : 0) | (tl ? 8 : 0);
            if (index == 0 || index == 15)
                continue;
            const QPointF bottom = cross(r, c, r, c + 1);
            const QPointF right = cross(r, c + 1, r + 1, c + 1);
            const QPointF top = cross(r + 1, c, r + 1, c + 1);
            const QPointF left = cross(r, c, r + 1, c);
            const bool centre =
                (at(r, c) + at(r, c + 1) + at(r + 1, c + 1) + at(r + 1, c)) / 4 >= level;
            switch (index) {
            case 1:
            case 14:
                segments.emplace_back(left, bottom);
                break;
            case 2:
            case 13:
                segments.emplace_back(bottom, right);
                break;
            case 3:
            case 12:
                segments.emplace_back(left, right);
                break;
            case 4:
            case 11:
                segments.emplace_back(right, top);
                break;
            case 6:
            case 9:
                segments.emplace_back(bottom, top);
                break;
            case 7:
            case 8:
                segments.emplace_back(left, top);
                break;
            case 5: // bl and tr inside
                if (centre) {
                    segments.emplace_back(left, top);
                    segments.emplace_back(bottom, right);
                } else {
                    segments.emplace_back(left, bottom);
                    segments.emplace_back(right, top);
                }
                break;
            case 10: // br and tl inside
                if (centre) {
                    segments.emplace_back(left, bottom);
                    segments.emplace_back(right, top);
                } else {
                    segments.emplace_back(left, top);
                    segments.emplace_back(bottom, right);
                }
                break;
            default:
                break;
            }
        }
    }
    return segments;
}

std::vector<QPolygonF> DensityContours::chain(const std::vector<QLineF>& segments)
{
    // Points within ~1e-9 latent units are one point: the two cells beside an edge compute its
    // crossing from the same values, but not always to the same last bit.
    using Key = std::pair<long long, long long>;
    const auto key = [](const QPointF& p) {
        return Key{std::llround(p.x() * 1e9), std::llround(p.y() * 1e9)};
    };
    std::map<Key, std::vector<int>> ends;
    std::vector<bool> used(segments.size(), false);
    for (int i = 0; i < int(segments.size()); ++i) {
        const QLineF& s = segments[std::size_t(i)];
        // A contour through (nearly) a cell centre leaves a point-like segment in the next cell:
        // nothing to draw, and a third line end where two should meet.
        if (key(s.p1()) == key(s.p2())) {
            used[std::size_t(i)] = true;
            continue;
        }
        ends[key(s.p1())].push_back(i);
        ends[key(s.p2())].push_back(i);
    }
    // The other end of an unused segment at `point`, marking it used; none when the line ends.
    const auto next = [&](const QPointF& point) -> std::optional<QPointF> {
        const auto found = ends.find(key(point));
        if (found == ends.end())
            return std::nullopt;
        for (const int i : found->second) {
            if (used[std::size_t(i)])
                continue;
            used[std::size_t(i)] = true;
            const QLineF& s = segments[std::size_t(i)];
            return key(s.p1()) == key(point) ? s.p2() : s.p1();
        }
        return std::nullopt;
    };
    std::vector<QPolygonF> lines;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        if (used[i])
            continue;
        used[i] = true;
        QPolygonF forward{segments[i].p1(), segments[i].p2()};
        while (const std::optional<QPointF> p = next(forward.back()))
            forward.append(*p);
        QPolygonF backward;
        while (const std::optional<QPointF> p =
                   next(backward.isEmpty() ? forward.front() : backward.back()))
            backward.append(*p);
        std::reverse(backward.begin(), backward.end());
        lines.push_back(backward + forward);
    }
    return lines;
}

ContourLines::ContourLines(QCustomPlot* plot, QCPLayer* layer)
    : QCPLayerable(plot, QString(), nullptr)
{
    setLayer(layer);
    setAntialiased(true);
}

void ContourLines::setContours(std::vector<Contour> contours)
{
    m_contours = std::move(contours);
}

void ContourLines::applyDefaultAntialiasingHint(QCPPainter* painter) const
{
    applyAntialiasingHint(painter, mAntialiased, QCP::aeItems);
}

QRect ContourLines::clipRect() const
{
    return parentPlot()->axisRect()->rect();
}

void ContourLines::draw(QCPPainter* painter)
{
    const QCPAxis* x = parentPlot()->xAxis;
    const QCPAxis* y = parentPlot()->yAxis;
    painter->setBrush(Qt::NoBrush);
    for (const Contour& contour : m_contours) {
        for (const QPolygonF& line : contour.lines) {
            QPolygonF pixels;
            pixels.reserve(line.size());
            for (const QPointF& p : line)
                pixels.append(QPointF(x->coordToPixel(p.x()), y->coordToPixel(p.y())));
            // A light halo under the line: it reads on the heat map and on the points alike.
            painter->setPen(
                QPen(QColor(255, 255, 255, 190), 4.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            painter->drawPolyline(pixels);
            painter->setPen(QPen(m_color, 2.2, contour.style, Qt::FlatCap, Qt::RoundJoin));
            painter->drawPolyline(pixels);
        }
    }
}

} // namespace vae::gui
