#include "widgets/tilegridview.h"

#include "widgets/featureprofile.h"

#include <QHelpEvent>
#include <QVBoxLayout>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace vae::gui {

namespace {
constexpr int kMinimumSide = 160;
constexpr int kMinimumProfileHeight = 260;
} // namespace

TileGridView::TileGridView(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(kMinimumSide, kMinimumSide);
    // As wide as the panel, as high as wide: the controls under it stay next to it.
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    m_profile = new FeatureProfile(this);
    m_profile->setVisible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_profile);
}

void TileGridView::setGrid(std::shared_ptr<const TileGrid> grid)
{
    m_grid = std::move(grid);
    m_scaled = QImage();
    const bool table = m_grid && m_grid->shape.isTable();
    m_profile->setVisible(table);
    // A profile needs more height than a grid of tiles to show its column names.
    setMinimumHeight(table ? kMinimumProfileHeight : kMinimumSide);
    if (table) {
        const int count = m_grid->count();
        const int lines = std::min(count, kMaxProfileLines);
        const auto perTile = std::size_t(m_grid->shape.values());
        QColor colour = FeatureProfile::decodedColour();
        // Faint when many overlap, so where they crowd reads darker.
        colour.setAlpha(lines > 20 ? 70 : 160);
        std::vector<FeatureProfile::Series> series;
        for (int k = 0; k < lines; ++k) {
            const auto tile = std::size_t(k) * std::size_t(count) / std::size_t(lines);
            const auto first = m_grid->pixels.begin() + std::ptrdiff_t(tile * perTile);
            series.push_back({QString(), {first, first + std::ptrdiff_t(perTile)}, colour,
                              FeatureProfile::Style::Line});
        }
        m_profile->setColumns(*m_grid->shape.table);
        m_profile->setSeries(std::move(series));
    }
    update();
}

void TileGridView::clear(const QString& message)
{
    m_profile->setVisible(false);
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
    if (!m_profile->isHidden())
        return; // a table's tiles: the profile covers the widget
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
