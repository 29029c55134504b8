#include "shell/language.h"

#include "shell/mainwindow.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTranslator>

#include <memory>

namespace vae::gui {

namespace language {

namespace {

struct Installed {
    QString code = QStringLiteral("en");
    std::unique_ptr<QTranslator> app;
    std::unique_ptr<QTranslator> qt;
};

Installed& installed()
{
    static Installed state;
    return state;
}

} // namespace

QStringList available()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString fromUiLanguages(const QStringList& uiLanguages)
{
    for (const QString& name : uiLanguages) {
        const QLocale locale(name);
        if (locale.language() == QLocale::English)
            return QStringLiteral("en");
        if (locale.language() == QLocale::Chinese &&
            locale.script() != QLocale::TraditionalHanScript)
            return QStringLiteral("zh_CN");
    }
    return QStringLiteral("en");
}

QString system()
{
    return fromUiLanguages(QLocale::system().uiLanguages());
}

QString savedChoice()
{
    const QString value = QSettings().value(QLatin1String(kSettingsKey)).toString();
    return available().contains(value) ? value : QStringLiteral("system");
}

void saveChoice(const QString& choice)
{
    QSettings().setValue(QLatin1String(kSettingsKey), choice);
}

QString resolve(const QString& choice)
{
    return available().contains(choice) ? choice : system();
}

QString atStart(const std::optional<QString>& flag, bool useSettings)
{
    if (flag && available().contains(*flag))
        return *flag;
    return resolve(useSettings ? savedChoice() : QStringLiteral("system"));
}

bool install(const QString& code)
{
    if (!available().contains(code))
        return false;
    Installed& state = installed();
    if (state.app)
        QCoreApplication::removeTranslator(state.app.get());
    if (state.qt)
        QCoreApplication::removeTranslator(state.qt.get());
    state.app.reset();
    state.qt.reset();
    state.code = QStringLiteral("en");

    // English is the source language: its .qm holds plural forms only (if any), so an empty one
    // is fine. Every other language must be there.
    auto app = std::make_unique<QTranslator>();
    const bool appLoaded = app->load(QStringLiteral(":/i18n/vae-explorer_%1.qm").arg(code));
    if (!appLoaded && code != QLatin1String("en"))
        return false;
    if (appLoaded)
        QCoreApplication::installTranslator(app.get());
    state.app = std::move(app);

    if (code != QLatin1String("en")) {
        auto qt = std::make_unique<QTranslator>();
        if (qt->load(QStringLiteral("qtbase_%1").arg(code),
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(qt.get());
            state.qt = std::move(qt);
        }
    }
    state.code = code;
    // Numbers stay in the C/English format either way (decimal point, no digit grouping
    // surprises): Chinese uses the same digits and separators, so nothing is lost.
    return true;
}

QString current()
{
    return installed().code;
}

bool qtTranslationInstalled()
{
    return installed().qt != nullptr;
}

} // namespace language

LanguageMenu::LanguageMenu(MainWindow* window) : QObject(window), m_window(window)
{
    setObjectName(QStringLiteral("languageMenu"));
    m_choice = window->options().useSettings ? language::savedChoice() : QStringLiteral("system");
    if (window->options().language && !window->options().useSettings)
        m_choice = *window->options().language;

    m_menu = new QMenu(tr("&Language"), window);
    m_menu->setObjectName(QStringLiteral("languageMenu"));
    m_group = new QActionGroup(this);
    m_group->setExclusive(true);
    const auto addChoice = [this](const QString& choice, const QString& text) {
        QAction* action = m_menu->addAction(text);
        action->setData(choice);
        action->setCheckable(true);
        action->setChecked(choice == m_choice);
        m_group->addAction(action);
        connect(action, &QAction::triggered, this, [this, choice] { choose(choice); });
    };
    addChoice(QStringLiteral("system"),
              tr("&System (%1)")
                  .arg(language::system() == "zh_CN" ? QStringLiteral("简体中文")
                                                     : QStringLiteral("English")));
    m_menu->addSeparator();
    // Each language is named in itself, so a user who cannot read the current one finds theirs.
    addChoice(QStringLiteral("en"), QStringLiteral("English"));
    addChoice(QStringLiteral("zh_CN"), QStringLiteral("简体中文"));
    m_menu->menuAction()->setStatusTip(
        tr("The language of the user interface; it changes at the next start"));

    QMenu* view = window->viewMenu();
    view->addSeparator();
    view->addMenu(m_menu);
}

QAction* LanguageMenu::action(const QString& choice) const
{
    for (QAction* action : m_group->actions()) {
        if (action->data().toString() == choice)
            return action;
    }
    return nullptr;
}

bool LanguageMenu::choose(const QString& choice)
{
    if (QAction* chosen = action(choice))
        chosen->setChecked(true);
    m_choice = choice;
    if (m_window->options().useSettings)
        language::saveChoice(choice);
    const bool needsRestart = language::resolve(choice) != language::current();
    if (!needsRestart) {
        m_window->statusBar()->showMessage(tr("The user interface is already in this language."),
                                           5000);
        return false;
    }
    m_window->statusBar()->showMessage(tr("The language changes when VAE Explorer starts again."));
    if (m_window->options().showDialogs)
        promptRestart();
    return true;
}

void LanguageMenu::promptRestart()
{
    // Shown in the new language's words too, so that a user who picked a language they read
    // understands what happens next.
    const QString target = language::resolve(m_choice);
    const QString hint =
        target == QLatin1String("zh_CN")
            ? QStringLiteral("<p>重新启动 VAE Explorer 后界面将显示为简体中文。</p>")
            : QStringLiteral("<p>VAE Explorer will be in English after a restart.</p>");
    QMessageBox box(QMessageBox::Information, tr("Language"),
                    tr("<p>The new language is used when VAE Explorer starts again.</p>") + hint,
                    QMessageBox::NoButton, m_window);
    const QString blocker = restartBlocker();
    QPushButton* restartButton = nullptr;
    if (blocker.isEmpty()) {
        restartButton = box.addButton(tr("&Restart Now"), QMessageBox::AcceptRole);
        box.addButton(tr("&Later"), QMessageBox::RejectRole);
    } else {
        box.setInformativeText(blocker);
        box.addButton(QMessageBox::Ok);
    }
    box.exec();
    if (restartButton && box.clickedButton() == restartButton)
        restart();
}

QString LanguageMenu::restartBlocker() const
{
    if (m_window->isTraining())
        return tr("Training is running: the language changes at the next start. To restart now, "
                  "stop training (Shift+F5) and choose the language again.");
    return {};
}

QStringList LanguageMenu::restartArguments() const
{
    QStringList arguments;
    const LaunchOptions& options = m_window->options();
    if (!options.dataDir.isEmpty())
        arguments << QStringLiteral("--data") << options.dataDir;
    if (!m_window->hasUnsavedModel() && !m_window->modelFilePath().isEmpty())
        arguments << QStringLiteral("--open") << m_window->modelFilePath();
    return arguments;
}

bool LanguageMenu::restart()
{
    if (!restartBlocker().isEmpty())
        return false;
    // Closing asks first to save a model trained in this session and not saved (UnsavedWorkGuard):
    // Cancel, a cancelled save dialog or a failed save keep the window, and no restart happens.
    if (!m_window->close())
        return false;
    // After close(): a model saved on the way out is reopened by the new instance, which reads
    // the settings this one has just written.
    const QStringList arguments = restartArguments();
    if (!QProcess::startDetached(QCoreApplication::applicationFilePath(), arguments)) {
        QMessageBox::warning(nullptr, tr("Restart"),
                             tr("Cannot start %1 again; please start it yourself.")
                                 .arg(QCoreApplication::applicationFilePath()));
        return false;
    }
    QCoreApplication::quit();
    return true;
}

} // namespace vae::gui
