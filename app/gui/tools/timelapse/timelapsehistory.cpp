#include "tools/timelapse/timelapsehistory.h"

namespace vae::gui {

void TimelapseHistory::halve()
{
    std::size_t kept = 0;
    for (std::size_t i = 0; i < m_frames.size(); i += 2)
        m_frames[kept++] = std::move(m_frames[i]);
    m_frames.resize(kept);
}

void TimelapseHistory::add(TimelapseFrame frame)
{
    if (m_frames.size() >= m_cap)
        halve();
    m_frames.push_back(std::move(frame));
}

void TimelapseHistory::setCap(std::size_t cap)
{
    m_cap = std::clamp(cap, kMinCap, kMaxCap);
    while (m_frames.size() > m_cap)
        halve();
}

} // namespace vae::gui
