#include "plots/latentscatter.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace vae::gui {

namespace {

// Matplotlib's "tab10": ten hues that stay distinguishable on white and for common colour-vision
// deficiencies, and the palette most MNIST latent plots use.
constexpr std::array<QRgb, LatentScatter::kDigits> kPalette{0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728,
                                                            0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f,
                                                            0xbcbd22, 0x17becf};

// A PDF with more points than kMaxVectorPoints gets the scatter as an image at this many pixels
// per point of the page: sharp when printed, small once compressed (mostly transparent).
constexpr double kVectorFallbackScale = 3.0;

/// Premultiplied x · a / 255 on all four channels at once (Qt's BYTE_MUL).
inline std::uint32_t byteMul(std::uint32_t x, std::uint32_t a)
{
    std::uint32_t t = (x & 0xff00ff) * a;
    t = (t + ((t >> 8) & 0xff00ff) + 0x800080) >> 8;
    t &= 0xff00ff;
    x = ((x >> 8) & 0xff00ff) * a;
    x = x + ((x >> 8) & 0xff00ff) + 0x800080;
    x &= 0xff00ff00;
    return x | t;
}

/// Source-over for premultiplied ARGB.
inline void blend(std::uint32_t& dst, std::uint32_t src)
{
    const std::uint32_t alpha = src >> 24;
    if (alpha == 255)
        dst = src;
    else if (alpha != 0)
        dst = src + byteMul(dst, 255 - alpha);
}

/// Bounds of the finite points with a colour (colours[i · stride] < colourCount); nothing if
/// there are none. Also counts the points with a colour into `valid`.
std::optional<QRectF> pointBounds(const vae::Posterior& posterior, const std::uint8_t* colours,
                                  int stride, int count, int colourCount, int& valid)
{
    const std::size_t dim = static_cast<std::size_t>(posterior.dim);
    double minX = std::numeric_limits<double>::infinity();
    double maxX = -minX;
    double minY = minX;
    double maxY = -minX;
    valid = 0;
    for (int i = 0; i < count; ++i) {
        if (colours[static_cast<std::ptrdiff_t>(i) * stride] >= colourCount)
            continue;
        ++valid;
        const std::size_t row = static_cast<std::size_t>(i) * dim;
        const double x = posterior.mu[row];
        const double y = dim > 1 ? posterior.mu[row + 1] : 0.0;
        if (!std::isfinite(x) || !std::isfinite(y))
            continue;
        minX = std::min(minX, x);
        maxX = std::max(maxX, x);
        minY = std::min(minY, y);
        maxY = std::max(maxY, y);
    }
    if (!(minX <= maxX))
        return std::nullopt;
    return QRectF(QPointF(minX, minY), QPointF(maxX, maxY));
}

/// Pixel = a · coordinate + b, for a linear axis.
struct LinearMap {
    double a = 1;
    double b = 0;
};

LinearMap linearMap(const QCPAxis* axis, double origin, double scale)
{
    const double p0 = axis->coordToPixel(0.0);
    const double p1 = axis->coordToPixel(1.0);
    return {(p1 - p0) * scale, (p0 - origin) * scale};
}

} // namespace

QColor LatentScatter::digitColor(int digit)
{
    return QColor::fromRgb(kPalette[static_cast<std::size_t>(digit)]);
}

std::vector<QRgb> LatentScatter::classPalette()
{
    return {kPalette.begin(), kPalette.end()};
}

LatentScatter::LatentScatter(QCPAxis* keyAxis, QCPAxis* valueAxis)
    : QCPAbstractPlottable(keyAxis, valueAxis)
{
    setSelectable(QCP::stNone);
    // QCPPainter shifts antialiased drawing by half a pixel, which would move the blitted image
    // off the pixel grid; the discs are antialiased in their sprites already.
    setAntialiased(false);
    m_sets[TestSet].visible = true;
    m_sets[TrainingSet].visible = false;
    m_palette = classPalette();
}

LatentScatter::~LatentScatter() = default;

