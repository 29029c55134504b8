#pragma once
// Internal to vae_core: the training step written out by hand.

#include "model.h"

#include <vector>

namespace vae {

/// Treats subnormal floats as zero on the calling thread (x86 FTZ/DAZ); see adamStep.
void flushDenormals();

/// Batch means of one step's loss terms, in nats per image.
struct StepValues {
    double reconstruction = 0;
    double kl = 0;
    /// Σ over the shards of each shard's largest |gradient element|: an upper bound of the largest
    /// |element| of the summed gradient (equal to it with one shard); NaN if any element is NaN,
    /// +∞ if any is ±∞. Each shard scans its own gradient row at the end of its task, so the check
    /// adds no fork/join to the step (see FusedVaeStep::gradientMaxAbs for the exact value).
    float gradientMaxAbs = 0;
    /// Gaussian likelihood only (else 0): the batch's mean squared error Σ(x − μ)²/(B·F), and the
    /// σ the step used, √max(MSE, kGaussianSigmaMin²) (Rybkin et al. 2021's optimal σ).
    double meanSquaredError = 0;
    double gaussianSigma = 0;
};

/// The VAE training step without autograd: forward pass, loss terms, backward pass through the
/// reparameterization, and Adam, all on buffers allocated once.
///
/// Why: autograd records a graph and allocates every intermediate on each step; for this small
/// MLP that overhead, plus a per-parameter optimizer, costs a large share of the step. Here every
/// GEMM is one addmm/mm into a preallocated output, the ReLU backward is one threshold_backward,
/// and all parameters, gradients and Adam moments live in flat buffers, so the Adam update is a
/// single vectorised pass (see adamStep).
///
/// Data parallelism: with `shards` > 1 the batch is split into that many row ranges, and each
/// thread of the intra-op pool runs the whole forward and backward pass of one range with
/// single-threaded GEMMs, into a gradient buffer of its own. A step then has one fork and one
/// join instead of a fork and a barrier around each of its ~40 small ops, and the shards'
/// gradients are summed inside the Adam pass (docs/performance.md has what it bought).
///
/// Constructing it moves the network's parameters into the flat buffer (they stay registered in
/// `net` and keep their values), so checkpoints and inference snapshots see the same weights.
class FusedVaeStep final {
public:
    /// Fewest rows a shard gets; smaller batches run as one shard with op-level parallelism.
    static constexpr int kMinShardRows = 32;

    /// @param maxBatch largest batch computeGradients() will see.
    /// @param shards   row ranges a batch is split into (normally the intra-op thread count).
    FusedVaeStep(VaeNet& net, int maxBatch, int shards = 1);

    /// Forward and backward for x [B, F] (B ≤ maxBatch, F = the net's inputSize) with ε [B, D];
    /// computes the gradient of (reconstruction + β·KL), both batch means, w.r.t. every
    /// parameter. The terms are those of LossTerms (Kingma & Welling 2014, eq. 10; KL in closed
    /// form, appendix B), the reconstruction term −log p_θ(x|z) of the net's config().likelihood:
    /// Bernoulli, continuous Bernoulli (eq. 7 of Loaiza-Ganem & Cunningham 2019, gradient through
    /// log C), or Gaussian with σ² = max(batch MSE, kGaussianSigmaMin²) held constant in the
    /// gradient (Rybkin et al. 2021; at the optimum ∂/∂σ = 0, so this is the exact gradient of
    /// the loss at σ*(μ) unless the floor binds). The Gaussian needs the whole batch's MSE
    /// before any shard's backward pass: its step has two fork/joins instead of one. log σ² of q
    /// is the head's output through boundLogVariance (model.h), as in VaeNetImpl::encode, and
    /// the gradient goes through the bound's slope.
    StepValues computeGradients(const torch::Tensor& x, const torch::Tensor& eps, double beta);

    /// The same for the rows `indices` [B] (int64) of `images` [N, F]: each shard gathers its
    /// rows into its part of x [B, F] (overwritten) on its own thread.
    StepValues computeGradients(const torch::Tensor& images, const torch::Tensor& indices,
                                const torch::Tensor& x, const torch::Tensor& eps, double beta);

