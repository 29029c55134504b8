#pragma once

#include "vae/data_description.h"
#include "vae/likelihood_kind.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vae {

/// Every hyperparameter of a training run, in one place. The GUI's settings panel, the CLI's flags
/// and the checkpoint's metadata all read and write this struct.
///
/// The model it describes (`architecture`):
/// - "mlp": the MLP VAE of Kingma & Welling 2014 (appendix C.2) with ReLU hidden layers: encoder
///   inputSize → hiddenSizes… → (μ, log σ²) ∈ R^latentDim × R^latentDim, decoder latentDim →
///   reversed(hiddenSizes)… → inputSize outputs (inputSize = 784 for MNIST).
/// - "conv": a convolutional encoder and its mirror, as in Higgins et al. 2017 and Burgess et al.
///   2018 (appendix A.1): per entry c of convChannels a 4×4 convolution with stride 2 and padding
///   1 (each side of the image halves, rounding down) and ReLU, then the dense hidden layers
///   hiddenSizes (ReLU) and a linear layer to (μ, log σ²). The decoder maps z through the reversed
///   dense layers and a linear layer (ReLU) to the last convolution's output shape, then 4×4
///   transposed convolutions with stride 2 (output padding restores odd sides) back to
///   imageHeight × imageWidth × imageChannels; ReLU after all but the last.
/// The decoder's outputs are the parameters of p_θ(x|z) that `likelihood` names (Bernoulli logits
/// by default).
///
/// The defaults (hidden sizes from defaultHiddenSizes(), batch 128, Adam 2e-3 with 200 warm-up steps
/// and cosine decay) won a search of 60-second runs on 2 cores for a 2-D and a 20-D latent
/// (docs/performance.md).
struct TrainingConfig {
    static constexpr int kMaxEpochs = 100000; ///< the largest epochs validate() accepts
    // The other bounds validate() enforces, for front ends that state them (vae-cli's messages).
    static constexpr int kMaxLatentDim = 512;       ///< largest latentDim
    static constexpr int kMaxHiddenWidth = 16384;   ///< largest hidden width
    static constexpr int kMaxHiddenLayers = 8;      ///< most hidden layers
    static constexpr int kMaxThreads = 1024;        ///< largest threads
    static constexpr int kMaxBatchSize = 1000000;   ///< largest batchSize (and ≤ the training set)
    static constexpr int kMaxWarmupSteps = 1000000; ///< largest warmupSteps
    static constexpr double kMaxTimeBudgetSeconds = 7 * 24 * 3600.0; ///< a week
    static constexpr int kMaxInputSize = 3 * 256 * 256; ///< largest inputSize: a 256×256 RGB image
    static constexpr int kMaxConvLayers = 8;        ///< most entries in convChannels
    static constexpr int kMaxConvChannels = 1024;   ///< largest entry in convChannels
    /// Values per example the model takes: the data's DataDescription::inputSize() (784 for
    /// MNIST's 28×28 grey images). Set from the data by the front ends; the trainer refuses data of
    /// another size. Fixed for a model.
    int inputSize = 784;
    /// The image shape of an example (DataDescription's height, width, channels; HWC order), set
    /// from the data with inputSize (setDataShape). The conv architecture needs it (its product
    /// must be inputSize); the MLP only carries it. Absent from configs written before
    /// architectures existed: those are MLPs, and keep the defaults (MNIST's 28 × 28 × 1).
    int imageHeight = 28;
    int imageWidth = 28;                 ///< see imageHeight
    int imageChannels = 1;               ///< see imageHeight: 1 grey, 3 RGB, 4 RGBA
    /// "mlp" or "conv" (see the struct's comment); JSON key "architecture", absent = "mlp".
    /// Fixed for a model.
    std::string architecture = "mlp";
    /// The conv encoder's channels per stride-2 layer, first layer first (the decoder mirrors
    /// them); used by "conv" only. Each layer halves the image sides, so the data's smaller side
    /// must be at least 2^(layers) pixels.
    std::vector<int> convChannels{32, 32, 64, 64};
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

