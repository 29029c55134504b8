#include "plots/ratedistortiontrace.h"

namespace vae::gui {

RateDistortionTrace::RateDistortionTrace(int stepsPerPoint) : m_stepsPerPoint(stepsPerPoint)
{
    if (stepsPerPoint < 1)
        throw std::invalid_argument("steps per point must be at least 1");
}

void RateDistortionTrace::addSteps(std::span<const vae::StepRecord> steps)
{
    for (const vae::StepRecord& step : steps) {
        m_sumKl += step.loss.kl;
        m_sumReconstruction += step.loss.reconstruction;
        ++m_inBlock;
        ++m_steps;
        if (m_inBlock == m_stepsPerPoint) {
            m_points.emplace_back(m_sumKl / m_inBlock, m_sumReconstruction / m_inBlock);
            m_sumKl = 0;
            m_sumReconstruction = 0;
            m_inBlock = 0;
        }
    }
}

void RateDistortionTrace::addEpochs(std::span<const vae::EpochSummary> epochs)
{
    for (const vae::EpochSummary& epoch : epochs)
        m_epochPoints.emplace_back(epoch.test.kl, epoch.test.reconstruction);
}

void RateDistortionTrace::clear()
{
    *this = RateDistortionTrace(m_stepsPerPoint);
}

std::optional<QPointF> RateDistortionTrace::partial() const
{
    if (m_inBlock == 0)
        return std::nullopt;
    return QPointF(m_sumKl / m_inBlock, m_sumReconstruction / m_inBlock);
}

} // namespace vae::gui
