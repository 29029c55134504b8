#pragma once

#include <QObject>

class QAction;
class QDockWidget;

namespace vae::gui {

class ToolContext;
class TraversalPanel;

/// Puts a TraversalPanel in a "Traversal" dock of the main window, with a toggle in the Explore
/// menu and toolbar (Ctrl+R), and keeps it on the window's model. The panel starts from the
/// window's last decoded point.
class TraversalTool final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TraversalTool)

public:
    explicit TraversalTool(ToolContext& context);

    [[nodiscard]] TraversalPanel* panel() const { return m_panel; }
    [[nodiscard]] QDockWidget* dock() const { return m_dock; }
    [[nodiscard]] QAction* toggleAction() const;

private:
    /// Brings the panel to the window's model and selected point.
    void sync();

    ToolContext& m_context;
    TraversalPanel* m_panel = nullptr;
    QDockWidget* m_dock = nullptr;
};

} // namespace vae::gui
