#pragma once

// A ToolContext for testing one tool without the main window: a real Session (real MNIST, real
// checkpoints, real training) and a real LatentPlot in a bare QMainWindow, with the host's side
// (docks, actions, messages, errors, file dialogs) recorded instead of shown.

#include "plots/latentplot.h"
#include "session/session.h"
#include "session/trainerupdates.h"
#include "tools/toolcontext.h"

#include <vae/config.h>

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTest>
#include <QToolBar>

#include <memory>
#include <utility>
#include <vector>

namespace vae::gui::test {

/// What the fake context owns besides the ToolContext: built before it (a base listed first), so
/// that the context can refer to the session and the plot, and destroyed after it.
struct FakeHost {
    explicit FakeHost(LaunchOptions options)
        : session(std::move(options)), plot(new LatentPlot(&window))
    {
        window.setCentralWidget(plot);
        window.resize(1000, 800);
        exploreToolBar = window.addToolBar(QStringLiteral("Explore"));
    }

    Session session;
    QMainWindow window;
    LatentPlot* plot;
    QMenu exploreMenu;
    QMenu trainingMenu;
    QToolBar* exploreToolBar = nullptr;
};

class FakeToolContext final : private FakeHost, public ToolContext {
public:
    /// The session is connected but loads nothing: call loadData() (real MNIST) or openModel().
    explicit FakeToolContext(LaunchOptions options)
        : FakeHost(std::move(options)), ToolContext(FakeHost::session, *FakeHost::plot)
    {
        QObject::connect(&session(), &Session::errorReported, this,
                         [this](const QString& title, const QString& message) {
                             reportError(title, message);
                         });
        // What the shell does for the plot when the session has a new snapshot.
        QObject::connect(&session(), &Session::updateReceived, this,
                         [this](const vae::TrainerUpdate& update) {
                             if (update.latent && !showsPastLatent())
                                 FakeHost::plot->setSnapshot(update.latent);
                             FakeHost::plot->replotIfDirty();
                         });
        QObject::connect(&session(), &Session::latentEncoded, this, [this](bool fitView) {
            if (!showsPastLatent())
                FakeHost::plot->setSnapshot(session().latestLatent());
            if (fitView)
                FakeHost::plot->resetView();
            FakeHost::plot->replotIfDirty();
        });
    }
    /// The tools go first, newest first, while the context they use still exists.
    ~FakeToolContext() override
    {
        for (auto it = m_tools.rbegin(); it != m_tools.rend(); ++it)
            delete it->data();
    }

    /// Creates a tool with this context; it is deleted with the context.
    template <typename Tool> Tool* add()
    {
        auto* tool = new Tool(*this);
        m_tools.emplace_back(tool);
        return tool;
    }

    [[nodiscard]] Session& session() { return FakeHost::session; }
    [[nodiscard]] QMainWindow& hostWindow() { return FakeHost::window; }
    [[nodiscard]] LatentPlot* plot() const { return FakeHost::plot; }
    [[nodiscard]] QMenu& exploreMenu() { return FakeHost::exploreMenu; }
    [[nodiscard]] QMenu& trainingMenu() { return FakeHost::trainingMenu; }
    [[nodiscard]] QToolBar& exploreToolBar() { return *FakeHost::exploreToolBar; }
    [[nodiscard]] const QStringList& messages() const { return m_messages; }
    [[nodiscard]] const QStringList& errors() const { return m_errors; }
    /// The run has ended and the session has taken in its final records (its last state seen is
    /// Finished, Stopped or Failed): what the window waits for before it enables Start again.
    [[nodiscard]] bool runEnded() const
    {
        return !isTraining() && isTerminal(FakeHost::session.lastState());
    }
    /// Shows the host window, loads MNIST and opens the checkpoint at `path`; true once the data
    /// is there and the opened model has encoded the test set (the plot shows it).
    [[nodiscard]] bool openWithData(const QString& path)
    {
        FakeHost::window.show();
        if (!QTest::qWaitForWindowExposed(&hostWindow()))
            return false;
        if (!data()) {
            FakeHost::session.loadData();
            if (!QTest::qWaitFor([this] { return data() != nullptr; }, 30000))
                return false;
        }
        if (!FakeHost::session.openModel(path))
            return false;
        return QTest::qWaitFor([this] { return latestLatent() != nullptr; }, 30000);
    }
    /// What askSaveFile() answers (empty: cancelled).
    void setSaveFileAnswer(QString path) { m_saveFile = std::move(path); }
    void setTrainingSettings(vae::TrainingConfig config) { m_config = std::move(config); }

    // ToolContext's host
    [[nodiscard]] QWidget* window() const override
    {
        return const_cast<QMainWindow*>(&this->FakeHost::window);
    }
    QAction* addDock(QDockWidget* dock, Qt::DockWidgetArea area, const QString& text,
                     const QKeySequence& shortcut, const QString& statusTip,
                     bool* restored = nullptr) override
    {
        FakeHost::window.addDockWidget(area, dock);
        dock->hide();
        if (restored)
            *restored = false;
        QAction* toggle = dockAction(dock, text, shortcut, statusTip);
        addAction(toggle, Place::Explore);
        return toggle;
    }
    void addAction(QAction* action, Place place) override
    {
        if (place == Place::Explore || place == Place::ExploreMenu)
            FakeHost::exploreMenu.addAction(action);
        if (place == Place::Explore || place == Place::ExploreToolBar)
            FakeHost::exploreToolBar->addAction(action);
        if (place == Place::Training)
            FakeHost::trainingMenu.addAction(action);
    }
    void addSeparator(Place place) override
    {
        (place == Place::Training ? FakeHost::trainingMenu : FakeHost::exploreMenu).addSeparator();
    }
    void addToolBarWidget(QWidget* widget) override { FakeHost::exploreToolBar->addWidget(widget); }
    void resizeDock(QDockWidget* dock, int height) override
    {
        FakeHost::window.resizeDocks({dock}, {height}, Qt::Vertical);
    }
    void showMessage(const QString& text, int) override { m_messages << text; }
    void reportError(const QString& title, const QString& message) override
    {
        m_errors << title + QStringLiteral(": ") + message;
    }
    [[nodiscard]] QString askSaveFile(const QString&, const QString&, const QString&,
                                      const QString&) override
    {
        return m_saveFile;
    }
    [[nodiscard]] bool isWindowMinimized() const override { return FakeHost::window.isMinimized(); }
    [[nodiscard]] vae::TrainingConfig trainingSettings() const override { return m_config; }

private:
    std::vector<QPointer<QObject>> m_tools;
    QStringList m_messages;
    QStringList m_errors;
    QString m_saveFile;
    vae::TrainingConfig m_config;
};

} // namespace vae::gui::test
