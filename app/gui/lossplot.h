#pragma once

#include <vae/types.h>

#include <qcustomplot.h>

#include <array>
#include <vector>

namespace vae::gui {

/// The three loss terms over training: every step as a thin smoothed line, every epoch's train and
/// test means as markers. x is the (fractional) epoch, y nats per image on a log scale, so the KL
/// term (a few nats) and the reconstruction term (hundreds) are both readable.
class LossPlot final : public QCustomPlot {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LossPlot)

public:
    enum Term { Reconstruction, Kl, NegativeElbo, TermCount };

    explicit LossPlot(QWidget* parent = nullptr);

    /// Removes all points; the x axis then spans `plannedEpochs`.
    void clear(int plannedEpochs);
    void addSteps(const std::vector<vae::StepRecord>& steps);
    void addEpochs(const std::vector<vae::EpochSummary>& epochs);
    /// clear() and add a whole run, e.g. from a checkpoint.
    void setHistory(const vae::TrainingHistory& history, int plannedEpochs);

    /// Replots (queued) if points came since the last call; cheap when nothing did.
    void replotIfDirty();

    [[nodiscard]] QCPGraph* stepGraph(Term term) const { return m_steps[term]; }
    [[nodiscard]] QCPGraph* trainGraph(Term term) const { return m_train[term]; }
    [[nodiscard]] QCPGraph* testGraph(Term term) const { return m_test[term]; }

    /// Debiased exponential moving average (as TensorBoard's smoothing), so the line starts at
    /// the first value instead of creeping up from 0.
    class Smoother final {
    public:
        explicit Smoother(double decay) : m_decay(decay) {}
        double add(double value);
        void reset();

    private:
        double m_decay;
        double m_average = 0;
        double m_weight = 0;
    };

protected:
    void showEvent(QShowEvent* event) override;

private:
    void fitRanges();

    std::array<QCPGraph*, TermCount> m_steps{};
    std::array<QCPGraph*, TermCount> m_train{};
    std::array<QCPGraph*, TermCount> m_test{};
    std::array<Smoother, TermCount> m_smoothers;
    int m_plannedEpochs = 1;
    bool m_dirty = false;
};

} // namespace vae::gui
