#include "commandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace vae::gui {

namespace {

// Gives the texts below a translation context that lupdate recognises.
struct CommandLine {
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
};

} // namespace

CommandLineResult parseCommandLine(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        CommandLine::tr("Train a variational autoencoder on MNIST and explore its latent space."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption dataOption(QStringLiteral("data"),
                                        CommandLine::tr("Read the MNIST IDX files from <dir>."),
                                        CommandLine::tr("dir"));
    const QCommandLineOption openOption(
        QStringLiteral("open"), CommandLine::tr("Open the model checkpoint <file> at start."),
        CommandLine::tr("file"));
    const QCommandLineOption trainOption(
        QStringLiteral("train"), CommandLine::tr("Start training as soon as the data is loaded."));
    const QCommandLineOption epochsOption(
        QStringLiteral("epochs"),
        CommandLine::tr("Train for <n> epochs (overrides the saved setting)."),
        CommandLine::tr("n"));
    const QCommandLineOption trainingSetOption(
        QStringLiteral("show-training-set"),
        CommandLine::tr("Also show the training images in the latent plot."));
    const QCommandLineOption inspectOption(
        QStringLiteral("inspect"),
        CommandLine::tr("Open the Inspector on test image <index> (0 to 9999)."),
        CommandLine::tr("index"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        CommandLine::tr("Save a PNG of the window to <file> and quit (uses default settings)."),
        CommandLine::tr("file"));
    const QCommandLineOption screenshotAfterOption(
        QStringLiteral("screenshot-after"),
        CommandLine::tr("Take the screenshot after <seconds> (default 10)."),
        CommandLine::tr("seconds"));
    parser.addOptions({dataOption, openOption, trainOption, epochsOption, trainingSetOption,
                       inspectOption, screenshotOption, screenshotAfterOption});
    parser.addPositionalArgument(QStringLiteral("checkpoint"),
                                 CommandLine::tr("A model checkpoint to open (same as --open)."),
                                 QStringLiteral("[checkpoint]"));

    CommandLineResult result;
    if (!parser.parse(arguments)) {
        result.ok = false;
        result.message = parser.errorText();
        return result;
    }
    // --help-all (added by addHelpOption) would list Qt's own options; plain help covers ours.
    if (parser.isSet(helpOption) || parser.isSet(QStringLiteral("help-all"))) {
        result.exitEarly = true;
        result.message = parser.helpText();
        return result;
    }
    if (parser.isSet(versionOption)) {
        result.exitEarly = true;
        result.message = QCoreApplication::applicationName() + QLatin1Char(' ') +
                         QCoreApplication::applicationVersion();
        return result;
    }

    LaunchOptions& options = result.options;
    options.dataDir = parser.value(dataOption);
    options.openFile = parser.value(openOption);
    options.train = parser.isSet(trainOption);
    if (parser.isSet(trainingSetOption))
        options.showTrainingSet = true;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1 || (positional.size() == 1 && !options.openFile.isEmpty())) {
        result.ok = false;
        result.message = CommandLine::tr("Give at most one checkpoint to open.");
        return result;
    }
    if (positional.size() == 1)
        options.openFile = positional.front();

    if (parser.isSet(epochsOption)) {
        bool isNumber = false;
        const int epochs = parser.value(epochsOption).toInt(&isNumber);
        if (!isNumber || epochs < 1) {
            result.ok = false;
            result.message =
                CommandLine::tr("--epochs needs a whole number of at least 1, not \"%1\".")
                    .arg(parser.value(epochsOption));
            return result;
        }
        options.epochs = epochs;
    }
    if (parser.isSet(inspectOption)) {
        bool isNumber = false;
        const int index = parser.value(inspectOption).toInt(&isNumber);
        if (!isNumber || index < 0) {
            result.ok = false;
            result.message =
                CommandLine::tr("--inspect needs a test image index of at least 0, not \"%1\".")
                    .arg(parser.value(inspectOption));
            return result;
        }
        options.inspectIndex = index;
    }
    options.screenshotFile = parser.value(screenshotOption);
    if (parser.isSet(screenshotAfterOption)) {
        bool isNumber = false;
        const double seconds = parser.value(screenshotAfterOption).toDouble(&isNumber);
        if (!isNumber || seconds < 0) {
            result.ok = false;
            result.message =
                CommandLine::tr("--screenshot-after needs a number of seconds ≥ 0, not \"%1\".")
                    .arg(parser.value(screenshotAfterOption));
            return result;
        }
        if (options.screenshotFile.isEmpty()) {
            result.ok = false;
            result.message = CommandLine::tr("--screenshot-after needs --screenshot FILE.");
            return result;
        }
        options.screenshotAfterSeconds = seconds;
    }
    if (!options.screenshotFile.isEmpty())
        options.useSettings = false;
    return result;
}

} // namespace vae::gui
