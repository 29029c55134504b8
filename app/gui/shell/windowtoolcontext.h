#pragma once

#include "tools/toolcontext.h"

namespace vae::gui {

class MainWindow;

/// The ToolContext of the main window: docks, actions and messages go to MainWindow's menus,
/// toolbar and status bar; the training settings come from its settings panel.
class WindowToolContext final : public ToolContext {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowToolContext)

public:
    WindowToolContext(MainWindow& window, Session& session, LatentPlot& latentPlot);

    [[nodiscard]] QWidget* window() const override;
    QAction* addDock(QDockWidget* dock, Qt::DockWidgetArea area, const QString& text,
                     const QKeySequence& shortcut, const QString& statusTip,
                     bool* restored = nullptr) override;
    void addAction(QAction* action, Place place) override;
    void addSeparator(Place place) override;
    void addToolBarWidget(QWidget* widget) override;
    void resizeDock(QDockWidget* dock, int height) override;
    void showMessage(const QString& text, int timeoutMs) override;
    void reportError(const QString& title, const QString& message) override;
    [[nodiscard]] QString askSaveFile(const QString& title, const QString& filter,
                                      const QString& defaultSuffix,
                                      const QString& baseName) override;
    [[nodiscard]] bool isWindowMinimized() const override;
    [[nodiscard]] vae::TrainingConfig trainingSettings() const override;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    MainWindow& m_window;
};

} // namespace vae::gui
