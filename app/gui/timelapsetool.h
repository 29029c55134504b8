#pragma once

#include <vae/types.h>

#include <QObject>
#include <QTimer>

#include <cstddef>
#include <memory>
#include <vector>

class QDockWidget;
class QLabel;
class QPushButton;
class QSlider;

namespace vae::gui {

class MainWindow;

/// A bounded list of latent snapshots, one per epoch. When a frame is added to a full history,
/// every other frame is dropped first (frames 1, 3, 5, … of 0-based indices are removed, so the
/// oldest kept is the first frame ever added) and the new one is appended: the whole run stays
/// covered at half the resolution, and the newest frame is always kept. Example: cap 4, epochs
/// 1..9 added one by one → 1, 7, 9 (1 2 3 4 | 1 3 5 6 | 1 5 7 8 | 1 7 9).
class TimelapseHistory {
public:
    explicit TimelapseHistory(std::size_t cap = 50) : m_cap(cap < 2 ? 2 : cap) {}
    void add(std::shared_ptr<const vae::LatentSnapshot> frame);
    void clear() { m_frames.clear(); }
    [[nodiscard]] std::size_t cap() const { return m_cap; }
    [[nodiscard]] const std::vector<std::shared_ptr<const vae::LatentSnapshot>>& frames() const
    {
        return m_frames;
    }

private:
    std::size_t m_cap;
    std::vector<std::shared_ptr<const vae::LatentSnapshot>> m_frames;
};

/// Explore ▸ Time-lapse (Ctrl+L): the test set's latent scatter at each epoch end of a run,
/// scrubbed with a slider, replayed at kFramesPerSecond and exported as a PNG sequence or an
/// animated GIF. Only snapshots with a whole-number epoch are kept (no step-0 or partial-epoch
/// frames), stripped of the training-set posterior. An opened model has one frame. While a past
/// frame is shown, live snapshots do not replace it (MainWindow::showPastLatent); the slider at
/// the end or "Live" follows training again.
class TimelapseTool final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelapseTool)

public:
    static constexpr int kFramesPerSecond = 4;
    static constexpr int kExportSize = 800;

    explicit TimelapseTool(MainWindow* window, std::size_t cap = 50);

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

    /// frame-001.png … into `directory`, kExportSize × kExportSize.
    bool exportPngSequence(const QString& directory);
    bool exportGif(const QString& path);

private:
    void onLatentUpdated();
    void updateControls();
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
};

} // namespace vae::gui
