// vae-cli: headless training and evaluation for scripts, CI and benchmarks.

#include "vae/benchmark.h"
#include "vae/checkpoint.h"
#include "vae/config.h"
#include "vae/dataset.h"
#include "vae/disentanglement.h"
#include "vae/errors.h"
#include "vae/image_folder.h"
#include "vae/likelihood.h"
#include "vae/metrics.h"
#include "vae/npy_writer.h"
#include "vae/trainer.h"
#include "vae/user_dataset.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <sstream>

#include <unistd.h>

namespace {

// Exit codes: 0 success; 1 training failed (e.g. NaN loss); 2 bad flags or bad input files.
constexpr int kExitTrainingFailed = 1;
constexpr int kExitBadInput = 2;
// How often the main thread wakes to check Ctrl-C while waiting for the trainer.
constexpr auto kPollPeriod = std::chrono::milliseconds(100);

std::atomic<bool> g_interrupted{false};

// ----------------------------------------------------------------------------------------------
// Bad input (docs/reliability.md, "Bad input"): every flag is checked before anything is loaded, trained or
// written. TrainingConfig::validate() owns the ranges of the config's fields (the GUI and the
// checkpoint loader share them); its ConfigError::field() names the field, which flagFor() turns
// into the flag the user typed. CLI-only values are checked here.

/// The train / flops flag of a TrainingConfig field (its JSON key); empty for none.
std::string flagFor(const std::string& field)
{
    static const std::map<std::string, std::string> flags = {
        {"input_size", "--dataset"},
        {"image_height", "--dataset"},
        {"architecture", "--architecture"},
        {"conv_channels", "--channels"},
        {"latent_dim", "--latent-dim"},
        {"hidden_sizes", "--hidden"},
        {"epochs", "--epochs"},
        {"batch_size", "--batch-size"},
        {"learning_rate", "--lr"},
        {"beta", "--beta"},
        {"seed", "--seed"},
        {"threads", "--threads"},
        {"train_subset", "--train-subset"},
        {"time_budget_seconds", "--time-budget"},
        {"lr_schedule", "--lr-schedule"},
        {"warmup_steps", "--warmup-steps"},
        {"model_kind", "--model"},
        {"kl_schedule", "--kl-schedule"},
        {"kl_warmup_epochs", "--kl-warmup-epochs"},
        {"likelihood", "--likelihood"},
    };
    const auto it = flags.find(field);
    return it == flags.end() ? std::string() : it->second;
}

/// A seed: a whole number in [0, 2^64 − 1]. CLI11 alone would wrap "-1" to 2^64 − 1 and saturate
/// "99999999999999999999999" silently.
const CLI::Validator kSeedValidator(
    [](std::string& text) -> std::string {
        std::uint64_t value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (text.empty() || ec != std::errc() || end != text.data() + text.size())
            return "must be a whole number from 0 to " +
                   std::to_string(std::numeric_limits<std::uint64_t>::max()) + ", got " + text;
        return {};
    },
    "UINT64", "seed");

/// "from 1 to 512".
std::string between(long long low, long long high)
{
    return "from " + std::to_string(low) + " to " + std::to_string(high);
}

/// An int flag's text: a whole number that fits an int. Its range is checked by
/// TrainingConfig::validate(), which words it; this catches what CLI11 would only call "Could not
/// convert" (1e12, 2.5, 99999999999) and says what is allowed.
/// `minimum`: also refuse values below it here (for flags that validate() does not see).
CLI::Validator wholeNumber(const std::string& range,
                           long long minimum = std::numeric_limits<int>::min())
{
    return CLI::Validator(
        [range, minimum](std::string& text) -> std::string {
            long long value = 0;
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (text.empty() || ec != std::errc() || end != text.data() + text.size() ||
                value < minimum || value > std::numeric_limits<int>::max())
                return "must be a whole number " + range + ", got " + text;
            return {};
        },
        "", "whole number");
}

/// A double flag's text: a number (nan and inf parse, and validate() refuses them by name).
CLI::Validator numberText(const std::string& range)
{
    return CLI::Validator(
        [range](std::string& text) -> std::string {
            char* end = nullptr;
            (void)std::strtod(text.c_str(), &end);
            if (text.empty() || end != text.c_str() + text.size())
                return "must be a number " + range + ", got " + text;
            return {};
        },
        "", "number");
}

/// A finite number in [low, high]. CLI::Range lets NaN through (every comparison with NaN is
/// false).
CLI::Validator finiteRange(double low, double high)
{
    return CLI::Validator(
        [low, high](std::string& text) -> std::string {
            char* end = nullptr;
            const double value = std::strtod(text.c_str(), &end);
            if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value) ||
                value < low || value > high) {
                std::ostringstream message;
                message << "must be a number from " << low << " to " << high << ", got " << text;
                return message.str();
            }
            return {};
        },
        "[" + std::to_string(low) + " - " + std::to_string(high) + "]", "finite range");
}

/// Checks, before any work, that `file` can be written: it is not a directory and its directory
/// exists and is writable. Throws ConfigError naming `flag`. A run that trains for an hour and then
/// cannot save its model has lost the hour.
void checkOutputFile(const std::string& flag, const std::string& file)
{
    if (file.empty())
        return;
    namespace fs = std::filesystem;
    const fs::path path(file);
    std::error_code ec;
    if (fs::is_directory(path, ec))
        throw vae::ConfigError(flag + ": " + file +
                               " is a directory; give a file name inside it, e.g. " +
                               (path / "out").string());
    const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    if (!fs::is_directory(dir, ec))
        throw vae::ConfigError(flag + ": the directory " + dir.string() + " of " + file +
                               " does not exist; create it first");
    if (::access(dir.c_str(), W_OK) != 0)
        throw vae::ConfigError(flag + ": the directory " + dir.string() + " of " + file +
                               " is not writable");
}

