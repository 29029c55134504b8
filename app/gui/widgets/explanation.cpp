#include "widgets/explanation.h"

#include <QPalette>
#include <QResizeEvent>

#include <algorithm>

namespace vae::gui {

namespace {

/// Font size relative to the panel's: small enough to read as a caption, large enough for
/// subscripts to stay legible.
constexpr double kFontScale = 0.9;
/// The width asked for, in average characters: narrow enough not to widen a dock.
constexpr int kHintChars = 30;

} // namespace

ExplanationLabel::ExplanationLabel(const QString& richText, QWidget* parent)
    : QLabel(richText, parent)
{
    setObjectName(QStringLiteral("explanation"));
    setTextFormat(Qt::RichText);
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setAlignment(Qt::AlignLeft | Qt::AlignTop); // cut at the bottom, never in the middle
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    QFont small = font();
    if (small.pointSizeF() > 0)
        small.setPointSizeF(small.pointSizeF() * kFontScale);
    else
        small.setPixelSize(std::max(8, static_cast<int>(small.pixelSize() * kFontScale)));
    setFont(small);
    // The grey the panels' other notes use; it follows light and dark themes.
    setForegroundRole(QPalette::PlaceholderText);
}

QSize ExplanationLabel::sizeHint() const
{
    const int hintWidth = fontMetrics().averageCharWidth() * kHintChars;
    const int w = width() > hintWidth / 2 ? width() : hintWidth;
    return {hintWidth, QLabel::heightForWidth(w)};
}

QSize ExplanationLabel::minimumSizeHint() const
{
    return {fontMetrics().averageCharWidth() * kHintChars / 2,
            fontMetrics().lineSpacing() + 2 * margin()};
}

bool ExplanationLabel::isComplete() const
{
    return height() >= QLabel::heightForWidth(width());
}

void ExplanationLabel::resizeEvent(QResizeEvent* event)
{
    QLabel::resizeEvent(event);
    if (event->oldSize().width() != event->size().width())
        updateGeometry(); // the height it needs depends on the width
    updateToolTip();
}

void ExplanationLabel::updateToolTip()
{
    // The whole text where it is cut; none where it is all there (a tooltip repeating the label
    // would only get in the way).
    setToolTip(isComplete() ? QString() : text());
}

ExplanationLabel* makeExplanation(const QString& richText, QWidget* parent)
{
    return new ExplanationLabel(richText, parent);
}

} // namespace vae::gui
