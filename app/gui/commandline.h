#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace vae::gui {

/// What the command line asks the GUI to do at start. Kept apart from QCommandLineParser so tests
/// can check the parsing without a QApplication's own argv.
struct LaunchOptions {
    QString dataDir;                    ///< --data; empty means vae::defaultDataDir()
    QString openFile;                   ///< --open or the positional argument: a checkpoint to open
    bool train = false;                 ///< --train: start training once the data is loaded
    std::optional<int> epochs;          ///< --epochs: overrides the saved setting
    /// --show-training-set: also plot the training images (overrides the saved setting)
    std::optional<bool> showTrainingSet;
    /// --inspect: open the Inspector and select this test image once the latent plot has points
    std::optional<int> inspectIndex;
    QString screenshotFile;             ///< --screenshot: grab the window to this PNG, then quit
    double screenshotAfterSeconds = 10; ///< --screenshot-after
    /// False in tests: errors are recorded but no modal dialog is opened. Not a command-line flag.
    bool showDialogs = true;
    /// False for screenshots and tests: QSettings are neither read nor written, so a run does not
    /// depend on (or change) what the user last did. Not a command-line flag.
    bool useSettings = true;
};

/// The result of parsing: options, or a message for the user. `exitEarly` is set for --help and
/// --version, whose text is in `message` and which exit with status 0.
struct CommandLineResult {
    LaunchOptions options;
    QString message;
    bool ok = true;
    bool exitEarly = false;
};

/// Parses `arguments` (argv, program name first).
[[nodiscard]] CommandLineResult parseCommandLine(const QStringList& arguments);

} // namespace vae::gui