/// --checkpoint and --metrics must not name the same file (the JSON would overwrite the model).
void checkDistinct(const std::string& checkpoint, const std::string& metrics)
{
    if (checkpoint.empty() || metrics.empty())
        return;
    std::error_code ec;
    const auto a = std::filesystem::weakly_canonical(checkpoint, ec);
    const auto b = std::filesystem::weakly_canonical(metrics, ec);
    if (checkpoint == metrics || (!ec && a == b))
        throw vae::ConfigError("--metrics: " + metrics +
                               " is also the --checkpoint file; give them different names");
}

void onInterrupt(int) { g_interrupted = true; }

void writeText(const std::string& file, const std::string& text)
{
    std::ofstream out(file);
    if (!out || !(out << text << '\n'))
        throw vae::Error("cannot write " + file);
}

void printEpoch(const vae::EpochSummary& e, int epochs, bool autoencoder)
{
    if (e.fraction < 1)
        std::printf("(time budget spent after %.0f%% of the epoch) ", 100 * e.fraction);
    if (epochs == vae::TrainingConfig::kMaxEpochs) // bounded by the time budget only
        std::printf("epoch %d", e.epoch);
    else
        std::printf("epoch %d/%d", e.epoch, epochs);
    if (autoencoder) // no KL term and no bound: the loss is the reconstruction at z = μ
        std::printf("  train: rec %.2f  test: rec %.2f  %.0f samples/s  %.1f s\n",
                    e.train.reconstruction, e.test.reconstruction, e.samplesPerSecond, e.seconds);
    else
        std::printf("  train: -ELBO %.2f (rec %.2f, KL %.2f)  test: -ELBO %.2f (rec %.2f, "
                    "KL %.2f)  %.0f samples/s  %.1f s\n",
                    -e.train.elbo, e.train.reconstruction, e.train.kl, -e.test.elbo,
                    e.test.reconstruction, e.test.kl, e.samplesPerSecond, e.seconds);
    std::fflush(stdout);
}

struct TrainOptions {
    std::string dataset = "mnist";
    std::string data;
    int imageSize = 0; // --image-size: 0 = the spec's or the folder's default
    std::string checkpoint;
    std::string metrics;
    std::string hidden = vae::formatHiddenSizes(vae::TrainingConfig{}.hiddenSizes);
    std::string channels; // --channels; empty: TrainingConfig::defaultConvChannels() of the data
    std::string model = "vae"; // --model: autoencoder, vae or beta-vae
    std::string likelihood;    // --likelihood; empty: vae::defaultLikelihood() of the data
    bool betaGiven = false;
    bool klScheduleGiven = false;
    std::string resume;        // --resume: a checkpoint to continue
    bool datasetGiven = false; // with --resume: --dataset names where the data is now
    bool epochsGiven = false;
    bool timeBudgetGiven = false;
    vae::TrainingConfig config;
};

// --model → TrainingConfig::modelKind and beta. "beta-vae" is kind "vae" with β ≠ 1 (kBetaVaePreset
// unless --beta says otherwise). Throws ConfigError on flags that contradict the model.
void applyModel(TrainOptions& options)
{
    vae::TrainingConfig& c = options.config;
    if (options.model == "autoencoder") {
        if (options.betaGiven)
            throw vae::ConfigError(
                "--beta does not apply to --model autoencoder: it has no KL term");
        if (options.klScheduleGiven && c.klSchedule != "constant")
            throw vae::ConfigError(
                "--kl-schedule does not apply to --model autoencoder: it has no KL term");
        c.modelKind = "autoencoder";
    } else if (options.model == "beta-vae") {
        c.modelKind = "vae";
        if (!options.betaGiven)
            c.beta = vae::TrainingConfig::kBetaVaePreset;
        else if (c.beta == 1.0)
            throw vae::ConfigError("--model beta-vae needs --beta other than 1 (β = 1 is a VAE)");
    } else {
        c.modelKind = "vae";
    }
}

struct EvalOptions {
    std::string dataset; // empty: the checkpoint's
    std::string data;
    int imageSize = 0;
    std::string checkpoint;
    std::string metrics;
    std::uint64_t seed = 0;
    int iwSamples = 0; // 0: no importance-weighted bound
    int iwImages = 0;  // 0: the whole test set
};

/// --dataset's check: a built-in spec, a user's file (csv:/npy:, whose errors loadDataset()
/// reports with the file's name, row and column) or "folder:PATH[:size=N]".
const CLI::Validator kDatasetValidator(
    [](std::string& text) -> std::string {
        const std::vector<std::string>& builtin = vae::builtinDatasetSpecs();
        if (std::find(builtin.begin(), builtin.end(), text) != builtin.end() ||
            vae::isUserDataSpec(text))
            return {};
        try {
            if (vae::parseImageFolderSpec(text))
                return {};
        } catch (const vae::DataError& e) {
            return e.what();
        }
        std::string known;
        for (const std::string& s : builtin)
            known += s + ", ";
        return text + " not in {" + known + "csv:PATH[:label=COLUMN], npy:PATH, folder:PATH[:size=N]}";
    },
    "SPEC", "dataset");

/// --image-size: a whole number in 1 – kMaxFolderImageSize.
const CLI::Validator kImageSizeValidator(
    [](std::string& text) -> std::string {
        int value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 1 ||
            value > vae::kMaxFolderImageSize)
            return "must be a whole number " + between(1, vae::kMaxFolderImageSize) + ", got " +
                   text;
        return {};
    },
    "N", "image size");

