#pragma once

#include <QObject>

class QAction;
class QDockWidget;

namespace vae::gui {

class ToolContext;
class GradientPanel;

/// Puts a GradientPanel in a "Gradient Estimators" dock (Explore menu and toolbar, Ctrl+G) and
/// keeps it on the window's model and test images.
class GradientTool final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GradientTool)

public:
    explicit GradientTool(ToolContext& context);

    [[nodiscard]] GradientPanel* panel() const { return m_panel; }
    [[nodiscard]] QDockWidget* dock() const { return m_dock; }

private:
    void syncData();

    ToolContext& m_context;
    GradientPanel* m_panel = nullptr;
    QDockWidget* m_dock = nullptr;
};

} // namespace vae::gui
