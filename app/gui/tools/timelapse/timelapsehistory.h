#pragma once

#include "widgets/tilegrid.h"

#include <vae/types.h>

#include <QImage>

#include <cstddef>
#include <memory>
#include <vector>

namespace vae::gui {
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

} // namespace vae::gui
