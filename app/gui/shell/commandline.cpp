#include "shell/commandline.h"

#include "tools/comparison/comparisondialog.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <vae/dataset.h>
#include <vae/errors.h>
#include <vae/image_folder.h>
#include <vae/user_dataset.h>

#include <algorithm>
#include <cmath>

namespace vae::gui {

namespace {

// Gives the texts below a translation context that lupdate recognises.
struct CommandLine {
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
};

/// "z1,z2" or "#N"; nothing if it is neither.
std::optional<LaunchEndpoint> parseEndpoint(const QString& text)
{
    LaunchEndpoint endpoint;
    bool ok = false;
    if (text.startsWith(QLatin1Char('#'))) {
        const int index = text.mid(1).toInt(&ok);
        if (!ok || index < 0)
            return std::nullopt;
        endpoint.testImage = index;
        return endpoint;
    }
    const QStringList parts = text.split(QLatin1Char(','));
    if (parts.size() != 2)
        return std::nullopt;
    endpoint.z1 = parts[0].toDouble(&ok);
    if (!ok)
        return std::nullopt;
    endpoint.z2 = parts[1].toDouble(&ok);
    if (!ok)
        return std::nullopt;
    return endpoint;
}

} // namespace

CommandLineResult parseCommandLine(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        CommandLine::tr("Train a variational autoencoder and explore its latent space."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption datasetOption(
        QStringLiteral("dataset"),
        CommandLine::tr("Train on <name>: mnist (the default), fashion-mnist, "
                        "binarized-mnist:dynamic, binarized-mnist:static, shapes, or your own "
                        "folder:PATH[:size=N], csv:PATH[:label=COLUMN] or npy:PATH."),
        CommandLine::tr("name"), QStringLiteral("mnist"));
    const QCommandLineOption dataOption(
        QStringLiteral("data"), CommandLine::tr("Read the dataset's IDX files from <dir>."),
        CommandLine::tr("dir"));
    const QCommandLineOption openOption(
        QStringLiteral("open"), CommandLine::tr("Open the model checkpoint <file> at start."),
        CommandLine::tr("file"));
    const QCommandLineOption trainOption(
        QStringLiteral("train"), CommandLine::tr("Start training as soon as the data is loaded."));
    const QCommandLineOption continueOption(
        QStringLiteral("continue"),
        CommandLine::tr("Continue training the opened model once the data is loaded, until "
                        "epoch --epochs."));
    const QCommandLineOption followOption(
        QStringLiteral("follow"),
        CommandLine::tr("Follow the run folder <dir> that a PyTorch script writes (File ▸ Follow "
                        "Run)."),
        CommandLine::tr("dir"));
    const QCommandLineOption epochsOption(
        QStringLiteral("epochs"),
        CommandLine::tr("Train for <n> epochs (overrides the saved setting)."),
        CommandLine::tr("n"));
    const QCommandLineOption trainingSetOption(
        QStringLiteral("show-training-set"),
        CommandLine::tr("Also show the training images in the latent plot."));
    const QCommandLineOption manifoldOption(
        QStringLiteral("manifold"),
        CommandLine::tr("Draw the manifold grid of decoded images under the latent points."));
    const QCommandLineOption quantileOption(
        QStringLiteral("quantile-manifold"),
        CommandLine::tr("Open the panel with the manifold at the prior's quantiles."));
    const QCommandLineOption samplesOption(
        QStringLiteral("prior-samples"),
        CommandLine::tr("Open the panel with decoded samples from the prior."));
    const QCommandLineOption inspectOption(
        QStringLiteral("inspect"),
        CommandLine::tr("Open the Inspector on test image <index> (0 to 9999)."),
        CommandLine::tr("index"));
    const QCommandLineOption posteriorOption(
        QStringLiteral("posterior"),
        CommandLine::tr("Open the Posterior panel on test image <index> (2-D latent)."),
        CommandLine::tr("index"));
    const QCommandLineOption iwaeOption(
        QStringLiteral("iwae"),
        CommandLine::tr("Open the Importance-Weighted Bound panel and compute it once a model is "
                        "there and not training."));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        CommandLine::tr("Save a PNG of the window to <file> and quit (uses default settings)."),
        CommandLine::tr("file"));
    const QCommandLineOption screenshotAfterOption(
        QStringLiteral("screenshot-after"),
        CommandLine::tr("Take the screenshot after <seconds> (default 10)."),
        CommandLine::tr("seconds"));
    const QCommandLineOption drawImageOption(
        QStringLiteral("draw-image"),
        CommandLine::tr("Load the picture <file> into the Draw tool at start (it opens the tool)."),
        CommandLine::tr("file"));
    const QCommandLineOption interpolateOption(
        QStringLiteral("interpolate"),
        CommandLine::tr("Show the interpolation between two endpoints, each a latent point z1,z2 "
                        "or a test image #N, e.g. -1,0.5:2,1 or '#3:#2'; add :slerp for the "
                        "spherical path."),
        CommandLine::tr("a:b[:slerp]"));
    const QCommandLineOption latentDimOption(
        QStringLiteral("latent-dim"),
        CommandLine::tr("Train with a <n>-dimensional latent space (overrides the saved setting)."),
        CommandLine::tr("n"));
    const QCommandLineOption architectureOption(
        QStringLiteral("architecture"),
        CommandLine::tr("Train an \"mlp\" or a \"conv\" (convolutional) model, with the "
                        "channels of the settings (overrides the saved setting)."),
        CommandLine::tr("name"));
    const QCommandLineOption timelapseOption(QStringLiteral("timelapse"),
                                             CommandLine::tr("Open the Time-lapse panel."));
    const QCommandLineOption traversalOption(QStringLiteral("traversal"),
                                             CommandLine::tr("Open the Traversal panel."));
    const QCommandLineOption dimensionsOption(
        QStringLiteral("latent-dimensions"),
        CommandLine::tr("Open the Latent Dimensions panel (KL per dimension)."));
    const QCommandLineOption gradientsOption(
        QStringLiteral("gradients"),
        CommandLine::tr("Open the Gradient Estimators panel (reparameterization vs score "
                        "function)."));
    const QCommandLineOption projectionOption(
        QStringLiteral("projection"),
        CommandLine::tr("Latent plot plane for D > 2: \"pca\", or two dimensions \"X,Y\" "
                        "counted from 1."),
        CommandLine::tr("plane"));
    const QCommandLineOption colourByOption(
        QStringLiteral("colour-by"),
        CommandLine::tr("Colour the latent plot by <factor>: \"class\" or, for data with known "
                        "factors (shapes), a factor's name such as \"scale\" or \"position x\"."),
        CommandLine::tr("factor"));
    parser.addOption(colourByOption);
    const QCommandLineOption languageOption(
        QStringLiteral("language"),
        CommandLine::tr("User interface language for this run: en or zh_CN (overrides View ▸ "
                        "Language and the system locale)."),
        CommandLine::tr("code"));
    parser.addOption(languageOption);
    const QCommandLineOption compareOption(
        QStringLiteral("compare"),
        CommandLine::tr("Train the models of <preset> side by side from the same seed: ae-vae "
                        "(autoencoder vs VAE), beta (VAE β = 1 vs 4) or beta-sweep (β = 0.5 / 1 / "
                        "4)."),
        CommandLine::tr("preset"));
    parser.addOption(compareOption);
    const QCommandLineOption rateDistortionOption(
        QStringLiteral("rate-distortion"),
        CommandLine::tr("Open the Rate–Distortion panel (KL vs reconstruction while training)."));
    parser.addOption(rateDistortionOption);
    parser.addOptions({datasetOption, dataOption, openOption, trainOption, continueOption, followOption, epochsOption, trainingSetOption,
                       screenshotOption, screenshotAfterOption, drawImageOption,
                       interpolateOption, manifoldOption, quantileOption, samplesOption,
                       latentDimOption, architectureOption, traversalOption, timelapseOption, dimensionsOption, projectionOption,
                       inspectOption, posteriorOption, iwaeOption});
    parser.addOption(gradientsOption);
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
    options.dataset = parser.value(datasetOption);
    const std::vector<std::string>& known = vae::builtinDatasetSpecs();
    const std::string spec = options.dataset.toStdString();
    bool userData = vae::isUserDataSpec(spec); // csv:/npy:; the file is checked when it loads
    try {
        userData = userData || vae::parseImageFolderSpec(spec).has_value();
    } catch (const vae::DataError& e) { // a folder: spec with a bad option
        result.ok = false;
        result.message = CommandLine::tr("--dataset: %1").arg(QString::fromUtf8(e.what()));
        return result;
    }
    if (!userData && std::find(known.begin(), known.end(), spec) == known.end()) {
        QStringList names;
        for (const std::string& name : known)
            names << QString::fromStdString(name);
        names << QStringLiteral("folder:PATH") << QStringLiteral("csv:PATH[:label=COLUMN]")
              << QStringLiteral("npy:PATH");
        result.ok = false;
        result.message = CommandLine::tr("--dataset: unknown dataset \"%1\"; expected one of %2")
                             .arg(options.dataset, names.join(QStringLiteral(", ")));
        return result;
    }
    options.dataDir = parser.value(dataOption);
    options.openFile = parser.value(openOption);
    options.train = parser.isSet(trainOption);
    options.drawImage = parser.value(drawImageOption);
    if (parser.isSet(trainingSetOption))
        options.showTrainingSet = true;
    if (parser.isSet(manifoldOption))
        options.manifoldGrid = true;
    options.quantileManifold = parser.isSet(quantileOption);
    options.priorSamples = parser.isSet(samplesOption);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1 || (positional.size() == 1 && !options.openFile.isEmpty())) {
        result.ok = false;
        result.message = CommandLine::tr("Give at most one checkpoint to open.");
        return result;
    }
    if (positional.size() == 1)
        options.openFile = positional.front();
    options.continueTraining = parser.isSet(continueOption);
    options.followFolder = parser.value(followOption);
    if (options.continueTraining && options.openFile.isEmpty()) {
        result.ok = false;
        result.message = CommandLine::tr("--continue needs a model to continue: give --open FILE.");
        return result;
    }
    if (options.continueTraining && options.train) {
        result.ok = false;
        result.message = CommandLine::tr("--continue and --train cannot be combined: --train "
                                         "starts a new run.");
        return result;
    }

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
    if (parser.isSet(latentDimOption)) {
        bool isNumber = false;
        const int dim = parser.value(latentDimOption).toInt(&isNumber);
        if (!isNumber || dim < 1) {
            result.ok = false;
            result.message =
                CommandLine::tr("--latent-dim needs a whole number of at least 1, not \"%1\".")
                    .arg(parser.value(latentDimOption));
            return result;
        }
        options.latentDim = dim;
    }
    if (parser.isSet(architectureOption)) {
        const QString name = parser.value(architectureOption);
        if (name != QLatin1String("mlp") && name != QLatin1String("conv")) {
            result.ok = false;
            result.message =
                CommandLine::tr("--architecture must be \"mlp\" or \"conv\", not \"%1\".")
                    .arg(name);
            return result;
        }
        options.architecture = name.toStdString();
    }
    options.showTraversal = parser.isSet(traversalOption);
    options.showTimelapse = parser.isSet(timelapseOption);
    options.showLatentDimensions = parser.isSet(dimensionsOption);
    options.colourBy = parser.value(colourByOption).trimmed();
    options.showGradients = parser.isSet(gradientsOption);
    if (parser.isSet(projectionOption)) {
        const QString value = parser.value(projectionOption).trimmed();
        ProjectionSettings projection;
        const QStringList dims = value.split(QLatin1Char(','));
        bool okX = false;
        bool okY = false;
        if (value.compare(QStringLiteral("pca"), Qt::CaseInsensitive) == 0) {
            projection.mode = ProjectionSettings::Mode::Pca;
        } else if (dims.size() == 2) {
            projection.xDim = dims[0].toInt(&okX) - 1;
            projection.yDim = dims[1].toInt(&okY) - 1;
        }
        if (projection.mode != ProjectionSettings::Mode::Pca &&
            (!okX || !okY || projection.xDim < 0 || projection.yDim < 0)) {
            result.ok = false;
            result.message =
                CommandLine::tr("--projection needs \"pca\" or two dimensions \"X,Y\" (from 1), "
                                "not \"%1\".")
                    .arg(value);
            return result;
        }
        options.projection = projection;
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
    if (parser.isSet(posteriorOption)) {
        bool isNumber = false;
        const int index = parser.value(posteriorOption).toInt(&isNumber);
        if (!isNumber || index < 0) {
            result.ok = false;
            result.message =
                CommandLine::tr("--posterior needs a test image index of at least 0, not \"%1\".")
                    .arg(parser.value(posteriorOption));
            return result;
        }
        options.posteriorIndex = index;
    }
    options.showIwae = parser.isSet(iwaeOption);
    options.screenshotFile = parser.value(screenshotOption);
    if (parser.isSet(screenshotAfterOption)) {
        bool isNumber = false;
        const double seconds = parser.value(screenshotAfterOption).toDouble(&isNumber);
        if (!isNumber || !(seconds >= 0) || !std::isfinite(seconds)) { // nan, inf parse
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
    if (parser.isSet(interpolateOption)) {
        const QString text = parser.value(interpolateOption);
        QStringList ends = text.split(QLatin1Char(':'));
        if (ends.size() == 3 && ends[2] == QLatin1String("slerp")) {
            options.interpolateSpherical = true;
            ends.removeLast();
        } else if (ends.size() == 3 && ends[2] == QLatin1String("linear")) {
            ends.removeLast();
        }
        std::optional<LaunchEndpoint> a;
        std::optional<LaunchEndpoint> b;
        if (ends.size() == 2) {
            a = parseEndpoint(ends[0]);
            b = parseEndpoint(ends[1]);
        }
        if (!a || !b) {
            result.ok = false;
            result.message =
                CommandLine::tr("--interpolate needs two endpoints A:B, each z1,z2 or #N (a test "
                                "image), optionally followed by :slerp, not \"%1\".")
                    .arg(text);
            return result;
        }
        options.interpolate = std::array<LaunchEndpoint, 2>{*a, *b};
    }
    if (parser.isSet(languageOption)) {
        const QString code = parser.value(languageOption);
        if (code != QLatin1String("en") && code != QLatin1String("zh_CN")) {
            result.ok = false;
            result.message = CommandLine::tr("--language needs en or zh_CN, not \"%1\".").arg(code);
            return result;
        }
        options.language = code;
    }
    options.showRateDistortion = parser.isSet(rateDistortionOption);
    if (parser.isSet(compareOption)) {
        options.comparePreset = parser.value(compareOption).trimmed().toLower();
        if (!comparisonPresetNames().contains(options.comparePreset)) {
            result.ok = false;
            result.message = CommandLine::tr("--compare needs one of %1, not \"%2\".")
                                 .arg(comparisonPresetNames().join(QStringLiteral(", ")),
                                      parser.value(compareOption));
            return result;
        }
    }
    if (!options.screenshotFile.isEmpty())
        options.useSettings = false;
    return result;
}

} // namespace vae::gui
