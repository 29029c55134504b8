#pragma once

#include "tools/timelapse/timelapsehistory.h"

#include <vae/types.h>

#include <QImage>
#include <QObject>
#include <QTimer>

#include <cstddef>
#include <memory>
#include <vector>

class QAction;
class QCheckBox;
class QDockWidget;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;

namespace vae::gui {

class ToolContext;
class TileGridView;



/// Explore ▸ Time-lapse (Ctrl+L): the test set's latent scatter and the prior quantile manifold
/// (kManifoldTiles per side) at each epoch end of a run, scrubbed with a slider, replayed at
/// kFramesPerSecond and exported as a PNG sequence or an animated GIF (the scatter, and the
/// manifold beside it when "Include the manifold" is on). Only snapshots with a whole-number epoch
/// are kept (no step-0 or partial-epoch frames), stripped of the training-set posterior. An opened
/// model has one frame. While a past frame is shown, live snapshots do not replace it
/// (ToolContext::showPastLatent); the slider at the end or "Live" follows training again.
///
/// The number of frames kept (TimelapseHistory's cap) is set in the panel and remembered in
/// QSettings ("timelapse/maxFrames") when the window uses settings (LaunchOptions::useSettings);
/// the panel shows the memory the frames take.
class TimelapseTool final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelapseTool)

public:
    static constexpr int kFramesPerSecond = 4;
    static constexpr int kExportSize = 800;
    /// Tiles per side of each frame's prior quantile manifold: 15 × 15 tiles, 420 × 420 grey
    /// pixels, 172 KiB a frame.
    static constexpr int kManifoldTiles = 15;
    static constexpr const char* kCapSetting = "timelapse/maxFrames";

    /// `cap` 0: the cap remembered in QSettings (TimelapseHistory::kDefaultCap at first).
    explicit TimelapseTool(ToolContext& context, std::size_t cap = 0);

    [[nodiscard]] const TimelapseHistory& history() const { return m_history; }
    /// Shows frame `index` (the last one: live).
    void showFrame(int index);
    void goLive();
    [[nodiscard]] bool isLive() const { return m_live; }
    void setPlaying(bool playing);
    [[nodiscard]] bool isPlaying() const { return m_playTimer.isActive(); }
    [[nodiscard]] QSlider* slider() const { return m_slider; }
    [[nodiscard]] QLabel* label() const { return m_label; }
    [[nodiscard]] QDockWidget* dock() const { return m_dock; }
    [[nodiscard]] TileGridView* manifoldView() const { return m_manifoldView; }
    [[nodiscard]] QSpinBox* capBox() const { return m_capBox; }
    [[nodiscard]] QAction* exportPngAction() const { return m_exportPngAction; }
    [[nodiscard]] QAction* exportGifAction() const { return m_exportGifAction; }

    /// Keeps at most `cap` frames from now on (clamped as TimelapseHistory does) and remembers it.
    void setCap(std::size_t cap);
    /// Whether exported frames carry the manifold beside the scatter (default on).
    void setManifoldExported(bool on);
    [[nodiscard]] bool isManifoldExported() const;
    /// Bytes the kept frames hold (posteriors, labels and manifold images).
    [[nodiscard]] std::size_t memoryBytes() const;
    /// Time the last frame's manifold took to decode and build, in ms.
    [[nodiscard]] double lastManifoldMs() const { return m_lastManifoldMs; }

    /// frame-001.png … into `directory`: kExportSize × kExportSize, or twice as wide with the
    /// manifold.
    bool exportPngSequence(const QString& directory);
    bool exportGif(const QString& path);

private:
    void onLatentUpdated();
    void updateControls();
    [[nodiscard]] std::shared_ptr<const TileGrid>
    decodeManifold(std::shared_ptr<const vae::InferenceModel> model);
    [[nodiscard]] std::vector<QImage> renderFrames();

    ToolContext& m_context;
    TimelapseHistory m_history;
    std::uint64_t m_run = 0; ///< the run the frames belong to (ToolContext::runId)
    bool m_live = true;
    QTimer m_playTimer;
    QDockWidget* m_dock = nullptr;
    QSlider* m_slider = nullptr;
    QLabel* m_label = nullptr;
    QPushButton* m_liveButton = nullptr;
    QPushButton* m_playButton = nullptr;
    TileGridView* m_manifoldView = nullptr;
    QSpinBox* m_capBox = nullptr;
    QLabel* m_memoryLabel = nullptr;
    QCheckBox* m_exportManifold = nullptr;
    QAction* m_exportPngAction = nullptr;
    QAction* m_exportGifAction = nullptr;
    double m_lastManifoldMs = 0;
};

} // namespace vae::gui
