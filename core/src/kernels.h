#pragma once
// Internal to vae_core: the two elementwise loops of the training step that ATen's generic ops
// make slow here, written as plain loops the compiler vectorises (see kernels.cpp for the flags).

#include <cstdint>

namespace vae::kernels {

/// Adam's constants for one step (Kingma & Ba 2015, Algorithm 1, PyTorch's placement of ε):
/// p −= stepSize · m / (√v · invSqrtCorrection2 + epsilon), stepSize = lr / (1 − β₁ᵗ),
/// invSqrtCorrection2 = 1 / √(1 − β₂ᵗ).
struct AdamConstants {
    float beta1, beta2, stepSize, invSqrtCorrection2, epsilon;
};

/// One Adam update of n parameters p with gradient g (+ g2 when g2 is not null: two shards'
/// parts of one gradient, summed in the same pass), moments m and v updated in place.
void adamUpdate(float* p, const float* g, const float* g2, float* m, float* v, std::int64_t n,
                AdamConstants c);

/// The Bernoulli negative log-likelihood with logits and its gradient, in one pass over
/// logits [rows, cols] and targets x [rows, cols] (grey levels in [0, 1]), all row-major:
///   returns Σ softplus(l) − x·l over every element (nats, summed over rows and columns),
///   writes grad = (σ(l) − x) · scale (∂/∂l of that sum, times scale).
/// Uses softplus(l) = max(l, 0) + log1p(e^−|l|) and σ(l) from the same e^−|l|.
double bernoulliNllWithGradient(const float* logits, const float* x, float* grad, std::int64_t rows,
                                std::int64_t cols, float scale);

/// The continuous Bernoulli's negative log-likelihood with logits (Loaiza-Ganem & Cunningham
/// 2019, eq. 7) and its gradient, over logits and x [rows, cols] in [0, 1]:
///   returns Σ softplus(l) − x·l − log C(l) (nats, over every element),
///   writes grad = (σ(l) − x − d log C/dl) · scale.
/// log C and its derivative as in likelihood_math.h (Taylor series for |l| < 0.2).
double continuousBernoulliNllWithGradient(const float* logits, const float* x, float* grad,
                                          std::int64_t rows, std::int64_t cols, float scale);

/// The Gaussian decoder's residual: writes residual = mean − x over [rows, cols] and returns
/// Σ (mean − x)² (summed in float per row, over rows in double).
double squaredErrorWithResidual(const float* mean, const float* x, float* residual,
                                std::int64_t rows, std::int64_t cols);

} // namespace vae::kernels