    /// What is trained: "vae" (the default) or "autoencoder".
    ///
    /// - "vae": the objective is reconstruction + β·KL with z = μ + σ ⊙ ε, ε ~ N(0, I). With β = 1
    ///   it is the negative ELBO (Kingma & Welling 2014); with β ≠ 1 it is a β-VAE (Higgins et al.
    ///   2017). A β-VAE is therefore not a kind of its own: it is kind "vae" with beta ≠ 1, and
    ///   modelName() names it "beta-vae". The GUI and the CLI offer it as a third choice that
    ///   presets beta to kBetaVaePreset.
    /// - "autoencoder": a deterministic autoencoder with the same encoder and decoder: z = μ (no
    ///   sampling, ε ≡ 0), objective = reconstruction alone (no KL term, beta and klSchedule are
    ///   ignored, the log σ² head gets no gradient). It is not a latent-variable model: its
    ///   "elbo" is not a bound on anything. What it reports: reconstruction = −log p_θ(x|z = μ)
    ///   (Bernoulli cross-entropy, nats per image), kl = 0, elbo = −reconstruction, StepRecord::
    ///   beta = 0, and σ = 0 in its posteriors (LatentSnapshot, InferenceModel::encode), since it
    ///   has no posterior spread.
    /// Fixed for a run: it cannot change while training.
    std::string modelKind = "vae";
    /// β a "β-VAE" choice starts from: β > 1 favours a factorised code over reconstruction
    /// (Higgins et al. 2017 use β = 4 for their 2-D shapes data).
    static constexpr double kBetaVaePreset = 4.0;

    /// How the KL weight follows the training, with e the fractional epoch at the start of a step
    /// (steps done / steps per epoch, from 0), N = klWarmupEpochs and β the live beta:
    /// - "constant": β_eff = β.
    /// - "linear" (KL annealing, Bowman et al. 2016, section 3.1): β_eff = β · min(1, e / N):
    ///   0 at the first step, β from epoch N on.
    /// - "cyclical" (Fu et al. 2019, eq. 6 with M = ∞ cycles of N epochs and R = 0.5):
    ///   τ = (e mod N) / N, β_eff = β · min(1, 2τ): each cycle rises linearly from 0 to β over its
    ///   first half and stays at β over its second half.
    /// May change while training (Trainer::setKlSchedule). Ignored for the autoencoder.
    std::string klSchedule = "constant";
    double klWarmupEpochs = 10; ///< N of klSchedule ("linear", "cyclical"), in epochs (> 0)

    /// The decoder's observation model p_θ(x|z) (vae/likelihood_kind.h); JSON key "likelihood",
    /// "bernoulli" | "continuous-bernoulli" | "gaussian". A config without the key (written before
    /// it existed) reads as Bernoulli. Front ends set it from defaultLikelihood() of the data
    /// unless the user chooses. Fixed for a model: its outputs mean different things.
    Likelihood likelihood = Likelihood::Bernoulli;

    /// Throws ConfigError naming the first out-of-range field and its allowed range.
    /// @param trainSize number of training images available, or -1 if unknown: batchSize and
    ///        trainSubset are then also checked against it.
    void validate(long long trainSize = -1) const;

    /// The learning rate for a step: `baseRate` (learningRate, or the live value) shaped by
    /// lrSchedule and warmupSteps. `progress` ∈ [0, 1] is the fraction of training done, `step`
    /// counts from 0.
    [[nodiscard]] double learningRateAt(double progress, std::int64_t step, double baseRate) const;

    /// True for architecture "conv".
    [[nodiscard]] bool isConvolutional() const { return architecture == "conv"; }

    /// Sets inputSize and the image shape from the data's description (front ends call it before
    /// training on data).
    void setDataShape(const DataDescription& description);