void LatentScatter::setPoints(Set set, std::shared_ptr<const vae::Posterior> posterior,
                              std::shared_ptr<const std::vector<std::uint8_t>> colours, int stride,
                              int offset)
{
    PointSet& points = m_sets[set];
    if (posterior == points.posterior && colours == points.labels && stride == points.stride &&
        offset == points.offset)
        return;
    if (!posterior || !colours || posterior->dim < 1 || stride < 1 || offset < 0 ||
        offset >= stride) {
        const bool visible = points.visible;
        points = PointSet{};
        points.visible = visible;
        return;
    }
    // Points with a colour index: the n whose index lies inside the array.
    const auto rows = static_cast<int>((colours->size() + std::size_t(stride - offset - 1)) /
                                       std::size_t(stride));
    points.count = std::min(posterior->count, rows);
    points.stride = stride;
    points.offset = offset;
    points.posterior = std::move(posterior);
    points.labels = std::move(colours);
    measure(points);
}

void LatentScatter::measure(PointSet& points) const
{
    if (!points.posterior)
        return;
    points.bounds = pointBounds(*points.posterior, points.labels->data() + points.offset,
                                points.stride, points.count, static_cast<int>(m_palette.size()),
                                points.validCount);
}

void LatentScatter::setPalette(std::vector<QRgb> palette)
{
    if (palette.size() > std::size_t(kMaxColours))
        palette.resize(std::size_t(kMaxColours));
    if (palette == m_palette)
        return;
    m_palette = std::move(palette);
    for (Sprites& discs : m_sprites)
        discs.pixels.clear();
    for (PointSet& points : m_sets)
        measure(points);
}

void LatentScatter::clearPoints()
{
    for (int set = 0; set < SetCount; ++set)
        setPoints(Set(set), nullptr, nullptr);
}

void LatentScatter::setSetVisible(Set set, bool visible)
{
    m_sets[set].visible = visible;
}

int LatentScatter::pointCount() const
{
    int count = 0;
    for (const PointSet& points : m_sets)
        if (points.visible)
            count += points.validCount;
    return count;
}

QPointF LatentScatter::point(Set set, int index) const
{
    const vae::Posterior& posterior = *m_sets[set].posterior;
    const std::size_t row = static_cast<std::size_t>(index) * static_cast<std::size_t>(posterior.dim);
    return {posterior.mu[row], posterior.dim > 1 ? posterior.mu[row + 1] : 0.0};
}

int LatentScatter::label(Set set, int index) const
{
    return colourIndex(m_sets[set], index);
}

std::optional<QRectF> LatentScatter::bounds() const
{
    std::optional<QRectF> result;
    for (const PointSet& points : m_sets) {
        if (!points.visible || !points.bounds)
            continue;
        // QRectF::united ignores a zero-size rectangle (one point), so unite the corners by hand.
        if (!result) {
            result = points.bounds;
        } else {
            const QRectF& b = *points.bounds;
            result = QRectF(QPointF(std::min(result->left(), b.left()),
                                    std::min(result->top(), b.top())),
                            QPointF(std::max(result->right(), b.right()),
                                    std::max(result->bottom(), b.bottom())));
        }
    }
    return result;
}

double LatentScatter::selectTest(const QPointF&, bool, QVariant*) const
{
    // Points are not selectable: the left button decodes instead.
    return -1;
}

QCPRange LatentScatter::getKeyRange(bool& foundRange, QCP::SignDomain) const
{
    const std::optional<QRectF> b = bounds();
    foundRange = b.has_value();
    return b ? QCPRange(b->left(), b->right()) : QCPRange();
}

QCPRange LatentScatter::getValueRange(bool& foundRange, QCP::SignDomain, const QCPRange&) const
{
    const std::optional<QRectF> b = bounds();
    foundRange = b.has_value();
    return b ? QCPRange(b->top(), b->bottom()) : QCPRange();
}

void LatentScatter::draw(QCPPainter* painter)
{
    m_drawnCount = 0;
    const QRect clip = clipRect();
    if (!keyAxis() || !valueAxis() || clip.isEmpty() || pointCount() == 0)
        return;
    if (m_vectorPoints || painter->modes().testFlag(QCPPainter::pmVectorized)) {
        if (countVisible(clip) <= kMaxVectorPoints)
            drawVector(painter, clip);
        else
            drawRaster(painter, clip, kVectorFallbackScale);
        return;
    }
    // Device pixels per widget pixel: the screen's ratio, and the painter's scale when
    // QCustomPlot::toPixmap()/savePng() renders at another size.
    const double worldScale = std::abs(painter->worldTransform().m11());
    const double scale =
        painter->device()->devicePixelRatioF() * (worldScale > 0 ? worldScale : 1.0);
    drawRaster(painter, clip, scale);
}

