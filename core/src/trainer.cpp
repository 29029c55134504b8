#include "vae/trainer.h"

#include "checkpoint_format.h"
#include "inference_impl.h"
#include "model.h"
#include "trainer_testing.h"
#include "training_step.h"
#include "vae/errors.h"

#include <nlohmann/json.hpp>

#if defined(__linux__)
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>
#endif

#include <charconv>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <stop_token>
#include <thread>

namespace vae {
namespace {

using Clock = std::chrono::steady_clock;

// How often the trainer publishes; chosen so the GUI looks live without the trainer spending
// more than a few percent of its time on snapshots (10,000-image encode ≈ 50 ms here).
constexpr auto kInferencePeriod = std::chrono::milliseconds(250);
constexpr auto kLatentPeriod = std::chrono::milliseconds(1000);
// A latent snapshot encodes the whole test set: ~20 ms for the MLP, ~1 s for a conv model on one
// core. The next one waits at least this many times as long as the last took, so snapshots cost
// at most a tenth of the training time (a conv run in the window: 876 → ~2,500 samples/s).
constexpr int kLatentCostRatio = 9;
constexpr auto kTrainLatentPeriod = std::chrono::seconds(5);
constexpr auto kProgressPeriod = std::chrono::milliseconds(100);
// Seed offset for the test-set ε draws, so every epoch's test ELBO uses the same noise.
constexpr std::uint64_t kEvalSeedOffset = 0x9E3779B97F4A7C15ull;
// Seed offset for the training ε draws: they have a generator of their own so that the batch
// shuffle (seeded with the seed itself) is the same whether or not a model samples (autoencoder).
constexpr std::uint64_t kNoiseSeedOffset = 0xD1B54A32D192ED03ull;

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

/// Dynamic binarization: `binary` [N, F] ← one Bernoulli sample of `grey` [N, F], sample number
/// `epoch` of the run seeded `seed` (binarizeInto's counter-based draws, so the threads' slices
/// together give the same sample as one thread).
void resampleBinary(const torch::Tensor& grey, const torch::Tensor& binary, std::uint64_t seed,
                    int epoch)
{
    const float* in = grey.data_ptr<float>();
    float* out = binary.data_ptr<float>();
    const std::uint64_t sampleSeed = seed ^ (std::uint64_t(epoch + 1) * 0xA24BAED4963EE407ull);
    at::parallel_for(0, grey.numel(), 1 << 16, [&](std::int64_t begin, std::int64_t end) {
        binarizeInto(std::span(in + begin, std::size_t(end - begin)),
                     std::span(out + begin, std::size_t(end - begin)), sampleSeed,
                     std::uint64_t(begin));
    });
}

// Examples the data mean (the decoder's initial output bias) is taken over, for a generated set.
constexpr int kGeneratedMeanSample = 10000;

/// A generated training set's batch: x [n, F] ← the examples `indices` [n], made on the
/// threads (ImageSet::gather).
void gatherBatch(const ImageSet& set, const torch::Tensor& indices, const torch::Tensor& x)
{
    const std::int64_t* index = indices.data_ptr<std::int64_t>();
    float* out = x.data_ptr<float>();
    const auto perExample = std::size_t(set.pixelsPerImage());
    at::parallel_for(0, indices.numel(), 8, [&](std::int64_t begin, std::int64_t end) {
        set.gather(std::span(index + begin, std::size_t(end - begin)),
                   std::span(out + std::size_t(begin) * perExample,
                             std::size_t(end - begin) * perExample));
    });
}

// Shortest text that reads back as the same double: "1", "0.5", "0.0005", "1e-05".
std::string numberText(double value)
{
    char buffer[32];
    const auto result =
        std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general);
    return std::string(buffer, result.ptr);
}

// A value in a message: 3 significant digits ("9.9", "0.0495", "1.23e+20").
std::string shortNumber(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3g", value);
    return buffer;
}

// The largest |gradient element| the trainer accepts: above it (≈ 9.2e18) the element's square,
// which Adam's second moment accumulates, would overflow float; such a step is a blow-up too.
constexpr float kMaxGradient = 0x1p63f;

// What stopped training on a non-finite value (`what`, then `detail` after the step), where, the
// likely cause and what to do, and which weights the model kept: e.g. "the loss became NaN at
// step 37 (epoch 1.06): the learning rate 9.9 is probably too high; try 0.99 or lower. The model
// was returned to its weights after step 36, the last finite ones."
std::string numericFaultMessage(const std::string& what, const std::string& detail,
                                std::int64_t step, double epoch, double baseRate,
                                double appliedRate)
{
    std::string text = what + " at step " + std::to_string(step) + " (epoch " + shortNumber(epoch) +
                       ")" + detail + ": ";
    // The schedule (warm-up, cosine) makes the rate of the step differ from the one set.
    const std::string rate =
        shortNumber(baseRate) +
        (shortNumber(appliedRate) != shortNumber(baseRate)
             ? " (" + shortNumber(appliedRate) + " at this step, after the schedule)"
             : std::string());
    constexpr double kHighRate = 0.01; // 5× the default 2e-3; Adam on this model diverges near 1
    if (baseRate > kHighRate)
        text += "the learning rate " + rate + " is probably too high; try " +
                shortNumber(baseRate / 10) + " or lower.";
    else
        text += "the learning rate " + rate +
                " is not high, so the cause may be the data or the settings (β, the model); try a "
                "lower learning rate or another seed.";
    text += step > 1 ? " The model was returned to its weights after step " +
                           std::to_string(step - 1) + ", the last finite ones."
                     : " The model was returned to its initial weights (no step had finished).";
    return text;
}

bool parametersFinite(const VaeNet& net)
{
    torch::NoGradGuard noGrad;
    for (const torch::Tensor& p : net->parameters())
        if (!torch::isfinite(p).all().item<bool>())
            return false;
    return true;
}

// "NaN", "infinite" or "too large (…)" for the largest |gradient element| (gradientMaxAbs).
std::string gradientFaultKind(float value)
{
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return "infinite";
    return "too large (" + shortNumber(value) +
           "; its square, which Adam accumulates, overflows a float)";
}

/// A generator state as bytes (TrainingState), and back: ATen's set_state checks the size and
/// throws c10::Error for bytes that are not a CPU generator's state.
std::vector<std::uint8_t> generatorBytes(const at::Generator& generator)
{
    const torch::Tensor state = generator.get_state().contiguous();
    const auto* bytes = state.data_ptr<std::uint8_t>();
    return {bytes, bytes + state.numel()};
}

void restoreGenerator(at::Generator& generator, const std::vector<std::uint8_t>& bytes)
{
    torch::Tensor state = torch::empty({std::int64_t(bytes.size())}, torch::kUInt8);
    std::copy(bytes.begin(), bytes.end(), state.data_ptr<std::uint8_t>());
    generator.set_state(state);
}

std::vector<float> tensorValues(const torch::Tensor& t)
{
    const torch::Tensor c = t.contiguous();
    return {c.data_ptr<float>(), c.data_ptr<float>() + c.numel()};
}

// SettingChange's text of a KL schedule: "constant", "linear 10", "cyclical 4".
std::string scheduleText(const std::string& schedule, double warmupEpochs)
{
    return schedule == "constant" ? schedule : schedule + " " + numberText(warmupEpochs);
}

} // namespace

