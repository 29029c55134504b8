#pragma once

#include <vae/gradient_estimators.h>
#include <vae/inference.h>

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QWidget>

#include <array>
#include <memory>
#include <vector>

class QCPBars;
class QCPErrorBars;
class QCustomPlot;
class QDockWidget;
class QLabel;
class QPushButton;
class QSpinBox;

namespace vae::gui {

class ToolContext;

/// Explore ▸ Gradient Estimators: the variance of the reparameterization and the score-function
/// (REINFORCE) estimators of ∇_φ ELBO for a batch of test images, on a log-scale bar chart with
/// their ratio (vae::compareGradientEstimators).
///
/// The batch is the first n test images; each refresh draws M single-sample estimates per
/// estimator with a fixed seed (kSeed), so a model always gives the same figures. A refresh costs
/// 2·M·n decoder passes and the encoder's Jacobian (about a second for the default model, n = 64,
/// M = 200, on two busy cores), so it runs on QtConcurrent's pool: one job at a time, the newest
/// request wins (a request made while a job runs starts when it ends, with the model of that
/// moment). While training it follows the model at most every kMinModelIntervalMs, and at most once
/// per kDutyFactor × the last refresh's time, so it takes at most ~1/kDutyFactor of a core from
/// training. Nothing is computed while the dock is hidden; it catches up when shown.
class GradientPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GradientPanel)

public:
    static constexpr int kDefaultImages = 64;
    static constexpr int kMinImages = 1;
    static constexpr int kMaxImages = 1000;
    static constexpr int kDefaultDraws = 200;
    static constexpr int kMinDraws = 20; ///< the variance's standard error needs ≥ 20 (10 groups)
    static constexpr int kMaxDraws = 5000;
    static constexpr std::uint64_t kSeed = 1;
    static constexpr int kMinModelIntervalMs = 3000;
    static constexpr int kDutyFactor = 5;

    explicit GradientPanel(QWidget* parent = nullptr);
    ~GradientPanel() override;
    [[nodiscard]] QSize sizeHint() const override { return {460, 560}; }

    /// The model and the test images (first n used) to compute with; either null clears.
    void setModel(std::shared_ptr<const vae::InferenceModel> model);
    void setTestImages(std::shared_ptr<const std::vector<float>> pixels, int count);
    /// Whether the panel is on screen: refreshes only run while it is.
    void setActive(bool active);
    /// While training (throttled), a new model is taken at most every kMinModelIntervalMs and
    /// kDutyFactor × the last refresh's time; otherwise at once.
    void setThrottled(bool throttled);

    /// Recomputes now (or as soon as the running job ends), whatever the throttle says.
    void recompute();

    /// A factor as the ratio label writes it: `digits` significant digits, whole numbers with
    /// group separators from 100 up ("24,600"), else QLocale's 'g' format.
    [[nodiscard]] static QString formatFactor(double value, int digits = 3);

    [[nodiscard]] int imageCount() const;
    [[nodiscard]] int drawCount() const;
    [[nodiscard]] QSpinBox* imagesBox() const { return m_images; }
    [[nodiscard]] QSpinBox* drawsBox() const { return m_draws; }
    [[nodiscard]] QPushButton* recomputeButton() const { return m_recompute; }
    [[nodiscard]] QCustomPlot* plot() const { return m_plot; }
    /// The bar of estimator i at key i + 1: 0 reparameterization, 1 score function, 2 score
    /// function + baseline (one data point each, the total variance; empty before a result).
    [[nodiscard]] QCPBars* bars(int i) const { return m_bars.at(std::size_t(i)); }
    [[nodiscard]] QLabel* ratioLabel() const { return m_ratio; }
    [[nodiscard]] QLabel* detailsLabel() const { return m_details; }

    /// The comparison shown now, the model and batch size it was computed for (null/0 before the
    /// first result).
    [[nodiscard]] const vae::GradientComparison& result() const { return m_result; }
    [[nodiscard]] const std::shared_ptr<const vae::InferenceModel>& resultModel() const
    {
        return m_resultModel;
    }
    [[nodiscard]] bool hasResult() const { return m_resultModel != nullptr; }
    /// Results shown so far, and the worker time of the last one in milliseconds.
    [[nodiscard]] int resultCount() const { return m_resultCount; }
    [[nodiscard]] double lastMs() const { return m_lastMs; }
    [[nodiscard]] const QString& lastError() const { return m_lastError; }

signals:
    /// A new comparison is shown.
    void resultShown();
    void failed(const QString& message);

private:
    struct Request {
        std::shared_ptr<const vae::InferenceModel> model;
        std::shared_ptr<const std::vector<float>> pixels;
        int n = 0;
        int draws = 0;
    };
    struct Result {
        Request request;
        vae::GradientComparison comparison;
        QString error;
        double ms = 0;
    };

    void scheduleThrottled();
    void schedule(int delayMs);
    void start();
    void onFinished();
    void show(const Result& result);
    void clearChart(const QString& message);
    [[nodiscard]] static Result compute(const Request& request);

    std::shared_ptr<const vae::InferenceModel> m_model;
    std::shared_ptr<const std::vector<float>> m_pixels;
    int m_pixelCount = 0;
    bool m_active = false;
    bool m_throttled = false;
    bool m_pending = false;
    bool m_stale = true;

    QFutureWatcher<Result> m_watcher;
    QTimer m_timer;
    QElapsedTimer m_sinceStart;
    double m_lastMs = 0;
    int m_resultCount = 0;
    QString m_lastError;
    vae::GradientComparison m_result;
    std::shared_ptr<const vae::InferenceModel> m_resultModel;

    QCustomPlot* m_plot = nullptr;
    std::array<QCPBars*, 3> m_bars{};
    std::array<QCPErrorBars*, 3> m_errors{};
    QLabel* m_ratio = nullptr;
    QLabel* m_details = nullptr;
    QLabel* m_status = nullptr;
    QSpinBox* m_images = nullptr;
    QSpinBox* m_draws = nullptr;
    QPushButton* m_recompute = nullptr;
};


} // namespace vae::gui
