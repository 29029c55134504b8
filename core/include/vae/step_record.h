#pragma once

#include <cstdint>

namespace vae {

/// The terms of the evidence lower bound for one image, averaged over a batch or a data set.
/// All values are in nats per image.
///
/// ELBO(x) = E_q[log p_θ(x|z)] − KL(q_φ(z|x) ‖ p(z))   (Kingma & Welling 2014, eq. 3 and eq. 10).
struct LossTerms {
    double reconstruction = 0; ///< −E_q[log p_θ(x|z)] summed over the values, for the model's
                               ///< likelihood (vae/likelihood_kind.h): the Bernoulli's
                               ///< cross-entropy is ≥ 0; the continuous Bernoulli's and the
                               ///< Gaussian's are −log densities and can be negative
    double kl = 0;             ///< KL(q_φ(z|x) ‖ N(0, I)), closed form (K&W 2014, appendix B) (≥ 0)
    double elbo = 0;           ///< −(reconstruction + kl), whatever β (≤ 0 for the Bernoulli)
    // For a deterministic autoencoder (TrainingConfig::modelKind "autoencoder"): reconstruction
    // at z = μ, kl = 0 and elbo = −reconstruction, which bounds nothing (it is no VAE).
};

/// One optimizer step's loss, averaged over its batch.
struct StepRecord {
    std::int64_t step = 0; ///< global step, from 1
    double epoch = 0;      ///< fractional epoch at the end of the step (0.5 = half-way through epoch 1)
    LossTerms loss;
    double beta = 1; ///< effective β of this step's objective reconstruction + β·KL: the
                     ///< live β shaped by the KL schedule (TrainingConfig::klWeightAt); 0
                     ///< for the autoencoder
    double learningRate = 0;
};

} // namespace vae