const char* toString(TrainerState state)
{
    switch (state) {
    case TrainerState::Idle: return "idle";
    case TrainerState::Running: return "running";
    case TrainerState::Paused: return "paused";
    case TrainerState::Finished: return "finished";
    case TrainerState::Stopped: return "stopped";
    case TrainerState::Failed: return "failed";
    }
    return "unknown";
}

struct Trainer::Impl {
    TrainingConfig config;
    std::shared_ptr<const Dataset> data;
    VaeNet net{nullptr};

    std::atomic<double> beta;
    std::atomic<double> learningRate;
    // The live KL schedule (TrainingConfig::klSchedule, klWarmupEpochs), guarded by `mutex`.
    std::string klSchedule;
    double klWarmupEpochs = 0;
    TrainerTestAccess::BatchObserver batchObserver; // set before start(), tests only
    std::int64_t faultStep = 0;                     // tests only: the step whose gradient…
    float faultValue = 0;                           // …gets this value in its first element
    std::atomic<bool> paused{false};
    std::atomic<bool> parked{false}; // the worker waits in `resumed`
    std::atomic<bool> latentIncludesTrain{false};
    std::atomic<bool> latentSnapshots{true};
    std::atomic<bool> backgroundPriority{false};
    // Where run() starts: a fresh run's defaults, or the state of the run being continued.
    TrainingState start;
    bool restoreOptimizer = false; // start holds Adam's state and the generators'
    // Worker-thread only: the newest training-set posterior and when it was computed.
    std::shared_ptr<const Posterior> trainPosterior;
    std::shared_ptr<const std::vector<std::uint8_t>> trainLabels;
    std::shared_ptr<const std::vector<std::uint8_t>> testFactors; ///< the snapshots' factors
    std::int64_t trainPosteriorStep = 0;
    Clock::time_point trainPosteriorTime{};
    std::atomic<TrainerState> state{TrainerState::Idle};

    // Everything below m_mutex is shared with the consumer thread(s).
    mutable std::mutex mutex;
    std::condition_variable published; // consumer waits for updates
    std::condition_variable_any resumed; // worker waits while paused
    TrainerUpdate pending;
    TrainingHistory history;
    Progress progress; // newest, also published once more when training ends
    std::shared_ptr<const InferenceModel> inference;
    std::optional<TrainingState> trainingState; // see Trainer::trainingState()

    // start() against stop() and wait() on other threads: start() assigns `thread` and
    // `stopSource` under lifecycleMutex and joinMutex; joins are serialised by joinMutex (a second
    // joiner waits for the first, then finds nothing to join). Lock order: lifecycleMutex, then
    // mutex or joinMutex (never both of those).
    std::mutex lifecycleMutex;
    std::mutex joinMutex;
    std::stop_source stopSource{std::nostopstate};
    std::jthread thread;

    void run(std::stop_token stop);
    std::int64_t publishedStep = 0; // worker-thread only: the step of the newest `inference`
    void publishInference(std::int64_t step)
    {
        auto snap = detail::snapshot(net, config, data->description, step);
        publishedStep = step;
        std::lock_guard lock(mutex);
        inference = std::move(snap);
    }
    /// Encodes and publishes a latent snapshot; publishes nothing once `stop` is requested (the
    /// encodes check it between batches, so a stop is not held up by 70,000 images).
    void publishLatent(const torch::Tensor& testImages, const torch::Tensor& trainImages,
                       std::int64_t step, double epoch, bool epochEnd, std::stop_token stop);
    // Ends the run on a non-finite loss or gradient (the step was not applied): see run().
    void failOnNumericFault(std::string message, std::int64_t lastGoodStep, int stepsPerEpoch,
                            const torch::Tensor& testImages, const torch::Tensor& trainImages);
    void publish(auto&& mutate)
    {
        {
            std::lock_guard lock(mutex);
            mutate();
            pending.state = state.load();
        }
        published.notify_all();
    }
    void finish(TrainerState final, std::optional<std::string> error = std::nullopt)
    {
        state = final;
        publish([&] {
            if (error)
                pending.error = std::move(error);
            pending.progress = progress;
        });
    }
};