/// How many skipped files a load lists by name; the rest are counted.
constexpr std::size_t kSkippedShown = 5;

/// Loads the image folder of `folder` with a progress line on a terminal; Ctrl-C cancels.
vae::Dataset loadFolder(const vae::ImageFolderSpec& folder)
{
    const bool terminal = ::isatty(STDERR_FILENO) != 0;
    vae::ImageFolderOptions options;
    options.size = folder.size;
    vae::ImageFolderResult r =
        vae::loadImageFolder(folder.root, options, [&](int done, int total) {
            if (terminal)
                std::fprintf(stderr, "\rreading %s: %d of %d images", folder.root.c_str(), done,
                             total);
            return !g_interrupted;
        });
    if (terminal)
        std::fprintf(stderr, "\n");
    if (r.cancelled)
        throw vae::DataError("reading " + folder.root.string() + " was interrupted");
    if (!r.skipped.empty()) {
        std::fprintf(stderr, "warning: %zu file%s in %s skipped:\n", r.skipped.size(),
                     r.skipped.size() == 1 ? "" : "s", folder.root.c_str());
        for (std::size_t i = 0; i < std::min(r.skipped.size(), kSkippedShown); ++i)
            std::fprintf(stderr, "  %s: %s\n", r.skipped[i].path.c_str(),
                         r.skipped[i].reason.c_str());
        if (r.skipped.size() > kSkippedShown)
            std::fprintf(stderr, "  … and %zu more\n", r.skipped.size() - kSkippedShown);
    }
    if (r.fromCache)
        std::printf("cache: read %s\n", r.cacheFile.c_str());
    else if (!r.cacheFile.empty())
        std::printf("cache: %s %s\n", r.cacheNote.c_str(), r.cacheFile.c_str());
    return std::move(r.data);
}

/// The dataset `spec` (--dataset), its files read from `dir` (--data) when given; for an image
/// folder, `imageSize` (--image-size) > 0 replaces the spec's size. A folder's path is made
/// absolute in the description's source, so that a checkpoint finds it from any directory.
vae::Dataset loadData(const std::string& spec, const std::string& dir, int imageSize = 0)
{
    if (std::optional<vae::ImageFolderSpec> folder = vae::parseImageFolderSpec(spec)) {
        if (!dir.empty())
            throw vae::ConfigError("--data does not apply to --dataset folder:PATH: the path "
                                   "is in the spec");
        if (imageSize > 0)
            folder->size = imageSize;
        folder->root = std::filesystem::absolute(folder->root).lexically_normal();
        vae::Dataset data = loadFolder(*folder);
        data.description.source = vae::imageFolderSpec(*folder);
        return data;
    }
    if (imageSize > 0)
        throw vae::ConfigError("--image-size applies to --dataset folder:PATH only, not to " +
                               spec);
    vae::DataLocations locations;
    (spec == "fashion-mnist" ? locations.fashionMnist : locations.mnist) = dir;
    return vae::loadDataset(spec, locations);
}

void printData(const vae::Dataset& data)
{
    const vae::DataDescription& d = data.description;
    std::printf("data: %s, %d training and %d test examples of %d×%d×%d (%s values)\n",
                d.name.c_str(), data.train.count, data.test.count, d.height, d.width, d.channels,
                std::string(vae::valueKindName(d.values)).c_str());
}

struct DataOptions {
    std::string dataset = "mnist";
    std::string data;
    int imageSize = 0;
    std::string exportNpy;       // --export-npy: write the examples here
    std::string exportSplit = "train";
    int exportCount = 0;         // --export-count: the first N (0 = all)
};

/// `vae-cli data`: loads a dataset and prints what it holds and how long loading took.
int showData(const DataOptions& options)
{
    checkOutputFile("--export-npy", options.exportNpy);
    std::signal(SIGINT, onInterrupt);
    const auto start = std::chrono::steady_clock::now();
    const vae::Dataset data = loadData(options.dataset, options.data, options.imageSize);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    printData(data);
    const vae::DataDescription& d = data.description;
    std::string classes;
    for (int k = 0; k < d.classCount(); ++k) {
        if (k == 10) {
            classes += ", … (" + std::to_string(d.classCount()) + " in all)";
            break;
        }
        classes += (k ? ", " : "") + d.classNames[std::size_t(k)];
    }
    std::printf("classes: %s\nsource: %s\nloaded in %.2f s\n",
                classes.empty() ? "none" : classes.c_str(), d.source.c_str(), seconds);
    if (!options.exportNpy.empty()) {
        const vae::ImageSet& set = options.exportSplit == "test" ? data.test : data.train;
        const int count =
            options.exportCount > 0 ? std::min(options.exportCount, set.count) : set.count;
        vae::writeNpy(options.exportNpy, d, set, count);
        std::printf("wrote %d %s examples to %s (float32)\n", count, options.exportSplit.c_str(),
                    options.exportNpy.c_str());
    }
    return 0;
}

/// "likelihood: gaussian (sigma 0.0123)" — σ only for the Gaussian, where it is the model's.
void printLikelihood(const vae::InferenceModel& model)
{
    const std::string name(vae::likelihoodName(model.likelihood()));
    if (model.likelihood() == vae::Likelihood::Gaussian)
        std::printf("likelihood: %s (sigma %.4g)\n", name.c_str(), model.gaussianSigma());
    else
        std::printf("likelihood: %s\n", name.c_str());
}

