#pragma once

#include "widgets/tilegrid.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

class QAction;
class QCheckBox;
class QCPGraph;
class QDockWidget;
class QLabel;
class QPushButton;
class QSpinBox;

namespace vae::gui {

class LatentPlot;
class ToolContext;
class TileGridView;

/// Explore ▸ Prior Samples (Ctrl+P): a panel of kSide × kSide decoded draws z ~ N(0, I), the
/// model as a generator (Kingma & Welling 2014, section 3: sample p(z), then p_θ(x|z)).
///
/// The draws come from vae::samplePrior with the seed in the panel: the same seed gives the same
/// z, so the same images for the same model. Resample moves to the next seed. "Show on latent
/// plot" marks each draw's (z₁, z₂) on the latent plot, to compare where the prior puts mass with
/// where the encoder puts the data. The images follow the training model, at most every
/// kMinModelIntervalMs; the decode itself (64 images, about a millisecond) runs on the GUI thread,
/// where handing it to another thread would cost more than it saves. Seed and checkbox are
/// remembered in QSettings.
class PriorSamplesTool final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PriorSamplesTool)

public:
    static constexpr int kSide = 8;
    static constexpr int kSamples = kSide * kSide;
    static constexpr int kMinModelIntervalMs = 500;
    static constexpr int kDefaultSeed = 1;

    explicit PriorSamplesTool(ToolContext& context);
    ~PriorSamplesTool() override;

    void setSeed(int seed);
    [[nodiscard]] int seed() const { return m_seed; }
    /// Draws new samples: the next seed.
    void resample();
    void setMarkersShown(bool shown);
    [[nodiscard]] bool markersShown() const { return m_markersShown; }
    void setPanelShown(bool shown);

    /// The samples shown: z [kSamples, D], their decoded means and the tile image; null before a
    /// model is there or while the panel is closed.
    [[nodiscard]] const std::shared_ptr<const TileGrid>& samples() const { return m_samples; }
    /// The markers on the latent plot (data: the samples' (z₁, z₂); hidden unless shown).
    [[nodiscard]] QCPGraph* markers() const;

    [[nodiscard]] QAction* panelAction() const;
    [[nodiscard]] QDockWidget* dock() const { return m_dock; }
    [[nodiscard]] TileGridView* view() const { return m_view; }
    [[nodiscard]] QSpinBox* seedBox() const { return m_seedBox; }
    [[nodiscard]] QPushButton* resampleButton() const { return m_resampleButton; }
    [[nodiscard]] QCheckBox* markersBox() const { return m_markersBox; }

signals:
    void samplesUpdated();

private:
    void buildPanel();
    void readSettings();
    void writeSettings() const;
    void onModelChanged();
    /// Decodes the samples for the current model and seed now.
    void refresh();
    void updateMarkers();
    [[nodiscard]] bool isOpen() const;

    ToolContext& m_context;
    QPointer<LatentPlot> m_plot;
    QPointer<QCPGraph> m_markers;
    std::shared_ptr<const TileGrid> m_samples;
    int m_seed = kDefaultSeed;
    bool m_markersShown = true;
    bool m_stale = true;
    QTimer m_throttle;
    QElapsedTimer m_sinceRefresh;

    QDockWidget* m_dock = nullptr;
    TileGridView* m_view = nullptr;
    QSpinBox* m_seedBox = nullptr;
    QPushButton* m_resampleButton = nullptr;
    QCheckBox* m_markersBox = nullptr;
    QLabel* m_note = nullptr;
};

} // namespace vae::gui
