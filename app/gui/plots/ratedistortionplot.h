#pragma once

#include "plots/ratedistortiontrace.h"

#include <vae/types.h>

#include <qcustomplot.h>

#include <QColor>
#include <QElapsedTimer>
#include <QString>

#include <span>
#include <vector>

namespace vae::gui {

/// The rate–distortion plane: x = rate KL(q‖p(z)), y = distortion (reconstruction), both in nats
/// per image; one smoothed curve per model (RateDistortionTrace), each epoch's test values as
/// hollow markers, the newest position as a filled dot. Faint diagonals mark constant
/// −ELBO = D + R: moving along one trades rate for distortion at no cost in the bound.
///
/// The view fits the data except the first tenth of each run (the untrained model's ~540 nats of
/// distortion would flatten everything after it), while the user has not zoomed or panned;
/// a double click fits again. Redraws happen in replotIfDirty(), at most every
/// kMinReplotIntervalMs.
class RateDistortionPlot final : public QCustomPlot {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RateDistortionPlot)

public:
    static constexpr int kMinReplotIntervalMs = 150;

    explicit RateDistortionPlot(QWidget* parent = nullptr);

    /// Adds a curve and returns its index.
    int addCurve(const QString& name, const QColor& color,
                 int stepsPerPoint = RateDistortionTrace::kDefaultStepsPerPoint);
    /// Removes every curve.
    void clearCurves();
    /// Empties one curve (a new run), keeping its name and colour.
    void resetCurve(int index);
    void setCurveName(int index, const QString& name);
    [[nodiscard]] int curveCount() const { return static_cast<int>(m_curves.size()); }
    [[nodiscard]] const RateDistortionTrace& trace(int index) const;

    void addSteps(int index, std::span<const vae::StepRecord> steps);
    void addEpochs(int index, std::span<const vae::EpochSummary> epochs);
    /// Replaces a curve's data with a whole history (an opened model).
    void setHistory(int index, const vae::TrainingHistory& history);

    /// Redraws if data came since the last redraw (`force`: also within kMinReplotIntervalMs).
    void replotIfDirty(bool force = false);
    /// Fits the axes to the data and follows it from now on.
    void resetView();
    /// The −ELBO values of the diagonals drawn now.
    [[nodiscard]] const std::vector<double>& isoElboLevels() const { return m_isoLevels; }

protected:
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    struct Curve {
        RateDistortionTrace trace;
        QCPCurve* line = nullptr;
        QCPGraph* epochs = nullptr;
        QCPGraph* head = nullptr;
    };
    void updateCurve(Curve& curve);
    void fitToData();
    void updateIsoLines();

    std::vector<Curve> m_curves;
    std::vector<QCPItemStraightLine*> m_isoLines;
    std::vector<QCPItemText*> m_isoLabels;
    std::vector<double> m_isoLevels;
    bool m_dirty = false;
    bool m_followData = true;
    QElapsedTimer m_sinceReplot;
};

/// The student's explanation of the plane, rich text, for the dock and the comparison window.
[[nodiscard]] QString rateDistortionExplanation();

} // namespace vae::gui
