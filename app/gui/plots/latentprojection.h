#pragma once

#include "session/projectionsettings.h"

#include <vae/latent_stats.h>
#include <vae/types.h>

#include <QPointF>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace vae::gui {

/// Maps latent snapshots onto the plot's plane and picked points back into R^D.
///
/// The identity case (dimensions 0 and 1, or any D ≤ 2 model) hands the snapshot's own arrays to
/// the scatter (nothing is copied, as before). Otherwise each new snapshot is projected once:
/// chosen dimensions are two columns copied out, PCA is recomputed on the test set's μ
/// (vae::pcaProjection, ~ms for 10,000 × 20) and the training set is projected on the same axes.
///
/// Picking (p₁, p₂) gives z with:
/// - Dimensions: z = base, z[x] = p₁, z[y] = p₂;
/// - PCA: z = base + (p₁ − c₁(base))·a₁ + (p₂ − c₂(base))·a₂, with c(base) the base's own plot
///   coordinates, so z lands exactly on (p₁, p₂) and keeps the base's off-plane part;
/// where base is the nearest test point's μ (othersFromNearest) or else 0 (for PCA: the test set's
/// mean, i.e. the plane through the data; a trained VAE's mean μ is close to 0 anyway).
class LatentProjection final {
public:
    void setSettings(const ProjectionSettings& settings) { m_settings = settings; }
    [[nodiscard]] const ProjectionSettings& settings() const { return m_settings; }

    /// Whether `dim`-dimensional points are shown as they are (dims 0 and 1).
    [[nodiscard]] bool isIdentity(int dim) const;

    /// Projects the test set (and computes the PCA from it) and keeps what picking needs.
    /// Returns null for the identity case. Throws what vae::pcaProjection throws.
    std::shared_ptr<const vae::Posterior> projectTest(std::shared_ptr<const vae::Posterior> test);
    /// Projects another set (the training set) on the plane of the last projectTest. Null for the
    /// identity case or when there is no plane yet.
    [[nodiscard]] std::shared_ptr<const vae::Posterior>
    projectOther(const vae::Posterior& points) const;

    /// The full latent point for plot coordinates `p` in a model of dimension `dim`.
    [[nodiscard]] std::vector<float> lift(QPointF p, int dim) const;
    /// Index of the test point nearest to `p` on the plot; nothing without test points.
    [[nodiscard]] std::optional<int> nearestTestPoint(QPointF p) const;

    [[nodiscard]] const std::optional<vae::PcaProjection>& pca() const { return m_pca; }
    /// "z₃", or "PC 1 (42% of variance)".
    [[nodiscard]] QString axisLabel(int axis) const;

private:
    [[nodiscard]] int column(int axis, int dim) const;
    [[nodiscard]] QPointF planeCoordinates(int index) const;

    ProjectionSettings m_settings;
    std::shared_ptr<const vae::Posterior> m_test;          ///< the full-dimensional test set
    std::shared_ptr<const vae::Posterior> m_projectedTest; ///< null for the identity case
    std::optional<vae::PcaProjection> m_pca;
    double m_totalVariance = 0;
};

} // namespace vae::gui
