#pragma once

#include <QLabel>

namespace vae::gui {

/// A short explanation of a panel for a student: what it shows and its formula, 1–3 sentences,
/// placed at the top or bottom of the panel. Rich text (use <i>, <sub>, <sup> and Unicode math:
/// "ELBO = E<sub>q</sub>[log p(x|z)] − KL(q(z|x) ‖ p(z))"), word-wrapped, in a smaller grey font
/// so it stays out of the way of the data. Its text is selectable (students copy formulas).
/// Pass the text through tr() so it is translated.
class ExplanationLabel final : public QLabel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExplanationLabel)

public:
    explicit ExplanationLabel(const QString& richText, QWidget* parent = nullptr);
};

/// Convenience: `layout->addWidget(makeExplanation(tr("…"), this));`
[[nodiscard]] ExplanationLabel* makeExplanation(const QString& richText, QWidget* parent = nullptr);

} // namespace vae::gui
