#include "explanation.h"

#include <QPalette>

#include <algorithm>

namespace vae::gui {

namespace {

/// Font size relative to the panel's: small enough to read as a caption, large enough for
/// subscripts to stay legible.
constexpr double kFontScale = 0.9;

} // namespace

ExplanationLabel::ExplanationLabel(const QString& richText, QWidget* parent)
    : QLabel(richText, parent)
{
    setObjectName(QStringLiteral("explanation"));
    setTextFormat(Qt::RichText);
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    QFont small = font();
    if (small.pointSizeF() > 0)
        small.setPointSizeF(small.pointSizeF() * kFontScale);
    else
        small.setPixelSize(std::max(8, static_cast<int>(small.pixelSize() * kFontScale)));
    setFont(small);
    // The grey the panels' other notes use; it follows light and dark themes.
    setForegroundRole(QPalette::PlaceholderText);
}

ExplanationLabel* makeExplanation(const QString& richText, QWidget* parent)
{
    return new ExplanationLabel(richText, parent);
}

} // namespace vae::gui
