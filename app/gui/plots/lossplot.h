#pragma once

#include <vae/config.h>
#include <vae/types.h>

#include <qcustomplot.h>

#include <QElapsedTimer>

#include <array>
#include <vector>

namespace vae::gui {

/// The three loss terms over training: every step as a thin smoothed line, every epoch's train and
/// test means as markers. x is the (fractional) epoch, y nats per image on a log scale, so the KL
/// term (a few nats) and the reconstruction term (hundreds) are both readable.
///
/// Every step's smoothed value is kept up to kMaxPoints points; beyond, adjacent points merge
/// pairwise (their means), so memory stays bounded however long the run. A step line draws at
/// most about one point per pixel column: the mean of the points falling in that column (prefix
/// sums make each mean O(1), so a replot costs the same with 10³ or 10⁶ steps). Adding steps
/// costs O(new steps) amortised. A history's older steps (vae::StepHistory::buckets()) come in
/// as one point per bucket, at its mean, unsmoothed.
///
/// Live setting changes (vae::SettingChange: β, learning rate, KL schedule) are marked by a
/// vertical line at the epoch where they took effect, labelled e.g. "β 1 → 0.5"; changes that
/// took effect at the same step share one line.
class LossPlot final : public QCustomPlot {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LossPlot)

public:
    enum Term { Reconstruction, Kl, NegativeElbo, TermCount };

    explicit LossPlot(QWidget* parent = nullptr);

    /// Removes all points; the x axis then spans `plannedEpochs`.
    void clear(int plannedEpochs);
    /// Points kept at most before adjacent pairs merge (~15 MB; far more than pixel columns).
    static constexpr std::size_t kMaxPoints = std::size_t(1) << 18;
    void addSteps(const std::vector<vae::StepRecord>& steps);
    /// Adds a history's records: its buckets (one point each, at the mean) then its recent steps.
    void addStepHistory(const vae::StepHistory& steps);
    void addEpochs(const std::vector<vae::EpochSummary>& epochs);
    /// Marks live changes (in step order, after those already added).
    void addChanges(const std::vector<vae::SettingChange>& changes);
    /// For an autoencoder only the reconstruction is drawn: it has no KL term and no ELBO.
    /// Kept until called again (clear() does not reset it).
    void setAutoencoder(bool autoencoder);
    [[nodiscard]] bool isAutoencoder() const { return m_autoencoder; }
    /// Names the likelihood whose −log p(x|z) the reconstruction term is, in its legend entry:
    /// "reconstruction (Gaussian)". Kept until called again (Bernoulli at first).
    void setLikelihood(vae::Likelihood likelihood);
    [[nodiscard]] vae::Likelihood likelihood() const { return m_likelihood; }
    /// One marker per step at which changes took effect: its vertical line and its label.
    struct ChangeMarker {
        std::int64_t step = 0;
        QCPItemStraightLine* line = nullptr; ///< at x = the change's epoch
        QCPItemText* label = nullptr;
    };
    [[nodiscard]] const std::vector<ChangeMarker>& changeMarkers() const { return m_markers; }
    /// The label text of one change, e.g. "β 1 → 0.5", "lr 0.002 → 0.001", "KL constant → linear
    /// 10".
    [[nodiscard]] static QString changeText(const vae::SettingChange& change);

    /// clear() and add a whole run (steps, epochs and changes), e.g. from a checkpoint.
    void setHistory(const vae::TrainingHistory& history, int plannedEpochs);

    /// Replots (queued) if points came since the last call; cheap when nothing did. Unless
    /// `force`, waits until minimumReplotInterval() has passed since the last replot (the points
    /// stay pending for the next call). Does nothing while hidden or minimised.
    void replotIfDirty(bool force = false);
    void setMinimumReplotInterval(int milliseconds) { m_minimumIntervalMs = milliseconds; }
    [[nodiscard]] int minimumReplotInterval() const { return m_minimumIntervalMs; }
    [[nodiscard]] bool isDirty() const { return m_dirty; }

    /// Points kept since the last clear(): the steps added, until more than kMaxPoints.
    [[nodiscard]] int stepCount() const { return static_cast<int>(m_keys.size()); }
    /// The smoothed value of step `index` (from 0) and its x (fractional epoch).
    [[nodiscard]] double stepValue(Term term, int index) const;
    [[nodiscard]] double stepKey(int index) const;

    /// The line drawn for a term's steps: every step while there are fewer steps than pixel
    /// columns, else one mean per column.
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
    void resizeEvent(QResizeEvent* event) override;

private:
    void fitXRange();
    void fitYRange();
    void decimateSteps();
    void addPoint(double key, const std::array<double, TermCount>& values);
    void compactSteps();
    [[nodiscard]] bool isOnScreen() const;

    // Per step: x, and per term the smoothed value and the prefix sum of smoothed values
    // (m_prefix[t][i] = sum of values 0 … i−1).
    std::vector<double> m_keys;
    std::array<std::vector<double>, TermCount> m_values;
    std::array<std::vector<double>, TermCount> m_prefix;

    std::array<QCPGraph*, TermCount> m_steps{};
    std::array<QCPGraph*, TermCount> m_train{};
    std::array<QCPGraph*, TermCount> m_test{};
    std::array<Smoother, TermCount> m_smoothers;
    std::vector<ChangeMarker> m_markers;
    bool m_autoencoder = false;
    vae::Likelihood m_likelihood = vae::Likelihood::Bernoulli;
    int m_plannedEpochs = 1;
    bool m_dirty = false;
    int m_minimumIntervalMs = 0;
    QElapsedTimer m_sinceReplot;
};

} // namespace vae::gui
