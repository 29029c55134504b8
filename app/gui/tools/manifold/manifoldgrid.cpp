#include "tools/manifold/manifoldgrid.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

namespace vae::gui {

ManifoldGrid::ManifoldGrid(QCPAxis* keyAxis, QCPAxis* valueAxis)
    : QCPAbstractPlottable(keyAxis, valueAxis)
{
    setSelectable(QCP::stNone);
    // QCPPainter shifts antialiased drawing by half a pixel, which would blur the blitted image.
    setAntialiased(false);
    QCustomPlot* plot = parentPlot();
    if (!plot->layer(QString::fromLatin1(kLayerName)))
        plot->addLayer(QString::fromLatin1(kLayerName), plot->layer(QStringLiteral("grid")),
                       QCustomPlot::limBelow);
    setLayer(QString::fromLatin1(kLayerName));
}

ManifoldGrid::~ManifoldGrid() = default;

void ManifoldGrid::setTiles(Tiles tiles)
{
    m_tiles = std::move(tiles);
}

void ManifoldGrid::clearTiles()
{
    m_tiles = Tiles{};
}

int ManifoldGrid::mutedGrey(float pixel)
{
    const double p = std::clamp(static_cast<double>(pixel), 0.0, 1.0);
    return static_cast<int>(std::lround(kPaperGrey - (kPaperGrey - kInkGrey) * p));
}

QRectF ManifoldGrid::squareInCell(QSizeF size, int n, int r, int c)
{
    const double cellWidth = size.width() / n;
    const double cellHeight = size.height() / n;
    const double side =
        std::max(1.0, std::floor(std::min(cellWidth, cellHeight)) - double(kTileGap));
    // Whole pixels, so every tile is the same size and copies without resampling.
    const double x = std::floor(c * cellWidth + (cellWidth - side) / 2);
    const double y = std::floor(r * cellHeight + (cellHeight - side) / 2);
    return {x, y, side, side};
}

namespace {

/// Area-weighted resampling of `source` pixels to `side` output pixels along one axis: output
/// pixel o averages the source interval [o·source/side, (o+1)·source/side), each source pixel
/// weighted by its overlap. Shrinking it is a box filter (no aliasing of thin strokes); enlarging
/// it repeats pixels, mixing two only where an output pixel straddles a boundary.
struct AxisWeights {
    std::vector<int> first;  ///< [side] first source pixel
    std::vector<int> count;  ///< [side] number of source pixels
    std::vector<int> offset; ///< [side] start of o's weights in `weights`
    std::vector<float> weights;
};

AxisWeights axisWeights(int source, int side)
{
    AxisWeights axis;
    const double scale = double(source) / side;
    for (int o = 0; o < side; ++o) {
        const double a = o * scale;
        const double b = std::min(double(source), (o + 1) * scale);
        const int first = std::min(source - 1, static_cast<int>(std::floor(a)));
        const int last = std::clamp(static_cast<int>(std::ceil(b)) - 1, first, source - 1);
        axis.first.push_back(first);
        axis.count.push_back(last - first + 1);
        axis.offset.push_back(static_cast<int>(axis.weights.size()));
        for (int s = first; s <= last; ++s) {
            const double overlap = std::min(b, s + 1.0) - std::max(a, double(s));
            axis.weights.push_back(static_cast<float>(std::max(0.0, overlap) / (b - a)));
        }
    }
    return axis;
}

} // namespace

QImage ManifoldGrid::composeOverlay(const TileGrid& grid, QSize size)
{
    QImage out(size, QImage::Format_ARGB32_Premultiplied);
    out.fill(Qt::transparent);
    const int n = grid.cols;
    const ExampleImage& shape = grid.shape;
    const auto perTile = std::size_t(shape.values());
    if (n < 1 || grid.rows != n || size.isEmpty() || perTile == 0 ||
        grid.pixels.size() != std::size_t(n) * std::size_t(n) * perTile)
        return out;
    const int side = static_cast<int>(squareInCell(size, n, 0, 0).width());
    const AxisWeights across = axisWeights(shape.cols, side);
    const AxisWeights down = axisWeights(shape.rows, side);
    const int channels = shape.channels;

    // Straight from the decoded means (the muted level is linear in them, so averaging means and
    // then muting is the same as muting and averaging), separable: rows first, then columns, one
    // channel at a time. ~4 ms for 40 × 40 MNIST tiles here, a third of what smooth-scaling an
    // image of all tiles took.
    const std::size_t plane = std::size_t(shape.rows) * std::size_t(side);
    std::vector<float> rows(plane * std::size_t(channels)); // [channel][source row][side]
    std::vector<float> mean(std::size_t(side) * std::size_t(channels));
    std::vector<QRgb> line(static_cast<std::size_t>(side));
    const float paper = kPaperGrey;
    const float range = kPaperGrey - kInkGrey;
    for (int r = 0; r < n; ++r) {
        for (int c = 0; c < n; ++c) {
            const float* tile = grid.pixels.data() + std::size_t(r * n + c) * perTile;
            for (int k = 0; k < channels; ++k) {
                for (int y = 0; y < shape.rows; ++y) {
                    const float* src =
                        tile + std::size_t(y) * std::size_t(shape.cols) * std::size_t(channels) + k;
                    float* dst = rows.data() + std::size_t(k) * plane + std::size_t(y) * std::size_t(side);
                    for (int o = 0; o < side; ++o) {
                        const float* w = across.weights.data() + across.offset[std::size_t(o)];
                        const float* in = src + std::ptrdiff_t(across.first[std::size_t(o)]) * channels;
                        float sum = 0;
                        for (int j = 0; j < across.count[std::size_t(o)]; ++j)
                            sum += w[j] * in[j * channels];
                        dst[o] = sum;
                    }
                }
            }
            const QRectF square = squareInCell(size, n, r, c);
            const int x0 = static_cast<int>(square.left());
            const int y0 = static_cast<int>(square.top());
            const int width = std::min(side, out.width() - x0);
            for (int oy = 0; oy < side && y0 + oy < out.height(); ++oy) {
                if (x0 < 0 || y0 + oy < 0 || width <= 0)
                    continue;
                // Whole rows at a time, so the inner loops run over contiguous pixels.
                const float* w = down.weights.data() + down.offset[std::size_t(oy)];
                const int first = down.first[std::size_t(oy)];
                const int count = down.count[std::size_t(oy)];
                std::fill(mean.begin(), mean.end(), 0.0f);
                for (int k = 0; k < channels; ++k) {
                    float* m = mean.data() + std::size_t(k) * std::size_t(side);
                    for (int j = 0; j < count; ++j) {
                        const float weight = w[j];
                        const float* in = rows.data() + std::size_t(k) * plane +
                                          std::size_t(first + j) * std::size_t(side);
                        for (int ox = 0; ox < side; ++ox)
                            m[ox] += weight * in[ox];
                    }
                }
                if (channels == 1) {
                    // Grey ink (bright in the data) as dark strokes on light paper. min/max
                    // rather than std::clamp, int rather than unsigned: both vectorise.
                    for (int ox = 0; ox < width; ++ox) {
                        const float p = std::min(std::max(mean[std::size_t(ox)], 0.0f), 1.0f);
                        const int grey = static_cast<int>(paper - range * p + 0.5f);
                        line[std::size_t(ox)] = 0xff000000u | (static_cast<QRgb>(grey) * 0x010101u);
                    }
                } else {
                    // Colour: the picture's own colours, faded half way towards the paper.
                    const auto faded = [&](int k, int ox) {
                        const float p = std::min(
                            std::max(mean[std::size_t(k) * std::size_t(side) + std::size_t(ox)], 0.0f),
                            1.0f);
                        return static_cast<int>(0.5f * (paper + 255.0f * p) + 0.5f);
                    };
                    for (int ox = 0; ox < width; ++ox)
                        line[std::size_t(ox)] = qRgb(faded(0, ox), faded(1, ox), faded(2, ox));
                }
                std::memcpy(reinterpret_cast<QRgb*>(out.scanLine(y0 + oy)) + x0, line.data(),
                            static_cast<std::size_t>(width) * sizeof(QRgb));
            }
        }
    }
    return out;
}

QRectF ManifoldGrid::pixelRect() const
{
    const QRectF& region = m_tiles.region;
    const QPointF a(keyAxis()->coordToPixel(region.left()),
                    valueAxis()->coordToPixel(region.bottom()));
    const QPointF b(keyAxis()->coordToPixel(region.right()),
                    valueAxis()->coordToPixel(region.top()));
    return QRectF(a, b).normalized();
}

QRectF ManifoldGrid::tileRect(int index) const
{
    if (!m_tiles.grid || m_tiles.overlay.isNull() || index < 0 || index >= tileCount())
        return {};
    const int n = m_tiles.grid->cols;
    const QRectF target = pixelRect();
    const QSize size = m_tiles.overlay.size();
    const double sx = target.width() / size.width();
    const double sy = target.height() / size.height();
    const QRectF square = squareInCell(size, n, index / n, index % n);
    return {target.left() + square.left() * sx, target.top() + square.top() * sy,
            square.width() * sx, square.height() * sy};
}

void ManifoldGrid::draw(QCPPainter* painter)
{
    if (!m_tiles.grid || m_tiles.overlay.isNull() || !keyAxis() || !valueAxis())
        return;
    QRectF target = pixelRect();
    if (!target.intersects(QRectF(clipRect())))
        return;
    // Device pixels per widget pixel: the screen's ratio, and the painter's scale when
    // QCustomPlot::toPixmap()/savePng() renders at another size.
    const double worldScale = std::abs(painter->worldTransform().m11());
    const double scale =
        painter->device()->devicePixelRatioF() * (worldScale > 0 ? worldScale : 1.0);
    const QSizeF device = target.size() * scale;
    const QSize size = m_tiles.overlay.size();
    const bool exact = std::abs(device.width() - size.width()) < 0.5 &&
                       std::abs(device.height() - size.height()) < 0.5 &&
                       !painter->modes().testFlag(QCPPainter::pmVectorized);
    if (exact) {
        // The view is as when the tiles were composed (or only panned): a plain blit on whole
        // device pixels.
        const QPointF topLeft(std::round(target.left() * scale) / scale,
                              std::round(target.top() * scale) / scale);
        target = QRectF(topLeft, QSizeF(size) / scale);
    } else {
        ++m_scaledDraws;
        painter->setRenderHint(QPainter::SmoothPixmapTransform);
    }
    painter->drawImage(target, m_tiles.overlay);
}

double ManifoldGrid::selectTest(const QPointF&, bool, QVariant*) const
{
    // Not selectable: the left button decodes instead.
    return -1;
}

QCPRange ManifoldGrid::getKeyRange(bool& foundRange, QCP::SignDomain) const
{
    // The tiles follow the view; they must never widen it (rescaleAxes would chase them).
    foundRange = false;
    return {};
}

QCPRange ManifoldGrid::getValueRange(bool& foundRange, QCP::SignDomain, const QCPRange&) const
{
    foundRange = false;
    return {};
}

void ManifoldGrid::drawLegendIcon(QCPPainter* painter, const QRectF& rect) const
{
    painter->fillRect(rect, QColor(kInkGrey, kInkGrey, kInkGrey));
}

} // namespace vae::gui
