#pragma once

#include "vae/config.h"
#include "vae/dataset.h"
#include "vae/types.h"

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace vae {

namespace detail {
struct InferenceImpl;
}

/// An immutable copy of a VAE's weights, for decoding and encoding outside the training thread.
///
/// Every method is const and thread-safe: the GUI thread may call them while the trainer keeps
/// optimizing its own weights. Calls run under c10::InferenceMode and never wait on the trainer.
class InferenceModel final {
public:
    [[nodiscard]] const TrainingConfig& config() const;
    [[nodiscard]] int latentDim() const;
    /// The data the model was trained on (shape, values, class names).
    [[nodiscard]] const DataDescription& description() const;
    [[nodiscard]] int imageRows() const;      ///< description().height
    [[nodiscard]] int imageCols() const;      ///< description().width
    /// Values per example F = config().inputSize = description().inputSize() (784 for MNIST).
    [[nodiscard]] int pixelsPerImage() const;
    /// Global training step these weights were taken at (0 for an untrained model).
    [[nodiscard]] std::int64_t step() const;

    /// The decoder's likelihood p_θ(x|z) (config().likelihood).
    [[nodiscard]] Likelihood likelihood() const;
    /// The Gaussian decoder's fixed σ used by evaluate(), evaluateImages(), the importance-weighted
    /// bound and the posterior grid (in the data's units, ≥ kGaussianSigmaMin); 1 and unused for
    /// the other likelihoods.
    [[nodiscard]] double gaussianSigma() const;

    /// Decodes one latent point: z [D] → the mean E[x|z] [F] of p_θ(x|z): sigmoid(logits) in
    /// [0, 1] for the Bernoulli, the continuous Bernoulli's mean λ/(2λ − 1) + 1/(2 artanh(1 − 2λ))
    /// in (0, 1) (not λ; vae/likelihood_kind.h), the Gaussian's μ (any real, in the data's units).
    /// Throws std::invalid_argument if z.size() != D.
    [[nodiscard]] std::vector<float> decode(std::span<const float> z) const;

    /// Decodes n latent points: z [n, D] row-major → [n, F] means E[x|z], as decode().
    /// Throws std::invalid_argument if z.size() != n·D.
    [[nodiscard]] std::vector<float> decodeBatch(std::span<const float> z, int n) const;

    /// Encodes n images: x [n, F] in [0, 1] → q_φ(z|x) parameters μ [n, D], σ [n, D].
    /// σ = exp(½ log σ²) with log σ² soft-bounded to [kLogVarianceMin, kLogVarianceMax] =
    /// [−30, 20] (vae/types.h), so σ ∈ [3.1e-7, 2.2e4] and never overflows.
    /// An autoencoder (config().isAutoencoder()) returns z = μ and σ = 0.
    /// Throws std::invalid_argument if x.size() != n·F.
    [[nodiscard]] Posterior encode(std::span<const float> x, int n) const;

    /// Single-sample Monte-Carlo estimate of the loss terms over a data set, in nats per image,
    /// with ε drawn from a generator seeded by `seed` (Kingma & Welling 2014, eq. 10 with L = 1).
    /// An autoencoder is evaluated at z = μ (no sampling: `seed` does not matter), kl = 0.
    [[nodiscard]] LossTerms evaluate(const ImageSet& data, std::uint64_t seed = 0) const;

    /// The loss terms of each of n images, in nats (Kingma & Welling 2014, eq. 10; the KL term in
    /// closed form, appendix B): x [n, F] row-major (in [0, 1] for the Bernoulli likelihoods) → n
    /// LossTerms, where log p_θ(x|z) is that of likelihood() (with gaussianSigma()) and
    /// `reconstruction` = −E_q[log p_θ(x|z)] estimated as the mean over `samples` draws
    /// z = μ + σ ⊙ ε (ε ~ N(0, I) from a generator seeded by `seed`), `kl` = KL(q_φ(z|x) ‖ N(0, I))
    /// and `elbo` = −(reconstruction + kl) exactly. The Monte-Carlo error of `reconstruction`
    /// shrinks as 1/√samples; `kl` has none.
    ///
    /// Deterministic for given x, n, samples and seed; an image's ε depends on its position in x
    /// (the draws are made in image order). With samples = 1 the draws are those evaluate() makes
    /// on the same images and seed, so the mean of the result equals evaluate(). Images are
    /// processed in batches of 1,000 (memory stays bounded for any n). An autoencoder's terms are
    /// exact, at z = μ with kl = 0, whatever `samples` and `seed`.
    /// Throws std::invalid_argument if n < 0, x.size() != n·F or samples < 1.
    [[nodiscard]] std::vector<LossTerms> evaluateImages(std::span<const float> x, int n,
                                                        int samples, std::uint64_t seed) const;

    /// Internal: used by vae_core to create snapshots.
    explicit InferenceModel(std::shared_ptr<const detail::InferenceImpl> impl);
    [[nodiscard]] const detail::InferenceImpl& impl() const { return *m_impl; }

private:
    std::shared_ptr<const detail::InferenceImpl> m_impl;
};

/// A freshly initialised (untrained) model for a config, seeded by config.seed.
/// Throws ConfigError if config is invalid or description.inputSize() != config.inputSize.
[[nodiscard]] std::shared_ptr<const InferenceModel>
makeUntrainedModel(const TrainingConfig& config,
                   const DataDescription& description = DataDescription::mnist());

} // namespace vae
