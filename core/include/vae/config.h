#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vae {

/// Every hyperparameter of a training run, in one place. The GUI's settings panel, the CLI's flags
/// and the checkpoint's metadata all read and write this struct.
///
/// The model it describes is the MLP VAE of Kingma & Welling 2014 (appendix C.2) with ReLU hidden
/// layers: encoder 784 → hiddenSizes… → (μ, log σ²) ∈ R^latentDim × R^latentDim, decoder
/// latentDim → reversed(hiddenSizes)… → 784 Bernoulli logits.
///
/// The defaults (hidden sizes from defaultHiddenSizes(), batch 128, Adam 2e-3 with 200 warm-up steps
/// and cosine decay) won a search of 60-second runs on 2 cores for a 2-D and a 20-D latent (README,
/// Performance).
struct TrainingConfig {
    static constexpr int kMaxEpochs = 100000; ///< the largest epochs validate() accepts
    int latentDim = 2;                   ///< dimension D of z
    std::vector<int> hiddenSizes{512, 256, 256}; ///< encoder hidden widths; the decoder mirrors them
    int epochs = 10;                     ///< passes over the training set
    int batchSize = 128;                 ///< images per optimizer step
    double learningRate = 2e-3;          ///< Adam step size (peak, see lrSchedule); may change while training
    double beta = 1.0;                   ///< weight of the KL term (β-VAE, Higgins et al. 2017); may change live
    std::uint64_t seed = 1;              ///< seeds weight init, shuffling and ε
    int threads = 0;                     ///< intra-op CPU threads; 0 = all cores (LibTorch's default here is 1)
    int trainSubset = 0;                 ///< use only the first N training images; 0 = all
    /// Stop after this many seconds of training (pauses excluded), then evaluate; 0 = no limit.
    double timeBudgetSeconds = 0;
    /// Learning-rate schedule: "constant", or "cosine": after a linear warm-up over warmupSteps,
    /// lr(p) = ½·lr·(1 + cos πp) where p ∈ [0, 1] is the fraction of training done — of the steps
    /// planned, or of the time budget when one is set, whichever is further (Loshchilov & Hutter
    /// 2017, SGDR, eq. 5 with one cycle and η_min = 0).
    std::string lrSchedule = "cosine";
    int warmupSteps = 200;               ///< linear learning-rate warm-up from lr/warmupSteps

    /// Throws ConfigError naming the first out-of-range field and its allowed range.
    /// @param trainSize number of training images available, or -1 if unknown: batchSize and
    ///        trainSubset are then also checked against it.
    void validate(long long trainSize = -1) const;

    /// The learning rate for a step: `baseRate` (learningRate, or the live value) shaped by
    /// lrSchedule and warmupSteps. `progress` ∈ [0, 1] is the fraction of training done, `step`
    /// counts from 0.
    [[nodiscard]] double learningRateAt(double progress, std::int64_t step, double baseRate) const;

    /// The default hidden widths for a latent dimension: {512, 256, 256} for latentDim ≤ 2, else
    /// {512, 256}. Measured in 60 s runs (README, Performance): in 2-D the third layer lowers the
    /// test −ELBO by ~2 nats (a 2-D code needs a deeper decoder to unfold it into images); in 20-D
    /// it leaves a third of the latent units inactive (KL 13 instead of 20 nats) and costs ~12 nats.
    [[nodiscard]] static std::vector<int> defaultHiddenSizes(int latentDim);

    /// `threads`, or the number of hardware threads when it is 0.
    [[nodiscard]] int effectiveThreads() const;

    /// A JSON object with one key per field (snake_case), e.g. {"latent_dim": 2, ...}.
    [[nodiscard]] std::string toJson() const;

    /// Parses toJson()'s format; missing keys keep their defaults. Throws ConfigError on malformed
    /// JSON or wrongly typed values (it does not call validate()).
    [[nodiscard]] static TrainingConfig fromJson(std::string_view json);

    bool operator==(const TrainingConfig&) const = default;
};

/// Parses "512,256" into {512, 256}. Throws ConfigError on an empty list, a non-number or a value ≤ 0.
[[nodiscard]] std::vector<int> parseHiddenSizes(std::string_view text);

/// Formats {512, 256} as "512,256".
[[nodiscard]] std::string formatHiddenSizes(const std::vector<int>& sizes);

} // namespace vae
