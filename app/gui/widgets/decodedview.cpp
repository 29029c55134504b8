#include "widgets/decodedview.h"

#include "widgets/featureprofile.h"

#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace vae::gui {

namespace {
// Smallest enlargement: 28 px × 6 keeps the strokes of a digit readable.
constexpr int kMinimumScale = 6;
constexpr int kMnistSide = 28;
} // namespace

/// Paints the image at the largest whole-number scale that fits, so nearest-neighbour scaling
/// never makes some model pixels wider than others.
class DecodedView::Canvas final : public QWidget {
public:
    explicit Canvas(DecodedView* owner) : QWidget(owner), m_owner(owner)
    {
        setMinimumSize(kMnistSide * kMinimumScale, kMnistSide * kMinimumScale);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
        // paintEvent() fills every pixel: nothing behind needs painting first (a decode during
        // training repaints only this).
        setAttribute(Qt::WA_OpaquePaintEvent);
    }

    void setMessage(const QString& message)
    {
        m_message = message;
        update();
    }

    [[nodiscard]] QRect imageRect() const
    {
        const QImage& image = m_owner->m_image;
        if (image.isNull())
            return {};
        const int scale = std::max(1, std::min(width() / image.width(), height() / image.height()));
        const QSize size(image.width() * scale, image.height() * scale);
        return QRect(QPoint((width() - size.width()) / 2, (height() - size.height()) / 2), size);
    }

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        painter.fillRect(rect(), palette().window());
        const QImage& image = m_owner->m_image;
        if (image.isNull()) {
            painter.setPen(palette().placeholderText().color());
            painter.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap,
                             m_message);
            return;
        }
        const QRect target = imageRect();
        if (m_scaled.size() != target.size() || m_scaledKey != image.cacheKey()) {
            enlarge(image, target.width() / image.width(), m_scaled);
            m_scaledKey = image.cacheKey();
        }
        painter.drawImage(target.topLeft(), m_scaled);
        painter.setPen(palette().mid().color());
        painter.drawRect(target.adjusted(-1, -1, 0, 0));
    }

private:
    /// Nearest-neighbour enlargement by a whole factor, straight into the screen's 32-bit format:
    /// drawing it is then a plain copy (a decode while training repaints this at once). Reuses
    /// `out`'s pixels when the size stays: no allocation per decode.
    static void enlarge(const QImage& image, int scale, QImage& out)
    {
        const QSize size(image.width() * scale, image.height() * scale);
        if (out.size() != size || out.format() != QImage::Format_RGB32)
            out = QImage(size, QImage::Format_RGB32);
        const QImage rgb = image.convertToFormat(QImage::Format_RGB32); // grey or colour
        for (int r = 0; r < rgb.height(); ++r) {
            const auto* in = reinterpret_cast<const QRgb*>(rgb.constScanLine(r));
            auto* first = reinterpret_cast<QRgb*>(out.scanLine(r * scale));
            for (int c = 0; c < rgb.width(); ++c)
                std::fill_n(first + c * scale, scale, in[c]);
            for (int k = 1; k < scale; ++k)
                std::copy_n(first, out.width(), reinterpret_cast<QRgb*>(out.scanLine(r * scale + k)));
        }
    }

    DecodedView* m_owner;
    QString m_message;
    QImage m_scaled;
    qint64 m_scaledKey = 0;
};

DecodedView::DecodedView(QWidget* parent) : QWidget(parent)
{
    m_canvas = new Canvas(this);
    m_profile = new FeatureProfile(this);
    // As high as the image canvas at its smallest: the plot and the slanted names need it.
    m_profile->setMinimumHeight(kMnistSide * kMinimumScale + 30);
    m_profile->setVisible(false);
    m_coordinates = new QLabel(this);
    m_coordinates->setAlignment(Qt::AlignCenter);
    m_coordinates->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Opaque, so a new text repaints the label alone, not the group box and window behind it.
    m_coordinates->setAutoFillBackground(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_canvas, 1);
    layout->addWidget(m_profile, 1);
    layout->addWidget(m_coordinates);
    clear(tr("Click the latent plot to decode a point."));
}

void DecodedView::setImage(std::span<const float> pixels, const ExampleImage& shape,
                           std::span<const float> z)
{
    if (shape.isTable()) {
        m_image = QImage();
        m_profile->setColumns(*shape.table);
        m_profile->setSeries({{QString(), {pixels.begin(), pixels.end()},
                               FeatureProfile::decodedColour(), FeatureProfile::Style::Bars}});
    } else {
        m_image = shape.toQImage(pixels);
    }
    m_canvas->setVisible(!shape.isTable());
    m_profile->setVisible(shape.isTable());
    const QLocale locale;
    QStringList parts;
    for (const float value : z)
        parts << locale.toString(static_cast<double>(value), 'f', 3);
    m_coordinates->setText(tr("z = (%1)").arg(parts.join(QStringLiteral(", "))));
    m_canvas->update();
}

void DecodedView::clear(const QString& message)
{
    m_image = QImage();
    m_coordinates->clear();
    m_canvas->setMessage(message);
    m_canvas->setVisible(true);
    m_profile->setVisible(false);
}

QString DecodedView::coordinatesText() const
{
    return m_coordinates->text();
}

bool DecodedView::showsProfile() const
{
    return !m_profile->isHidden();
}

QWidget* DecodedView::canvas() const
{
    return m_canvas;
}

QRect DecodedView::imageRect() const
{
    return m_canvas->imageRect();
}

} // namespace vae::gui
