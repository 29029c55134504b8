#pragma once

#include "vae/inference.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace vae {

/// Settings of compareGradientEstimators().
struct GradientEstimatorOptions {
    int draws = 200;        ///< M: single-sample gradient estimates per estimator (≥ 2)
    std::uint64_t seed = 0; ///< seeds the generator of every ε
    bool baseline = true;   ///< also the score function with a leave-one-out baseline
    /// Also return each coordinate's mean and variance (GradientEstimate::mean, ::variance): as
    /// many doubles as the encoder has parameters (600,068 for the default 2-D model), so off by
    /// default.
    bool keepCoordinates = false;
};

/// One parameter tensor's share of an estimate.
struct ParameterGradientStats {
    std::string name;         ///< e.g. "encoder.0.weight", "encoder_head.bias"
    std::int64_t size = 0;    ///< number of coordinates
    double meanNorm = 0;      ///< ‖mean over the draws‖₂ of this tensor's gradient
    double totalVariance = 0; ///< Σ over its coordinates of the variance across the draws
};

/// What M single-sample estimates g₁ … g_M ∈ R^P of ∇_φ ELBO say about one estimator.
/// Units: nats per image per unit of φ (the gradient of the batch's mean ELBO).
struct GradientEstimate {
    std::string name;    ///< "reparameterization", "score function", "score function + baseline"
    double meanNorm = 0; ///< ‖ḡ‖₂, ḡ = (1/M) Σ_m g_m
    /// Σ_k Var[g_k]: the total variance of ONE draw's estimate, estimated with the unbiased
    /// per-coordinate sample variance (1/(M−1)) Σ_m (g_mk − ḡ_k)², summed over the P coordinates.
    double totalVariance = 0;
    /// Standard error of totalVariance, from the spread of the total variances of 10 disjoint
    /// groups of the draws (batch means; 0 when M < 20).
    double totalVarianceStandardError = 0;
    /// √(totalVariance / M): the root-mean-square distance of ḡ from the true gradient, i.e. the
    /// standard error of the mean gradient as a vector (E‖ḡ − ∇‖² = totalVariance / M).
    double meanStandardError = 0;
    std::vector<ParameterGradientStats> tensors; ///< per parameter tensor, in forward order
    std::vector<double> mean;     ///< [P] ḡ, only with keepCoordinates (order: tensors in order,
                                  ///< each row-major as in torch)
    std::vector<double> variance; ///< [P] per-coordinate sample variance, only with keepCoordinates
};

/// Both estimators of the same gradient, for one batch.
struct GradientComparison {
    int count = 0;                   ///< n images in the batch
    int draws = 0;                   ///< M
    int latentDim = 0;               ///< D
    std::int64_t parameterCount = 0; ///< P: encoder parameters (φ)
    std::int64_t step = 0;           ///< training step of the model's weights
    double elbo = 0;                 ///< the batch's mean ELBO, nats per image, estimated with the
                                     ///< score-function draws (mean log p(x|z) − KL)
    GradientEstimate reparameterization;
    GradientEstimate scoreFunction;
    GradientEstimate scoreFunctionBaseline; ///< empty name when options.baseline is off
    /// scoreFunction.totalVariance / reparameterization.totalVariance
    double varianceRatio = 0;
    /// Its standard error by the delta method: ratio · √(rel. SE² of both variances).
    double varianceRatioStandardError = 0;
    double seconds = 0; ///< wall time of the computation
};