void LatentScatter::drawRaster(QCPPainter* painter, const QRect& clip, double scale)
{
    const QSize size(static_cast<int>(std::ceil(clip.width() * scale)),
                     static_cast<int>(std::ceil(clip.height() * scale)));
    if (m_image.size() != size)
        m_image = QImage(size, QImage::Format_ARGB32_Premultiplied);
    m_image.fill(Qt::transparent);
    const LinearMap mapX = linearMap(keyAxis(), clip.left(), scale);
    const LinearMap mapY = linearMap(valueAxis(), clip.top(), scale);
    const int width = size.width();
    const int height = size.height();
    auto* const pixels = reinterpret_cast<std::uint32_t*>(m_image.bits());
    const auto stride = static_cast<std::ptrdiff_t>(m_image.bytesPerLine() / 4);

    for (int s = 0; s < SetCount; ++s) {
        const PointSet& points = m_sets[s];
        if (!points.visible || points.count == 0)
            continue;
        const Sprites& discs = sprites(Set(s), scale);
        const int side = discs.side;
        const double half = side / 2.0;
        const float* mu = points.posterior->mu.data();
        const std::size_t dim = static_cast<std::size_t>(points.posterior->dim);
        const std::uint8_t* labels = points.labels->data() + points.offset;
        const std::ptrdiff_t colourStride = points.stride;
        const int colourCount = static_cast<int>(m_palette.size());
        for (int i = 0; i < points.count; ++i) {
            const int label = labels[i * colourStride];
            if (label >= colourCount)
                continue;
            const float* z = mu + static_cast<std::size_t>(i) * dim;
            // Top-left corner of the disc's sprite, in image pixels.
            const double left = mapX.a * z[0] + mapX.b - half;
            const double top = mapY.a * (dim > 1 ? z[1] : 0.0f) + mapY.b - half;
            // Outside the axis rect (or NaN): nothing to draw.
            if (!(left > -side && left < width && top > -side && top < height))
                continue;
            int x = static_cast<int>(std::floor(left));
            int y = static_cast<int>(std::floor(top));
            int phaseX = static_cast<int>((left - x) * kPhases + 0.5);
            int phaseY = static_cast<int>((top - y) * kPhases + 0.5);
            if (phaseX == kPhases) {
                ++x;
                phaseX = 0;
            }
            if (phaseY == kPhases) {
                ++y;
                phaseY = 0;
            }
            const std::uint32_t* sprite = discs.at(label, phaseX, phaseY);
            const int r0 = std::max(0, -y);
            const int r1 = std::min(side, height - y);
            const int c0 = std::max(0, -x);
            const int c1 = std::min(side, width - x);
            if (r0 >= r1 || c0 >= c1)
                continue;
            for (int r = r0; r < r1; ++r) {
                std::uint32_t* dst = pixels + static_cast<std::ptrdiff_t>(y + r) * stride + x;
                const std::uint32_t* src = sprite + r * side;
                for (int c = c0; c < c1; ++c)
                    blend(dst[c], src[c]);
            }
            ++m_drawnCount;
        }
    }
    m_image.setDevicePixelRatio(scale);
    painter->drawImage(QRectF(clip), m_image);
}

void LatentScatter::drawVector(QCPPainter* painter, const QRect& clip)
{
    painter->save();
    painter->setPen(Qt::NoPen);
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setClipRect(clip);
    const QRectF area(clip);
    for (int s = 0; s < SetCount; ++s) {
        const PointSet& points = m_sets[s];
        if (!points.visible || points.count == 0)
            continue;
        const double radius = (s == TrainingSet ? kTrainingPointSize : kTestPointSize) / 2;
        const QRectF visible = area.adjusted(-radius, -radius, radius, radius);
        // One pass per colour keeps the PDF from switching fill colour at every disc.
        for (int digit = 0; digit < static_cast<int>(m_palette.size()); ++digit) {
            QColor color = QColor::fromRgb(m_palette[static_cast<std::size_t>(digit)]);
            if (s == TrainingSet)
                color.setAlphaF(kTrainingOpacity);
            painter->setBrush(color);
            for (int i = 0; i < points.count; ++i) {
                if (label(Set(s), i) != digit)
                    continue;
                const QPointF z = point(Set(s), i);
                const QPointF pixel(keyAxis()->coordToPixel(z.x()),
                                    valueAxis()->coordToPixel(z.y()));
                if (!visible.contains(pixel))
                    continue;
                painter->drawEllipse(pixel, radius, radius);
                ++m_drawnCount;
            }
        }
    }
    painter->restore();
}

