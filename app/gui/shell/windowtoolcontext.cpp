#include "shell/windowtoolcontext.h"

#include "shell/mainwindow.h"
#include "shell/settingspanel.h"

#include <QAction>
#include <QDockWidget>
#include <QEvent>
#include <QMenu>
#include <QStatusBar>
#include <QToolBar>

namespace vae::gui {

WindowToolContext::WindowToolContext(MainWindow& window, Session& session, LatentPlot& latentPlot)
    : ToolContext(session, latentPlot, &window), m_window(window)
{
    setObjectName(QStringLiteral("toolContext"));
    m_window.installEventFilter(this);
}

QWidget* WindowToolContext::window() const
{
    return &m_window;
}

QAction* WindowToolContext::addDock(QDockWidget* dock, Qt::DockWidgetArea area,
                                    const QString& text, const QKeySequence& shortcut,
                                    const QString& statusTip, bool* restored)
{
    m_window.addDockWidget(area, dock);
    dock->hide(); // until the saved layout restores it or the user asks for it
    // The window restored its saved layout before this dock existed: take its part now.
    const bool found = m_window.restoreDockWidget(dock);
    if (restored)
        *restored = found;
    QAction* toggle = dockAction(dock, text, shortcut, statusTip);
    addAction(toggle, Place::Explore);
    return toggle;
}

void WindowToolContext::addAction(QAction* action, Place place)
{
    switch (place) {
    case Place::Explore:
        m_window.exploreMenu()->addAction(action);
        m_window.exploreToolBar()->addAction(action);
        break;
    case Place::ExploreMenu:
        m_window.exploreMenu()->addAction(action);
        break;
    case Place::ExploreToolBar:
        m_window.exploreToolBar()->addAction(action);
        break;
    case Place::Training:
        m_window.trainingMenu()->addAction(action);
        break;
    }
}

void WindowToolContext::addSeparator(Place place)
{
    if (place == Place::ExploreToolBar) {
        m_window.exploreToolBar()->addSeparator();
        return;
    }
    QMenu* menu = place == Place::Training ? m_window.trainingMenu() : m_window.exploreMenu();
    if (!menu->isEmpty())
        menu->addSeparator();
}

void WindowToolContext::addToolBarWidget(QWidget* widget)
{
    m_window.exploreToolBar()->addWidget(widget);
}

void WindowToolContext::resizeDock(QDockWidget* dock, int height)
{
    m_window.resizeDocks({dock}, {height}, Qt::Vertical);
}

void WindowToolContext::showMessage(const QString& text, int timeoutMs)
{
    m_window.statusBar()->showMessage(text, timeoutMs);
}

void WindowToolContext::reportError(const QString& title, const QString& message)
{
    m_window.reportError(title, message);
}

QString WindowToolContext::askSaveFile(const QString& title, const QString& filter,
                                       const QString& defaultSuffix, const QString& baseName)
{
    return m_window.askSaveFile(title, filter, defaultSuffix, baseName);
}

bool WindowToolContext::isWindowMinimized() const
{
    return m_window.isMinimized();
}

vae::TrainingConfig WindowToolContext::trainingSettings() const
{
    return m_window.settingsPanel()->toConfig();
}

bool WindowToolContext::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == &m_window && event->type() == QEvent::WindowStateChange &&
        !m_window.isMinimized())
        emit windowRestored();
    return ToolContext::eventFilter(watched, event);
}

} // namespace vae::gui