/// --resume: the saved run's settings, with the epochs, threads and time budget the flags give,
/// and its dataset unless --dataset says where the data is now.
vae::Checkpoint loadRunToContinue(TrainOptions& options)
{
    checkDistinct(options.resume, options.metrics);
    vae::Checkpoint from = vae::loadCheckpoint(options.resume);
    vae::TrainingConfig config = from.config;
    if (options.epochsGiven)
        config.epochs = options.config.epochs;
    config.threads = options.config.threads;
    if (options.timeBudgetGiven)
        config.timeBudgetSeconds = options.config.timeBudgetSeconds;
    options.config = config;
    const vae::DataDescription& trained = from.model->description();
    if (!options.datasetGiven)
        options.dataset = trained.source.empty() ? std::string("mnist") : trained.source;
    if (!from.training)
        std::fprintf(stderr,
                     "warning: %s holds the weights but no optimizer state (it was saved before "
                     "checkpoints kept it): training continues after its last full epoch with a "
                     "fresh Adam optimizer, so it will not match an uninterrupted run\n",
                     options.resume.c_str());
    return from;
}

int train(TrainOptions& options)
{
    std::optional<vae::Checkpoint> from;
    if (!options.resume.empty()) {
        from = loadRunToContinue(options);
    } else {
        applyModel(options);
        options.config.hiddenSizes = vae::parseHiddenSizes(options.hidden);
        if (!options.channels.empty())
            options.config.convChannels = vae::parseConvChannels(options.channels);
    }
    {
        // Bad flags fail before the data loads; the image shape a conv model needs is checked
        // once the data is known (the Trainer validates the whole config).
        vae::TrainingConfig flags = options.config;
        flags.architecture = "mlp";
        flags.validate();
    }
    checkOutputFile("--checkpoint", options.checkpoint);
    checkOutputFile("--metrics", options.metrics);
    checkDistinct(options.checkpoint, options.metrics);
    std::signal(SIGINT, onInterrupt); // also cancels reading an image folder
    std::signal(SIGTERM, onInterrupt);
    auto data = std::make_shared<const vae::Dataset>(
        loadData(options.dataset, options.data, options.imageSize));
    if (!from) {
        options.config.setDataShape(data->description);
        if (options.channels.empty())
            options.config.convChannels = vae::TrainingConfig::defaultConvChannels(
                data->description.height, data->description.width);
        options.config.likelihood = options.likelihood.empty()
                                        ? vae::defaultLikelihood(data->description)
                                        : vae::parseLikelihood(options.likelihood);
    }
    // Validates the settings against the data (and a saved run's state against both).
    vae::Trainer trainer = from ? vae::Trainer(options.config, data, *from)
                                : vae::Trainer(options.config, data);
    printData(*data);
    if (from)
        std::printf("continuing %s from step %lld (epoch %d) until epoch %d\n",
                    options.resume.c_str(), static_cast<long long>(from->model->step()),
                    from->training ? from->training->epoch : int(from->history.epochs.size()) + 1,
                    options.config.epochs);
    std::printf("likelihood: %s\n",
                std::string(vae::likelihoodName(options.config.likelihood)).c_str());
    trainer.setLatentSnapshots(false); // nothing here shows them

    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    trainer.start();
    std::optional<std::string> error;
    for (;;) {
        const vae::TrainerUpdate update = trainer.waitUpdate(kPollPeriod);
        for (const vae::EpochSummary& e : update.epochs)
            printEpoch(e, options.config.epochs, options.config.isAutoencoder());
        if (update.error)
            error = update.error;
        if (g_interrupted) {
            std::fprintf(stderr, "interrupted: stopping after the current batch\n");
            trainer.stop();
        }
        const vae::TrainerState state = trainer.state();
        if (state == vae::TrainerState::Finished || state == vae::TrainerState::Stopped ||
            state == vae::TrainerState::Failed) {
            trainer.wait();
            const vae::TrainerUpdate last = trainer.takeUpdate();
            for (const vae::EpochSummary& e : last.epochs)
                printEpoch(e, options.config.epochs, options.config.isAutoencoder());
            if (last.error)
                error = last.error;
            break;
        }
    }

    const vae::TrainingHistory history = trainer.history();
    const auto model = trainer.inference();
    if (error)
        std::fprintf(stderr, "training failed: %s\n", error->c_str());
    if (!options.checkpoint.empty()) {
        // After a failure the trainer's model is the last finite one (a numerical fault rolls
        // back to the step before it): a long run's work is kept, with a warning.
        try {
            const std::optional<vae::TrainingState> state = trainer.trainingState();
            vae::saveCheckpoint(options.checkpoint, *model, history,
                                state && state->step == model->step() ? &*state : nullptr);
        } catch (const vae::Error& e) {
            if (!error)
                throw;
            std::fprintf(stderr, "vae-cli: the model was not saved either: %s\n", e.what());
            return kExitTrainingFailed;
        }
        std::printf("checkpoint: %s\n", options.checkpoint.c_str());
        if (model->likelihood() == vae::Likelihood::Gaussian)
            printLikelihood(*model); // the σ the checkpoint keeps for evaluation
        if (error)
            std::fprintf(stderr,
                         "warning: training did not finish; %s holds the last finite weights, "
                         "those after step %lld\n",
                         options.checkpoint.c_str(), static_cast<long long>(model->step()));
    }
    std::optional<vae::LossTerms> test;
    if (!history.epochs.empty())
        test = history.epochs.back().test;
    if (!options.metrics.empty())
        writeText(options.metrics,
                  vae::metricsJson(options.config, history.epochs, test, &data->description));
    if (error)
        return kExitTrainingFailed;
    return 0;
}

