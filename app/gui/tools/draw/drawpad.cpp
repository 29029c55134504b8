#include "tools/draw/drawpad.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QImageReader>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace vae::gui {

namespace {

constexpr int kDefaultCell = 10;
constexpr std::size_t kPixelCount = std::size_t{DrawPad::kSide} * DrawPad::kSide;

/// Distance from p to the segment [a, b].
double distanceToSegment(QPointF p, QPointF a, QPointF b)
{
    const QPointF ab = b - a;
    const double length2 = QPointF::dotProduct(ab, ab);
    double t = 0;
    if (length2 > 0)
        t = std::clamp(QPointF::dotProduct(p - a, ab) / length2, 0.0, 1.0);
    const QPointF nearest = a + t * ab;
    return std::hypot(p.x() - nearest.x(), p.y() - nearest.y());
}

/// A file path from the drag's URLs if it names a local image Qt can read.
QString droppedImagePath(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl& url : mime->urls()) {
        if (!url.isLocalFile())
            continue;
        const QString path = url.toLocalFile();
        const QByteArray suffix = QFileInfo(path).suffix().toLower().toLatin1();
        if (QImageReader::supportedImageFormats().contains(suffix))
            return path;
    }
    return {};
}

} // namespace

DrawPad::DrawPad(QWidget* parent) : QWidget(parent), m_pixels(kPixelCount, 0.0f)
{
    // A fixed size: every image pixel is the same whole number of screen pixels, and the pad
    // does not jump as the dock is resized.
    setFixedSize(kSide * kDefaultCell, kSide * kDefaultCell);
    setAcceptDrops(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setCursor(Qt::CrossCursor);
    setToolTip(tr("Draw with the left mouse button, erase with the right one.\n"
                  "Drop an image file here to load it."));
}

QSize DrawPad::sizeHint() const
{
    return {kSide * kDefaultCell, kSide * kDefaultCell};
}

int DrawPad::cellSize() const
{
    return std::max(1, std::min(width(), height()) / kSide);
}

QRect DrawPad::padRect() const
{
    const int side = cellSize() * kSide;
    return {(width() - side) / 2, (height() - side) / 2, side, side};
}

QPointF DrawPad::cellCentre(int row, int col) const
{
    const QRect pad = padRect();
    const double cell = cellSize();
    return {pad.x() + (col + 0.5) * cell, pad.y() + (row + 0.5) * cell};
}

QPointF DrawPad::toImage(QPointF widgetPoint) const
{
    const QRect pad = padRect();
    const double cell = cellSize();
    return {(widgetPoint.x() - pad.x()) / cell, (widgetPoint.y() - pad.y()) / cell};
}

float DrawPad::brushValue(double distance, int size)
{
    const double radius = size / 2.0;
    return static_cast<float>(std::clamp((radius + 1.0 - distance) / 1.5, 0.0, 1.0));
}

void DrawPad::setBrushSize(int size)
{
    m_brushSize = std::clamp(size, kMinBrush, kMaxBrush);
}

bool DrawPad::isEmpty() const
{
    return std::all_of(m_pixels.begin(), m_pixels.end(), [](float v) { return v <= 0.0f; });
}

void DrawPad::setPixels(std::span<const float> pixels)
{
    if (pixels.size() != kPixelCount)
        return;
    std::transform(pixels.begin(), pixels.end(), m_pixels.begin(),
                   [](float v) { return std::clamp(v, 0.0f, 1.0f); });
    update();
    emit changed();
}

void DrawPad::clear()
{
    std::fill(m_pixels.begin(), m_pixels.end(), 0.0f);
    update();
    emit changed();
}

void DrawPad::stroke(QPointF from, QPointF to, bool erase)
{
    // Only the pixels the brush can reach: the segment's box grown by the brush's outer radius.
    const double reach = m_brushSize / 2.0 + 1.0;
    const int c0 = std::max(0, int(std::floor(std::min(from.x(), to.x()) - reach)));
    const int c1 = std::min(kSide - 1, int(std::ceil(std::max(from.x(), to.x()) + reach)));
    const int r0 = std::max(0, int(std::floor(std::min(from.y(), to.y()) - reach)));
    const int r1 = std::min(kSide - 1, int(std::ceil(std::max(from.y(), to.y()) + reach)));
    bool touched = false;
    for (int r = r0; r <= r1; ++r) {
        for (int c = c0; c <= c1; ++c) {
            const float value =
                brushValue(distanceToSegment(QPointF(c + 0.5, r + 0.5), from, to), m_brushSize);
            if (value <= 0)
                continue;
            float& pixel = m_pixels[static_cast<std::size_t>(r * kSide + c)];
            pixel = erase ? std::min(pixel, 1.0f - value) : std::max(pixel, value);
            touched = true;
        }
    }
    if (!touched)
        return;
    update();
    emit changed();
}

void DrawPad::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().window());
    const QRect pad = padRect();
    const int cell = cellSize();
    for (int r = 0; r < kSide; ++r) {
        for (int c = 0; c < kSide; ++c) {
            const int grey = static_cast<int>(
                std::lround(255.0f * m_pixels[static_cast<std::size_t>(r * kSide + c)]));
            painter.fillRect(pad.x() + c * cell, pad.y() + r * cell, cell, cell,
                             QColor(grey, grey, grey));
        }
    }
    // The 20×20 box MNIST digits are scaled into, as a faint guide for the size of a drawing.
    painter.setPen(QPen(QColor(70, 70, 90), 1, Qt::DotLine));
    painter.drawRect(pad.x() + 4 * cell, pad.y() + 4 * cell, 20 * cell - 1, 20 * cell - 1);
    painter.setPen(palette().mid().color());
    painter.drawRect(pad.adjusted(-1, -1, 0, 0));
}

void DrawPad::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton && event->button() != Qt::RightButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_drawing = true;
    m_erasing = event->button() == Qt::RightButton;
    m_last = toImage(event->position());
    stroke(m_last, m_last, m_erasing);
    event->accept();
}

void DrawPad::mouseMoveEvent(QMouseEvent* event)
{
    if (!m_drawing) {
        QWidget::mouseMoveEvent(event);
        return;
    }
    const QPointF point = toImage(event->position());
    stroke(m_last, point, m_erasing);
    m_last = point;
    event->accept();
}

void DrawPad::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_drawing && (event->button() == Qt::LeftButton || event->button() == Qt::RightButton)) {
        m_drawing = false;
        event->accept();
        return;
    }
    QWidget::mouseReleaseEvent(event);
}

void DrawPad::dragEnterEvent(QDragEnterEvent* event)
{
    if (!droppedImagePath(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void DrawPad::dropEvent(QDropEvent* event)
{
    const QString path = droppedImagePath(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    emit imageDropped(path);
}

} // namespace vae::gui
