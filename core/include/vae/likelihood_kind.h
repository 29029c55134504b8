#pragma once

#include <string_view>

namespace vae {

struct DataDescription;

/// The decoder's observation model p_θ(x|z): what the decoder's F outputs per example mean and
/// how −log p_θ(x|z) (the "reconstruction" term of LossTerms, in nats per example, summed over
/// the F values) is computed. docs/theory.md, "Likelihoods", has the formulas and sources.
enum class Likelihood {
    /// Bernoulli with logits l: −log p = Σ_d softplus(l_d) − x_d·l_d (binary cross-entropy).
    /// Exact for binary data; on grey levels in [0, 1] it is the usual "continuous BCE", which is
    /// not a normalised density (Loaiza-Ganem & Cunningham 2019, section 1).
    Bernoulli,
    /// Continuous Bernoulli with logits l, λ = sigmoid(l) (Loaiza-Ganem & Cunningham 2019, eq. 7):
    /// log p(x|λ) = x log λ + (1 − x) log(1 − λ) + log C(λ), a proper density on [0, 1].
    ContinuousBernoulli,
    /// Gaussian with mean μ = the decoder's output (no squashing) and one shared σ, the
    /// calibrated decoder of Rybkin et al. 2021 ("σ-VAE" with the optimal σ, section 4):
    /// −log p = ½ Σ_d [(x_d − μ_d)²/σ² + log(2πσ²)]. While training σ² = max(batch MSE, σ_min²)
    /// (a constant in the gradient); a model evaluates with a fixed σ stored with it (the
    /// trainer's exponential moving average of the batch MSE, see kGaussianSigmaEmaDecay).
    Gaussian,
};

/// "bernoulli", "continuous-bernoulli" or "gaussian" (the JSON and CLI spelling).
[[nodiscard]] std::string_view likelihoodName(Likelihood likelihood);

/// Parses likelihoodName()'s names. Throws ConfigError (field "likelihood") on another string,
/// naming the three accepted ones.
[[nodiscard]] Likelihood parseLikelihood(std::string_view name);

/// The likelihood a dataset gets unless the user chooses one:
/// - ValueKind::Binary → Bernoulli (exact);
/// - ValueKind::UnitInterval → Bernoulli as well, so that MNIST's grey-level figures stay those of
///   the literature (pytorch/examples, Kingma & Welling 2014) and of older runs; the properly
///   normalised choice for grey levels is ContinuousBernoulli, which the user can select;
/// - ValueKind::Real → Gaussian (a Bernoulli needs values in [0, 1]).
[[nodiscard]] Likelihood defaultLikelihood(const DataDescription& data);

/// The floor of the Gaussian decoder's σ: e^−6 ≈ 2.48e-3 (the soft clip of log σ at −6 in Rybkin et
/// al.'s reference code, sigma-vae-pytorch). It keeps −log p_θ(x|z) finite when the
/// reconstruction is perfect (MSE → 0): per value it is then at least log(σ_min √(2π)) ≈ −5.08
/// nats.
inline constexpr double kGaussianSigmaMin = 2.4787521766663585e-3;

/// Decay of the trainer's exponential moving average of the batch MSE that gives a Gaussian
/// model's evaluation σ (bias-corrected as Adam's moments, Kingma & Ba 2015): 0.99 averages over
/// ~100 steps, enough to smooth batch noise while following the model within a fraction of an
/// epoch (a full pass over the training set at each publication would cost an epoch's forward
/// pass).
inline constexpr double kGaussianSigmaEmaDecay = 0.99;

/// log C(λ) of the continuous Bernoulli at logit l = log(λ/(1 − λ)), in nats
/// (Loaiza-Ganem & Cunningham 2019, eq. 7): C(λ) = 2 artanh(1 − 2λ)/(1 − 2λ) for λ ≠ ½, C(½) = 2.
/// In logits C = l / tanh(l/2), computed as log|l| − log(1 − e^−|l|) + log(1 + e^−|l|) (no
/// overflow for any l), and for |l| < kContinuousBernoulliTaylorBand by its Taylor series in
/// u = l/2: log 2 + u²/3 − 7u⁴/90 + 62u⁶/2835 − 127u⁸/18900 (the direct form cancels there). Even
/// in l, ≥ log 2.
[[nodiscard]] double continuousBernoulliLogNormalizer(double logit);

/// d log C / dl, the derivative of continuousBernoulliLogNormalizer (1/l − 1/sinh l; by its
/// Taylor series u/3 − 7u³/45 + 62u⁵/945 − 127u⁷/4725 inside the band).
[[nodiscard]] double continuousBernoulliLogNormalizerDerivative(double logit);

/// The mean of the continuous Bernoulli at logit l: E[x] = λ/(2λ − 1) + 1/(2 artanh(1 − 2λ))
/// (Loaiza-Ganem & Cunningham 2019, section 3), ½ at λ = ½. In logits E[x] = ½ + ½ (coth u − 1/u)
/// with u = l/2 (Taylor series u/3 − u³/45 + 2u⁵/945 inside the band). In (0, 1); it is not λ:
/// λ = 0.9 has mean ≈ 0.670. This, not λ, is the image a continuous-Bernoulli decoder shows.
[[nodiscard]] double continuousBernoulliMean(double logit);

/// |l| below which the continuous Bernoulli's log C and mean use their Taylor series: 0.2, i.e.
/// |1 − 2λ| < tanh(0.1) ≈ 0.0997. The series (log C to u⁸, the mean to u⁵) are then exact to
/// ~2e-11 or better; outside, the
/// direct forms lose at most ~1e-6 (relative) to cancellation in float.
inline constexpr double kContinuousBernoulliTaylorBand = 0.2;

} // namespace vae
