#pragma once

#include <vae/types.h>

#include <QPointF>

#include <optional>
#include <span>
#include <vector>

namespace vae::gui {

/// A training run's path in the rate–distortion plane, smoothed: one point per block of
/// `stepsPerPoint` consecutive optimizer steps, at the block's mean (KL, reconstruction).
///
/// Rate R = KL(q_φ(z|x) ‖ p(z)) and distortion D = −E_q[log p_θ(x|z)], both in nats per image, so
/// that ELBO = −(D + R) (Alemi et al. 2018, "Fixing a Broken ELBO", section 2). A value: no Qt
/// widgets, so tests can check its arithmetic.
class RateDistortionTrace {
public:
    static constexpr int kDefaultStepsPerPoint = 25;

    explicit RateDistortionTrace(int stepsPerPoint = kDefaultStepsPerPoint);

    /// Adds steps in training order; completes a point every stepsPerPoint steps.
    void addSteps(std::span<const vae::StepRecord> steps);
    /// Adds end-of-epoch test values (one marker each).
    void addEpochs(std::span<const vae::EpochSummary> epochs);
    void clear();

    [[nodiscard]] int stepsPerPoint() const { return m_stepsPerPoint; }
    /// Completed points: x = mean KL (rate), y = mean reconstruction (distortion), in nats.
    [[nodiscard]] const std::vector<QPointF>& points() const { return m_points; }
    /// The mean of the steps after the last completed point, if any: the run's newest position.
    [[nodiscard]] std::optional<QPointF> partial() const;
    /// Each finished epoch's test-set (KL, reconstruction).
    [[nodiscard]] const std::vector<QPointF>& epochPoints() const { return m_epochPoints; }
    [[nodiscard]] std::int64_t stepCount() const { return m_steps; }

private:
    int m_stepsPerPoint;
    std::vector<QPointF> m_points;
    std::vector<QPointF> m_epochPoints;
    double m_sumKl = 0;
    double m_sumReconstruction = 0;
    int m_inBlock = 0;
    std::int64_t m_steps = 0;
};

} // namespace vae::gui
