#pragma once

#include <vae/types.h>

#include <qcustomplot.h>

#include <QColor>
#include <QElapsedTimer>
#include <QObject>
#include <QPointF>
#include <QString>

#include <optional>
#include <span>
#include <vector>

class QDockWidget;
class QLabel;

namespace vae::gui {

class MainWindow;

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

/// Explore ▸ Rate–Distortion (Ctrl+Shift+R): a dock with the main window's run in the
/// rate–distortion plane, traced live from the step records, with a short explanation.
class RateDistortionTool final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RateDistortionTool)

public:
    explicit RateDistortionTool(MainWindow* window);

    [[nodiscard]] RateDistortionPlot* plot() const { return m_plot; }
    [[nodiscard]] QDockWidget* dock() const { return m_dock; }
    [[nodiscard]] QAction* panelAction() const;

private:
    void onTrainingStateChanged();
    void reloadHistory();

    MainWindow* m_window;
    const void* m_trainer = nullptr; ///< the run the curve shows (identity only)
    QDockWidget* m_dock = nullptr;
    RateDistortionPlot* m_plot = nullptr;
};

/// The student's explanation of the plane, rich text, for the dock and the comparison window.
[[nodiscard]] QString rateDistortionExplanation();

} // namespace vae::gui
