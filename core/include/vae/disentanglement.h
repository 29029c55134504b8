#pragma once
// How well single latent dimensions capture single known factors of variation.

#include <cstdint>
#include <span>
#include <vector>

namespace vae {

/// Bins each latent dimension is discretised into for the mutual-information estimate: 20, as
/// disentanglement_lib does (Locatello et al. 2019, "Challenging common assumptions…", the
/// histogram discretisation of the mean representation).
inline constexpr int kMigBins = 20;

/// The mutual information gap and what it is made of.
struct MutualInformationGap {
    /// MIG = (1/K) Σ_k [I(z_{j(k)}; v_k) − max_{j ≠ j(k)} I(z_j; v_k)] / H(v_k), where j(k) is the
    /// dimension sharing most information with factor k (Chen et al. 2018, "Isolating Sources of
    /// Disentanglement in VAEs", eq. 6). In [0, 1]; 1 when each factor is captured by one dimension
    /// alone. The mean over the factors with H(v_k) > 0 (a constant factor has no gap).
    double mig = 0;
    std::vector<double> gap;               ///< [K] each factor's normalised gap (0 if constant)
    std::vector<int> bestDimension;        ///< [K] j(k) (−1 if the factor is constant)
    std::vector<double> factorEntropy;     ///< [K] H(v_k), nats, of the empirical distribution
    std::vector<double> mutualInformation; ///< [K, D] row-major: I(z_j; v_k), nats
};

/// MIG of `mu` [count, dim] row-major (e.g. the posterior means E_q[z|x] of the test set) against
/// the known factors `factors` [count, K] row-major, factor k taking values 0 … factorSizes[k] − 1.
/// Each latent dimension is discretised into `bins` equal-width bins between its minimum and
/// maximum; I(z_j; v_k) is then the plug-in mutual information of the two discrete variables over
/// the count examples, in nats (the estimator disentanglement_lib uses; it is biased upward by
/// about (bins − 1)(|v_k| − 1) / (2·count) nats). Throws std::invalid_argument when count < 2,
/// dim < 1, K < 1, the spans' sizes disagree, bins < 2, or a factor value is outside its size.
[[nodiscard]] MutualInformationGap mutualInformationGap(std::span<const float> mu, int count,
                                                        int dim,
                                                        std::span<const std::uint8_t> factors,
                                                        std::span<const int> factorSizes,
                                                        int bins = kMigBins);

} // namespace vae
