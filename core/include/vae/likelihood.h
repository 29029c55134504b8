#pragma once
// The marginal likelihood log p_θ(x) of a trained VAE: exact quadrature for 2-D latents (posterior
// inspector) and the importance-weighted bound L_k for any latent size (Burda et al. 2015).

#include "vae/dataset.h"
#include "vae/inference.h"
#include "vae/progress.h"

#include <array>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace vae {

/// An axis-aligned rectangle of the 2-D latent plane: z₁ ∈ [z1Min, z1Max], z₂ ∈ [z2Min, z2Max].
struct LatentRegion {
    double z1Min = 0;
    double z1Max = 0;
    double z2Min = 0;
    double z2Max = 0;
};

/// How posteriorGrid() chooses and samples its region.
///
/// The region rule (all passes evaluate log p_θ(x|z) + log p(z) at cell centres):
///  1. Wide pass: `coarseResolution`² cells over the box that holds both the prior's bulk
///     [−priorHalfWidth, priorHalfWidth]² and q_φ(z|x)'s μ ± 8σ.
///  2. Keep the cells whose log density is within `massWindowNats` of the largest one; take their
///     bounding box, padded by 2 cells on every side. If that box touches the edge of the wide
///     box, the wide box is doubled about its centre and pass 1 repeated (at most 3 times).
///  3. Refinement pass: `coarseResolution`² cells over that box; the same rule gives a tighter
///     box (padded by 2 of these smaller cells).
///  4. The final box is that box joined with q's μ ± 4σ (so that the heat map also shows where q
///     sits), and the final grid has `resolution`² cells over it.
/// What it may miss: the density of every discarded cell is below e^(−massWindowNats) times the
/// peak's (e^−30 ≈ 9·10⁻¹⁴), so with at most coarseResolution² such cells the missed mass inside
/// the wide box is below 64² · e^−30 ≈ 4·10⁻¹⁰ of the peak cell's (default options); outside the
/// wide box the prior density is below e^(−priorHalfWidth²/2) ≈ 1.5·10⁻⁸ of its peak (per axis), so
/// mass there is missed only if the likelihood rises by more than that factor beyond it and q does
/// not point there. A second, separated mode more than `massWindowNats` below the main one is
/// dropped on purpose (its mass is negligible). PosteriorGrid::massOutside reports the share of
/// the mass the wide and refinement passes found outside the final box (the larger of the two).
struct PosteriorGridOptions {
    int resolution = 200;       ///< n: the final grid has n × n cells (2 … 2000)
    int coarseResolution = 64;  ///< cells per side of the wide and refinement passes (16 … 1000)
    double massWindowNats = 30; ///< keep cells within this many nats of the maximum (> 0)
    double priorHalfWidth = 6;  ///< the wide pass covers at least [−w, w]² of the prior (> 0)
};

/// The true posterior p_θ(z|x) = p_θ(x|z) p(z) / p_θ(x) of one image on a grid (2-D latent only).
///
/// Cell (row r, column c), r, c ∈ [0, n), has its centre at
///   z₁ = region.z1Min + (c + ½)·(region.z1Max − region.z1Min)/n,
///   z₂ = region.z2Min + (r + ½)·(region.z2Max − region.z2Min)/n,
/// so row 0 is the BOTTOM of the plot (smallest z₂) and column 0 the left (smallest z₁), as in
/// QCPColorMap's (keyIndex = c, valueIndex = r).
struct PosteriorGrid {
    int resolution = 0;  ///< n
    LatentRegion region; ///< the box the n × n cells tile
    double cellArea = 0; ///< Δz₁·Δz₂ of one cell (latent units²)
    /// [n, n] row-major (index r·n + c): log p_θ(z|x) = log p_θ(x|z) + log p(z) − log p_θ(x) at the
    /// cell centres, in nats per latent unit². Normalised on the grid: Σ exp(logDensity)·cellArea
    /// = 1 (to rounding).
    std::vector<double> logDensity;
    /// [n, n] like logDensity: log p_θ(x|z) alone (the model's likelihood, config().likelihood,
    /// summed over the F values: the one the trainer optimises and InferenceModel::evaluateImages
    /// uses; the Gaussian with its fixed gaussianSigma()), nats.
    std::vector<double> logLikelihood;
    /// log p_θ(x) by quadrature (midpoint rule): log Σ_cells exp(log p_θ(x|z) + log p(z)) +
    /// log cellArea, computed with log-sum-exp, in nats.
    double logEvidence = 0;
    std::array<double, 2> mode{};   ///< centre (z₁, z₂) of the cell of largest density
    std::array<double, 2> qMu{};    ///< μ of q_φ(z|x) (for the 1σ, 2σ ellipses)
    std::array<double, 2> qSigma{}; ///< σ of q_φ(z|x), per axis (q is diagonal); log σ² within
                                    ///< [kLogVarianceMin, kLogVarianceMax], vae/types.h
    /// Share of the posterior mass that the wide and the refinement pass put outside `region`
    /// (the larger of the two): an estimate of what the grid misses, ~10⁻¹⁵ when the rule worked.
    double massOutside = 0;
    double seconds = 0;     ///< wall time of the whole computation
    bool cancelled = false; ///< the progress callback asked to stop: other fields unset
};

