#pragma once

#include "plots/latentprojection.h"

#include <vae/types.h>

#include <QObject>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class QAction;
class QCheckBox;
class QComboBox;
class QCPBars;
class QCustomPlot;
class QDockWidget;
class QLabel;

namespace vae::gui {

class ToolContext;
class MigView;

/// Per-dimension KL bars with the active-unit count, which dimension captures which known factor
/// of the data (a MigView, for data with factors such as shapes), and the choice of the latent
/// plot's plane for D > 2.
///
/// The bars are the mean over the test images of KL(q(z_d|x) ‖ N(0, 1)) in nats
/// (vae::klPerDimension), active units (KL > 0.01 nats) in the accent colour, the others grey. They
/// are recomputed from each new latent snapshot while the panel is visible (10,000 × D logarithms,
/// about a millisecond for D = 20) and caught up when it is shown again.
class DimensionsPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DimensionsPanel)

public:
    explicit DimensionsPanel(QWidget* parent = nullptr);
    [[nodiscard]] QSize sizeHint() const override { return {460, 320}; }

    void setSnapshot(std::shared_ptr<const vae::LatentSnapshot> snapshot);
    /// KL per dimension of the snapshot last taken in (nats), and its active units.
    [[nodiscard]] const std::vector<double>& klPerDimension() const { return m_kl; }
    [[nodiscard]] int activeUnitCount() const { return m_active; }

    [[nodiscard]] QCustomPlot* plot() const { return m_plot; }
    /// Bars of the active and of the inactive dimensions (key = dimension, from 1).
    [[nodiscard]] QCPBars* activeBars() const { return m_activeBars; }
    [[nodiscard]] QCPBars* inactiveBars() const { return m_inactiveBars; }
    [[nodiscard]] QLabel* activeUnitsLabel() const { return m_activeLabel; }

    /// The data's known factors (DataDescription::factorNames, factorSizes): the MIG view shows
    /// for data with some and is hidden for data without.
    void setFactors(const QStringList& names, std::vector<int> sizes);
    [[nodiscard]] MigView* migView() const { return m_mig; }
    [[nodiscard]] QWidget* migBox() const { return m_migBox; }

    [[nodiscard]] ProjectionSettings projection() const;
    void setProjection(const ProjectionSettings& settings);
    [[nodiscard]] QComboBox* modeBox() const { return m_mode; }
    [[nodiscard]] QComboBox* xBox() const { return m_x; }
    [[nodiscard]] QComboBox* yBox() const { return m_y; }
    [[nodiscard]] QCheckBox* othersFromNearestBox() const { return m_othersFromNearest; }

    /// Takes in the newest snapshot now (the panel does it when shown).
    void refresh();

signals:
    void projectionChanged(const vae::gui::ProjectionSettings& settings);
    void refreshed();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void setDimensionCount(int dim);
    void updateProjectionControls();

    std::shared_ptr<const vae::LatentSnapshot> m_snapshot;
    bool m_dirty = false;
    int m_dim = 0;
    std::vector<double> m_kl;
    int m_active = 0;

    QCustomPlot* m_plot = nullptr;
    QCPBars* m_activeBars = nullptr;
    QCPBars* m_inactiveBars = nullptr;
    QLabel* m_activeLabel = nullptr;
    MigView* m_mig = nullptr;
    QWidget* m_migBox = nullptr;
    QComboBox* m_mode = nullptr;
    QComboBox* m_x = nullptr;
    QComboBox* m_y = nullptr;
    QCheckBox* m_othersFromNearest = nullptr;
};


} // namespace vae::gui
