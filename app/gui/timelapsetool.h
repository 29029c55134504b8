#pragma once

#include "tilegrid.h"

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

class MainWindow;
class TileGridView;

/// One epoch end of a run: the test set's posterior and the decoder's prior quantile manifold.
struct TimelapseFrame {
    /// μ, σ and labels of the test set (no training-set posterior).
    std::shared_ptr<const vae::LatentSnapshot> latent;
    /// The decoder's images at the prior's quantiles with that epoch's weights (tile image only:
    /// no pixels, z or model are kept); null when it could not be decoded.
    std::shared_ptr<const TileGrid> manifold;
};

/// A bounded list of frames, one per epoch. When a frame is added to a full history, every other
/// frame is dropped first (frames 1, 3, 5, … of 0-based indices are removed, so the oldest kept is
/// the first frame ever added) and the new one is appended: the whole run stays covered at half
/// the resolution, and the newest frame is always kept. Example: cap 4, epochs 1..9 added one by
/// one → 1, 7, 9 (1 2 3 4 | 1 3 5 6 | 1 5 7 8 | 1 7 9).
class TimelapseHistory {
public:
    static constexpr std::size_t kMinCap = 4;
    static constexpr std::size_t kMaxCap = 1000;
    static constexpr std::size_t kDefaultCap = 50;

    /// `cap` is clamped to [kMinCap, kMaxCap].
    explicit TimelapseHistory(std::size_t cap = kDefaultCap) { setCap(cap); }
    void add(TimelapseFrame frame);
    /// Clamps `cap` as the constructor does; a history longer than the new cap is halved (as
    /// add() does) until it fits.
    void setCap(std::size_t cap);
    void clear() { m_frames.clear(); }
    [[nodiscard]] std::size_t cap() const { return m_cap; }
    [[nodiscard]] const std::vector<TimelapseFrame>& frames() const { return m_frames; }

private:
    void halve();

    std::size_t m_cap = kDefaultCap;
    std::vector<TimelapseFrame> m_frames;
};

/// Explore ▸ Time-lapse (Ctrl+L): the test set's latent scatter and the prior quantile manifold
/// (kManifoldTiles per side) at each epoch end of a run, scrubbed with a slider, replayed at
/// kFramesPerSecond and exported as a PNG sequence or an animated GIF (the scatter, and the
/// manifold beside it when "Include the manifold" is on). Only snapshots with a whole-number epoch
/// are kept (no step-0 or partial-epoch frames), stripped of the training-set posterior. An opened
/// model has one frame. While a past frame is shown, live snapshots do not replace it
/// (MainWindow::showPastLatent); the slider at the end or "Live" follows training again.
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
    explicit TimelapseTool(MainWindow* window, std::size_t cap = 0);

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

    MainWindow* m_window;
    TimelapseHistory m_history;
    const void* m_trainer = nullptr;
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
