#pragma once
// Internal to vae_core: the training step by autograd, for architectures without a hand-written
// step (the conv VAE).

#include "training_step.h"

namespace vae {

/// The VAE objective's gradient by autograd through VaeNetImpl::encode/decode, accumulated into
/// the flat gradient buffer (each parameter's .grad() is a view of it), and TrainingStep's flat
/// Adam. The conv layers are LibTorch's (oneDNN where it applies), each parallel over the intra-op
/// pool; there is one gradient row (no sharding).
///
/// Computes the same quantities as FusedVaeStep (tests/core/test_autograd_step.cpp compares them
/// on an MLP): z = μ + σ ⊙ ε, the reconstruction term of the net's likelihood (the Gaussian's
/// σ² = max(batch MSE, kGaussianSigmaMin²) held constant in the gradient) and the closed-form KL.
class AutogradVaeStep final : public TrainingStep {
public:
    /// @param maxBatch largest batch computeGradients() will see (> 0).
    AutogradVaeStep(VaeNet& net, int maxBatch);

    StepValues computeGradients(const torch::Tensor& x, const torch::Tensor& eps,
                                double beta) override;
    StepValues computeGradients(const torch::Tensor& images, const torch::Tensor& indices,
                                const torch::Tensor& x, const torch::Tensor& eps,
                                double beta) override;

private:
    VaeNet m_net; // shares the caller's module
    int m_maxBatch;
};

} // namespace vae