/// `vae-cli decode`: the mean E[x|z] of p(x|z) at each latent point, one line of F
/// comma-separated values per point (9 significant digits: floats read back exactly).
int decode(const std::string& checkpointFile, const std::string& points)
{
    const vae::Checkpoint checkpoint = vae::loadCheckpoint(checkpointFile);
    const int dim = checkpoint.config.latentDim;
    std::vector<float> z;
    std::size_t begin = 0;
    int count = 0;
    while (begin <= points.size()) {
        const std::size_t end = std::min(points.find(';', begin), points.size());
        const std::string point = points.substr(begin, end - begin);
        std::size_t at = 0;
        int values = 0;
        while (at <= point.size()) {
            const std::size_t comma = std::min(point.find(',', at), point.size());
            double value = 0;
            const char* first = point.data() + at;
            const char* last = point.data() + comma;
            while (first < last && *first == ' ')
                ++first;
            const auto [ptr, ec] = std::from_chars(first, last, value);
            if (ec != std::errc() || ptr != last || !std::isfinite(value))
                throw vae::ConfigError("--z: point " + std::to_string(count + 1) + " has \"" +
                                       point.substr(at, comma - at) + "\", not a finite number");
            z.push_back(float(value));
            ++values;
            at = comma + 1;
        }
        if (values != dim)
            throw vae::ConfigError("--z: point " + std::to_string(count + 1) + " has " +
                                   std::to_string(values) + " values, but " + checkpointFile +
                                   " has a " + std::to_string(dim) + "-D latent");
        ++count;
        begin = end + 1;
    }
    const std::vector<float> decoded = checkpoint.model->decodeBatch(z, count);
    const std::size_t features = decoded.size() / std::size_t(count);
    for (int i = 0; i < count; ++i) {
        std::string line;
        for (std::size_t j = 0; j < features; ++j) {
            char buffer[32];
            std::snprintf(buffer, sizeof buffer, "%s%.9g", j ? "," : "",
                          double(decoded[std::size_t(i) * features + j]));
            line += buffer;
        }
        std::printf("%s\n", line.c_str());
    }
    return 0;
}

