#include "plots/ratedistortionplot.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace vae::gui {

namespace {

// The first tenth of a run is left out of the fit: the untrained decoder's ~540 nats of
// distortion would squeeze the rest of the path into a few pixels.
constexpr double kSkipFraction = 0.1;
constexpr double kMargin = 0.08;
// How many constant −ELBO diagonals the view shows, roughly.
constexpr int kIsoLines = 6;
constexpr double kHeadSize = 10;
constexpr double kEpochMarkerSize = 8;
constexpr double kCurveWidth = 2.0;

/// 1, 2 or 5 times a power of ten, at least `raw`.
double niceStep(double raw)
{
    if (!(raw > 0))
        return 1;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * power >= raw)
            return m * power;
    }
    return 10 * power;
}

} // namespace

RateDistortionPlot::RateDistortionPlot(QWidget* parent) : QCustomPlot(parent)
{
    xAxis->setLabel(tr("rate R = KL(q(z|x) ‖ p(z))  [nats]"));
    yAxis->setLabel(tr("distortion D = −E[log p(x|z)]  [nats]"));
    xAxis->setRange(0, 10);
    yAxis->setRange(100, 250);
    // The legend goes under the plot: the curves of any run can pass through every corner.
    legend->setVisible(true);
    legend->setBrush(Qt::NoBrush);
    legend->setBorderPen(Qt::NoPen);
    auto* legendRow = new QCPLayoutGrid;
    plotLayout()->addElement(1, 0, legendRow);
    legendRow->addElement(0, 0, legend);
    legendRow->setMargins(QMargins(0, 0, 0, 4));
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setWrap(2);
    plotLayout()->setRowStretchFactor(1, 0.001);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    axisRect()->setRangeDrag(Qt::Horizontal | Qt::Vertical);
    axisRect()->setRangeZoom(Qt::Horizontal | Qt::Vertical);
    setToolTip(tr("Drag to pan · wheel to zoom · double-click to fit"));
    // The diagonals follow the view, whoever moves it.
    connect(xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            [this] { updateIsoLines(); });
    connect(yAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            [this] { updateIsoLines(); });
    updateIsoLines();
}

int RateDistortionPlot::addCurve(const QString& name, const QColor& color, int stepsPerPoint)
{
    Curve curve{RateDistortionTrace(stepsPerPoint), nullptr, nullptr, nullptr};
    curve.line = new QCPCurve(xAxis, yAxis);
    curve.line->setName(name);
    curve.line->setPen(QPen(color, kCurveWidth));
    curve.line->setScatterStyle(QCPScatterStyle::ssNone);
    curve.epochs = addGraph();
    curve.epochs->removeFromLegend();
    curve.epochs->setLineStyle(QCPGraph::lsNone);
    curve.epochs->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(color, 1.5),
                                                  QBrush(Qt::white), kEpochMarkerSize));
    curve.head = addGraph();
    curve.head->removeFromLegend();
    curve.head->setLineStyle(QCPGraph::lsNone);
    curve.head->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDisc, QPen(color.darker(130)), color, kHeadSize));
    m_curves.push_back(std::move(curve));
    m_dirty = true;
    return curveCount() - 1;
}

void RateDistortionPlot::clearCurves()
{
    for (Curve& curve : m_curves) {
        removePlottable(curve.line);
        removeGraph(curve.epochs);
        removeGraph(curve.head);
    }
    m_curves.clear();
    m_followData = true;
    m_dirty = true;
}

const RateDistortionTrace& RateDistortionPlot::trace(int index) const
{
    return m_curves.at(static_cast<std::size_t>(index)).trace;
}

void RateDistortionPlot::setCurveName(int index, const QString& name)
{
    m_curves.at(static_cast<std::size_t>(index)).line->setName(name);
    m_dirty = true;
}

void RateDistortionPlot::resetCurve(int index)
{
    Curve& curve = m_curves.at(static_cast<std::size_t>(index));
    curve.trace.clear();
    updateCurve(curve);
    m_followData = true;
    m_dirty = true;
}

