#include "tools/gradients/gradientpanel.h"

#include "tools/toolcontext.h"
#include "widgets/panelscroll.h"

#include <qcustomplot.h>

#include <QAction>
#include <QDockWidget>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
#include <limits>

namespace vae::gui {

namespace {

const QColor kReparamColour(31, 119, 180);
const QColor kScoreColour(214, 39, 40);
const QColor kBaselineColour(255, 127, 14);

QString number(double value, int digits = 3)
{
    return QLocale().toString(value, 'g', digits);
}

} // namespace

GradientPanel::GradientPanel(QWidget* parent) : QWidget(parent)
{
    auto* explanation = new QLabel(this);
    explanation->setWordWrap(true);
    explanation->setTextFormat(Qt::RichText);
    explanation->setText(
        tr("<p>Two ways to estimate the gradient of the ELBO = E<sub>q</sub>[log p(x|z)] − "
           "KL(q<sub>φ</sub>(z|x) ‖ p(z)) with respect to the encoder's parameters φ, each from "
           "one draw ε ~ N(0, I) per image (the KL term is exact in both):</p>"
           "<p><b>Reparameterization</b> (pathwise): z = μ<sub>φ</sub>(x) + σ<sub>φ</sub>(x) ⊙ ε, "
           "ĝ = ∇<sub>φ</sub> log p(x | μ<sub>φ</sub>(x) + σ<sub>φ</sub>(x) ⊙ ε): backpropagate "
           "through the decoder to z.<br>"
           "<b>Score function</b> (REINFORCE): ĝ = log p(x|z) · ∇<sub>φ</sub> log "
           "q<sub>φ</sub>(z|x), with z held fixed.</p>"
           "<p>Both average to the same gradient. The score function learns only how good z "
           "was — one number, log p(x|z), hundreds of nats below zero — and multiplies a noisy "
           "direction of zero mean by it. The reparameterization estimator uses the decoder's "
           "slope ∂log p/∂z: it knows which way to move z, and its noise comes only from where ε "
           "put z. A baseline b (the mean of log p(x|z) over the other draws) subtracted from "
           "log p(x|z) keeps the score function unbiased and removes part of its variance.</p>"
           "<p>Bars: the total variance (summed over φ's coordinates) of one draw's estimate, "
           "measured over M draws, log scale; whiskers ± one standard error.</p>"));

    m_plot = new QCustomPlot(this);
    m_plot->setMinimumHeight(200);
    // One series per estimator, so that each has its colour.
    const std::array<QColor, 3> colours = {kReparamColour, kScoreColour, kBaselineColour};
    for (std::size_t i = 0; i < m_bars.size(); ++i) {
        m_bars[i] = new QCPBars(m_plot->xAxis, m_plot->yAxis);
        m_bars[i]->setWidth(0.6);
        m_bars[i]->setPen(Qt::NoPen);
        m_bars[i]->setBrush(colours[i]);
        m_errors[i] = new QCPErrorBars(m_plot->xAxis, m_plot->yAxis);
        m_errors[i]->setDataPlottable(m_bars[i]);
        m_errors[i]->setPen(QPen(Qt::black));
    }
    m_plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
    QSharedPointer<QCPAxisTickerLog> logTicker(new QCPAxisTickerLog);
    m_plot->yAxis->setTicker(logTicker);
    m_plot->yAxis->setNumberFormat(QStringLiteral("eb"));
    m_plot->yAxis->setNumberPrecision(0);
    m_plot->yAxis->setLabel(tr("total variance of one draw's gradient"));
    QSharedPointer<QCPAxisTickerText> textTicker(new QCPAxisTickerText);
    textTicker->addTick(1, tr("reparameterization"));
    textTicker->addTick(2, tr("score function"));
    textTicker->addTick(3, tr("score fn. + baseline"));
    m_plot->xAxis->setTicker(textTicker);
    m_plot->xAxis->grid()->setVisible(false);
    m_plot->xAxis->setRange(0.4, 3.6);
    m_plot->yAxis->setRange(1, 10);

    m_ratio = new QLabel(this);
    m_ratio->setWordWrap(true);
    m_ratio->setTextFormat(Qt::RichText);
    m_details = new QLabel(this);
    m_details->setWordWrap(true);
    m_details->setForegroundRole(QPalette::PlaceholderText);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);