Trainer::Trainer(TrainingConfig config, std::shared_ptr<const Dataset> data,
                 std::shared_ptr<const InferenceModel> initial)
    : m_impl(std::make_unique<Impl>())
{
    if (!data)
        throw ConfigError("no training data given");
    config.validate(data->train.count);
    if (data->train.pixelsPerImage() != config.inputSize ||
        data->test.pixelsPerImage() != config.inputSize ||
        data->description.inputSize() != config.inputSize)
        throw ConfigError("the model takes " + std::to_string(config.inputSize) +
                              " values per example, but " + data->description.name + " has " +
                              std::to_string(data->train.pixelsPerImage()) + " (" +
                              std::to_string(data->train.rows) + "×" +
                              std::to_string(data->train.cols) + "×" +
                              std::to_string(data->train.channels) + ")",
                          "input_size");
    if (config.isConvolutional() && (config.imageHeight != data->description.height ||
                                     config.imageWidth != data->description.width ||
                                     config.imageChannels != data->description.channels))
        throw ConfigError("the conv model takes " + std::to_string(config.imageHeight) + "×" +
                              std::to_string(config.imageWidth) + "×" +
                              std::to_string(config.imageChannels) + " images, but " +
                              data->description.name + " has " +
                              std::to_string(data->description.height) + "×" +
                              std::to_string(data->description.width) + "×" +
                              std::to_string(data->description.channels),
                          "image_height");
    if (config.likelihood != Likelihood::Gaussian && data->description.values == ValueKind::Real)
        throw ConfigError("the " + std::string(likelihoodName(config.likelihood)) +
                              " likelihood needs values in [0, 1], but " + data->description.name +
                              " holds real numbers: use the gaussian likelihood",
                          "likelihood");
    m_impl->config = config;
    m_impl->data = std::move(data);
    m_impl->beta = config.beta;
    m_impl->learningRate = config.learningRate;
    m_impl->klSchedule = config.klSchedule;
    m_impl->klWarmupEpochs = config.klWarmupEpochs;
    m_impl->net = makeNet(config);
    if (initial) {
        const TrainingConfig& from = initial->config();
        if (from.inputSize != config.inputSize)
            throw ConfigError("the starting model takes " + std::to_string(from.inputSize) +
                                  " values per example, but the data has " +
                                  std::to_string(config.inputSize),
                              "input_size");
        if (from.latentDim != config.latentDim || from.hiddenSizes != config.hiddenSizes ||
            from.architecture != config.architecture ||
            (config.isConvolutional() && (from.convChannels != config.convChannels ||
                                          from.imageHeight != config.imageHeight ||
                                          from.imageWidth != config.imageWidth ||
                                          from.imageChannels != config.imageChannels)))
            throw ConfigError("the starting model is " + detail::describeModel(from) +
                              ", but the settings ask for " + detail::describeModel(config));
        if (from.likelihood != config.likelihood)
            throw ConfigError("the starting model was trained with the " +
                                  std::string(likelihoodName(from.likelihood)) +
                                  " likelihood, but the settings ask for " +
                                  std::string(likelihoodName(config.likelihood)),
                              "likelihood");
        torch::NoGradGuard noGrad;
        auto source = initial->impl().net->parameters();
        auto target = m_impl->net->parameters();
        for (std::size_t i = 0; i < target.size(); ++i)
            target[i].copy_(source[i]);
        m_impl->net->setGaussianSigma(initial->impl().net->gaussianSigma());
    } else {
        const ImageSet& train = m_impl->data->train;
        const int count = config.trainSubset > 0 ? std::min(config.trainSubset, train.count)
                                                 : train.count;
        if (train.isGenerated()) {
            // The mean of an even sample of at most kGeneratedMeanSample examples.
            const int n = std::min(count, kGeneratedMeanSample);
            std::vector<std::int64_t> indices(static_cast<std::size_t>(n));
            for (int k = 0; k < n; ++k)
                indices[std::size_t(k)] = std::int64_t(k) * count / n;
            std::vector<float> sample(std::size_t(n) * std::size_t(config.inputSize));
            train.gather(indices, sample);
            initOutputBiasToDataMean(m_impl->net, imagesTensor(sample, n, config.inputSize));
        } else {
            initOutputBiasToDataMean(m_impl->net,
                                     imagesTensor(train.pixels, count, config.inputSize));
        }
    }
    m_impl->start.beta = config.beta;
    m_impl->start.learningRate = config.learningRate;
    m_impl->start.klSchedule = config.klSchedule;
    m_impl->start.klWarmupEpochs = config.klWarmupEpochs;
    m_impl->inference = detail::snapshot(m_impl->net, config, m_impl->data->description, 0);
}

