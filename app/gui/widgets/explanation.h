#pragma once

#include <QLabel>

namespace vae::gui {

/// A short explanation of a panel for a student: what it shows and its formula, 1–3 sentences,
/// placed at the top or bottom of the panel. Rich text (use <i>, <sub>, <sup> and Unicode math:
/// "ELBO = E<sub>q</sub>[log p(x|z)] − KL(q(z|x) ‖ p(z))"), word-wrapped, in a smaller grey font
/// so it stays out of the way of the data. Its text is selectable (students copy formulas).
/// Pass the text through tr() so it is translated.
///
/// It never makes its panel or the window taller than they would be without it: it asks for the
/// height its text needs at its current width, but its minimum is one line, so in a cramped
/// panel the text is cut at the bottom (the tooltip then holds it whole) rather than pushing the
/// window past the screen. (A plain word-wrapped QLabel makes that height a minimum.)
class ExplanationLabel final : public QLabel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExplanationLabel)

public:
    explicit ExplanationLabel(const QString& richText, QWidget* parent = nullptr);

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;
    [[nodiscard]] bool hasHeightForWidth() const override { return false; }
    /// Whether the whole text fits at the current size.
    [[nodiscard]] bool isComplete() const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void updateToolTip();
};

/// Convenience: `layout->addWidget(makeExplanation(tr("…"), this));`
[[nodiscard]] ExplanationLabel* makeExplanation(const QString& richText, QWidget* parent = nullptr);

} // namespace vae::gui