    m_images = new QSpinBox(this);
    m_images->setRange(kMinImages, kMaxImages);
    m_images->setValue(kDefaultImages);
    m_images->setKeyboardTracking(false);
    m_images->setToolTip(tr("The batch: the first n test images"));
    m_draws = new QSpinBox(this);
    m_draws->setRange(kMinDraws, kMaxDraws);
    m_draws->setValue(kDefaultDraws);
    m_draws->setSingleStep(50);
    m_draws->setKeyboardTracking(false);
    m_draws->setToolTip(tr("Single-sample gradient estimates per estimator: each costs a backward "
                           "pass through the encoder"));
    m_recompute = new QPushButton(tr("&Recompute"), this);
    m_recompute->setToolTip(tr("Compute again with the newest model"));
    auto* controls = new QHBoxLayout;
    auto* imagesLabel = new QLabel(tr("&Images n:"), this);
    imagesLabel->setBuddy(m_images);
    auto* drawsLabel = new QLabel(tr("D&raws M:"), this);
    drawsLabel->setBuddy(m_draws);
    controls->addWidget(imagesLabel);
    controls->addWidget(m_images);
    controls->addWidget(drawsLabel);
    controls->addWidget(m_draws);
    controls->addStretch(1);
    controls->addWidget(m_recompute);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_ratio);
    layout->addWidget(m_details);
    layout->addLayout(controls);
    layout->addWidget(m_status);

    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &GradientPanel::start);
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, &GradientPanel::onFinished);
    connect(m_recompute, &QPushButton::clicked, this, &GradientPanel::recompute);
    connect(m_images, &QSpinBox::valueChanged, this, &GradientPanel::recompute);
    connect(m_draws, &QSpinBox::valueChanged, this, &GradientPanel::recompute);
    clearChart(tr("Train or open a model to compare the estimators."));
}

GradientPanel::~GradientPanel()
{
    m_watcher.waitForFinished();
}

QString GradientPanel::formatFactor(double value, int digits)
{
    if (!(value >= 100) || !std::isfinite(value))
        return QLocale().toString(value, 'g', digits);
    // Whole numbers with group separators ("24,600"), rounded to `digits` significant digits.
    const double scale = std::pow(10.0, std::floor(std::log10(value)) - (digits - 1));
    return QLocale().toString(std::round(value / scale) * scale, 'f', 0);
}

int GradientPanel::imageCount() const
{
    return m_images->value();
}

int GradientPanel::drawCount() const
{
    return m_draws->value();
}

void GradientPanel::setModel(std::shared_ptr<const vae::InferenceModel> model)
{
    if (model == m_model)
        return;
    const bool first = !m_model;
    m_model = std::move(model);
    if (!m_model) {
        m_timer.stop();
        m_pending = false;
        clearChart(tr("Train or open a model to compare the estimators."));
        return;
    }
    if (first || !m_throttled)
        schedule(0);
    else
        scheduleThrottled();
}

void GradientPanel::setThrottled(bool throttled)
{
    if (throttled == m_throttled)
        return;
    m_throttled = throttled;
    if (!throttled && m_model && m_resultModel != m_model)
        recompute();
}

void GradientPanel::setTestImages(std::shared_ptr<const std::vector<float>> pixels, int count)
{
    m_pixels = std::move(pixels);
    m_pixelCount = m_pixels ? count : 0;
    schedule(0);
}

void GradientPanel::setActive(bool active)
{
    m_active = active;
    if (active && (m_stale || (m_model && m_resultModel != m_model)))
        schedule(0);
}

void GradientPanel::recompute()
{
    m_timer.stop();
    schedule(0);
}

void GradientPanel::scheduleThrottled()
{
    if (m_timer.isActive())
        return; // an earlier refresh stays due
    const double interval = std::max<double>(kMinModelIntervalMs, kDutyFactor * m_lastMs);
    const double elapsed = m_sinceStart.isValid() ? double(m_sinceStart.elapsed())
                                                  : std::numeric_limits<double>::infinity();
    schedule(static_cast<int>(std::max(0.0, interval - elapsed)));
}

void GradientPanel::schedule(int delayMs)
{
    if (!m_active || !m_model || !m_pixels) {
        m_stale = true;
        return;
    }
    if (m_timer.isActive() && m_timer.remainingTime() <= delayMs)
        return;
    m_timer.start(delayMs);
}

void GradientPanel::start()
{
    if (!m_active || !m_model || !m_pixels) {
        m_stale = true;
        return;
    }
    if (m_watcher.isRunning()) {
        m_pending = true;
        return;
    }
    Request request;
    request.model = m_model;
    request.pixels = m_pixels;
    request.n = std::min(imageCount(), m_pixelCount);
    request.draws = drawCount();
    m_stale = false;
    m_pending = false;
    m_sinceStart.start();
    m_status->setText(tr("Computing %1 draws per estimator…").arg(request.draws));
    m_watcher.setFuture(QtConcurrent::run(&GradientPanel::compute, request));
}

