#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

class QAction;
class QActionGroup;
class QMenu;

namespace vae::gui {

class MainWindow;

/// The user interface languages: English (the source texts) and Simplified Chinese. Codes are
/// "en" and "zh_CN", as in the .ts file names (resources/translations/vae-explorer_<code>.ts).
namespace language {

/// "en" and "zh_CN", in menu order.
[[nodiscard]] QStringList available();

/// The QSettings key holding the user's choice: "system", "en" or "zh_CN".
inline constexpr const char* kSettingsKey = "ui/language";

/// The language for a list of UI languages in order of preference (QLocale::uiLanguages(), e.g.
/// {"zh-CN", "en-US"}): the first that is English or Chinese in Simplified script (zh, zh_CN,
/// zh_SG, zh_Hans); Traditional Chinese (zh_TW, zh_HK, zh_Hant) is not offered and falls through
/// to the next entry. "en" if nothing matches.
[[nodiscard]] QString fromUiLanguages(const QStringList& uiLanguages);

/// fromUiLanguages() of the system locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG on Linux).
[[nodiscard]] QString system();

/// The saved choice ("system", "en" or "zh_CN"); "system" when unset or unknown.
[[nodiscard]] QString savedChoice();
void saveChoice(const QString& choice);

/// What a choice means now: "system" becomes system(), anything else stays.
[[nodiscard]] QString resolve(const QString& choice);

/// The language to start in: the --language flag if given, else the saved choice (when settings
/// are used), else the system's.
[[nodiscard]] QString atStart(const std::optional<QString>& flag, bool useSettings);

/// Installs the translators for `code` on the application, replacing those installed before:
/// this program's texts (embedded, :/i18n/vae-explorer_<code>.qm) and Qt's own (qtbase_<code>.qm
/// from QLibraryInfo::TranslationsPath, for the standard dialogs and buttons; skipped when
/// absent). Widgets built afterwards show the new language. False if `code` is unknown or its
/// embedded translation is missing.
bool install(const QString& code);

/// The language installed by install() ("en" before any call).
[[nodiscard]] QString current();

/// Whether Qt's own translation for `code` was found and installed by the last install().
[[nodiscard]] bool qtTranslationInstalled();

} // namespace language

/// View ▸ Language: System / English / 简体中文 (exclusive). A choice is saved and takes effect at
/// the next start: the window offers "Restart Now", which first makes sure no work is lost
/// (training must be stopped; a model trained in this session and not saved can be saved first).
///
/// Why not switch live: every widget would have to rebuild its texts on QEvent::LanguageChange,
/// including texts composed at run time (status messages, progress formats, tooltips with
/// numbers), in some 20 classes, and every future panel would have to follow; a missed one leaves
/// a half-translated window. Desktop tools with many panels (Qt Creator, KDE applications,
/// LibreOffice) ask for a restart for the same reason.
class LanguageMenu final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LanguageMenu)

public:
    /// Adds the Language submenu to `window`'s View menu; owned by `window`.
    explicit LanguageMenu(MainWindow* window);

    [[nodiscard]] QMenu* menu() const { return m_menu; }
    /// The action for "system", "en" or "zh_CN".
    [[nodiscard]] QAction* action(const QString& choice) const;
    /// The checked choice: the saved one (or, with settings off, the one last chosen here).
    [[nodiscard]] QString choice() const { return m_choice; }

    /// Chooses a language as the menu does. Returns whether a restart is needed for it to show
    /// (the resolved language differs from the running one); the prompt to restart is only
    /// shown where the window shows dialogs.
    bool choose(const QString& choice);

    /// Why "Restart Now" cannot go ahead now, or empty: training is running.
    [[nodiscard]] QString restartBlocker() const;
    /// The arguments for the restarted process: the data folder given at start and the model
    /// being explored (if it is a file), no one-off flags (--train, --screenshot, --language).
    [[nodiscard]] QStringList restartArguments() const;
    /// Closes the window (which saves the settings) and starts a new instance. Closing asks first
    /// to save a model trained in this session that has not been saved (UnsavedWorkGuard). False
    /// if it did not restart.
    bool restart();

private:
    void promptRestart();

    MainWindow* m_window;
    QMenu* m_menu = nullptr;
    QActionGroup* m_group = nullptr;
    QString m_choice;
};

} // namespace vae::gui
