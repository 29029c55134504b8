#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vae {

/// Everything training needs besides the weights to carry on exactly where it stopped: the
/// optimizer's state, the position in the schedules and in the data order, and the random
/// generators. Trainer::trainingState() captures it when training pauses or ends, saveCheckpoint
/// stores it, and a Trainer built from a Checkpoint that has it continues the run so that, with
/// one thread, the weights after the resumed run are bit-identical to those of an uninterrupted
/// run with the same seed (docs/user-guide.md, "Continue training").
struct TrainingState {
    /// Optimizer steps taken: the weights saved with this state are those after step `step`.
    std::int64_t step = 0;
    /// The epoch in progress, from 1: the next epoch's number when the state lies on an epoch
    /// boundary (stepInEpoch = 0).
    int epoch = 1;
    /// Steps of `epoch` already taken (0 ≤ stepInEpoch ≤ steps per epoch; equal when the run
    /// stopped during the epoch's test evaluation, which a continued run then makes first).
    int stepInEpoch = 0;
    /// Training time spent, in seconds (the time budget's clock: pauses and test evaluations
    /// excluded).
    double trainedSeconds = 0;

    /// Adam (Kingma & Ba 2015, Algorithm 1): t, and the first and second moment estimates m and v,
    /// one value per weight in the model's parameter order (the order of the checkpoint's
    /// tensors in expectedTensors(); [P] with P the weight count). Empty vectors and t = 0 mean a
    /// fresh optimizer.
    std::int64_t adamSteps = 0;
    std::vector<float> adamFirstMoment;
    std::vector<float> adamSecondMoment;

    /// State of the generator that shuffles the training set, as it was at the start of `epoch`
    /// (before that epoch's permutation was drawn); ATen's CPU generator state bytes.
    std::vector<std::uint8_t> shuffleGenerator;
    /// State of the generator that draws ε, after step `step`.
    std::vector<std::uint8_t> noiseGenerator;

    /// Gaussian likelihood: the moving average of the batch MSE that sets the decoder's σ, and its
    /// weight (for the bias correction; vae/likelihood_kind.h, kGaussianSigmaEmaDecay). 0
    /// otherwise.
    double gaussianMseAverage = 0;
    double gaussianMseWeight = 0;

    /// The live settings at the time of the state (Trainer::setBeta, setLearningRate,
    /// setKlSchedule): a resumed run keeps them.
    double beta = 1;
    double learningRate = 0.002;
    std::string klSchedule = "constant";
    double klWarmupEpochs = 10;

    /// The epoch in progress so far, for its EpochSummary: sums over its steps of batch size ×
    /// the step's reconstruction and KL (nats), the images seen, and its seconds.
    double epochReconstructionSum = 0;
    double epochKlSum = 0;
    std::int64_t epochSamples = 0;
    double epochSeconds = 0;

    /// Everything but the Adam moments, as a JSON object (the generator states in hex).
    [[nodiscard]] std::string toJson() const;
    /// Parses toJson()'s format. Throws CheckpointError on invalid JSON, a missing key, a value of
    /// the wrong type or out of range (negative counts, epoch < 1, non-finite numbers, a
    /// generator state that is not hex or longer than 64 KiB).
    [[nodiscard]] static TrainingState fromJson(std::string_view json);
};

} // namespace vae