Trainer::Trainer(TrainingConfig config, std::shared_ptr<const Dataset> data, const Checkpoint& from)
    : Trainer(config, data, from.model)
{
    // What may change between sessions: the epochs to train until, threads, the time budget.
    TrainingConfig saved = from.config;
    saved.epochs = config.epochs;
    saved.threads = config.threads;
    saved.timeBudgetSeconds = config.timeBudgetSeconds;
    const auto savedJson = nlohmann::json::parse(saved.toJson());
    const auto askedJson = nlohmann::json::parse(config.toJson());
    for (const auto& [key, value] : savedJson.items())
        if (askedJson.at(key) != value)
            throw ConfigError("the model was trained with " + key + " = " + value.dump() +
                                  "; a continued run keeps it, but the settings ask for " +
                                  askedJson.at(key).dump(),
                              key);
    const DataDescription& trained = from.model->description();
    const DataDescription& given = m_impl->data->description;
    if (trained.name != given.name || trained.inputSize() != given.inputSize() ||
        trained.featureMean != given.featureMean || trained.featureScale != given.featureScale)
        throw ConfigError("the model was trained on " + trained.name + " (" +
                          std::to_string(trained.inputSize()) +
                          " values per example); continuing it needs the same data, not " +
                          given.name + " (" + std::to_string(given.inputSize()) + ")");

    const ImageSet& train = m_impl->data->train;
    const int trainCount =
        config.trainSubset > 0 ? std::min(config.trainSubset, train.count) : train.count;
    const int stepsPerEpoch = (trainCount + config.batchSize - 1) / config.batchSize;
    TrainingState& start = m_impl->start;
    if (from.training) {
        start = *from.training;
        m_impl->restoreOptimizer = true;
        // stepInEpoch == stepsPerEpoch: stopped during the epoch's evaluation (see run()).
        if (start.stepInEpoch > stepsPerEpoch)
            throw ConfigError("the saved run is at step " + std::to_string(start.stepInEpoch) +
                              " of epoch " + std::to_string(start.epoch) + ", but an epoch of " +
                              given.name + " has " + std::to_string(stepsPerEpoch) + " steps");
        std::int64_t weights = 0;
        for (const torch::Tensor& p : m_impl->net->parameters())
            weights += p.numel();
        if (!start.adamFirstMoment.empty() &&
            (std::int64_t(start.adamFirstMoment.size()) != weights ||
             start.adamSecondMoment.size() != start.adamFirstMoment.size()))
            throw ConfigError("the saved optimizer state has " +
                              std::to_string(start.adamFirstMoment.size()) +
                              " values per moment, but the model has " + std::to_string(weights) +
                              " weights");
        try { // the generator states: set_state checks them
            at::Generator probe = makeGenerator(0);
            restoreGenerator(probe, start.shuffleGenerator);
            restoreGenerator(probe, start.noiseGenerator);
        } catch (const c10::Error& e) {
            throw ConfigError(std::string("the saved random generator state is not valid: ") +
                              e.what_without_backtrace());
        }
        const TrainingConfig live = [&] {
            TrainingConfig c = config;
            c.beta = start.beta;
            c.learningRate = start.learningRate;
            c.klSchedule = start.klSchedule;
            c.klWarmupEpochs = start.klWarmupEpochs;
            return c;
        }();
        live.validate(); // the live values a file holds are in range
    } else {
        // Weights only: continue after the last full epoch, with a fresh optimizer.
        start.step = from.model->step();
        start.epoch = int(std::count_if(from.history.epochs.begin(), from.history.epochs.end(),
                                        [](const EpochSummary& e) { return e.fraction >= 1; })) +
                      1;
    }
    if (config.epochs < start.epoch)
        throw ConfigError(
            start.stepInEpoch > 0
                ? "the saved run is in epoch " + std::to_string(start.epoch) + " (" +
                      std::to_string(start.stepInEpoch) + " of its " +
                      std::to_string(stepsPerEpoch) + " steps done): ask for at least " +
                      std::to_string(start.epoch) + " epochs"
                : "the saved run has trained " + std::to_string(start.epoch - 1) +
                      " epochs: ask for more than " + std::to_string(start.epoch - 1),
            "epochs");
    m_impl->beta = start.beta;
    m_impl->learningRate = start.learningRate;
    m_impl->klSchedule = start.klSchedule;
    m_impl->klWarmupEpochs = start.klWarmupEpochs;
    m_impl->history = from.history;
    m_impl->inference = detail::snapshot(m_impl->net, config, given, start.step);
    m_impl->publishedStep = start.step;
}

Trainer::~Trainer() { stop(); }

void Trainer::start()
{
    std::lock_guard lifecycle(m_impl->lifecycleMutex);
    {
        // Under `mutex`, so that a pause() or resume() on another thread sees the flag and the
        // state change together.
        std::lock_guard lock(m_impl->mutex);
        if (m_impl->state != TrainerState::Idle) // the thread exists only after Idle
            throw std::logic_error("Trainer::start: already started");
        m_impl->state = m_impl->paused ? TrainerState::Paused : TrainerState::Running;
        m_impl->pending.state = m_impl->state;
    }
    std::lock_guard join(m_impl->joinMutex); // a wait() on another thread reads `thread`
    // The run's own stop source, set before the thread exists (the jthread's own would be
    // assigned after the worker is already running).
    m_impl->stopSource = std::stop_source();
    m_impl->thread = std::jthread(
        [impl = m_impl.get(), stop = m_impl->stopSource.get_token()] { impl->run(stop); });
}

void Trainer::pause()
{
    {
        std::lock_guard lock(m_impl->mutex);
        m_impl->paused = true;
        // A compare-exchange, not a store: the worker may have just set Finished, Stopped or
        // Failed (without the mutex), which must stand.
        TrainerState expected = TrainerState::Running;
        if (!m_impl->state.compare_exchange_strong(expected, TrainerState::Paused))
            return;
        m_impl->pending.state = TrainerState::Paused;
    }
    m_impl->published.notify_all();
}

bool Trainer::isParked() const { return m_impl->parked; }

void Trainer::resume()
{
    bool changed = false;
    {
        std::lock_guard lock(m_impl->mutex);
        m_impl->paused = false;
        TrainerState expected = TrainerState::Paused;
        changed = m_impl->state.compare_exchange_strong(expected, TrainerState::Running);
        if (changed)
            m_impl->pending.state = TrainerState::Running;
    }
    m_impl->resumed.notify_all();
    if (changed)
        m_impl->published.notify_all();
}

void Trainer::stop()
{
    std::stop_source stopSource{std::nostopstate};
    {
        std::lock_guard lifecycle(m_impl->lifecycleMutex);
        stopSource = m_impl->stopSource;
    }
    // Requested outside joinMutex: a wait() on another thread may hold it until the run ends.
    if (stopSource.stop_possible()) {
        stopSource.request_stop();
        m_impl->resumed.notify_all();
    }
    wait();
}

void Trainer::wait()
{
    // One join however many threads call stop() or wait(): the others block here until it is done.
    std::lock_guard join(m_impl->joinMutex);
    if (m_impl->thread.joinable())
        m_impl->thread.join();
}

void Trainer::setBeta(double beta)
{
    TrainingConfig probe = m_impl->config;
    probe.beta = beta;
    probe.validate();
    m_impl->beta = beta;
}

void Trainer::setLearningRate(double learningRate)
{
    TrainingConfig probe = m_impl->config;
    probe.learningRate = learningRate;
    probe.validate();
    m_impl->learningRate = learningRate;
}

