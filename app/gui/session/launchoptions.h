#pragma once

#include "session/projectionsettings.h"

#include <QString>

#include <array>
#include <optional>
#include <string>

namespace vae::gui {

/// One end of an interpolation path given with --interpolate: a point (z1, z2) of the latent plane
/// (other dimensions 0), or the posterior mean of a test image ("#N").
struct LaunchEndpoint {
    std::optional<int> testImage;
    double z1 = 0;
    double z2 = 0;
    bool operator==(const LaunchEndpoint&) const = default;
};

/// What the command line asks the GUI to do at start. Kept apart from QCommandLineParser so tests
/// can check the parsing without a QApplication's own argv.
struct LaunchOptions {
    QString dataset = QStringLiteral("mnist"); ///< --dataset: a vae::loadDataset() spec
    QString dataDir; ///< --data: the dataset's files; empty means its default folder
    QString openFile;                   ///< --open or the positional argument: a checkpoint to open
    bool train = false;                 ///< --train: start training once the data is loaded
    /// --continue: once the data is loaded, continue the opened model's run (File ▸ Continue
    /// Training) until epoch --epochs (default: its planned epochs, or as many again)
    bool continueTraining = false;
    QString followFolder; ///< --follow DIR: follow this run folder once the data is loaded
    std::optional<int> epochs;          ///< --epochs: overrides the saved setting
    /// --show-training-set: also plot the training images (overrides the saved setting)
    std::optional<bool> showTrainingSet;
    /// --manifold: draw the manifold grid under the latent points (overrides the saved setting)
    std::optional<bool> manifoldGrid;
    bool quantileManifold = false;      ///< --quantile-manifold: open the prior quantile panel
    bool priorSamples = false;          ///< --prior-samples: open the prior samples panel
    /// --inspect: open the Inspector and select this test image once the latent plot has points
    std::optional<int> inspectIndex;
    /// --posterior: open the Posterior panel on this test image (2-D latent)
    std::optional<int> posteriorIndex;
    bool showIwae = false; ///< --iwae: open the Importance-Weighted Bound panel and compute
    QString screenshotFile;             ///< --screenshot: grab the window to this PNG, then quit
    double screenshotAfterSeconds = 10; ///< --screenshot-after
    QString drawImage; ///< --draw-image: load this picture into Explore ▸ Draw at start
    /// --interpolate A:B[:slerp], e.g. "-1,0.5:2,1" or "#3:#2:slerp": show the interpolation
    /// panel with these endpoints (image endpoints are set once the test set is encoded)
    std::optional<std::array<LaunchEndpoint, 2>> interpolate;
    bool interpolateSpherical = false; ///< ":slerp" after the endpoints
    /// --language en | zh_CN: the user interface language for this run (not saved; overrides
    /// View ▸ Language and the system locale)
    std::optional<QString> language;
    /// False in tests: errors are recorded but no modal dialog is opened. Not a command-line flag.
    bool showDialogs = true;
    /// False for screenshots and tests: QSettings are neither read nor written, so a run does not
    /// depend on (or change) what the user last did. Not a command-line flag.
    bool useSettings = true;

    // Latent dimensions > 2 (Explore ▸ Traversal, Explore ▸ Latent Dimensions).
    std::optional<int> latentDim;      ///< --latent-dim: overrides the saved setting
    std::optional<std::string> architecture; ///< --architecture: "mlp" or "conv"
    bool showTraversal = false;        ///< --traversal: open the Traversal dock
    bool showTimelapse = false;        ///< --timelapse: open the Time-lapse dock
    bool showLatentDimensions = false; ///< --latent-dimensions: open the Latent Dimensions dock
    bool showGradients = false;        ///< --gradients: open the Gradient Estimators dock
    /// --projection pca | X,Y: the latent plot's plane once a model with D > 2 is shown
    std::optional<ProjectionSettings> projection;
    /// --colour-by NAME: colour the latent plot by this factor of the data ("class", "one colour"
    /// or a factor's name, e.g. "scale") once the data is loaded
    QString colourBy;
    /// --compare PRESET: open Compare Models with this preset (ae-vae, beta, beta-sweep) and
    /// train it as soon as MNIST is loaded
    QString comparePreset;
    bool showRateDistortion = false; ///< --rate-distortion: open the Rate–Distortion dock
};

/// The result of parsing: options, or a message for the user. `exitEarly` is set for --help and
/// --version, whose text is in `message` and which exit with status 0.

} // namespace vae::gui
