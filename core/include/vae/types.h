#pragma once

#include "vae/step_history.h"
#include "vae/step_record.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace vae {

/// End-of-epoch summary.
struct EpochSummary {
    int epoch = 0;                 ///< from 1
    double fraction = 1;           ///< share of the epoch's steps done (< 1 when a time budget ended it)
    LossTerms train;               ///< mean of the epoch's step losses, weighted by batch size
    LossTerms test;                ///< full test set, one z sample per image, after the epoch
    double samplesPerSecond = 0;   ///< training images per second over the epoch
    double seconds = 0;            ///< wall time of the epoch's steps and snapshots (pauses and the
                                   ///< test-set evaluation excluded)
};

/// A hyperparameter changed while training (Trainer::setBeta, setLearningRate, setKlSchedule).
/// The trainer records it when the first step that uses the new value starts, so several changes
/// between two steps make one record (from the value the previous step used to the new one).
struct SettingChange {
    std::int64_t step = 0; ///< the first global step (from 1) that used the new value
    double epoch = 0; ///< fractional epoch at the start of that step: (step − 1) / steps per epoch
    std::string setting; ///< "beta", "learning_rate" or "kl_schedule"
    /// The values as text: β and the learning rate as numbers in shortest round-trip form
    /// ("1", "0.5", "0.0005", "1e-05"; the base values set, before the KL or lr schedule shapes
    /// them); the KL schedule as "constant", or its kind and N, e.g. "linear 10", "cyclical 4".
    std::string from, to;
    bool operator==(const SettingChange&) const = default;
};

/// Everything a run has published, for plots and checkpoints.
struct TrainingHistory {
    /// Every step: the recent ones at full resolution, older ones as buckets (StepHistory), so
    /// memory stays bounded however long the run.
    StepHistory steps;
    std::vector<EpochSummary> epochs;
    std::vector<SettingChange> changes; ///< live changes, in step order
};

/// Range of the encoder's log σ² (Posterior::sigma, InferenceModel::encode, the training step):
/// the encoder's raw output r passes through a soft clamp b(r) onto (kLogVarianceMin,
/// kLogVarianceMax) — in float the bounds themselves are reached for r ≳ 34 and r ≲ −44 — before
/// σ = exp(½ b(r)) is taken, so that exp(log σ²) cannot overflow (σ² ≤ e²⁰ ≈ 4.9e8,
/// σ ≤ e¹⁰ ≈ 2.2e4) and −log σ² in the KL term stays ≤ 30 nats per dimension.
///   u = hi − softplus(hi − r),  b = lo + softplus(u − lo)   (lo = −30, hi = 20)
/// |b(r) − r| < e^(r − 20) + e^(−30 − r): below float rounding for −14 < r < 5 and below 1e-4
/// for −20 < r < 10, which covers what a trained encoder emits, so models trained before the
/// bound give the same σ. A soft rather than a hard clamp: the gradient
/// b′(r) = sigmoid(hi − r)·sigmoid(u − lo) is continuous and never exactly 0, so a unit pushed
/// past the bound still feels a (weak) pull back, whereas clamp(r, lo, hi) would give it zero
/// gradient and could leave it stuck there.
inline constexpr double kLogVarianceMin = -30.0;
inline constexpr double kLogVarianceMax = 20.0;

/// Parameters of the approximate posterior q_φ(z|x) = N(μ, diag σ²) for n images.
struct Posterior {
    int count = 0;          ///< n
    int dim = 0;            ///< D
    std::vector<float> mu;    ///< [n, D] row-major
    std::vector<float> sigma; ///< [n, D] row-major, σ = exp(½ log σ²) > 0, log σ² within
                              ///< [kLogVarianceMin, kLogVarianceMax]; all 0 for an autoencoder
};

/// q_φ(z|x) of the test images at one moment of training.
struct LatentSnapshot {
    std::int64_t step = 0; ///< global step the weights come from
    double epoch = 0;      ///< fractional epoch
    Posterior posterior;   ///< μ, σ of the test images, in test-set order
    std::vector<std::uint8_t> labels; ///< [n] class labels (empty when the data has none)
    /// [n, K] row-major: each test image's indices of the data's K known factors
    /// (DataDescription::factorNames, e.g. shapes), alongside `labels`; null for data without
    /// factors. Shared, not copied, between snapshots.
    std::shared_ptr<const std::vector<std::uint8_t>> factors;

    /// μ, σ of the training images (training-set order; the first trainSubset when set). Present
    /// only after Trainer::setLatentIncludesTrain(true). Encoding 60,000 images costs about as much
    /// as 150 training steps, so it is refreshed at most every 5 s of training and at each epoch
    /// end: it can be older than `posterior` (see trainStep). Shared, not copied, between snapshots.
    std::shared_ptr<const Posterior> trainPosterior;
    std::shared_ptr<const std::vector<std::uint8_t>> trainLabels; ///< [n_train] class labels
    std::int64_t trainStep = 0; ///< global step trainPosterior comes from
};

} // namespace vae
