#pragma once

#include "vae/checkpoint.h"
#include "vae/config.h"
#include "vae/dataset.h"
#include "vae/inference.h"
#include "vae/training_state.h"
#include "vae/types.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vae {

enum class TrainerState {
    Idle,     ///< constructed, not started
    Running,
    Paused,
    Finished, ///< all epochs done
    Stopped,  ///< stop() before the last epoch ended
    Failed,   ///< an error ended training (see TrainerUpdate::error)
};

/// Where training stands.
struct Progress {
    int epoch = 0;              ///< current epoch, from 1
    int epochs = 0;             ///< epochs planned
    int stepInEpoch = 0;        ///< steps done in the current epoch
    int stepsPerEpoch = 0;
    std::int64_t globalStep = 0;
    std::int64_t totalSteps = 0;
    double elapsedSeconds = 0;  ///< training time, pauses excluded
    double etaSeconds = 0;      ///< estimated seconds to the end, from the recent rate
    double samplesPerSecond = 0; ///< training images per second over the last ~second
};

/// What the trainer published since the previous take. Values only: no tensor crosses threads.
struct TrainerUpdate {
    std::vector<StepRecord> steps;     ///< every step since the last take, in order
    std::vector<EpochSummary> epochs;  ///< epochs finished since the last take
    std::vector<SettingChange> changes; ///< live changes that took effect since the last take
    std::shared_ptr<const LatentSnapshot> latent; ///< newest latent snapshot, if a new one came
    std::optional<Progress> progress;  ///< latest progress, if it changed
    std::optional<std::string> error;  ///< set once when training failed
    TrainerState state = TrainerState::Idle;

    [[nodiscard]] bool empty() const
    {
        return steps.empty() && epochs.empty() && changes.empty() && !latent && !progress && !error;
    }
};

/// Trains a VAE (or a deterministic autoencoder, TrainingConfig::modelKind) on a Dataset in its
/// own thread (std::jthread).
///
/// Each step draws a batch, computes z = μ + σ ⊙ ε with ε ~ N(0, I) (reparameterization, Kingma &
/// Welling 2014, section 2.4), the loss terms (see LossTerms) and takes an Adam step (Kingma & Ba
/// 2015) on reconstruction + β_eff·KL, β_eff from TrainingConfig::klWeightAt. The autoencoder uses
/// ε ≡ 0 and β_eff = 0. Pause, resume and stop are flags checked once per batch.
///
/// Batches: the shuffle of each epoch comes from a generator seeded with config.seed that nothing
/// else draws from (ε has its own generator), so two trainers with the same seed and training
/// set see the same batches in the same order whatever their model kind, β or schedule.
/// It publishes: every step's loss terms; an EpochSummary per epoch (train and test);
/// a LatentSnapshot of the test set at least once per second of training and at each epoch end;
/// progress; an inference snapshot of the weights every ~250 ms and at each epoch end.
class Trainer final {
public:
    /// Validates `config` against `data` (throws ConfigError) and builds the model; does not start.
    /// A Bernoulli or continuous-Bernoulli likelihood on ValueKind::Real data is refused
    /// (ConfigError, field "likelihood"). `initial`, if given, provides starting weights (and the
    /// Gaussian decoder's σ); its architecture and likelihood must match `config` (ConfigError
    /// otherwise). With the Gaussian likelihood the model's evaluation σ follows a moving average
    /// of the batch MSE (kGaussianSigmaEmaDecay), updated after every step.
    Trainer(TrainingConfig config, std::shared_ptr<const Dataset> data,
            std::shared_ptr<const InferenceModel> initial = nullptr);
    /// Continues the run saved in `from` (loadCheckpoint): its weights, its history (history()
    /// and the step numbers carry on from it) and, when the file has one, its TrainingState —
    /// Adam's moments, the epoch and step within it, the time spent, the data-order and ε
    /// generators and the live β, learning rate and KL schedule — so that with one thread the
    /// weights at the end are bit-identical to those of an uninterrupted run of `config`.
    /// `config` is from.config except for what may change between sessions: epochs (the epoch
    /// to train until, counted from the run's start), threads and timeBudgetSeconds (the whole
    /// run's budget, of which TrainingState::trainedSeconds is spent). Without a TrainingState
    /// (a checkpoint saved before it existed) training continues from the next epoch with a
    /// fresh optimizer and fresh generators; the caller warns the user (not bit-identical).
    /// Throws ConfigError when another setting differs, when `data` is not the data the model
    /// was trained on (name, size, standardisation), when `config.epochs` leaves nothing to
    /// train (field "epochs"), or when the state does not fit the data (its step within the
    /// epoch past the epoch's end, a generator state that is not ATen's).
    Trainer(TrainingConfig config, std::shared_ptr<const Dataset> data, const Checkpoint& from);
    /// Requests stop and joins the thread (returns within one batch).
    ~Trainer();
    Trainer(const Trainer&) = delete;
    Trainer& operator=(const Trainer&) = delete;

