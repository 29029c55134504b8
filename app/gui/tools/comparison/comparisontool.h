#pragma once

#include "tools/comparison/comparisondialog.h"
#include "tools/comparison/comparisonwindow.h"

#include <vae/config.h>

#include <QObject>
#include <QPointer>

#include <vector>

class QAction;

namespace vae::gui {

class ToolContext;

/// Training ▸ Compare Models… (Ctrl+Shift+C) in the main window: asks for the models
/// (ComparisonDialog) and opens a ComparisonWindow that starts training at once. With
/// --compare PRESET it opens one for the preset as soon as MNIST is loaded.
class ComparisonTool final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComparisonTool)

public:
    explicit ComparisonTool(ToolContext& context);

    /// Opens (replacing an open one) a comparison window for `models` with `base` and starts it.
    /// Reports problems through ToolContext::reportError; null then.
    ComparisonWindow* openComparison(const vae::TrainingConfig& base,
                                     std::vector<ComparedModel> models);
    [[nodiscard]] ComparisonWindow* comparisonWindow() const { return m_comparison; }
    [[nodiscard]] QAction* action() const { return m_action; }

private:
    void askAndOpen();

    ToolContext& m_context;
    QAction* m_action = nullptr;
    QPointer<ComparisonWindow> m_comparison;
};

} // namespace vae::gui