    /// One Adam update of every parameter (Kingma & Ba 2015, Algorithm 1, with PyTorch's
    /// placement of ε: p −= lr/(1−β₁ᵗ) · m / (√v / √(1−β₂ᵗ) + ε)), β₁ = 0.9, β₂ = 0.999, ε = 1e-8,
    /// with the gradient of the last computeGradients() (or whatever was written into
    /// gradientViews()).
    void adamStep(double learningRate);

    /// The largest |g| over the whole batch's gradient (the shards summed as adamStep sums them):
    /// NaN if any element is NaN, +∞ if any is ±∞ (and none NaN). A separate parallel pass over
    /// the gradient (it also does the shard folding adamStep would otherwise do); the trainer
    /// uses StepValues::gradientMaxAbs instead, which costs no extra fork/join, and this only
    /// after its tests changed the gradient.
    [[nodiscard]] float gradientMaxAbs();

    /// The whole batch's flat gradient (tests compare it with autograd's); sums the shards first.
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

    /// Shards the last computeGradients() ran (1 when its batch was too small to split).
    [[nodiscard]] int lastShards() const { return m_pendingShards; }

private:
    struct Layer {
        torch::Tensor weight, bias;         // parameters (views into m_params)
        torch::Tensor gradWeight, gradBias; // views into this shard's row of m_shardGrads
        torch::Tensor out, gradOut;         // [rows, outFeatures] activation and its gradient
    };
    /// One thread's buffers: activations, their gradients and a full gradient vector.
    struct Shard {
        std::vector<Layer> encoder;               // hidden layers, ReLU after each
        Layer head;                               // → [μ, log σ²]
        std::vector<Layer> decoder;               // ReLU after all but the last (logits)
        torch::Tensor sigma, z, gradZ, klScratch; // [rows, latent dim]
        torch::Tensor logVarSlope;                // [rows, latent dim]: b′(raw log σ²)
        torch::Tensor grads;                      // this shard's row of m_shardGrads
    };
    /// Sums of the loss terms over one shard's rows (not means).
    struct ShardSums {
        double reconstruction = 0, klTerm = 0;
        double squaredError = 0;  // Gaussian: Σ (x − μ)² (its reconstruction is made in run())
        float gradientMaxAbs = 0; // largest |element| of the shard's gradient (NaN, ∞ if any)
    };
    StepValues run(const torch::Tensor& x, const torch::Tensor& eps, double beta,
                   const torch::Tensor& images, const torch::Tensor& indices);
    /// The forward pass of one shard's rows into its buffers, its loss sums, and the loss's
    /// gradient at the decoder's output in the last layer's gradOut (for the Gaussian the
    /// residual μ − x, which run() scales).
    ShardSums forwardShard(Shard& shard, const torch::Tensor& x, const torch::Tensor& eps,
                           double scale);
    /// The backward pass from the last layer's gradOut; returns the largest |gradient| (see
    /// ShardSums), 0 when the check is off.
    float backwardShard(Shard& shard, const torch::Tensor& x, const torch::Tensor& eps, double beta,
                        double scale);
    void reduceShards();

    static constexpr double kBeta1 = 0.9;
    static constexpr double kBeta2 = 0.999;
    static constexpr double kEpsilon = 1e-8;

    int m_latentDim;
    int m_outputSize;        // F
    Likelihood m_likelihood; // the net's config().likelihood
    std::vector<Shard> m_shards;
    torch::Tensor m_params, m_adamM, m_adamV;
    torch::Tensor m_shardGrads; // [shards, parameters]: row k is shard k's gradient
    torch::Tensor m_grads;      // row 0: the whole batch's gradient once reduced
    std::vector<torch::Tensor> m_gradViews;
    int m_pendingShards = 1; // rows of m_shardGrads that hold parts of the current gradient
    std::int64_t m_adamSteps = 0;
    bool m_gradientCheck = true;
};

} // namespace vae