/// Estimates ∇_φ of the batch's mean ELBO w.r.t. the ENCODER's parameters φ with the
/// reparameterization estimator and with the score-function estimator, each from M independent
/// single-sample draws, and compares their variances.
///
/// The objective, the same for all estimators (Kingma & Welling 2014, eq. 7 with L = 1, the KL in
/// closed form, appendix B):
///
///     L(φ) = (1/n) Σ_i { E_{q_φ(z|x_i)}[log p_θ(x_i|z)] − KL(q_φ(z|x_i) ‖ N(0, I)) },
///
/// with q_φ(z|x) = N(μ_φ(x), diag σ²_φ(x)) (log σ² soft-bounded to [kLogVarianceMin,
/// kLogVarianceMax] as in training, vae/types.h; J_φ below includes the bound's slope) and
/// log p_θ(x|z) the model's log-likelihood (InferenceModel::likelihood(), the training loss's:
/// Bernoulli BCE on grey levels by default; the Gaussian with its fixed gaussianSigma()). The KL term's gradient is exact and the same
/// for every estimator (it adds nothing to any variance); the estimators differ in how they
/// estimate ∇_φ E_q[f(z)], f(z) = log p_θ(x|z), from one draw ε ~ N(0, I) per image:
///
/// - reparameterization (pathwise; K&W 2014 §2.3–2.4; Mohamed et al. 2020 §5):
///   z = μ + σ ⊙ ε,  ĝ = ∇_φ f(μ_φ(x) + σ_φ(x) ⊙ ε) — backpropagation through the decoder to z;
/// - score function (REINFORCE, Williams 1992; Paisley et al. 2012; K&W 2014 §2.2, the unnumbered
///   equation "∇_φ E_q[f(z)] = E_q[f(z) ∇_φ log q_φ(z)]"; Mohamed et al. 2020 §4):
///   z = μ + σ ⊙ ε held fixed,  ĝ = f(z) ∇_φ log q_φ(z|x), where ∂log q/∂μ = ε/σ and
///   ∂log q/∂log σ² = ½(ε² − 1);
/// - score function with a baseline (control variate; Mohamed et al. 2020 §7): f(z) replaced by
///   f(z) − b_i, b_i the mean of f(z) of image i over the OTHER M − 1 draws (leave-one-out, so
///   b_i is independent of the draw and the estimate stays unbiased). The draws of this estimator
///   share the score-function draws, so they are not independent of each other or of it.
///
/// Each estimator gets its own ε (M·n·D normals for reparameterization, then M·n·D for the score
/// function, from one generator seeded with options.seed): the estimators are independent, so
/// their means can be compared with their standard errors.
///
/// Cost: the encoder runs forward once; the decoder runs forward on M·n latent points per
/// estimator (and backward once more for reparameterization), in chunks of ≤ 4,096 rows. Every
/// draw's estimate is ĝ_m = J_φᵀ u_m, J_φ = ∂(μ, log σ²)/∂φ the encoder's Jacobian (the same for
/// all draws) and u_m ∈ R^{n·2D} the draw's gradient w.r.t. (μ, log σ²), so
/// Σ_k Var[ĝ_k] = tr(J_φᵀ Cov[u] J_φ). When n·2D ≤ 1,024 and keepCoordinates is off, the
/// variances come from the Gram matrices J_t J_tᵀ of each parameter tensor t (2D backward passes
/// and a few (n·2D)² products); otherwise from one backward pass through the encoder per draw
/// (M per estimator) on a private copy of its weights, the moments accumulated coordinate-wise.
/// Both give the same figures to rounding. Memory: a few copies of φ (per-draw path) or of the
/// (n·2D)² Gram matrices, plus a chunk's activations: bounded for any M. The default 2-D model
/// (P = 600,068), n = 64, M = 200: about 1 s on this project's 2-core machine under load (the
/// decoder's M·n forward and backward passes dominate), 3.4 s on the per-draw path.
///
/// Deterministic for given model, x, n and options. Thread-safe (the model is only read).
/// Throws std::invalid_argument if the model is an autoencoder (z is not sampled), n < 1,
/// x.size() != n·F, a value is not finite or (Bernoulli likelihoods) outside [0, 1], or draws < 2.
[[nodiscard]] GradientComparison compareGradientEstimators(const InferenceModel& model,
                                                           std::span<const float> x, int n,
                                                           const GradientEstimatorOptions& options);

} // namespace vae