void RateDistortionPlot::addSteps(int index, std::span<const vae::StepRecord> steps)
{
    if (steps.empty())
        return;
    m_curves.at(static_cast<std::size_t>(index)).trace.addSteps(steps);
    m_dirty = true;
}

void RateDistortionPlot::addEpochs(int index, std::span<const vae::EpochSummary> epochs)
{
    if (epochs.empty())
        return;
    m_curves.at(static_cast<std::size_t>(index)).trace.addEpochs(epochs);
    m_dirty = true;
}

void RateDistortionPlot::setHistory(int index, const vae::TrainingHistory& history)
{
    Curve& curve = m_curves.at(static_cast<std::size_t>(index));
    curve.trace.clear();
    // Older steps come as buckets of equal width: each counts as one step at its mean.
    std::vector<vae::StepRecord> steps;
    steps.reserve(history.steps.buckets().size() + history.steps.size());
    for (const vae::StepBucket& b : history.steps.buckets())
        steps.push_back({b.lastStep, b.lastEpoch, b.mean, b.meanBeta, b.meanLearningRate});
    steps.insert(steps.end(), history.steps.begin(), history.steps.end());
    curve.trace.addSteps(steps);
    curve.trace.addEpochs(history.epochs);
    m_followData = true;
    m_dirty = true;
}

void RateDistortionPlot::updateCurve(Curve& curve)
{
    const RateDistortionTrace& trace = curve.trace;
    QVector<double> t;
    QVector<double> x;
    QVector<double> y;
    const std::size_t n = trace.points().size();
    t.reserve(static_cast<qsizetype>(n + 1));
    x.reserve(static_cast<qsizetype>(n + 1));
    y.reserve(static_cast<qsizetype>(n + 1));
    for (std::size_t i = 0; i < n; ++i) {
        t.push_back(double(i));
        x.push_back(trace.points()[i].x());
        y.push_back(trace.points()[i].y());
    }
    const std::optional<QPointF> partial = trace.partial();
    if (partial) {
        t.push_back(double(n));
        x.push_back(partial->x());
        y.push_back(partial->y());
    }
    curve.line->setData(t, x, y, /*alreadySorted=*/true);
    curve.head->data()->clear();
    if (!x.isEmpty())
        curve.head->addData(x.back(), y.back());
    QVector<double> ex;
    QVector<double> ey;
    for (const QPointF& p : trace.epochPoints()) {
        ex.push_back(p.x());
        ey.push_back(p.y());
    }
    curve.epochs->setData(ex, ey);
}

void RateDistortionPlot::fitToData()
{
    double x0 = 0; // rate starts at 0: an autoencoder (no KL) sits on the left edge
    double x1 = -1;
    double y0 = std::numeric_limits<double>::infinity();
    double y1 = -std::numeric_limits<double>::infinity();
    const auto take = [&](const QPointF& p) {
        x1 = std::max(x1, p.x());
        y0 = std::min(y0, p.y());
        y1 = std::max(y1, p.y());
    };
    for (const Curve& curve : m_curves) {
        const std::vector<QPointF>& points = curve.trace.points();
        const auto skip = static_cast<std::size_t>(kSkipFraction * double(points.size()) + 0.999);
        for (std::size_t i = std::min(skip, points.size() > 1 ? points.size() - 1 : 0);
             i < points.size(); ++i)
            take(points[i]);
        if (const std::optional<QPointF> partial = curve.trace.partial())
            take(*partial);
        for (const QPointF& p : curve.trace.epochPoints())
            take(p);
    }
    if (!(y1 >= y0))
        return; // no data yet
    x1 = std::max(x1, 1.0);
    const double spanY = std::max(y1 - y0, 5.0);
    xAxis->setRange(std::min(x0, 0.0) - 0.03 * x1, x1 * (1 + kMargin));
    yAxis->setRange(y0 - kMargin * spanY, y1 + kMargin * spanY);
}