int eval(const EvalOptions& options)
{
    std::error_code ec;
    if (std::filesystem::is_directory(options.checkpoint, ec))
        throw vae::ConfigError("--checkpoint: " + options.checkpoint +
                               " is a directory, not a checkpoint file (.safetensors)");
    checkOutputFile("--metrics", options.metrics);
    checkDistinct(options.checkpoint, options.metrics);
    const vae::Checkpoint checkpoint = vae::loadCheckpoint(options.checkpoint);
    const vae::DataDescription& trained = checkpoint.model->description();
    const std::string spec = !options.dataset.empty() ? options.dataset
                             : !trained.source.empty() ? trained.source
                                                       : std::string("mnist");
    vae::Dataset data = loadData(spec, options.data, options.imageSize);
    if (data.description.inputSize() != checkpoint.config.inputSize)
        throw vae::DataError("--dataset " + spec + ": " + data.description.name + " has " +
                             std::to_string(data.description.inputSize()) +
                             " values per example, but " + options.checkpoint +
                             " was trained on " + trained.name + " with " +
                             std::to_string(checkpoint.config.inputSize));
    // A table is scaled as the model saw its training data: with the means and scales saved in
    // the checkpoint, not those of this file's training split (they differ if the file changed,
    // or for another file).
    if (trained.standardised() && data.description.standardised() &&
        (trained.featureMean != data.description.featureMean ||
         trained.featureScale != data.description.featureScale)) {
        data.description.toOriginalUnits(data.test.pixels);
        trained.toStandardUnits(data.test.pixels);
    }
    printLikelihood(*checkpoint.model);
    const vae::LossTerms test = checkpoint.model->evaluate(data.test, options.seed);
    if (checkpoint.config.isAutoencoder()) // deterministic: no KL term, the seed does not matter
        std::printf("test: rec %.2f nats per image (autoencoder), %d images\n", test.reconstruction,
                    data.test.count);
    else
        std::printf("test: -ELBO %.2f (rec %.2f, KL %.2f) nats per image, %d images\n", -test.elbo,
                    test.reconstruction, test.kl, data.test.count);
    std::optional<vae::ImportanceWeightedMetric> iw;
    if (options.iwSamples > 0 && checkpoint.config.isAutoencoder())
        throw vae::ConfigError("--iw-samples: " + options.checkpoint +
                               " is an autoencoder: it has no q(z|x) to sample from, so no "
                               "importance-weighted bound");
    if (options.iwSamples > 0) {
        const vae::ImageSet images = data.test.head(options.iwImages);
        vae::ImportanceWeightedOptions iwOptions;
        iwOptions.k = options.iwSamples;
        iwOptions.seed = options.seed;
        const vae::ImportanceWeightedResult r =
            vae::importanceWeightedBound(*checkpoint.model, images, iwOptions);
        iw = vae::ImportanceWeightedMetric{r.k, r.mean, r.stdError, images.count};
        std::printf("test: log p(x) >= L_%d = %.2f nats per image (importance-weighted bound, "
                    "std error %.2f over %d images, %.1f s)\n",
                    r.k, r.mean, r.stdError, images.count, r.seconds);
    }
    // Data with known factors (shapes): how well single latent dimensions capture them.
    std::optional<vae::MutualInformationGap> mig;
    const vae::DataDescription& described = data.description;
    if (!described.factorNames.empty() &&
        data.test.factors.size() ==
            std::size_t(data.test.count) * described.factorNames.size()) {
        const vae::Posterior posterior =
            checkpoint.model->encode(data.test.pixels, data.test.count);
        mig = vae::mutualInformationGap(posterior.mu, posterior.count, posterior.dim,
                                        data.test.factors, described.factorSizes);
        std::string parts;
        for (std::size_t k = 0; k < mig->gap.size(); ++k)
            parts += (k ? ", " : "") + described.factorNames[k] + " " +
                     std::to_string(mig->gap[k]).substr(0, 5) +
                     (mig->bestDimension[k] >= 0
                          ? " (z" + std::to_string(mig->bestDimension[k] + 1) + ")"
                          : std::string());
        std::printf("test: MIG %.3f over %d images (%s)\n", mig->mig, data.test.count,
                    parts.c_str());
    }
    if (!options.metrics.empty())
        writeText(options.metrics,
                  vae::metricsJson(checkpoint.config, checkpoint.history.epochs, test, iw,
                                   &data.description, mig ? &*mig : nullptr));
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    CLI::App app{"VAE Explorer command line: train and evaluate a VAE without the GUI.\n"
                 "Loss values are in nats per example."};
    app.require_subcommand(1);
    app.set_version_flag("--version", "vae-cli 0.1.0");

    const std::string datasetHelp =
        "dataset: mnist (grey levels), fashion-mnist (from Debian's dataset-fashion-mnist), "
        "binarized-mnist:dynamic (a fresh binary sample each epoch), binarized-mnist:static, "
        "shapes (64x64 sprites of the dSprites design, generated), "
        "csv:PATH[:label=COLUMN] (a table with a header row; numeric columns are standardised, "
        "COLUMN holds class names), npy:PATH (a NumPy array: (N, F) table, (N, H, W) or "
        "(N, H, W, C) images; uint8, float32 or float64) or folder:PATH[:size=N] (your images: "
        "PATH/<class>/*.png|jpg|..., see docs/cli.md); a user's file is split 90/10 into "
        "training and test examples with a fixed seed";
    const std::string imageSizeHelp =
        "with --dataset folder:PATH: scale the images to N x N (1 to 256; default: the most "
        "common size, at most 64)";
    TrainOptions trainOptions;
    vae::TrainingConfig& c = trainOptions.config;
    CLI::App* trainCmd = app.add_subcommand("train", "train a VAE (on MNIST unless --dataset says otherwise)");
    trainCmd->add_option("--dataset", trainOptions.dataset, datasetHelp)
        ->capture_default_str()
        ->check(kDatasetValidator);
    trainCmd->add_option("--image-size", trainOptions.imageSize, imageSizeHelp)
        ->check(kImageSizeValidator);
    trainCmd->add_option("--data", trainOptions.data, "directory of the dataset's IDX files (default: MNIST's per-user data directory; "
                         "Fashion-MNIST's /usr/share/datasets/fashion-mnist)");
    CLI::Option* epochsOption =
        trainCmd
            ->add_option("--epochs", c.epochs,
                         "passes over the training set (with --time-budget and no --epochs: until "
                         "the budget is spent)")
            ->capture_default_str()
            ->check(wholeNumber(between(1, vae::TrainingConfig::kMaxEpochs)));
    trainCmd->add_option("--latent-dim", c.latentDim, "dimension of z")
        ->capture_default_str()
        ->check(wholeNumber(between(1, vae::TrainingConfig::kMaxLatentDim)));
    CLI::Option* hiddenOption = trainCmd->add_option("--hidden", trainOptions.hidden, "encoder hidden sizes, e.g. 512,256 (decoder mirrors); default 512,256,256 for a 2-D latent, else 512,256; 256 with --architecture conv");
    trainCmd
        ->add_option("--architecture", c.architecture,
                     "mlp, or conv: stride-2 4x4 convolutions (--channels), then the --hidden dense "
                     "layers, and the mirrored transposed convolutions")
        ->capture_default_str()
        ->check(CLI::IsMember({"mlp", "conv"}));
    trainCmd
        ->add_option("--channels", trainOptions.channels,
                     "conv channels per stride-2 layer, e.g. 32,32,64,64 (each layer halves the "
                     "image sides); default from the image size: 32,64 for 28x28, 32,32,64,64 "
                     "for 64x64");
    trainCmd->add_option("--batch-size", c.batchSize, "images per step")
        ->capture_default_str()
        ->check(wholeNumber(between(1, vae::TrainingConfig::kMaxBatchSize)));
    trainCmd->add_option("--lr", c.learningRate, "Adam learning rate")
        ->capture_default_str()
        ->check(numberText("in (0, 10)"));
    CLI::Option* betaOption =
        trainCmd->add_option("--beta", c.beta, "weight of the KL term (beta-VAE)")
            ->capture_default_str()
            ->check(numberText("in [0, 1000]"));
    trainCmd
        ->add_option(
            "--model", trainOptions.model,
            "autoencoder (z = mu, no KL term), vae, or beta-vae (a VAE with --beta, default 4)")
        ->capture_default_str()
        ->check(CLI::IsMember({"autoencoder", "vae", "beta-vae"}));
    CLI::Option* klScheduleOption =
        trainCmd
            ->add_option("--kl-schedule", c.klSchedule,
                         "KL weight schedule: constant, linear (beta*min(1, epoch/N)) or cyclical "
                         "(cycles of N epochs, rising over the first half)")
            ->capture_default_str()
            ->check(CLI::IsMember({"constant", "linear", "cyclical"}));
    trainCmd
        ->add_option("--kl-warmup-epochs", c.klWarmupEpochs, "N of --kl-schedule, in epochs (> 0)")
        ->capture_default_str()
        ->check(numberText("in (0, " + std::to_string(vae::TrainingConfig::kMaxEpochs) + "]"));
    trainCmd
        ->add_option("--likelihood", trainOptions.likelihood,
                     "p(x|z) of the decoder: bernoulli (grey levels or binary data), "
                     "continuous-bernoulli (the normalised density on [0, 1]) or gaussian "
                     "(real values; one shared sigma = sqrt(batch MSE)); default: bernoulli for "
                     "data in [0, 1], gaussian for real-valued data")
        ->check(CLI::IsMember({"bernoulli", "continuous-bernoulli", "gaussian"}));
    trainCmd->add_option("--seed", c.seed, "random seed")
        ->capture_default_str()
        ->check(kSeedValidator);
    trainCmd->add_option("--threads", c.threads, "CPU threads (0 = all cores)")
        ->capture_default_str()
        ->check(wholeNumber(between(0, vae::TrainingConfig::kMaxThreads)));
    trainCmd
        ->add_option("--train-subset", c.trainSubset, "train on the first N images only (0 = all)")
        ->capture_default_str()
        ->check(wholeNumber("from 0 (all) to the number of training images"));
    trainCmd
        ->add_option("--time-budget", c.timeBudgetSeconds,
                     "stop after this many seconds of training, then evaluate (0 = none)")
        ->capture_default_str()
        ->check(numberText("of seconds from 0 (none) to " +
                           std::to_string(int(vae::TrainingConfig::kMaxTimeBudgetSeconds)) +
                           " (7 days)"));
    trainCmd->add_option("--lr-schedule", c.lrSchedule, "learning-rate schedule: constant or cosine")->capture_default_str();
    trainCmd->add_option("--warmup-steps", c.warmupSteps, "linear learning-rate warm-up steps")
        ->capture_default_str()
        ->check(wholeNumber(between(0, vae::TrainingConfig::kMaxWarmupSteps)));
    trainCmd->add_option("--checkpoint", trainOptions.checkpoint, "write the trained model here (.safetensors), with the optimizer state --resume needs");
    CLI::Option* resumeOption =
        trainCmd->add_option(
            "--resume", trainOptions.resume,
            "continue the run saved in this checkpoint, with its settings, data and optimizer "
            "state: --epochs is the epoch to train until (counted from the run's start), "
            "--time-budget the whole run's budget; --dataset only says where its data is now");
    for (const char* kept : {"--latent-dim", "--hidden", "--architecture", "--channels", "--batch-size", "--lr", "--beta", "--model",
                             "--kl-schedule", "--kl-warmup-epochs", "--likelihood", "--seed",
                             "--train-subset", "--lr-schedule", "--warmup-steps"})
        resumeOption->excludes(kept);
    trainCmd->add_option("--metrics", trainOptions.metrics, "write per-epoch metrics here (JSON)");

    std::string decodeCheckpoint, decodePoints;
    CLI::App* decodeCmd = app.add_subcommand(
        "decode", "print the mean E[x|z] of p(x|z) at latent points: one line of comma-separated "
                  "values per point");
    decodeCmd->add_option("--checkpoint", decodeCheckpoint, "the model (.safetensors)")->required();
    decodeCmd
        ->add_option("--z", decodePoints,
                     "latent points: D comma-separated numbers each, points separated by ';' "
                     "(e.g. \"0.5,-1;0,0\")")
        ->required();

    EvalOptions evalOptions;
    CLI::App* evalCmd = app.add_subcommand("eval", "evaluate a checkpoint on the test set of its dataset (or --dataset)");
    evalCmd->add_option("--dataset", evalOptions.dataset,
                        "dataset to evaluate on (default: the one the checkpoint was trained on; "
                        "for csv: and npy: its test split, standardised with the training "
                        "split's statistics)")
        ->check(kDatasetValidator);
    evalCmd->add_option("--image-size", evalOptions.imageSize, imageSizeHelp)
        ->check(kImageSizeValidator);
    evalCmd->add_option("--data", evalOptions.data, "directory of the dataset's IDX files (default: MNIST's per-user data directory; "
                         "Fashion-MNIST's /usr/share/datasets/fashion-mnist)");
    evalCmd->add_option("--checkpoint", evalOptions.checkpoint, "model to evaluate")->required();
    evalCmd->add_option("--metrics", evalOptions.metrics, "write metrics here (JSON)");
    evalCmd->add_option("--seed", evalOptions.seed, "seed of the z samples")
        ->capture_default_str()
        ->check(kSeedValidator);
    evalCmd
        ->add_option("--iw-samples", evalOptions.iwSamples,
                     "also estimate log p(x) by the importance-weighted bound L_K with K samples "
                     "per image (Burda et al. 2015), 1 to 1000000: memory stays ~30 MB (the draws "
                     "are decoded in slices of 8192), time grows with K x images")
        ->check(CLI::Range(1, 1000000));
    evalCmd
        ->add_option("--iw-images", evalOptions.iwImages,
                     "with --iw-samples: use the first N test images only (0 = all)")
        ->check(wholeNumber("from 0 (all) to the number of test images", 0))
        ->capture_default_str();

    DataOptions dataOptions;
    CLI::App* dataCmd = app.add_subcommand(
        "data", "load a dataset and print its shape, classes and loading time");
    dataCmd->add_option("--dataset", dataOptions.dataset, datasetHelp)
        ->capture_default_str()
        ->check(kDatasetValidator);
    dataCmd->add_option("--data", dataOptions.data, "directory of the dataset's IDX files");
    dataCmd->add_option("--image-size", dataOptions.imageSize, imageSizeHelp)
        ->check(kImageSizeValidator);
    dataCmd->add_option("--export-npy", dataOptions.exportNpy,
                        "also write the examples to this NumPy .npy file as float32, in the values "
                        "the trainer sees (images in [0, 1]; tables standardised): (N, F), "
                        "(N, H, W) or (N, H, W, 3)");
    dataCmd->add_option("--export-split", dataOptions.exportSplit,
                        "with --export-npy: the training or the test examples")
        ->check(CLI::IsMember({"train", "test"}))
        ->capture_default_str();
    dataCmd->add_option("--export-count", dataOptions.exportCount,
                        "with --export-npy: the first N examples only (0 = all)")
        ->check(wholeNumber("from 0 (all) up", 0))
        ->capture_default_str();

    int gemmThreads = 0;
    double gemmSeconds = 2.0;
    CLI::App* gemmCmd = app.add_subcommand(
        "bench-gemm", "measure the single-precision GEMM rate (1024x1024 products) in GFLOP/s");
    gemmCmd->add_option("--threads", gemmThreads, "CPU threads (0 = all cores)")
        ->capture_default_str()
        ->check(wholeNumber(between(0, vae::TrainingConfig::kMaxThreads)));
    gemmCmd->add_option("--seconds", gemmSeconds, "measuring time, 0.01 to 3600")
        ->capture_default_str()
        ->check(finiteRange(0.01, 3600));

    vae::TrainingConfig flopsConfig;
    std::string flopsHidden = vae::formatHiddenSizes(flopsConfig.hiddenSizes);
    CLI::App* flopsCmd = app.add_subcommand(
        "flops", "print the model's training FLOPs per image (forward + backward GEMMs)");
    flopsCmd->add_option("--latent-dim", flopsConfig.latentDim, "dimension of z")
        ->capture_default_str()
        ->check(wholeNumber(between(1, vae::TrainingConfig::kMaxLatentDim)));
    flopsCmd->add_option("--hidden", flopsHidden, "encoder hidden sizes")->capture_default_str();
    std::string flopsChannels = vae::formatHiddenSizes(flopsConfig.convChannels);
    std::string flopsImage = "28,28,1";
    flopsCmd->add_option("--architecture", flopsConfig.architecture, "mlp or conv")
        ->capture_default_str()
        ->check(CLI::IsMember({"mlp", "conv"}));
    flopsCmd->add_option("--channels", flopsChannels, "conv channels")->capture_default_str();
    flopsCmd->add_option("--image", flopsImage, "image height,width,channels")
        ->capture_default_str();

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return kExitBadInput;
    }

    // A time budget alone means "train for this long": the default epoch count must not end the
    // run first.
    if (trainCmd->parsed() && c.timeBudgetSeconds > 0 && epochsOption->count() == 0)
        c.epochs = vae::TrainingConfig::kMaxEpochs;
    trainOptions.betaGiven = betaOption->count() > 0;
    trainOptions.epochsGiven = epochsOption->count() > 0;
    trainOptions.timeBudgetGiven = c.timeBudgetSeconds > 0;
    trainOptions.datasetGiven = trainCmd->get_option("--dataset")->count() > 0;
    trainOptions.klScheduleGiven = klScheduleOption->count() > 0;
    if (trainCmd->parsed() && hiddenOption->count() == 0)
        trainOptions.hidden = vae::formatHiddenSizes(
            vae::TrainingConfig::defaultHiddenSizes(c.latentDim, c.architecture));

    // A ConfigError about a field names the flag only where the config came from flags: in eval
    // it comes from the checkpoint file.
    const bool configFromFlags =
        trainCmd->parsed() || dataCmd->parsed() || gemmCmd->parsed() || flopsCmd->parsed();
    try {
        if (trainCmd->parsed())
            return train(trainOptions);
        if (dataCmd->parsed())
            return showData(dataOptions);
        if (gemmCmd->parsed()) {
            vae::TrainingConfig threads;
            threads.threads = gemmThreads;
            threads.validate();
            std::printf("gemm_gflops=%.1f threads=%d\n",
                        vae::measureGemmFlops(threads.effectiveThreads(), 1024, gemmSeconds) / 1e9,
                        threads.effectiveThreads());
            return 0;
        }
        if (decodeCmd->parsed())
            return decode(decodeCheckpoint, decodePoints);
        if (flopsCmd->parsed()) {
            flopsConfig.hiddenSizes = vae::parseHiddenSizes(flopsHidden);
            flopsConfig.convChannels = vae::parseConvChannels(flopsChannels);
            const std::vector<int> image = vae::parseHiddenSizes(flopsImage);
            if (image.size() != 3 || (long long)image[0] * image[1] * image[2] >
                                         vae::TrainingConfig::kMaxInputSize)
                throw vae::ConfigError("--image must be height,width,channels such as 28,28,1, "
                                       "of at most " +
                                       std::to_string(vae::TrainingConfig::kMaxInputSize) +
                                       " values, got \"" + flopsImage + "\"");
            flopsConfig.imageHeight = image[0];
            flopsConfig.imageWidth = image[1];
            flopsConfig.imageChannels = image[2];
            flopsConfig.inputSize = image[0] * image[1] * image[2];
            flopsConfig.validate();
            std::printf("flops_per_sample=%.0f\n", vae::trainingFlopsPerSample(flopsConfig));
            return 0;
        }
        return eval(evalOptions);
    } catch (const vae::TrainingError& e) {
        std::fprintf(stderr, "vae-cli: %s\n", e.what());
        return kExitTrainingFailed;
    } catch (const vae::ConfigError& e) {
        const std::string flag = configFromFlags ? flagFor(e.field()) : std::string();
        std::fprintf(stderr, "vae-cli: %s%s\n", flag.empty() ? "" : (flag + ": ").c_str(),
                     e.what());
        return kExitBadInput;
    } catch (const vae::Error& e) {
        std::fprintf(stderr, "vae-cli: %s\n", e.what());
        return kExitBadInput;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "vae-cli: %s\n", e.what());
        return kExitBadInput;
    }
}
