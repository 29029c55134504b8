#pragma once
// Internal to vae_core: the only header that exposes torch types. Tests may include it.

#include "vae/config.h"
#include "vae/types.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stop_token>
#include <vector>

namespace vae {

/// Encoder q_φ(z|x) and decoder p_θ(x|z): MLPs (Kingma & Welling 2014, appendix C) or, for
/// config().architecture "conv", stride-2 convolutions and their transposed mirror (config.h).
/// The encoder's last layer emits μ and log σ² together ([n, 2D]) so one GEMM serves both heads;
/// the log σ² half is then soft-bounded (boundLogVariance) so that exp(log σ²) cannot overflow.
///
/// Examples go in and come out flat, [n, F] in the data's HWC order, whatever the architecture:
/// the conv layers see them as [n, C, H, W] (a view for grey images, a permuted copy for colour).
/// Parameter names (checkpoints, the Python twin): "encoder_conv.<2l>" (Conv2d), "encoder.<2i>",
/// "encoder_head", "decoder.<2i>" (Linear), "decoder_conv.<2l>" (ConvTranspose2d); the MLP has
/// only the Linear ones.
class VaeNetImpl final : public torch::nn::Module {
public:
    static constexpr int kConvKernel = 4; ///< side of the conv layers' kernels (config.h)

    explicit VaeNetImpl(const TrainingConfig& config);

    /// x [n, F] (F = inputSize) → (μ [n, D], log σ² [n, D]); log σ² is the head's output through
    /// boundLogVariance, so it lies in [kLogVarianceMin, kLogVarianceMax].
    [[nodiscard]] std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor& x);
    /// x [n, F] → the encoder head's raw output [n, 2D]: μ, then log σ² before the bound.
    [[nodiscard]] torch::Tensor encodeRaw(const torch::Tensor& x);
    /// z [..., D] → the decoder's raw outputs [..., F]: logits for the Bernoulli and continuous
    /// Bernoulli likelihoods, the mean μ for the Gaussian (config().likelihood).
    [[nodiscard]] torch::Tensor decode(const torch::Tensor& z);
    /// z [n, D] → E[x|z] [n, F], the image to show: sigmoid(logits) for the Bernoulli, the
    /// continuous Bernoulli's mean (continuousBernoulliMean), μ for the Gaussian.
    [[nodiscard]] torch::Tensor decodeMean(const torch::Tensor& z);
    /// −log p_θ(x|z) per example from decode()'s `output` [..., F] and x [..., F]: [...] nats,
    /// with config().likelihood and, for the Gaussian, the fixed gaussianSigma().
    [[nodiscard]] torch::Tensor reconstructionNll(const torch::Tensor& output,
                                                  const torch::Tensor& x) const;

    /// The Gaussian decoder's σ used outside training (evaluation, IWAE, posterior grid); the
    /// trainer sets it (kGaussianSigmaEmaDecay), checkpoints store it. 1 until set; unused by
    /// the other likelihoods.
    [[nodiscard]] double gaussianSigma() const { return m_gaussianSigma; }
    /// Sets it; throws std::invalid_argument unless finite and ≥ kGaussianSigmaMin.
    void setGaussianSigma(double sigma);

    [[nodiscard]] int latentDim() const { return m_config.latentDim; }
    [[nodiscard]] int inputSize() const { return m_config.inputSize; }
    [[nodiscard]] const TrainingConfig& config() const { return m_config; }

    /// The bias of the decoder's last layer: [F] for the MLP, [C] (one per channel) for conv.
    [[nodiscard]] torch::Tensor outputBias() const;

    /// The MLP's linear layers in forward order: hidden encoder layers (each followed by ReLU),
    /// the (μ, log σ²) head, then the decoder layers (ReLU after all but the last, which gives
    /// logits). For a conv model the dense layers only (not all of the network).
    struct Layers {
        std::vector<torch::nn::Linear> encoder;
        torch::nn::Linear head{nullptr};
        std::vector<torch::nn::Linear> decoder;
    };
    [[nodiscard]] Layers layers() const;

private:
    TrainingConfig m_config;
    torch::nn::Sequential m_encoderConv{nullptr}; // conv only: Conv2d, ReLU, …
    torch::nn::Sequential m_encoder{nullptr};
    torch::nn::Linear m_encoderHead{nullptr};
    torch::nn::Sequential m_decoder{nullptr};
    torch::nn::Sequential m_decoderConv{nullptr}; // conv only: ConvTranspose2d, ReLU, …
    std::pair<int, int> m_convLastSide{0, 0};     // conv only: the last feature map's sides
    double m_gaussianSigma = 1.0;
};
TORCH_MODULE(VaeNet);

