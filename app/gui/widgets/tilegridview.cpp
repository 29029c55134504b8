#include "widgets/tilegridview.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace vae::gui {

namespace {
constexpr int kMinimumSide = 160;
} // namespace

TileGridView::TileGridView(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(kMinimumSide, kMinimumSide);
    // As wide as the panel, as high as wide: the controls under it stay next to it.
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void TileGridView::setGrid(std::shared_ptr<const TileGrid> grid)
{
    m_grid = std::move(grid);
    m_scaled = QImage();
    update();
}

void TileGridView::clear(const QString& message)
{
    m_grid.reset();
    m_scaled = QImage();
    m_message = message;
    update();
}

QRect TileGridView::imageRect() const
{
    if (!m_grid || m_grid->image.isNull())
        return {};
    const QSize size = m_grid->image.size().scaled(this->size(), Qt::KeepAspectRatio);
    return {QPoint((width() - size.width()) / 2, (height() - size.height()) / 2), size};
}

int TileGridView::tileAt(QPoint pos) const
{
    const QRect area = imageRect();
    if (!area.contains(pos))
        return -1;
    const int c =
        std::clamp((pos.x() - area.left()) * m_grid->cols / area.width(), 0, m_grid->cols - 1);
    const int r =
        std::clamp((pos.y() - area.top()) * m_grid->rows / area.height(), 0, m_grid->rows - 1);
    return r * m_grid->cols + c;
}

void TileGridView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QRect area = imageRect();
    if (area.isNull()) {
        painter.setPen(palette().placeholderText().color());
        painter.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap,
                         m_message);
        return;
    }
    // Scaled once per grid and size: repaints (tooltips, dock moves) are plain blits.
    const QSize device = area.size() * devicePixelRatioF();
    if (m_scaled.size() != device) {
        const QImage& image = m_grid->image;
        // Whole-number enlargements stay crisp squares; anything else is averaged smoothly.
        const bool whole = device.width() % image.width() == 0;
        m_scaled = image.scaled(device, Qt::IgnoreAspectRatio,
                                whole ? Qt::FastTransformation : Qt::SmoothTransformation);
        m_scaled.setDevicePixelRatio(devicePixelRatioF());
    }
    painter.drawImage(area.topLeft(), m_scaled);
}

bool TileGridView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int tile = tileAt(help->pos());
        if (tile < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const float* z = m_grid->z.data() +
                         static_cast<std::size_t>(tile) * static_cast<std::size_t>(m_grid->dim);
        QToolTip::showText(help->globalPos(), latentText(z, m_grid->dim), this,
                           QRect(help->pos(), QSize(1, 1)));
        return true;
    }
    return QWidget::event(event);
}

} // namespace vae::gui