    /// Starts the worker thread: state() becomes Running, or Paused when pause() came first (the
    /// worker then publishes its first snapshots and parks before the first step). Throws
    /// std::logic_error if already started. Not to be called concurrently with itself.
    void start();
    /// Holds training before the next batch; the step count stays still until resume().
    /// Running → Paused; before start(), the run will start paused; after the end, no effect.
    /// pause() and resume() may be called from any threads at once: each takes the trainer's
    /// mutex, so the flag the worker reads and state() always agree (the last call wins).
    void pause();
    /// Paused → Running (also cancels a pause() made before start()); otherwise no effect.
    void resume();
    /// True while a paused worker waits for resume(): the batch that was in flight when pause()
    /// came is done and its step is in history(). False while running, or paused but not yet
    /// parked (that batch still computing).
    [[nodiscard]] bool isParked() const;
    /// Requests stop and waits for the thread to finish its current batch (within one batch, or
    /// one evaluation batch of 1,000 images during the end-of-epoch test evaluation: the epoch
    /// is then left without its summary, and TrainingState::stepInEpoch equals the epoch's step
    /// count, so a continued run evaluates it first). Before start(), no effect.
    void stop();
    /// Blocks until training has ended (finished, stopped or failed); returns at once before
    /// start(). stop() and wait() may be called from several threads at once: the thread is
    /// joined once, and every caller returns after the join.
    void wait();

    /// Sets the base β (the KL schedule still shapes it); takes effect from the next step, which
    /// records a SettingChange "beta" if the value differs from the one the previous step used.
    /// Throws ConfigError if out of range. Has no effect on an autoencoder's objective (β_eff = 0).
    void setBeta(double beta);
    /// Sets the base (peak) learning rate (the lr schedule still shapes it); takes effect from the
    /// next step, recorded as a SettingChange "learning_rate". Throws ConfigError if out of range.
    void setLearningRate(double learningRate);
    /// Sets the KL schedule (TrainingConfig::klSchedule: "constant", "linear" or "cyclical") and
    /// its N in epochs (TrainingConfig::klWarmupEpochs, > 0); takes effect from the next step,
    /// recorded as a SettingChange "kl_schedule". The schedule is a function of the epoch, so a
    /// switch to "linear 10" at epoch 12 gives β_eff = β at once. Throws ConfigError if invalid.
    void setKlSchedule(const std::string& schedule, double warmupEpochs);
    /// Whether latent snapshots also carry the training images' posterior (LatentSnapshot::
    /// trainPosterior; refreshed every ~5 s of training and at each epoch end). Off by default.
    void setLatentIncludesTrain(bool include);
    /// Whether to publish latent snapshots at all (on by default). Each costs an encode of the
    /// 10,000 test images (≈ 5% of training time at one per second); a headless run that does not
    /// show them turns them off. Call before start().
    void setLatentSnapshots(bool publish);
    /// Whether the training threads (the worker and its OpenMP team) run at background priority
    /// — Linux SCHED_IDLE, or nice +kBackgroundNice where that is refused — so that an
    /// interactive thread, the GUI's, gets a core at once when it wakes. The cost: under SCHED_IDLE
    /// any other busy process on the machine also comes first. Off by default. Call before start().
    void setBackgroundPriority(bool background);
    static constexpr int kBackgroundNice = 5;

    [[nodiscard]] TrainerState state() const;
    [[nodiscard]] const TrainingConfig& config() const;

    /// Moves out everything published since the previous call; never blocks for long.
    [[nodiscard]] TrainerUpdate takeUpdate();
    /// As takeUpdate(), but first waits up to `timeout` for something to be published.
    [[nodiscard]] TrainerUpdate waitUpdate(std::chrono::milliseconds timeout);

    /// Latest published weights (never null: the initial weights are published at construction).
    [[nodiscard]] std::shared_ptr<const InferenceModel> inference() const;
    /// Copy of everything published so far (after the checkpoint's history, for a resumed run).
    [[nodiscard]] TrainingHistory history() const;
    /// What continuing this run later needs (saveCheckpoint's `training`), as it was after the
    /// newest step: captured when the worker parks after pause(), and when training ends
    /// (finished, stopped or failed — after a numerical fault, the state of the last good step).
    /// Its step equals inference()->step() then. nullopt before start() and while running
    /// (between a resume() and the next park).
    [[nodiscard]] std::optional<TrainingState> trainingState() const;

private:
    friend struct TrainerTestAccess; // tests only: observes the batches (tests/core)
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

[[nodiscard]] const char* toString(TrainerState state);

} // namespace vae