/// The soft bound of the encoder's log σ² (kLogVarianceMin, kLogVarianceMax; vae/types.h has the
/// formula and why): raw head output r [...] → b(r), same shape, differentiable (autograd).
[[nodiscard]] torch::Tensor boundLogVariance(const torch::Tensor& raw);

/// b′(r) = ∂b/∂r of boundLogVariance, elementwise: in (0, 1], ≈ 1 inside the range.
[[nodiscard]] torch::Tensor boundLogVarianceSlope(const torch::Tensor& raw);

/// The same bound for one float, for the hand-written training step: returns b(raw) and writes
/// b′(raw) to `slope`. NaN stays NaN; ±∞ map to the bounds with slope 0.
float boundLogVariance(float raw, float& slope);

/// Per-image loss tensors of one forward pass.
struct ForwardLoss {
    torch::Tensor reconstruction; ///< [n]: −log p_θ(x|z) = Σ_pixels BCE(logits, x), nats
    torch::Tensor kl;             ///< [n]: KL(N(μ, σ²) ‖ N(0, I)), nats
};

/// z = μ + σ ⊙ ε with σ = exp(½ log σ²) (Kingma & Welling 2014, section 2.4).
[[nodiscard]] torch::Tensor reparameterize(const torch::Tensor& mu, const torch::Tensor& logVar,
                                           const torch::Tensor& eps);

/// KL(N(μ, diag σ²) ‖ N(0, I)) = −½ Σ_j (1 + log σ_j² − μ_j² − σ_j²)  (K&W 2014, appendix B).
/// mu, logVar [n, D] → [n] nats.
[[nodiscard]] torch::Tensor klDivergence(const torch::Tensor& mu, const torch::Tensor& logVar);

/// −log p(x | output) summed over the last dimension: output, x [..., P] → [...] nats.
/// - Bernoulli: output = logits; grey-level x in [0, 1] is used as the Bernoulli target
///   ("continuous" BCE, as in pytorch/examples).
/// - ContinuousBernoulli: output = logits; BCE − log C (Loaiza-Ganem & Cunningham 2019, eq. 7).
/// - Gaussian: output = μ; ½ Σ [(x − μ)²/σ² + log(2πσ²)] with σ = `gaussianSigma` (> 0).
/// Differentiable (autograd) in `output`.
[[nodiscard]] torch::Tensor reconstructionNll(const torch::Tensor& output, const torch::Tensor& x,
                                              Likelihood likelihood = Likelihood::Bernoulli,
                                              double gaussianSigma = 1.0);

/// log C of the continuous Bernoulli at logits [...] → [...] (see vae/likelihood_kind.h; the
/// Taylor branch for |l| < kContinuousBernoulliTaylorBand), autograd-safe (no NaN gradient
/// from the unused branch).
[[nodiscard]] torch::Tensor continuousBernoulliLogNormalizer(const torch::Tensor& logits);

/// The continuous Bernoulli's mean E[x] at logits [...] → [...] in (0, 1).
[[nodiscard]] torch::Tensor continuousBernoulliMean(const torch::Tensor& logits);

/// E[x|z] from decode()'s output for a likelihood: see VaeNetImpl::decodeMean.
[[nodiscard]] torch::Tensor observationMean(const torch::Tensor& output, Likelihood likelihood);

/// Encodes x, samples z with ε drawn from `generator`, decodes, and returns the per-image terms.
/// For an autoencoder (net's config): z = μ, kl = 0, and nothing is drawn from `generator`.
[[nodiscard]] ForwardLoss forwardLoss(VaeNet& net, const torch::Tensor& x, at::Generator& generator);

/// A CPU generator seeded with `seed`.
[[nodiscard]] at::Generator makeGenerator(std::uint64_t seed);