void RateDistortionPlot::updateIsoLines()
{
    const QCPRange xr = xAxis->range();
    const QCPRange yr = yAxis->range();
    const double lo = xr.lower + yr.lower;
    const double hi = xr.upper + yr.upper;
    const double step = niceStep((hi - lo) / kIsoLines);
    std::vector<double> levels;
    for (double c = std::ceil(lo / step) * step; c < hi && levels.size() < 4 * kIsoLines; c += step)
        levels.push_back(c);
    while (m_isoLines.size() < levels.size()) {
        auto* line = new QCPItemStraightLine(this);
        line->setPen(QPen(QColor(0, 0, 0, 45), 1, Qt::DashLine));
        line->setSelectable(false);
        line->setLayer(QStringLiteral("grid"));
        auto* label = new QCPItemText(this);
        label->setColor(QColor(0, 0, 0, 110));
        label->setSelectable(false);
        label->setLayer(QStringLiteral("grid"));
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        m_isoLines.push_back(line);
        m_isoLabels.push_back(label);
    }
    for (std::size_t i = 0; i < m_isoLines.size(); ++i) {
        const bool used = i < levels.size();
        m_isoLines[i]->setVisible(used);
        m_isoLabels[i]->setVisible(used);
        if (!used)
            continue;
        const double c = levels[i];
        // D + R = c: through (0, c) with slope −1.
        m_isoLines[i]->point1->setCoords(0, c);
        m_isoLines[i]->point2->setCoords(1, c - 1);
        // The label where the line enters the view through its left edge; lines entering
        // through the top stay unlabelled (their neighbours say what they are).
        const double leftY = c - xr.lower;
        m_isoLabels[i]->setVisible(leftY <= yr.upper - 0.06 * yr.size());
        m_isoLabels[i]->position->setCoords(xr.lower + 0.03 * xr.size(), leftY - 0.03 * xr.size());
        m_isoLabels[i]->setText(tr("−ELBO = %1").arg(QLocale().toString(c, 'g', 4)));
    }
    m_isoLevels = std::move(levels);
}

void RateDistortionPlot::replotIfDirty(bool force)
{
    if (!m_dirty || !isVisible() || window()->isMinimized())
        return;
    if (!force && m_sinceReplot.isValid() && m_sinceReplot.elapsed() < kMinReplotIntervalMs)
        return;
    for (Curve& curve : m_curves)
        updateCurve(curve);
    if (m_followData)
        fitToData();
    updateIsoLines();
    m_dirty = false;
    m_sinceReplot.start();
    replot(QCustomPlot::rpQueuedReplot);
}

void RateDistortionPlot::resetView()
{
    m_followData = true;
    m_dirty = true;
    replotIfDirty(true);
}

void RateDistortionPlot::mouseDoubleClickEvent(QMouseEvent* event)
{
    resetView();
    event->accept();
}

void RateDistortionPlot::wheelEvent(QWheelEvent* event)
{
    QCustomPlot::wheelEvent(event);
    m_followData = false;
}

void RateDistortionPlot::mouseMoveEvent(QMouseEvent* event)
{
    QCustomPlot::mouseMoveEvent(event);
    if (event->buttons() & Qt::LeftButton)
        m_followData = false;
}

QString rateDistortionExplanation()
{
    return RateDistortionPlot::
        tr("<b>Rate–distortion plane.</b> Distortion <nobr>D = −&#8288;E<sub>q</sub>[log "
           "p(x|&#8288;z)]</nobr> "
           "is what the "
           "reconstructions lose; rate <nobr>R = KL(q(z|&#8288;x) ‖ p(z))</nobr> is how much "
           "information "
           "the code z "
           "carries about x, in nats. <b><nobr>ELBO = −&#8288;(D + R)</nobr></b>: the dashed "
           "diagonals "
           "are lines of "
           "constant −ELBO, lower-left is better. Training moves down (better reconstructions) and "
           "usually right (more information in z). β weighs the rate: the objective is D + β·R, so "
           "β &gt; 1 settles further left and higher (less rate, more distortion), β &lt; 1 "
           "further "
           "right. An autoencoder has no KL term: it sits at rate 0 by definition. Points: mean of "
           "each %1 steps; circles: test set after each epoch.")
            .arg(RateDistortionTrace::kDefaultStepsPerPoint);
}

} // namespace vae::gui
