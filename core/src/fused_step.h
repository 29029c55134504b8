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
};

/// The VAE training step without autograd: forward pass, loss terms, backward pass through the
/// reparameterization, and Adam, all on buffers allocated once.
///
/// Why: autograd records a graph and allocates every intermediate on each step; for this small
/// MLP that overhead, plus a per-parameter optimizer, costs a large share of the step. Here every
/// GEMM is one addmm/mm into a preallocated output, the ReLU backward is one threshold_backward,
/// and all parameters, gradients and Adam moments live in four flat buffers, so the Adam update
/// is a single vectorised pass (see adamStep).
///
/// Constructing it moves the network's parameters into the flat buffer (they stay registered in
/// `net` and keep their values), so checkpoints and inference snapshots see the same weights.
class FusedVaeStep final {
public:
    /// @param maxBatch largest batch computeGradients() will see.
    FusedVaeStep(VaeNet& net, int maxBatch);

    /// Forward and backward for x [B, 784] (B ≤ maxBatch) with ε [B, D]; fills the gradient of
    /// (reconstruction + β·KL), both batch means, w.r.t. every parameter. The terms are those of
    /// LossTerms (Kingma & Welling 2014, eq. 10; KL in closed form, appendix B).
    StepValues computeGradients(const torch::Tensor& x, const torch::Tensor& eps, double beta);

    /// One Adam update of every parameter (Kingma & Ba 2015, Algorithm 1, with PyTorch's
    /// placement of ε: p −= lr/(1−β₁ᵗ) · m / (√v / √(1−β₂ᵗ) + ε)), β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
    void adamStep(double learningRate);

    /// Flat gradient buffer (tests compare it with autograd's).
    [[nodiscard]] const torch::Tensor& flatGradients() const { return m_grads; }
    /// Gradient views in net->parameters() order.
    [[nodiscard]] const std::vector<torch::Tensor>& gradientViews() const { return m_gradViews; }

private:
    struct Layer {
        torch::Tensor weight, bias;         // parameters (views into m_params)
        torch::Tensor gradWeight, gradBias; // views into m_grads
        torch::Tensor out, gradOut;         // [maxBatch, outFeatures] activation and its gradient
    };
    static constexpr double kBeta1 = 0.9;
    static constexpr double kBeta2 = 0.999;
    static constexpr double kEpsilon = 1e-8;

    int m_latentDim;
    std::vector<Layer> m_encoder; // hidden layers, ReLU after each
    Layer m_head;                 // → [μ, log σ²]
    std::vector<Layer> m_decoder; // ReLU after all but the last (logits)
    torch::Tensor m_params, m_grads, m_adamM, m_adamV;
    std::vector<torch::Tensor> m_gradViews;
    std::int64_t m_adamSteps = 0;
    torch::Tensor m_sigma, m_z, m_gradZ, m_klScratch, m_bceScratch; // [maxBatch, ·]
};

} // namespace vae