    /// The conv encoder's feature-map sides: entry 0 is (imageHeight, imageWidth), entry l the
    /// output of layer l (each side halved, rounded down); convChannels.size() + 1 entries.
    [[nodiscard]] std::vector<std::pair<int, int>> convSides() const;

    /// True for modelKind "autoencoder".
    [[nodiscard]] bool isAutoencoder() const { return modelKind == "autoencoder"; }

    /// "autoencoder", "vae" (kind "vae" with β = 1) or "beta-vae" (kind "vae" with β ≠ 1).
    [[nodiscard]] std::string modelName() const;

    /// The KL weight β_eff of a step (see klSchedule): `baseBeta` (beta, or the live value) shaped
    /// by klSchedule and klWarmupEpochs at fractional epoch `epoch` ≥ 0 (steps done before the step
    /// / steps per epoch). 0 for the autoencoder.
    [[nodiscard]] double klWeightAt(double epoch, double baseBeta) const;

    /// The default hidden widths for a latent dimension: {512, 256, 256} for latentDim ≤ 2, else
    /// {512, 256}. Measured in 60 s runs (docs/performance.md): in 2-D the third layer lowers the
    /// test −ELBO by ~2 nats (a 2-D code needs a deeper decoder to unfold it into images); in 20-D
    /// it leaves a third of the latent units inactive (KL 13 instead of 20 nats) and costs ~12 nats.
    /// The default conv channels for images of height × width: a layer per halving while the
    /// smaller side stays at least 4 pixels, at most 4 layers — {32, 64} for 28 × 28 (to 7 × 7),
    /// {32, 32, 64, 64} for 64 × 64 (to 4 × 4, Burgess et al. 2018), {32} for sides under 8.
    /// Measured on Fashion-MNIST, 10-D, 10 minutes on one core (docs/performance.md): 32,64 reaches
    /// a test −ELBO 6.8 nats lower than 32,32,64,64, whose 1 × 1 last map is a bottleneck.
    [[nodiscard]] static std::vector<int> defaultConvChannels(int height, int width);

    /// The conv architecture's default is {256}, one dense layer between the convolutions and the
    /// (μ, log σ²) head (Burgess et al. 2018 use two of 256).
    [[nodiscard]] static std::vector<int> defaultHiddenSizes(int latentDim,
                                                             std::string_view architecture = "mlp");

    /// `threads`; when it is 0 ("all cores"), OMP_NUM_THREADS if that is a whole number from 1 to
    /// kMaxThreads (PyTorch's convention), else the number of hardware threads.
    [[nodiscard]] int effectiveThreads() const;

    /// A JSON object with one key per field (snake_case), e.g. {"latent_dim": 2, ...}.
    [[nodiscard]] std::string toJson() const;

    /// Parses toJson()'s format; missing keys keep their defaults (a config written before
    /// model_kind, kl_schedule and kl_warmup_epochs existed loads as a VAE with a constant β, one
    /// written before likelihood as Bernoulli). An unknown likelihood name throws ConfigError.
    /// Throws ConfigError on malformed JSON or wrongly typed values (it does not call validate()).
    [[nodiscard]] static TrainingConfig fromJson(std::string_view json);

    bool operator==(const TrainingConfig&) const = default;
};

/// Parses "512,256" into {512, 256}. Throws ConfigError on an empty list, a non-number or a value ≤ 0.
[[nodiscard]] std::vector<int> parseHiddenSizes(std::string_view text);

/// Parses conv channels such as "32,32,64,64" (as parseHiddenSizes; ConfigError field
/// "conv_channels").
[[nodiscard]] std::vector<int> parseConvChannels(std::string_view text);

/// Formats {512, 256} as "512,256".
[[nodiscard]] std::string formatHiddenSizes(const std::vector<int>& sizes);

} // namespace vae