void Trainer::setKlSchedule(const std::string& schedule, double warmupEpochs)
{
    TrainingConfig probe = m_impl->config;
    probe.klSchedule = schedule;
    probe.klWarmupEpochs = warmupEpochs;
    probe.validate();
    std::lock_guard lock(m_impl->mutex);
    m_impl->klSchedule = schedule;
    m_impl->klWarmupEpochs = warmupEpochs;
}

void TrainerTestAccess::observeBatches(Trainer& trainer, BatchObserver observer)
{
    trainer.m_impl->batchObserver = std::move(observer);
}

void TrainerTestAccess::injectGradientValue(Trainer& trainer, std::int64_t step, float value)
{
    trainer.m_impl->faultStep = step;
    trainer.m_impl->faultValue = value;
}

void TrainerTestAccess::requestStop(Trainer& trainer)
{
    trainer.m_impl->stopSource.request_stop();
}

std::vector<float> TrainerTestAccess::weights(Trainer& trainer)
{
    torch::NoGradGuard noGrad;
    std::vector<float> out;
    for (const torch::Tensor& p : trainer.m_impl->net->parameters()) {
        const torch::Tensor c = p.detach().contiguous();
        out.insert(out.end(), c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    }
    return out;
}

void Trainer::setLatentIncludesTrain(bool include) { m_impl->latentIncludesTrain = include; }
void Trainer::setLatentSnapshots(bool publish) { m_impl->latentSnapshots = publish; }
void Trainer::setBackgroundPriority(bool background) { m_impl->backgroundPriority = background; }

TrainerState Trainer::state() const { return m_impl->state; }
const TrainingConfig& Trainer::config() const { return m_impl->config; }

TrainerUpdate Trainer::takeUpdate()
{
    std::lock_guard lock(m_impl->mutex);
    TrainerUpdate out = std::move(m_impl->pending);
    m_impl->pending = TrainerUpdate{};
    out.state = m_impl->state;
    return out;
}

TrainerUpdate Trainer::waitUpdate(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_impl->mutex);
    m_impl->published.wait_for(lock, timeout, [this] { return !m_impl->pending.empty(); });
    TrainerUpdate out = std::move(m_impl->pending);
    m_impl->pending = TrainerUpdate{};
    out.state = m_impl->state;
    return out;
}

std::optional<TrainingState> Trainer::trainingState() const
{
    std::lock_guard lock(m_impl->mutex);
    return m_impl->trainingState;
}

std::shared_ptr<const InferenceModel> Trainer::inference() const
{
    std::lock_guard lock(m_impl->mutex);
    return m_impl->inference;
}

TrainingHistory Trainer::history() const
{
    std::lock_guard lock(m_impl->mutex);
    return m_impl->history;
}

void Trainer::Impl::publishLatent(const torch::Tensor& testImages, const torch::Tensor& trainImages,
                                  std::int64_t step, double epoch, bool epochEnd,
                                  std::stop_token stop)
{
    auto snap = std::make_shared<LatentSnapshot>();
    snap->step = step;
    snap->epoch = epoch;
    snap->posterior = encodePosterior(net, testImages, stop);
    if (stop.stop_requested())
        return; // incomplete; the run ends at the next batch
    snap->labels = data->test.labels;
    if (!testFactors && !data->test.factors.empty())
        testFactors = std::make_shared<const std::vector<std::uint8_t>>(data->test.factors);
    snap->factors = testFactors;
    if (latentIncludesTrain && trainImages.defined()) { // not for a generated training set
        const auto now = Clock::now();
        if (!trainPosterior || epochEnd || now - trainPosteriorTime >= kTrainLatentPeriod) {
            Posterior train = encodePosterior(net, trainImages, stop);
            if (stop.stop_requested())
                return;
            trainPosterior = std::make_shared<const Posterior>(std::move(train));
            if (!trainLabels)
                trainLabels = std::make_shared<const std::vector<std::uint8_t>>(
                    data->train.labels.begin(), data->train.labels.begin() + trainImages.size(0));
            trainPosteriorStep = step;
            trainPosteriorTime = now;
        }
        snap->trainPosterior = trainPosterior;
        snap->trainLabels = trainLabels;
        snap->trainStep = trainPosteriorStep;
    }
    publish([&] { pending.latent = std::move(snap); });
}

void Trainer::Impl::failOnNumericFault(std::string message, std::int64_t lastGoodStep,
                                       int stepsPerEpoch, const torch::Tensor& testImages,
                                       const torch::Tensor& trainImages)
{
    // The weights are those after the last good step (the faulty one was refused): publish them
    // and their latent snapshot, so that the GUI's plot, decoding and Save use them — unless,
    // never seen, they are not finite either; then the last published snapshot (finite: every
    // step before it was checked) stays.
    if (parametersFinite(net)) {
        publishInference(lastGoodStep);
        if (latentSnapshots)
            publishLatent(testImages, trainImages, lastGoodStep,
                          double(lastGoodStep) / double(stepsPerEpoch), false, {});
    } else {
        message += " (The weights after that step are not finite either: the model kept is the "
                   "one published at step " +
                   std::to_string(publishedStep) + ".)";
    }
    finish(TrainerState::Failed, std::move(message));
}

