#include "tools/interpolation/interpolationstrip.h"

#include "widgets/decodedview.h"
#include "widgets/featureprofile.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>

namespace vae::gui {

namespace {
// Room under the images for the A and B captions.
constexpr int kCaptionHeight = 18;
constexpr int kMargin = 4;
constexpr int kMinimumProfileHeight = 240;
} // namespace

InterpolationStrip::InterpolationStrip(QWidget* parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    m_profile = new FeatureProfile(this);
    m_profile->setVisible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_profile);
}

QColor InterpolationStrip::stepColour(int i, int n)
{
    // A blue, B orange (the endpoints' markers on the latent plot are labelled A and B).
    const QColor a(0x1f, 0x77, 0xb4);
    const QColor b(0xe0, 0x6c, 0x00);
    const double t = n > 1 ? double(i) / (n - 1) : 0.0;
    return QColor::fromRgbF(float(a.redF() + t * (b.redF() - a.redF())),
                            float(a.greenF() + t * (b.greenF() - a.greenF())),
                            float(a.blueF() + t * (b.blueF() - a.blueF())));
}

QSize InterpolationStrip::minimumSizeHint() const
{
    // Two-times enlargement of a 28-pixel image still shows its strokes.
    return {200, 2 * 28 + kCaptionHeight + 2 * kMargin};
}

void InterpolationStrip::setImages(std::span<const float> pixels, int n, const ExampleImage& shape,
                                   std::span<const float> z)
{
    m_images.clear();
    const auto size = std::size_t(shape.values());
    m_profile->setVisible(shape.isTable());
    // A profile needs room for its plot and slanted column names.
    setMinimumHeight(shape.isTable() ? kMinimumProfileHeight : 0);
    if (shape.isTable()) {
        const QLocale locale;
        std::vector<FeatureProfile::Series> series;
        for (int i = 0; i < n; ++i) {
            const auto row = pixels.subspan(std::size_t(i) * size, size);
            const double t = n > 1 ? double(i) / (n - 1) : 0.0;
            const bool end = i == 0 || i == n - 1;
            series.push_back({end ? (i == 0 ? QStringLiteral("A") : QStringLiteral("B"))
                                  : tr("t = %1").arg(locale.toString(t, 'f', 2)),
                              {row.begin(), row.end()}, stepColour(i, n),
                              FeatureProfile::Style::Line, end});
        }
        m_profile->setColumns(*shape.table);
        m_profile->setSeries(std::move(series));
    } else {
        for (int i = 0; i < n; ++i)
            m_images.push_back(shape.toQImage(pixels.subspan(std::size_t(i) * size, size)));
    }
    m_z.assign(z.begin(), z.end());
    m_dim = n > 0 ? static_cast<int>(z.size()) / n : 0;
    m_message.clear();
    update();
}

void InterpolationStrip::clear(const QString& message)
{
    m_profile->setVisible(false);
    m_images.clear();
    m_z.clear();
    m_dim = 0;
    m_message = message;
    update();
}

QImage InterpolationStrip::compose(std::span<const float> pixels, int n,
                                   const ExampleImage& shape, int scale, int gap)
{
    if (n <= 0)
        return {};
    const int side = shape.cols * scale;
    QImage out(n * side + (n - 1) * gap, shape.rows * scale, shape.format());
    out.fill(Qt::white);
    const auto size = std::size_t(shape.values());
    for (int i = 0; i < n; ++i)
        shape.paint(pixels.subspan(std::size_t(i) * size, size), out, i * (side + gap), 0, scale);
    return out;
}

int InterpolationStrip::scale() const
{
    if (m_images.empty())
        return 1;
    const int n = count();
    const QSize image = m_images.front().size();
    const int byWidth = (width() - 2 * kMargin - (n - 1) * kGap) / (n * image.width());
    const int byHeight = (height() - 2 * kMargin - kCaptionHeight) / image.height();
    return std::max(1, std::min(byWidth, byHeight));
}

QRect InterpolationStrip::imageRect(int i) const
{
    if (i < 0 || i >= count())
        return {};
    const int s = scale();
    const QSize size = m_images.front().size() * s;
    const int n = count();
    const int total = n * size.width() + (n - 1) * kGap;
    const int left = std::max(kMargin, (width() - total) / 2);
    const int top = std::max(kMargin, (height() - kCaptionHeight - size.height()) / 2);
    return {QPoint(left + i * (size.width() + kGap), top), size};
}

void InterpolationStrip::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().window());
    if (!m_profile->isHidden())
        return;
    if (m_images.empty()) {
        painter.setPen(palette().placeholderText().color());
        painter.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap,
                         m_message);
        return;
    }
    for (int i = 0; i < count(); ++i) {
        const QRect target = imageRect(i);
        // Whole-number enlargement without smoothing: every model pixel is a square.
        painter.drawImage(target, image(i));
        painter.setPen(palette().mid().color());
        painter.drawRect(target.adjusted(-1, -1, 0, 0));
    }
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(palette().windowText().color());
    for (const auto& [index, name] :
         {std::pair{0, QStringLiteral("A")}, std::pair{count() - 1, QStringLiteral("B")}}) {
        const QRect target = imageRect(index);
        painter.drawText(QRect(target.left(), target.bottom() + 2, target.width(), kCaptionHeight),
                         Qt::AlignHCenter | Qt::AlignTop, name);
    }
}

bool InterpolationStrip::event(QEvent* event)
{
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    const auto* help = static_cast<QHelpEvent*>(event);
    for (int i = 0; i < count(); ++i) {
        if (!imageRect(i).contains(help->pos()))
            continue;
        const QLocale locale;
        QStringList parts;
        for (int k = 0; k < m_dim; ++k)
            parts << locale.toString(double(m_z[std::size_t(i * m_dim + k)]), 'f', 3);
        const double t = count() > 1 ? double(i) / (count() - 1) : 0.0;
        QToolTip::showText(help->globalPos(),
                           tr("t = %1\nz = (%2)")
                               .arg(locale.toString(t, 'f', 3), parts.join(QStringLiteral(", "))),
                           this);
        return true;
    }
    QToolTip::hideText();
    event->ignore();
    return true;
}

} // namespace vae::gui
