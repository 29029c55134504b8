#pragma once
// Internal to vae_core: what the trainer needs of a training step, and the flat parameter,
// gradient and Adam buffers every step shares.

#include "model.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace vae {

/// Treats subnormal floats as zero on the calling thread (x86 FTZ/DAZ); see adamStep.
void flushDenormals();

/// Rows of the flat parameter arrays per task of the Adam pass and the gradient check: large
/// enough to amortise a task, small enough that a chunk of every shard's gradient stays in cache.
inline constexpr std::int64_t kFlatGrain = 32768;

/// The largest |g| (of g + g2 when g2 is not null) over n floats, as the bit pattern of a float:
/// with the sign bit cleared, IEEE-754 magnitudes order like their bit patterns, +∞ is 0x7f800000
/// and every NaN is above it. An integer max vectorises and means the same under any float flags.
[[nodiscard]] std::uint32_t maxMagnitudeBits(const float* g, const float* g2, std::int64_t n);

/// Batch means of one step's loss terms, in nats per image.
struct StepValues {
    double reconstruction = 0;
    double kl = 0;
    /// The largest |gradient element| or, for FusedVaeStep with several shards, Σ over the shards
    /// of each shard's largest |element|: an upper bound of the largest |element| of the summed
    /// gradient (equal to it with one shard); NaN if any element is NaN, +∞ if any is ±∞. Each
    /// shard scans its own gradient row at the end of its task, so the check adds no fork/join
    /// to the step (see TrainingStep::gradientMaxAbs for the exact value).
    float gradientMaxAbs = 0;
    /// Gaussian likelihood only (else 0): the batch's mean squared error Σ(x − μ)²/(B·F), and the
    /// σ the step used, √max(MSE, kGaussianSigmaMin²) (Rybkin et al. 2021's optimal σ).
    double meanSquaredError = 0;
    double gaussianSigma = 0;
};

/// One optimizer step of the VAE objective: gradients of a batch, then Adam. Two kinds:
/// FusedVaeStep (the MLP, written out by hand) and AutogradVaeStep (any architecture, autograd).
///
/// Constructing one moves the network's parameters into one flat buffer (they stay registered in
/// `net` and keep their values), so checkpoints and inference snapshots see the same weights,
/// and Adam is a single vectorised pass over flat arrays (adamStep). The gradient lives in rows
/// of a [shards, P] buffer, one per thread that computes a part of the batch; they are summed
/// inside the Adam pass.
class TrainingStep {
public:
    virtual ~TrainingStep() = default;
    TrainingStep(const TrainingStep&) = delete;
    TrainingStep& operator=(const TrainingStep&) = delete;

    /// Forward and backward for x [B, F] (B ≤ maxBatch, F = the net's inputSize) with ε [B, D]:
    /// computes the gradient of (reconstruction + β·KL), both batch means, w.r.t. every
    /// parameter. The terms are those of LossTerms (Kingma & Welling 2014, eq. 10; KL in closed
    /// form, appendix B), the reconstruction term −log p_θ(x|z) of the net's config().likelihood:
    /// Bernoulli, continuous Bernoulli (eq. 7 of Loaiza-Ganem & Cunningham 2019), or Gaussian
    /// with σ² = max(batch MSE, kGaussianSigmaMin²) held constant in the gradient (Rybkin et al.
    /// 2021; at the optimum ∂/∂σ = 0, so this is the exact gradient of the loss at σ*(μ) unless
    /// the floor binds). log σ² of q is the head's output through boundLogVariance (model.h).
    /// z = μ + σ ⊙ ε: with ε ≡ 0 and β = 0 (the autoencoder) the log σ² head gets no gradient.
    virtual StepValues computeGradients(const torch::Tensor& x, const torch::Tensor& eps,
                                        double beta) = 0;

    /// The same for the rows `indices` [B] (int64) of `images` [N, F], gathered into x [B, F]
    /// (overwritten).
    virtual StepValues computeGradients(const torch::Tensor& images, const torch::Tensor& indices,
                                        const torch::Tensor& x, const torch::Tensor& eps,
                                        double beta) = 0;

    /// One Adam update of every parameter (Kingma & Ba 2015, Algorithm 1, with PyTorch's
    /// placement of ε: p −= lr/(1−β₁ᵗ) · m / (√v / √(1−β₂ᵗ) + ε)), β₁ = 0.9, β₂ = 0.999, ε = 1e-8,
    /// with the gradient of the last computeGradients() (or whatever was written into
    /// gradientViews()).
    void adamStep(double learningRate);

    /// The largest |g| over the whole batch's gradient (the shards summed as adamStep sums them):
    /// NaN if any element is NaN, +∞ if any is ±∞ (and none NaN). A parallel pass over the
    /// gradient (it also does the shard folding adamStep would otherwise do).
    [[nodiscard]] float gradientMaxAbs();

    /// The whole batch's flat gradient [P] (tests compare it with autograd's); sums the shards.
    [[nodiscard]] const torch::Tensor& flatGradients();
    /// Gradient views in net->parameters() order; sums the shards first.
    [[nodiscard]] const std::vector<torch::Tensor>& gradientViews();

    /// Adam's t: the updates taken since construction or setAdamState().
    [[nodiscard]] std::int64_t adamSteps() const { return m_adamSteps; }
    /// Adam's first and second moment estimates m and v, flat [P] in net->parameters() order.
    [[nodiscard]] const torch::Tensor& adamFirstMoment() const { return m_adamM; }
    [[nodiscard]] const torch::Tensor& adamSecondMoment() const { return m_adamV; }
    /// Restores Adam's state (a resumed run): t, and m and v of P values each (or both empty:
    /// zeros, a fresh optimizer). Throws std::invalid_argument on another length.
    void setAdamState(std::int64_t steps, const std::vector<float>& firstMoment,
                      const std::vector<float>& secondMoment);

    /// Whether computeGradients() fills StepValues::gradientMaxAbs (on by default; the trainer
    /// relies on it). Off only to measure what the check costs (tests/core/test_numeric_fault).
    void setGradientCheck(bool on) { m_gradientCheck = on; }

    /// Gradient rows the last computeGradients() wrote (1 when its batch was not split).
    [[nodiscard]] int lastShards() const { return m_pendingShards; }

protected:
    /// Moves net's parameters into the flat buffer; `shards` gradient rows.
    TrainingStep(VaeNet& net, int shards);

    /// Sums the gradient rows into row 0.
    void reduceShards();

    torch::Tensor m_params, m_adamM, m_adamV; // [P] each
    torch::Tensor m_shardGrads;               // [shards, P]: row k is shard k's gradient
    torch::Tensor m_grads;                    // row 0: the whole batch's gradient once reduced
    std::vector<torch::Tensor> m_gradViews;   // row 0, per parameter
    std::vector<std::int64_t> m_offsets;      // each parameter's offset in the flat buffers
    int m_pendingShards = 1; // rows of m_shardGrads that hold parts of the current gradient
    std::int64_t m_adamSteps = 0;
    bool m_gradientCheck = true;

private:
    static constexpr double kBeta1 = 0.9;
    static constexpr double kBeta2 = 0.999;
    static constexpr double kEpsilon = 1e-8;
};

/// The step for net's architecture: FusedVaeStep for the MLP, AutogradVaeStep for conv.
/// @param maxBatch largest batch computeGradients() will see.
/// @param threads  intra-op threads (FusedVaeStep splits a batch into that many shards).
[[nodiscard]] std::unique_ptr<TrainingStep> makeTrainingStep(VaeNet& net, int maxBatch,
                                                             int threads);

} // namespace vae