void Trainer::Impl::run(std::stop_token stop)
{
    try {
#if defined(__linux__)
        // The policy is per thread on Linux and inherited by threads created later: the OpenMP
        // team this thread starts below gets it too. SCHED_IDLE, because under EEVDF (Linux 6.6+)
        // a lower nice only shrinks a thread's share: a woken GUI thread still waited out the
        // running training thread's slice (click-to-decode p99 6.3 ms with nice +5), whereas a
        // waking normal thread always preempts an idle-policy one. Refused → nice +5; failure of
        // both only costs GUI latency.
        if (backgroundPriority) {
            const sched_param idle{};
            if (sched_setscheduler(0, SCHED_IDLE, &idle) != 0)
                (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kBackgroundNice);
        }
#endif
        at::set_num_threads(config.effectiveThreads());
        flushDenormals();
        const ImageSet& trainSet = data->train;
        const int trainCount =
            config.trainSubset > 0 ? std::min(config.trainSubset, trainSet.count) : trainSet.count;
        // A generated training set (shapes) is made batch by batch (gatherBatch) instead.
        const bool generated = trainSet.isGenerated();
        const torch::Tensor greyTrainImages =
            generated ? torch::Tensor() : imagesTensor(trainSet.pixels, trainCount, config.inputSize);
        // Dynamic binarization: the steps read a fresh Bernoulli sample of the grey images,
        // drawn at the start of every epoch (resampleBinary).
        const bool dynamicBinarization = data->description.dynamicBinarization;
        const torch::Tensor trainImages = dynamicBinarization
                                              ? torch::empty({trainCount, config.inputSize})
                                              : greyTrainImages;
        if (dynamicBinarization) // the sample of the first epoch run here
            resampleBinary(greyTrainImages, trainImages, config.seed, start.epoch - 1);
        const torch::Tensor testImages =
            imagesTensor(data->test.pixels, data->test.count, data->test.pixelsPerImage());

        const int stepsPerEpoch = (trainCount + config.batchSize - 1) / config.batchSize;
        const std::int64_t totalSteps = std::int64_t(stepsPerEpoch) * config.epochs;
        // Separate generators: the shuffle must not depend on whether ε is drawn (see the class).
        at::Generator shuffleGenerator = makeGenerator(config.seed);
        at::Generator noiseGenerator = makeGenerator(config.seed + kNoiseSeedOffset);
        const bool autoencoder = config.isAutoencoder();
        const bool gaussian = config.likelihood == Likelihood::Gaussian;
        // The Gaussian σ's moving average, and its weight.
        double mseAverage = start.gaussianMseAverage, mseWeight = start.gaussianMseWeight;
        // The MLP's hand-written step, or autograd's for conv (makeTrainingStep).
        const std::unique_ptr<TrainingStep> trainingStep =
            makeTrainingStep(net, config.batchSize, at::get_num_threads());
        if (restoreOptimizer) { // a continued run (the constructor checked the state)
            trainingStep->setAdamState(start.adamSteps, start.adamFirstMoment, start.adamSecondMoment);
            restoreGenerator(shuffleGenerator, start.shuffleGenerator);
            restoreGenerator(noiseGenerator, start.noiseGenerator);
        }
        // Per-step inputs, allocated once: the batch and its noise ε (≡ 0 for the autoencoder:
        // z = μ, and with β = 0 the step's log σ² head then gets no gradient).
        const torch::Tensor batchImages = torch::empty({config.batchSize, config.inputSize});
        const torch::Tensor batchNoise = torch::zeros({config.batchSize, config.latentDim});
        double appliedLearningRate = learningRate.load();
        // What the previous step used, to record live changes (SettingChange) when they apply.
        TrainingConfig schedule = config; // klSchedule and klWarmupEpochs follow the live values
        schedule.klSchedule = start.klSchedule;
        schedule.klWarmupEpochs = start.klWarmupEpochs;
        double usedBeta = start.beta;
        double usedRate = start.learningRate;
        std::string usedSchedule = scheduleText(start.klSchedule, start.klWarmupEpochs);

        std::int64_t step = start.step;
        // Training time, pauses and evaluation excluded.
        Clock::duration trained = std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(start.trainedSeconds));
        auto lastInference = Clock::now();
        auto lastLatent = Clock::now();
        Clock::duration latentCost{}; // what the last latent snapshot took
        auto lastProgress = Clock::time_point{};
        // Throughput over a sliding window of about a second.
        auto windowStart = Clock::now();
        std::int64_t windowSamples = 0;
        double rate = 0;

        // The epoch in progress: its shuffle generator state before its permutation was drawn,
        // and its sums so far (EpochSummary::train).
        torch::Tensor epochShuffleState;
        double sumReconstruction = 0, sumKl = 0;
        std::int64_t epochSamples = 0;
        Clock::duration epochTime{};
        // Trainer::trainingState() after `step`, at step `stepInEpoch` of `epoch`.
        auto captureState = [&](int epoch, int stepInEpoch, bool epochBoundary) {
            TrainingState t;
            t.step = step;
            t.epoch = epoch;
            t.stepInEpoch = stepInEpoch;
            t.trainedSeconds = seconds(trained);
            t.adamSteps = trainingStep->adamSteps();
            t.adamFirstMoment = tensorValues(trainingStep->adamFirstMoment());
            t.adamSecondMoment = tensorValues(trainingStep->adamSecondMoment());
            // At an epoch boundary the next epoch's permutation is still to be drawn.
            t.shuffleGenerator = epochBoundary ? generatorBytes(shuffleGenerator)
                                               : std::vector<std::uint8_t>(
                                                     epochShuffleState.data_ptr<std::uint8_t>(),
                                                     epochShuffleState.data_ptr<std::uint8_t>() +
                                                         epochShuffleState.numel());
            t.noiseGenerator = generatorBytes(noiseGenerator);
            t.gaussianMseAverage = mseAverage;
            t.gaussianMseWeight = mseWeight;
            t.beta = usedBeta;
            t.learningRate = usedRate;
            t.klSchedule = schedule.klSchedule;
            t.klWarmupEpochs = schedule.klWarmupEpochs;
            if (!epochBoundary) {
                t.epochReconstructionSum = sumReconstruction;
                t.epochKlSum = sumKl;
                t.epochSamples = epochSamples;
                t.epochSeconds = seconds(epochTime);
            }
            std::lock_guard lock(mutex);
            trainingState = std::move(t);
        };

        if (latentSnapshots)
            publishLatent(testImages, trainImages, step, double(step) / double(stepsPerEpoch),
                          false, stop);
        net->train();
        bool budgetSpent = false;
        int epoch = start.epoch;
        for (; epoch <= config.epochs && !budgetSpent; ++epoch) {
            const bool continued = epoch == start.epoch; // the epoch a saved run stopped in
            epochShuffleState = shuffleGenerator.get_state();
            const torch::Tensor order = torch::randperm(trainCount, shuffleGenerator, torch::kLong);
            if (dynamicBinarization && epoch > start.epoch)
                resampleBinary(greyTrainImages, trainImages, config.seed, epoch - 1);
            sumReconstruction = continued ? start.epochReconstructionSum : 0;
            sumKl = continued ? start.epochKlSum : 0;
            epochSamples = continued ? start.epochSamples : 0;
            epochTime = continued ? std::chrono::duration_cast<Clock::duration>(
                                        std::chrono::duration<double>(start.epochSeconds))
                                  : Clock::duration{};
            for (int s = continued ? start.stepInEpoch : 0; s < stepsPerEpoch; ++s) {
                if (paused) {
                    if (publishedStep != step)
                        publishInference(step); // a Save while paused gets these weights
                    captureState(epoch, s, false);
                    std::unique_lock lock(mutex);
                    parked = true;
                    resumed.wait(lock, stop, [this] { return !paused.load(); });
                    parked = false;
                    if (!paused)
                        trainingState.reset();
                    windowStart = Clock::now();
                    windowSamples = 0;
                }
                if (stop.stop_requested()) {
                    publishInference(step);
                    captureState(epoch, s, false);
                    finish(TrainerState::Stopped);
                    return;
                }
                if (config.timeBudgetSeconds > 0 && seconds(trained) >= config.timeBudgetSeconds) {
                    budgetSpent = true;
                    // A continued run (with a larger budget) takes this epoch up at step s. The
                    // summary published below covers the steps so far; the rest of the epoch
                    // gets a summary of its own, with its own fraction.
                    captureState(epoch, s, false);
                    std::lock_guard lock(mutex);
                    trainingState->epochReconstructionSum = 0;
                    trainingState->epochKlSum = 0;
                    trainingState->epochSamples = 0;
                    trainingState->epochSeconds = 0;
                    break;
                }
                const auto t0 = Clock::now(); // the step and any snapshots it publishes count
                const std::int64_t begin = std::int64_t(s) * config.batchSize;
                const std::int64_t end = std::min<std::int64_t>(begin + config.batchSize, trainCount);
                const torch::Tensor x = batchImages.narrow(0, 0, end - begin);
                const torch::Tensor eps = batchNoise.narrow(0, 0, end - begin);
                if (!autoencoder)
                    eps.normal_(0.0, 1.0, noiseGenerator);
                const torch::Tensor indices = order.slice(0, begin, end);
                if (batchObserver)
                    batchObserver(step + 1,
                                  std::vector<std::int64_t>(indices.data_ptr<std::int64_t>(),
                                                            indices.data_ptr<std::int64_t>() +
                                                                indices.numel()));

                // The live settings this step uses, and the changes since the previous step.
                const double epochStart = double(step) / double(stepsPerEpoch);
                const double baseBeta = beta.load();
                const double baseRate = learningRate.load();
                const std::string previousSchedule = schedule.klSchedule; // short: no allocation
                const double previousWarmup = schedule.klWarmupEpochs;
                {
                    std::lock_guard lock(mutex);
                    schedule.klSchedule = klSchedule;
                    schedule.klWarmupEpochs = klWarmupEpochs;
                }
                std::vector<SettingChange> changes;
                auto noteChange = [&](const char* setting, std::string from, std::string to) {
                    changes.push_back(
                        {step + 1, epochStart, setting, std::move(from), std::move(to)});
                };
                if (baseBeta != usedBeta)
                    noteChange("beta", numberText(usedBeta), numberText(baseBeta));
                if (baseRate != usedRate)
                    noteChange("learning_rate", numberText(usedRate), numberText(baseRate));
                if (schedule.klSchedule != previousSchedule ||
                    schedule.klWarmupEpochs != previousWarmup) {
                    // N alone changing under "constant" is no change of β_eff: not recorded.
                    std::string text = scheduleText(schedule.klSchedule, schedule.klWarmupEpochs);
                    if (text != usedSchedule) {
                        noteChange("kl_schedule", usedSchedule, text);
                        usedSchedule = std::move(text);
                    }
                }
                usedBeta = baseBeta;
                usedRate = baseRate;

                const double planned = double(step) / double(totalSteps);
                const double timeUsed = config.timeBudgetSeconds > 0
                                            ? seconds(trained) / config.timeBudgetSeconds
                                            : 0.0;
                appliedLearningRate =
                    config.learningRateAt(std::max(planned, timeUsed), step, baseRate);
                const double stepBeta = schedule.klWeightAt(epochStart, baseBeta);
                StepValues values;
                if (generated) {
                    gatherBatch(trainSet, indices, x);
                    values = trainingStep->computeGradients(x, eps, stepBeta);
                } else {
                    values = trainingStep->computeGradients(trainImages, indices, x, eps, stepBeta);
                }
                const double rec = values.reconstruction;
                // The autoencoder's objective has no KL term: it reports 0 (LossTerms).
                const double klValue = autoencoder ? 0.0 : values.kl;
                float gradientMax = values.gradientMaxAbs;
                if (faultStep == step + 1) { // tests only
                    trainingStep->flatGradients().data_ptr<float>()[0] = faultValue;
                    gradientMax = trainingStep->gradientMaxAbs();
                }
                // Numerical faults: the step is refused before Adam touches the weights, which so
                // stay those after the previous step. The gradient check is a read of each shard's
                // gradient inside its task (StepValues::gradientMaxAbs; docs/reliability.md,
                // "Numerical faults", has its cost).
                const double stepEpoch = double(epoch - 1) + double(s + 1) / double(stepsPerEpoch);
                if (!std::isfinite(rec) || !std::isfinite(klValue)) {
                    captureState(epoch, s, false);
                    failOnNumericFault(
                        numericFaultMessage(std::string("the loss became ") +
                                                (std::isnan(rec + klValue) ? "NaN" : "infinite"),
                                            "", step + 1, stepEpoch, baseRate, appliedLearningRate),
                        step, stepsPerEpoch, testImages, trainImages);
                    return;
                }
                if (!(gradientMax <= kMaxGradient)) {
                    captureState(epoch, s, false);
                    failOnNumericFault(
                        numericFaultMessage("a gradient became " + gradientFaultKind(gradientMax),
                                            " while the loss (" + shortNumber(rec + klValue) +
                                                " nats) was finite",
                                            step + 1, stepEpoch, baseRate, appliedLearningRate),
                        step, stepsPerEpoch, testImages, trainImages);
                    return;
                }
                trainingStep->adamStep(appliedLearningRate);
                ++step;
                if (gaussian) {
                    // The σ snapshots and evaluations use: a bias-corrected moving average of
                    // the batch MSE (vae/likelihood_kind.h, kGaussianSigmaEmaDecay, says why).
                    mseAverage = kGaussianSigmaEmaDecay * mseAverage +
                                 (1.0 - kGaussianSigmaEmaDecay) * values.meanSquaredError;
                    mseWeight = kGaussianSigmaEmaDecay * mseWeight + (1.0 - kGaussianSigmaEmaDecay);
                    net->setGaussianSigma(
                        std::max(std::sqrt(mseAverage / mseWeight), kGaussianSigmaMin));
                }
                const auto t1 = Clock::now();

                const std::int64_t n = end - begin;
                epochSamples += n;
                sumReconstruction += rec * double(n);
                sumKl += klValue * double(n);
                windowSamples += n;
                if (const double w = seconds(t1 - windowStart); w >= 1.0 || rate == 0) {
                    if (w > 0)
                        rate = double(windowSamples) / w;
                    if (w >= 1.0) {
                        windowStart = t1;
                        windowSamples = 0;
                    }
                }

                StepRecord record;
                record.step = step;
                record.epoch = stepEpoch;
                record.loss = {rec, klValue, -(rec + klValue)};
                record.beta = stepBeta;
                record.learningRate = appliedLearningRate;
                const bool progressDue = t1 - lastProgress >= kProgressPeriod;
                if (progressDue)
                    lastProgress = t1;
                publish([&] {
                    pending.changes.insert(pending.changes.end(), changes.begin(), changes.end());
                    history.changes.insert(history.changes.end(), changes.begin(), changes.end());
                    pending.steps.push_back(record);
                    history.steps.push_back(record);
                    progress.epoch = epoch;
                    progress.epochs = config.epochs;
                    progress.stepInEpoch = s + 1;
                    progress.stepsPerEpoch = stepsPerEpoch;
                    progress.globalStep = step;
                    progress.totalSteps = totalSteps;
                    progress.elapsedSeconds = seconds(trained);
                    progress.samplesPerSecond = rate;
                    progress.etaSeconds =
                        rate > 0 ? double(totalSteps - step) * config.batchSize / rate : 0.0;
                    if (config.timeBudgetSeconds > 0)
                        progress.etaSeconds = std::min(
                            progress.etaSeconds,
                            std::max(0.0, config.timeBudgetSeconds - seconds(trained)));
                    if (progressDue)
                        pending.progress = progress;
                });
                if (t1 - lastInference >= kInferencePeriod) {
                    publishInference(step);
                    lastInference = Clock::now();
                }
                if (latentSnapshots &&
                    t1 - lastLatent >= std::max<Clock::duration>(kLatentPeriod,
                                                                   kLatentCostRatio * latentCost)) {
                    const auto s0 = Clock::now();
                    publishLatent(testImages, trainImages, step, record.epoch, false, stop);
                    lastLatent = Clock::now();
                    latentCost = lastLatent - s0;
                }
                const auto t2 = Clock::now();
                trained += t2 - t0;
                epochTime += t2 - t0;
            }

            if (epochSamples == 0)
                break; // the time budget ran out exactly at an epoch boundary
            EpochSummary summary;
            summary.epoch = epoch;
            summary.fraction = double(epochSamples) / double(trainCount);
            summary.train.reconstruction = sumReconstruction / double(epochSamples);
            summary.train.kl = sumKl / double(epochSamples);
            summary.train.elbo = -(summary.train.reconstruction + summary.train.kl);
            summary.seconds = seconds(epochTime);
            summary.samplesPerSecond = summary.seconds > 0 ? double(epochSamples) / summary.seconds : 0;
            net->eval();
            const std::optional<LossTerms> test =
                evaluateLoss(net, testImages, config.seed + kEvalSeedOffset, stop);
            net->train();
            if (!test) {
                // Stopped during the evaluation (within one of its batches): the epoch's steps
                // are done, its summary is not. The state says so (step stepsPerEpoch of this
                // epoch), and a continued run evaluates the epoch first.
                publishInference(step);
                captureState(epoch, stepsPerEpoch, false);
                finish(TrainerState::Stopped);
                return;
            }
            summary.test = *test;
            publishInference(step);
            lastInference = Clock::now();
            if (latentSnapshots)
                publishLatent(testImages, trainImages, step, double(epoch), true, stop);
            lastLatent = Clock::now();
            publish([&] {
                pending.epochs.push_back(summary);
                history.epochs.push_back(summary);
            });
        }
        if (!budgetSpent) // else captured where the budget ran out
            captureState(epoch, 0, true);
        finish(TrainerState::Finished);
    } catch (const c10::Error& e) {
        // LibTorch's what() appends a C++ backtrace: users get the message alone.
        finish(TrainerState::Failed, std::string(e.what_without_backtrace()));
    } catch (const std::exception& e) {
        finish(TrainerState::Failed, std::string(e.what()));
    }
}

} // namespace vae
