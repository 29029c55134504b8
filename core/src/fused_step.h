#pragma once
// Internal to vae_core: the training step written out by hand.

#include "training_step.h"

#include <vector>

namespace vae {

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
/// The MLP only (config().architecture "mlp").
class FusedVaeStep final : public TrainingStep {
public:
    /// Fewest rows a shard gets; smaller batches run as one shard with op-level parallelism.
    static constexpr int kMinShardRows = 32;

    /// @param maxBatch largest batch computeGradients() will see.
    /// @param shards   row ranges a batch is split into (normally the intra-op thread count).
    FusedVaeStep(VaeNet& net, int maxBatch, int shards = 1);

    /// See TrainingStep; the loss's gradient at the outputs and the backward pass are written
    /// out (the Gaussian needs the whole batch's MSE before any shard's backward pass: its step
    /// has two fork/joins instead of one).
    StepValues computeGradients(const torch::Tensor& x, const torch::Tensor& eps,
                                double beta) override;

    /// The same for the rows `indices` [B] (int64) of `images` [N, F]: each shard gathers its
    /// rows into its part of x [B, F] (overwritten) on its own thread.
    StepValues computeGradients(const torch::Tensor& images, const torch::Tensor& indices,
                                const torch::Tensor& x, const torch::Tensor& eps,
                                double beta) override;

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

    int m_latentDim;
    int m_outputSize;        // F
    Likelihood m_likelihood; // the net's config().likelihood
    std::vector<Shard> m_shards;
};

} // namespace vae
