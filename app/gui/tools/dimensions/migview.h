#pragma once

#include <vae/disentanglement.h>
#include <vae/types.h>

#include <QStringList>
#include <QWidget>

#include <optional>
#include <vector>

class QCPColorMap;
class QCPColorScale;
class QCustomPlot;
class QLabel;

namespace vae::gui {

/// Which latent dimension captures which known factor of the data (shapes' shape, scale,
/// orientation, position): a heat map of the normalised mutual information I(z_j; v_k) / H(v_k),
/// factor × dimension, and the mutual information gap (MIG, Chen et al. 2018) with each factor's
/// gap, as vae-cli eval reports it (vae::mutualInformationGap).
///
/// Computed from a snapshot's posterior means of the test images (10,000 for shapes) and their
/// factor indices: about 1 ms for D = 10 on this machine, so it runs on the GUI thread with each
/// new snapshot while the panel is visible. Hidden for data without known factors.
class MigView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MigView)

public:
    explicit MigView(QWidget* parent = nullptr);

    /// The data's factors (DataDescription::factorNames, factorSizes); none hides the view.
    void setFactors(const QStringList& names, std::vector<int> sizes);
    [[nodiscard]] bool hasFactors() const { return !m_sizes.empty(); }

    /// Computes the MIG of the snapshot's μ against its factors and shows it; clears the view
    /// when the snapshot has no factors (or none that match setFactors()).
    void compute(const vae::LatentSnapshot* snapshot);

    /// The last result shown, if any.
    [[nodiscard]] const std::optional<vae::MutualInformationGap>& result() const { return m_result; }
    /// How long the last compute() took, in milliseconds.
    [[nodiscard]] double computeMilliseconds() const { return m_milliseconds; }

    [[nodiscard]] QCustomPlot* plot() const { return m_plot; }
    /// Cell (dimension j, factor k) holds I(z_j; v_k) / H(v_k) (0 for a constant factor).
    [[nodiscard]] QCPColorMap* heatMap() const { return m_map; }
    [[nodiscard]] QLabel* scoreLabel() const { return m_score; }

private:
    QStringList m_names;
    std::vector<int> m_sizes;
    std::optional<vae::MutualInformationGap> m_result;
    double m_milliseconds = 0;

    QCustomPlot* m_plot = nullptr;
    QCPColorMap* m_map = nullptr;
    QCPColorScale* m_scale = nullptr;
    QLabel* m_score = nullptr;
};

} // namespace vae::gui