/// Builds a network for `config` with weights drawn from a generator of its own seeded with
/// `config.seed` (initialiseWeights). Thread-safe: no weight depends on torch's global generator,
/// so a build while other threads draw from it (cloneNet, user code) gets the same weights as a
/// lone build with the same seed.
[[nodiscard]] VaeNet makeNet(const TrainingConfig& config);

/// Redraws every layer's weight and bias from `generator`, in parameter order, with PyTorch's
/// default initialisation (torch.nn.Linear / Conv2d / ConvTranspose2d reset_parameters, 1.13):
/// weight ~ U(−b, b) with b = √3 · gain / √fan_in, gain = √(2 / (1 + a²)), a = √5 (Kaiming-uniform,
/// He et al. 2015, eq. 16, as PyTorch applies it), and bias ~ U(−1/√fan_in, 1/√fan_in). With a
/// generator seeded s these are bit for bit the weights torch::manual_seed(s) and the modules'
/// own constructors give (tests/core/test_trainer_threads.cpp checks it).
void initialiseWeights(VaeNetImpl& net, at::Generator& generator);

/// Sets the decoder's output bias to logit(mean pixel value over `images` [N, F]), clamped to
/// [1e-3, 1 − 1e-3], so that before any training the decoder outputs the mean image instead of
/// grey 0.5 everywhere; the first hundreds of steps then need not learn it. A common data-dependent
/// initialisation for Bernoulli decoders (e.g. Kingma et al. 2016, IAF code; Salimans & Kingma
/// 2016 for the idea). The continuous Bernoulli gets the same logits (a starting point: its mean
/// at λ is not λ). The Gaussian gets the mean itself as bias and, as its σ, the root of the
/// features' mean variance (the MSE of that mean image), floored at kGaussianSigmaMin.
void initOutputBiasToDataMean(VaeNet& net, const torch::Tensor& images);

/// Deep copy of the weights (no gradient state), in eval mode.
[[nodiscard]] VaeNet cloneNet(const VaeNet& net);

/// q_φ(z|x) of images [N, 784] as plain values (inference mode, batches of 10,000 to bound memory).
/// An autoencoder's σ are all 0. `stop` is checked between batches: once it is requested the rest
/// is skipped and the result is incomplete, for the caller to drop (a trainer told to stop while
/// encoding the 60,000 training images returns within one batch, not ~0.5 s later).
[[nodiscard]] Posterior encodePosterior(VaeNet& net, const torch::Tensor& images,
                                        std::stop_token stop = {});

/// Single-sample estimate of the loss terms over `images` [N, F] in batches (inference mode), with
/// the net's likelihood (VaeNetImpl::reconstructionNll).
[[nodiscard]] LossTerms evaluateLoss(VaeNet& net, const torch::Tensor& images, std::uint64_t seed);

/// As evaluateLoss(), checking `stop` before each batch of 1,000 images: empty once a stop is
/// requested (a trainer told to stop during its end-of-epoch evaluation returns within one batch).
[[nodiscard]] std::optional<LossTerms> evaluateLoss(VaeNet& net, const torch::Tensor& images,
                                                    std::uint64_t seed, std::stop_token stop);

/// Per-image loss terms of `images` [N, 784] (inference mode, batches of 1,000 images): the
/// reconstruction term is the mean of −log p_θ(x|z) over `samples` draws z = μ + σ ⊙ ε, the KL
/// term the closed form. ε comes from one generator seeded with `seed`, in image order; with
/// samples = 1 it is the very draw evaluateLoss() makes, so the mean of the result is its value.
/// An autoencoder's terms are exact: reconstruction at z = μ, kl = 0, whatever samples and seed.
[[nodiscard]] std::vector<LossTerms> evaluateLossPerImage(VaeNet& net, const torch::Tensor& images,
                                                          int samples, std::uint64_t seed);

/// The first `count` examples of ImageSet pixels as a [count, pixelsPerImage] float tensor that
/// views (does not copy) the vector. Throws std::invalid_argument when the vector holds fewer than
/// count · pixelsPerImage values or either is negative.
[[nodiscard]] torch::Tensor imagesTensor(const std::vector<float>& pixels, int count,
                                         int pixelsPerImage);

} // namespace vae