/// The true posterior of one image x [784] (grey levels in [0, 1]) on an automatically chosen
/// grid (see PosteriorGridOptions for the rule and what it may miss). Progress is reported in
/// decoded grid points. Deterministic (no sampling). Thread-safe; runs under inference mode.
/// Throws std::invalid_argument if the model's latent is not 2-D, x.size() != 784, or an option
/// is out of range.
[[nodiscard]] PosteriorGrid posteriorGrid(const InferenceModel& model, std::span<const float> x,
                                          const PosteriorGridOptions& options = {},
                                          const ProgressCallback& progress = {});

/// Options of evidenceDecomposition().
struct EvidenceOptions {
    PosteriorGridOptions grid; ///< the grid for log p(x) and the quadrature check
    int samples = 10000;       ///< S: Monte-Carlo draws z ~ q_φ(z|x) (1 … 10⁷)
    std::uint64_t seed = 0;    ///< seed of the draws (the result is deterministic for a seed)
};

/// The evidence of one image split into its parts (2-D latent), all in nats:
///   log p_θ(x) = ELBO + KL(q_φ(z|x) ‖ p_θ(z|x))
///   ELBO       = −reconstruction − KL(q_φ(z|x) ‖ p(z))
/// (Kingma & Welling 2014, eq. 1–3). The main fields (logEvidence, elbo, reconstruction,
/// klPrior, klPosterior) are the ones to DISPLAY: logEvidence is the quadrature value,
/// reconstruction the Monte-Carlo mean over S draws, klPrior the closed form, and
///   elbo = −reconstruction − klPrior   and   klPosterior = logEvidence − elbo
/// hold exactly in double precision, so both displayed identities hold to rounding. The Monte-Carlo
/// error of elbo is that of reconstruction (elboStdError = reconstructionStdError).
/// The *Quadrature fields recompute the same quantities on the grid, independently of the
/// sampling: they agree with the Monte-Carlo ones within a few standard errors plus the grid's
/// discretisation error.
struct EvidenceDecomposition {
    double logEvidence = 0;    ///< log p_θ(x), quadrature on `grid`
    double elbo = 0;           ///< −reconstruction − klPrior (Monte Carlo + closed form)
    double elboStdError = 0;   ///< standard error of elbo (= reconstructionStdError)
    double reconstruction = 0; ///< −E_q[log p_θ(x|z)], mean over S draws z = μ + σ ⊙ ε
    double reconstructionStdError = 0; ///< sample std of −log p_θ(x|z) over the draws / √S
    double klPrior = 0;     ///< KL(q_φ(z|x) ‖ N(0, I)), closed form (K&W 2014, app. B)
    double klPosterior = 0; ///< KL(q_φ(z|x) ‖ p_θ(z|x)) = logEvidence − elbo (≥ 0 up to
                            ///< the Monte-Carlo error)
    int samples = 0;        ///< S

    // The quadrature check uses its own grid of 100 × 100 cells over q's μ ± 6σ box (q is often
    // much narrower than the posterior's region); log p_θ(z|x) there is
    // log p_θ(x|z) + log p(z) − logEvidence.

    /// −E_q[log p_θ(x|z)] by quadrature: Σ_cells q̃ · (−log p_θ(x|z)), with q̃ = q's cell masses
    /// q(z_c)·cellArea normalised to sum 1 on q's grid.
    double reconstructionQuadrature = 0;
    /// −reconstructionQuadrature − klPrior.
    double elboQuadrature = 0;
    /// KL(q ‖ p_θ(z|x)) on q's grid: Σ_cells q̃ log(q̃ / p̃), p̃ = p_θ(z_c|x)·cellArea.
    double klPosteriorQuadrature = 0;
    /// Σ_cells q(z)·cellArea on q's grid before normalisation (≈ 1: the ±6σ box holds all but
    /// ~4·10⁻⁹ of q's mass).
    double qMassOnGrid = 0;

