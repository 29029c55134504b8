#include "vae/config.h"
#include "json_limits.h"
#include "vae/errors.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <numbers>
#include <sstream>
#include <thread>

namespace vae {
namespace {

// Bounds a user can reach from the GUI or CLI without the run becoming meaningless or exhausting
// memory; they are not tuned hyperparameters. Each is checked before anything is allocated.
constexpr int kMaxLatentDim = TrainingConfig::kMaxLatentDim;
constexpr int kMaxInputSize = TrainingConfig::kMaxInputSize;
constexpr int kMaxHiddenWidth = TrainingConfig::kMaxHiddenWidth;
constexpr int kMaxHiddenLayers = TrainingConfig::kMaxHiddenLayers;
constexpr int kMaxEpochs = TrainingConfig::kMaxEpochs;
constexpr int kMaxThreads = TrainingConfig::kMaxThreads;
constexpr int kMaxBatchSize = TrainingConfig::kMaxBatchSize;
constexpr int kMaxWarmupSteps = TrainingConfig::kMaxWarmupSteps;
// A week: a longer budget is a forgotten run, not a plan.
constexpr double kMaxTimeBudgetSeconds = TrainingConfig::kMaxTimeBudgetSeconds;
/// Weights of encoder + decoder. Training holds four float copies (weights, gradients, Adam's two
/// moments) plus the inference snapshots: 100 M parameters are ~1.6 GB before activations.
constexpr long long kMaxParameters = 100'000'000;
/// Batch size × the widest layer (hidden, or the input): one activation matrix of this many
/// floats is 1 GiB, and a step keeps several of them for the backward pass.
constexpr long long kMaxActivationElements = 1LL << 28;

[[noreturn]] void fail(const std::string& message, const std::string& field = {})
{
    throw ConfigError(message, field);
}

/// A double as a person writes it: 0.002, 1e-08, nan, inf (std::to_string prints 0.000000).
std::string number(double value)
{
    std::ostringstream out;
    out << value;
    return out.str();
}

/// Weights and biases of the encoder and decoder (config.h). MLP: the encoder maps inputSize →
/// hidden… → 2·latentDim (μ and log σ²), the decoder latentDim → reversed(hidden)… → inputSize.
/// Conv: each 4×4 convolution has in·out·16 weights and out biases, as does its transposed mirror;
/// the dense layers start from (decoder: end at) the last feature map's size. Assumes every size is
/// already within its bounds (no overflow).
long long parameterCount(const TrainingConfig& c)
{
    long long total = 0;
    auto layer = [&total](long long in, long long out) { total += in * out + out; };
    long long in = c.inputSize;
    if (c.isConvolutional()) {
        const auto sides = c.convSides();
        long long channels = c.imageChannels;
        for (int out : c.convChannels) {
            total += 2 * (channels * out * 16) + out + channels; // conv and its mirror
            channels = out;
        }
        in = channels * sides.back().first * sides.back().second;
    }
    const long long flat = in;
    for (int width : c.hiddenSizes) {
        layer(in, width);
        in = width;
    }
    layer(in, 2LL * c.latentDim);
    in = c.latentDim;
    for (auto it = c.hiddenSizes.rbegin(); it != c.hiddenSizes.rend(); ++it) {
        layer(in, *it);
        in = *it;
    }
    layer(in, flat);
    return total;
}

} // namespace

void TrainingConfig::validate(long long trainSize) const
{
    // `field` is the JSON key (toJson()): ConfigError::field() lets the CLI name its flag.
    auto check = [](bool ok, const char* field, const std::string& message) {
        if (!ok)
            fail(message, field);
    };
    check(inputSize >= 1 && inputSize <= kMaxInputSize, "input_size",
          "input size must be between 1 and " + std::to_string(kMaxInputSize) +
              " values per example, got " + std::to_string(inputSize));
    check(latentDim >= 1 && latentDim <= kMaxLatentDim, "latent_dim",
          "latent dim must be between 1 and " + std::to_string(kMaxLatentDim) + ", got " +
              std::to_string(latentDim));
    check(architecture == "mlp" || architecture == "conv", "architecture",
          "architecture must be \"mlp\" or \"conv\", got \"" + architecture + "\"");
    if (isConvolutional()) {
        check(imageHeight >= 1 && imageWidth >= 1 &&
                  (imageChannels == 1 || imageChannels == 3 || imageChannels == 4) &&
                  (long long)imageHeight * imageWidth * imageChannels == inputSize,
              "image_height",
              "a conv model needs the image shape of the data: got " + std::to_string(imageHeight) +
                  " × " + std::to_string(imageWidth) + " × " + std::to_string(imageChannels) +
                  " for " + std::to_string(inputSize) + " values per example");
        check(!convChannels.empty() && convChannels.size() <= kMaxConvLayers, "conv_channels",
              "conv channels must list 1 to " + std::to_string(kMaxConvLayers) + " layers, got " +
                  std::to_string(convChannels.size()));
        for (int channels : convChannels)
            check(channels >= 1 && channels <= kMaxConvChannels, "conv_channels",
                  "each conv channel count must be between 1 and " +
                      std::to_string(kMaxConvChannels) + ", got " + std::to_string(channels));
        const int smallest = std::min(imageHeight, imageWidth);
        const int layers = int(convChannels.size());
        const std::string shape = std::to_string(imageHeight) + " × " + std::to_string(imageWidth);
        check(smallest >= 2, "architecture",
              "a conv model needs images of at least 2 × 2 pixels; these examples are " + shape +
                  " (a table's rows): use the MLP");
        check(smallest >= (1 << layers), "conv_channels",
              "a conv encoder of " + std::to_string(layers) +
                  " stride-2 layers halves each image side " + std::to_string(layers) +
                  " times, so it needs images of at least " + std::to_string(1 << layers) + " × " +
                  std::to_string(1 << layers) + " pixels; these are " + shape +
                  ": use fewer conv layers, or the MLP");
    }
    check(!hiddenSizes.empty() && hiddenSizes.size() <= kMaxHiddenLayers, "hidden_sizes",
          "hidden sizes must list 1 to " + std::to_string(kMaxHiddenLayers) + " layers, got " +
              std::to_string(hiddenSizes.size()));
    for (int width : hiddenSizes)
        check(width >= 1 && width <= kMaxHiddenWidth, "hidden_sizes",
              "each hidden size must be between 1 and " + std::to_string(kMaxHiddenWidth) +
                  ", got " + std::to_string(width));
    const long long parameters = parameterCount(*this);
    check(parameters <= kMaxParameters, "hidden_sizes",
          "the model would have " + std::to_string(parameters) + " weights, more than the " +
              std::to_string(kMaxParameters) +
              " that fit in memory for training (weights, gradients and Adam's moments): use "
              "narrower or fewer hidden layers");
    check(epochs >= 1 && epochs <= kMaxEpochs, "epochs",
          "epochs must be between 1 and " + std::to_string(kMaxEpochs) + ", got " +
              std::to_string(epochs));
    check(batchSize >= 1 && batchSize <= kMaxBatchSize, "batch_size",
          "batch size must be between 1 and " + std::to_string(kMaxBatchSize) + ", got " +
              std::to_string(batchSize));
    long long widest =
        std::max<long long>(inputSize, *std::max_element(hiddenSizes.begin(), hiddenSizes.end()));
    if (isConvolutional()) { // each feature map is a layer's activations
        const auto sides = convSides();
        for (std::size_t l = 0; l < convChannels.size(); ++l)
            widest = std::max<long long>(widest, (long long)convChannels[l] * sides[l + 1].first *
                                                     sides[l + 1].second);
    }
    check(batchSize * widest <= kMaxActivationElements, "batch_size",
          "batch size " + std::to_string(batchSize) + " × the widest layer (" +
              std::to_string(widest) + ") is more than " + std::to_string(kMaxActivationElements) +
              " activations, which do not fit in memory: use a batch size of at most " +
              std::to_string(kMaxActivationElements / widest));
    check(learningRate > 0 && learningRate < 10 && std::isfinite(learningRate), "learning_rate",
          "learning rate must be in (0, 10), got " + number(learningRate));
    check(beta >= 0 && beta <= 1000 && std::isfinite(beta), "beta",
          "beta must be in [0, 1000], got " + number(beta));
    check(threads >= 0 && threads <= kMaxThreads, "threads",
          "threads must be between 0 (all cores) and " + std::to_string(kMaxThreads) + ", got " +
              std::to_string(threads));
    check(trainSubset >= 0, "train_subset",
          "train subset must be 0 (all) or positive, got " + std::to_string(trainSubset));
    check(timeBudgetSeconds >= 0 && timeBudgetSeconds <= kMaxTimeBudgetSeconds &&
              std::isfinite(timeBudgetSeconds),
          "time_budget_seconds",
          "time budget must be 0 (none) or a number of seconds up to " +
              number(kMaxTimeBudgetSeconds) + " (7 days), got " + number(timeBudgetSeconds));
    check(lrSchedule == "constant" || lrSchedule == "cosine", "lr_schedule",
          "learning-rate schedule must be \"constant\" or \"cosine\", got \"" + lrSchedule + "\"");
    check(warmupSteps >= 0 && warmupSteps <= kMaxWarmupSteps, "warmup_steps",
          "warm-up steps must be between 0 (none) and " + std::to_string(kMaxWarmupSteps) +
              ", got " + std::to_string(warmupSteps));
    check(modelKind == "vae" || modelKind == "autoencoder", "model_kind",
          "model kind must be \"vae\" or \"autoencoder\", got \"" + modelKind + "\"");
    check(klSchedule == "constant" || klSchedule == "linear" || klSchedule == "cyclical",
          "kl_schedule",
          "KL schedule must be \"constant\", \"linear\" or \"cyclical\", got \"" + klSchedule +
              "\"");
    check(klWarmupEpochs > 0 && klWarmupEpochs <= kMaxEpochs && std::isfinite(klWarmupEpochs),
          "kl_warmup_epochs",
          "KL warm-up epochs must be in (0, " + std::to_string(kMaxEpochs) + "], got " +
              number(klWarmupEpochs));
    if (trainSize >= 0) {
        check(trainSize >= 1, "", "the training set is empty");
        check(trainSubset <= trainSize, "train_subset",
              "train subset " + std::to_string(trainSubset) + " is larger than the training set (" +
                  std::to_string(trainSize) + " images): use 0 (all) or at most " +
                  std::to_string(trainSize));
        const long long used = trainSubset > 0 ? trainSubset : trainSize;
        check(batchSize <= used, "batch_size",
              "batch size " + std::to_string(batchSize) + " is larger than the training set (" +
                  (trainSubset > 0 ? "the train subset: " + std::to_string(used) + " of " +
                                         std::to_string(trainSize) + " images"
                                   : std::to_string(used) + " images") +
                  "): use a batch size of at most " + std::to_string(used));
    }
}

int TrainingConfig::effectiveThreads() const
{
    if (threads > 0)
        return threads;
    // As PyTorch does for its default: OMP_NUM_THREADS, when it is a whole number in range.
    if (const char* omp = std::getenv("OMP_NUM_THREADS"); omp && *omp) {
        int value = 0;
        const char* end = omp + std::strlen(omp);
        const auto [last, ec] = std::from_chars(omp, end, value);
        if (ec == std::errc() && last == end && value >= 1 && value <= kMaxThreads)
            return value;
    }
    const unsigned n = std::thread::hardware_concurrency();
    return n > 0 ? static_cast<int>(n) : 1;
}

std::string TrainingConfig::toJson() const
{
    const nlohmann::json j = {
        {"input_size", inputSize},
        {"image_height", imageHeight},
        {"image_width", imageWidth},
        {"image_channels", imageChannels},
        {"architecture", architecture},
        {"conv_channels", convChannels},
        {"latent_dim", latentDim},
        {"hidden_sizes", hiddenSizes},
        {"epochs", epochs},
        {"batch_size", batchSize},
        {"learning_rate", learningRate},
        {"beta", beta},
        {"seed", seed},
        {"threads", threads},
        {"train_subset", trainSubset},
        {"time_budget_seconds", timeBudgetSeconds},
        {"lr_schedule", lrSchedule},
        {"warmup_steps", warmupSteps},
        {"model_kind", modelKind},
        {"kl_schedule", klSchedule},
        {"kl_warmup_epochs", klWarmupEpochs},
        {"likelihood", std::string(likelihoodName(likelihood))},
    };
    return j.dump();
}

TrainingConfig TrainingConfig::fromJson(std::string_view text)
{
    nlohmann::json j;
    try {
        // A config is a flat object plus two size arrays: ~25 keys, ≤ 8 sizes each.
        j = detail::parseBounded(text, {.maxDepth = 2, .maxValues = 1024});
    } catch (const nlohmann::json::exception& e) {
        fail(std::string("config is not valid JSON: ") + e.what());
    } catch (const detail::JsonLimitError& e) {
        fail(std::string("config JSON is too large or too deeply nested: ") + e.what());
    }
    if (!j.is_object())
        fail("config JSON must be an object");
    TrainingConfig c;
    auto read = [&j](const char* key, auto& field) {
        if (!j.contains(key))
            return;
        const nlohmann::json& value = j.at(key);
        using Field = std::remove_cvref_t<decltype(field)>;
        bool ok = false;
        // Integers go through detail::integerValue: get_to() would static_cast 1e300 to int (UB).
        if constexpr (std::is_integral_v<Field>) {
            ok = detail::integerValue(value, field);
        } else if constexpr (std::is_same_v<Field, std::vector<int>>) {
            ok = value.is_array();
            std::vector<int> sizes(ok ? value.size() : 0);
            for (std::size_t i = 0; ok && i < sizes.size(); ++i)
                ok = detail::integerValue(value[i], sizes[i]);
            if (ok)
                field = std::move(sizes);
        } else if constexpr (std::is_same_v<Field, double>) {
            ok = value.is_number();
            if (ok)
                field = value.get<double>();
        } else {
            static_assert(std::is_same_v<Field, std::string>);
            ok = value.is_string();
            if (ok)
                field = value.get<std::string>();
        }
        if (!ok)
            fail(std::string("config key \"") + key +
                 "\" has the wrong type or is out of range: " + detail::describeJson(value));
    };
    read("input_size", c.inputSize); // absent before other data than MNIST: 784
    read("image_height", c.imageHeight); // these three and the next two: absent before conv
    read("image_width", c.imageWidth);
    read("image_channels", c.imageChannels);
    read("architecture", c.architecture);
    read("conv_channels", c.convChannels);
    read("latent_dim", c.latentDim);
    read("hidden_sizes", c.hiddenSizes);
    read("epochs", c.epochs);
    read("batch_size", c.batchSize);
    read("learning_rate", c.learningRate);
    read("beta", c.beta);
    read("seed", c.seed);
    read("threads", c.threads);
    read("train_subset", c.trainSubset);
    read("time_budget_seconds", c.timeBudgetSeconds);
    read("lr_schedule", c.lrSchedule);
    read("warmup_steps", c.warmupSteps);
    read("model_kind", c.modelKind);
    read("kl_schedule", c.klSchedule);
    read("kl_warmup_epochs", c.klWarmupEpochs);
    std::string likelihood(likelihoodName(c.likelihood)); // absent before it existed: Bernoulli
    read("likelihood", likelihood);
    c.likelihood = parseLikelihood(likelihood);
    return c;
}

double TrainingConfig::learningRateAt(double progress, std::int64_t step, double baseRate) const
{
    double rate = baseRate;
    if (lrSchedule == "cosine")
        rate *= 0.5 * (1.0 + std::cos(std::numbers::pi * std::clamp(progress, 0.0, 1.0)));
    if (warmupSteps > 0 && step < warmupSteps)
        rate *= double(step + 1) / double(warmupSteps);
    return rate;
}

std::string TrainingConfig::modelName() const
{
    if (isAutoencoder())
        return "autoencoder";
    return beta == 1.0 ? "vae" : "beta-vae";
}

double TrainingConfig::klWeightAt(double epoch, double baseBeta) const
{
    if (isAutoencoder())
        return 0.0;
    const double e = std::max(epoch, 0.0);
    if (klSchedule == "linear")
        return baseBeta * std::min(1.0, e / klWarmupEpochs);
    if (klSchedule == "cyclical") {
        const double tau = std::fmod(e, klWarmupEpochs) / klWarmupEpochs;
        return baseBeta * std::min(1.0, 2.0 * tau);
    }
    return baseBeta;
}

void TrainingConfig::setDataShape(const DataDescription& description)
{
    inputSize = description.inputSize();
    imageHeight = description.height;
    imageWidth = description.width;
    imageChannels = description.channels;
}

std::vector<std::pair<int, int>> TrainingConfig::convSides() const
{
    // A 4×4 convolution with stride 2 and padding 1 maps a side s to ⌊(s + 2 − 4)/2⌋ + 1 = ⌊s/2⌋.
    std::vector<std::pair<int, int>> sides{{imageHeight, imageWidth}};
    for (std::size_t l = 0; l < convChannels.size(); ++l)
        sides.emplace_back(sides.back().first / 2, sides.back().second / 2);
    return sides;
}

std::vector<int> TrainingConfig::defaultConvChannels(int height, int width)
{
    int layers = 0;
    for (int side = std::min(height, width); side / 2 >= 4 && layers < 4; side /= 2)
        ++layers;
    switch (layers) {
    case 0:
    case 1:
        return {32};
    case 2:
        return {32, 64};
    case 3:
        return {32, 64, 64};
    default:
        return {32, 32, 64, 64};
    }
}

std::vector<int> TrainingConfig::defaultHiddenSizes(int latentDim, std::string_view architecture)
{
    if (architecture == "conv")
        return {256};
    if (latentDim <= 2)
        return {512, 256, 256};
    return {512, 256};
}

namespace {

std::vector<int> parseSizeList(std::string_view text, const char* what, const char* example,
                               const char* field)
{
    std::vector<int> sizes;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(',', start), text.size());
        std::string_view item = text.substr(start, end - start);
        while (!item.empty() && item.front() == ' ')
            item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ')
            item.remove_suffix(1);
        int value = 0;
        const auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), value);
        if (item.empty() || ec != std::errc() || ptr != item.data() + item.size() || value <= 0)
            fail(std::string(what) +
                     " must be a comma-separated list of positive integers such as \"" + example +
                     "\", got \"" + std::string(text) + "\"",
                 field);
        sizes.push_back(value);
        start = end + 1;
    }
    return sizes;
}

} // namespace

std::vector<int> parseHiddenSizes(std::string_view text)
{
    return parseSizeList(text, "hidden sizes", "512,256", "hidden_sizes");
}

std::vector<int> parseConvChannels(std::string_view text)
{
    return parseSizeList(text, "conv channels", "32,32,64,64", "conv_channels");
}

std::string formatHiddenSizes(const std::vector<int>& sizes)
{
    std::ostringstream out;
    for (std::size_t i = 0; i < sizes.size(); ++i)
        out << (i ? "," : "") << sizes[i];
    return out.str();
}

} // namespace vae