GradientPanel::Result GradientPanel::compute(const Request& request)
{
    QElapsedTimer timer;
    timer.start();
    Result result;
    result.request = request;
    try {
        vae::GradientEstimatorOptions options;
        options.draws = request.draws;
        options.seed = kSeed;
        result.comparison = vae::compareGradientEstimators(
            *request.model,
            std::span<const float>(request.pixels->data(),
                                   std::size_t(request.n) * std::size_t(request.model->pixelsPerImage())),
            request.n, options);
    } catch (const std::exception& e) {
        result.error = QString::fromStdString(e.what());
    }
    result.ms = double(timer.nsecsElapsed()) / 1e6;
    return result;
}

void GradientPanel::onFinished()
{
    const Result result = m_watcher.result();
    m_lastMs = result.ms;
    if (!result.error.isEmpty()) {
        m_lastError = tr("Cannot compare the gradient estimators: %1").arg(result.error);
        m_status->setText(m_lastError);
        emit failed(m_lastError);
    } else {
        show(result);
    }
    if (m_pending)
        start();
}

void GradientPanel::show(const Result& result)
{
    const vae::GradientComparison& c = result.comparison;
    m_result = c;
    m_resultModel = result.request.model;
    ++m_resultCount;

    const std::vector<const vae::GradientEstimate*> estimates = {
        &c.reparameterization, &c.scoreFunction, &c.scoreFunctionBaseline};
    double low = std::numeric_limits<double>::infinity();
    double high = 0;
    for (std::size_t i = 0; i < estimates.size(); ++i) {
        const vae::GradientEstimate& e = *estimates[i];
        m_bars[i]->data()->clear();
        m_errors[i]->data()->clear();
        if (e.name.empty() || !(e.totalVariance > 0))
            continue;
        m_bars[i]->addData(double(i + 1), e.totalVariance);
        m_errors[i]->addData(e.totalVarianceStandardError);
        low = std::min(low, e.totalVariance);
        high = std::max(high, e.totalVariance + e.totalVarianceStandardError);
    }
    // Log axis: the bars rise from its lower edge, at least a decade below the smallest.
    if (high > 0) {
        m_plot->yAxis->setRange(std::pow(10.0, std::floor(std::log10(low)) - 1),
                                std::pow(10.0, std::log10(high) + 0.5));
        for (QCPBars* bars : m_bars)
            bars->setBaseValue(m_plot->yAxis->range().lower);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);

    QString ratio =
        tr("Score function / reparameterization variance: <b>%1×</b> (± %2)")
            .arg(formatFactor(c.varianceRatio), formatFactor(c.varianceRatioStandardError, 2));
    if (!c.scoreFunctionBaseline.name.empty() && c.reparameterization.totalVariance > 0)
        ratio +=
            QStringLiteral("<br>") + tr("with the baseline: %1×")
                                         .arg(formatFactor(c.scoreFunctionBaseline.totalVariance /
                                                           c.reparameterization.totalVariance));
    m_ratio->setText(ratio);
    m_details->setText(
        tr("Variance: reparameterization %1 ± %2, score function %3 ± %4. ‖mean gradient‖: %5 "
           "and %6 (± %7 and %8). n = %9 test images, M = %10 draws, %11 encoder parameters, "
           "step %12, ELBO %13 nats per image; computed in %14 s.")
            .arg(number(c.reparameterization.totalVariance),
                 number(c.reparameterization.totalVarianceStandardError, 2),
                 number(c.scoreFunction.totalVariance),
                 number(c.scoreFunction.totalVarianceStandardError, 2),
                 number(c.reparameterization.meanNorm), number(c.scoreFunction.meanNorm),
                 number(c.reparameterization.meanStandardError, 2),
                 number(c.scoreFunction.meanStandardError, 2), QLocale().toString(c.count))
            .arg(QLocale().toString(c.draws), QLocale().toString(qlonglong(c.parameterCount)),
                 QLocale().toString(qlonglong(c.step)), QLocale().toString(c.elbo, 'f', 1),
                 QLocale().toString(result.ms / 1000.0, 'f', 1)));
    m_status->setText(tr("Computed in %1 ms.").arg(QLocale().toString(result.ms, 'f', 0)));
    emit resultShown();
}

void GradientPanel::clearChart(const QString& message)
{
    for (std::size_t i = 0; i < m_bars.size(); ++i) {
        m_bars[i]->data()->clear();
        m_errors[i]->data()->clear();
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    m_ratio->clear();
    m_details->clear();
    m_status->setText(message);
    m_resultModel.reset();
}

} // namespace vae::gui
