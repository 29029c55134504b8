#include "tools/manifold/tilecountbox.h"

#include "tools/manifold/manifoldtool.h"

#include <QRegularExpression>

namespace vae::gui {

TileCountBox::TileCountBox(QWidget* parent) : QSpinBox(parent)
{
    setRange(ManifoldTool::kMinTiles, ManifoldTool::kMaxTiles);
    setValue(ManifoldTool::kDefaultTiles);
    setToolTip(tr("Tiles per side of the manifold grids (%1–%2)")
                   .arg(ManifoldTool::kMinTiles)
                   .arg(ManifoldTool::kMaxTiles));
    // Typing "30" and leaving the box (or Enter) applies it; every keystroke would decode twice.
    setKeyboardTracking(false);
}

QString TileCountBox::textFromValue(int value) const
{
    return QStringLiteral("%1×%1").arg(value);
}

int TileCountBox::valueFromText(const QString& text) const
{
    // "30", "30×30" and "30x30" all mean 30 per side.
    static const QRegularExpression leading(QStringLiteral("^\\s*(\\d+)"));
    const QRegularExpressionMatch match = leading.match(text);
    return match.hasMatch() ? match.captured(1).toInt() : value();
}

QValidator::State TileCountBox::validate(QString& text, int&) const
{
    static const QRegularExpression form(QStringLiteral("^\\s*(\\d*)\\s*([×xX]\\s*\\d*)?\\s*$"));
    const QRegularExpressionMatch match = form.match(text);
    if (!match.hasMatch())
        return QValidator::Invalid;
    if (match.captured(1).isEmpty())
        return QValidator::Intermediate;
    const int n = match.captured(1).toInt();
    if (n > maximum())
        return QValidator::Invalid;
    return n >= minimum() ? QValidator::Acceptable : QValidator::Intermediate;
}

} // namespace vae::gui