    PosteriorGrid grid;     ///< the grid used (for the heat map)
    double seconds = 0;     ///< wall time, grid included
    bool cancelled = false; ///< the progress callback asked to stop: other fields unset
};

/// log p_θ(x), the ELBO and its parts for one image x [784] (2-D latent only), see
/// EvidenceDecomposition. Computes posteriorGrid(model, x, options.grid), S draws from q and a
/// 100 × 100 grid over q's μ ± 6σ. Progress is reported in decoded points. Deterministic for a
/// seed. Thread-safe. Throws std::invalid_argument if the latent is not 2-D, the model is an
/// autoencoder (its q(z|x) is a point mass: no ELBO), x.size() != 784, or an option is out of range.
[[nodiscard]] EvidenceDecomposition evidenceDecomposition(const InferenceModel& model,
                                                          std::span<const float> x,
                                                          const EvidenceOptions& options = {},
                                                          const ProgressCallback& progress = {});

/// Options of importanceWeightedBound().
struct ImportanceWeightedOptions {
    int k = 100;            ///< importance samples per image (1 … 10⁶)
    std::uint64_t seed = 0; ///< image i's draws come from a generator seeded by (seed, i)
    /// Upper bound on the decoded points (images × k) held at once: bounds memory at about
    /// maxBatchPoints × 3.5 kB (default ≈ 30 MB). Large k are split into several batches per image.
    int maxBatchPoints = 8192;
};

/// Per-image importance-weighted bounds L_k and their mean over the images.
struct ImportanceWeightedResult {
    int k = 0;
    std::vector<double> perImage; ///< [n] L_k of each image, nats (fewer when cancelled)
    double mean = 0;              ///< mean of perImage, nats per image
    double stdError = 0;          ///< std of perImage / √n (spread over images, not over draws)
    double seconds = 0;           ///< wall time
    bool cancelled = false;       ///< stopped by the progress callback after perImage.size() images
};

/// The importance-weighted bound of Burda et al. 2015 (eq. 8) for each of n images x [n, 784]
/// (any latent size D):
///   L_k(x) = log (1/k) Σ_{i=1..k} p_θ(x|z_i) p(z_i) / q_φ(z_i|x),   z_i ~ q_φ(z|x) i.i.d.,
/// evaluated as a log-mean-exp of log p_θ(x|z_i) + log p(z_i) − log q_φ(z_i|x), in nats.
/// E[L_1] = ELBO ≤ E[L_k] ≤ E[L_m] ≤ log p_θ(x) for k ≤ m, and L_k → log p_θ(x) as k → ∞.
/// log p_θ(x|z) is the model's likelihood (InferenceModel::likelihood(); the Gaussian with its
/// fixed gaussianSigma()), as in InferenceModel::evaluateImages.
/// Image i's ε depend only on options.seed and i (not on n or batching), so results are
/// deterministic and a prefix of x gives the same values up to float rounding (the decoder's
/// matrix products may round differently for another number of rows: measured up to ~1e-5
/// nats). Progress is reported in images.
/// Cost: n·k decoded points. Measured with the default 2-D model (hidden 512, 256, 256) on 1,000
/// test images under heavy load (load average ~11 on 2 cores; an idle machine is several times
/// faster): 0.08 s for k = 1, 0.7 s for k = 10, 6.6 s for k = 100, 63 s for k = 1000 — so the
/// 10,000-image test set at k = 1000 takes ~10 minutes under such load.
/// Thread-safe. Throws std::invalid_argument if the model is an autoencoder (no q(z|x) to sample
/// from), n < 0, x.size() != n·784, or an option is out of range.
[[nodiscard]] ImportanceWeightedResult
importanceWeightedBound(const InferenceModel& model, std::span<const float> x, int n,
                        const ImportanceWeightedOptions& options = {},
                        const ProgressCallback& progress = {});

/// importanceWeightedBound() over a whole data set (e.g. the MNIST test set). Throws
/// std::invalid_argument if the images are not 28×28 or as above.
[[nodiscard]] ImportanceWeightedResult
importanceWeightedBound(const InferenceModel& model, const ImageSet& data,
                        const ImportanceWeightedOptions& options = {},
                        const ProgressCallback& progress = {});

} // namespace vae