int LatentScatter::countVisible(const QRect& clip) const
{
    const LinearMap mapX = linearMap(keyAxis(), clip.left(), 1.0);
    const LinearMap mapY = linearMap(valueAxis(), clip.top(), 1.0);
    int count = 0;
    for (const PointSet& points : m_sets) {
        if (!points.visible)
            continue;
        const std::size_t dim = static_cast<std::size_t>(points.posterior ? points.posterior->dim : 0);
        for (int i = 0; i < points.count; ++i) {
            if (colourIndex(points, i) >= static_cast<int>(m_palette.size()))
                continue;
            const float* z = points.posterior->mu.data() + static_cast<std::size_t>(i) * dim;
            const double x = mapX.a * z[0] + mapX.b;
            const double y = mapY.a * (dim > 1 ? z[1] : 0.0f) + mapY.b;
            if (x >= 0 && x < clip.width() && y >= 0 && y < clip.height())
                ++count;
        }
    }
    return count;
}

const std::uint32_t* LatentScatter::Sprites::at(int digit, int phaseX, int phaseY) const
{
    const std::size_t index = (static_cast<std::size_t>(digit) * kPhases + phaseY) * kPhases + phaseX;
    return pixels.data() + index * static_cast<std::size_t>(side) * static_cast<std::size_t>(side);
}

const LatentScatter::Sprites& LatentScatter::sprites(Set set, double scale)
{
    Sprites& discs = m_sprites[set];
    if (discs.scale == scale && !discs.pixels.empty())
        return discs;
    const double diameter = (set == TrainingSet ? kTrainingPointSize : kTestPointSize) * scale;
    // Room for the disc shifted by up to (kPhases − 1) / kPhases of a pixel.
    discs.side = static_cast<int>(std::ceil(diameter + 1.5));
    discs.scale = scale;
    const int side = discs.side;
    const std::size_t spriteSize = static_cast<std::size_t>(side) * static_cast<std::size_t>(side);
    discs.pixels.assign(spriteSize * m_palette.size() * kPhases * kPhases, 0);
    QImage sprite(side, side, QImage::Format_ARGB32_Premultiplied);
    for (int digit = 0; digit < static_cast<int>(m_palette.size()); ++digit) {
        QColor color = QColor::fromRgb(m_palette[static_cast<std::size_t>(digit)]);
        if (set == TrainingSet)
            color.setAlphaF(kTrainingOpacity);
        for (int phaseY = 0; phaseY < kPhases; ++phaseY) {
            for (int phaseX = 0; phaseX < kPhases; ++phaseX) {
                sprite.fill(Qt::transparent);
                {
                    QPainter painter(&sprite);
                    painter.setRenderHint(QPainter::Antialiasing);
                    painter.setPen(Qt::NoPen);
                    painter.setBrush(color);
                    const QPointF centre(side / 2.0 + double(phaseX) / kPhases,
                                         side / 2.0 + double(phaseY) / kPhases);
                    painter.drawEllipse(centre, diameter / 2, diameter / 2);
                }
                auto* out = const_cast<std::uint32_t*>(discs.at(digit, phaseX, phaseY));
                for (int r = 0; r < side; ++r) {
                    const auto* line = reinterpret_cast<const std::uint32_t*>(sprite.constScanLine(r));
                    std::copy_n(line, side, out + r * side);
                }
            }
        }
    }
    return discs;
}

void LatentScatter::drawLegendIcon(QCPPainter* painter, const QRectF& rect) const
{
    painter->setPen(Qt::NoPen);
    painter->setBrush(Qt::gray);
    const double radius = std::min(rect.width(), rect.height()) / 4;
    painter->drawEllipse(rect.center(), radius, radius);
}

} // namespace vae::gui
