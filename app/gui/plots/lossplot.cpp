#include "plots/lossplot.h"

#include "session/likelihoodtext.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace vae::gui {

namespace {

// ~20 steps of memory: smooths batch noise without lagging the fast first epoch much.
constexpr double kSmoothingDecay = 0.95;
// The y range ignores the first 1/20 of the step points (see fitYRange()).
constexpr int kTransientDivisor = 20;

QColor termColor(LossPlot::Term term)
{
    switch (term) {
    case LossPlot::Reconstruction:
        return QColor(0x1f, 0x77, 0xb4);
    case LossPlot::Kl:
        return QColor(0xd6, 0x27, 0x28);
    default:
        return QColor(0x33, 0x33, 0x33);
    }
}

double termValue(const vae::LossTerms& loss, LossPlot::Term term)
{
    switch (term) {
    case LossPlot::Reconstruction:
        return loss.reconstruction;
    case LossPlot::Kl:
        return loss.kl;
    default:
        return -loss.elbo;
    }
}

/// Log-axis ticks at 1, 2, 5 × 10^k (plain numbers, not 10^k) when the range spans only a few
/// decades, as a loss plot usually does; QCPAxisTickerLog would label only 10 and 100 there.
class LogTicker final : public QCPAxisTicker {
public:
    void generate(const QCPRange& range, const QLocale& locale, QChar formatChar, int precision,
                  QVector<double>& ticks, QVector<double>* subTicks,
                  QVector<QString>* tickLabels) override
    {
        // Within a factor of 3 (e.g. an autoencoder's reconstruction alone, 170 to 210 nats)
        // 1-2-5 ticks would leave one label or none: use evenly spaced ones instead.
        if (range.lower > 0 && range.upper < 3 * range.lower) {
            QCPAxisTicker::generate(range, locale, formatChar, precision, ticks, subTicks,
                                    tickLabels);
            return;
        }
        ticks.clear();
        if (subTicks)
            subTicks->clear();
        if (tickLabels)
            tickLabels->clear();
        if (!(range.lower > 0) || !(range.upper > range.lower))
            return;
        const int first = static_cast<int>(std::floor(std::log10(range.lower)));
        const int last = static_cast<int>(std::ceil(std::log10(range.upper)));
        const bool dense = last - first <= 3;
        for (int exponent = first; exponent <= last; ++exponent) {
            const double decade = std::pow(10.0, exponent);
            for (int mantissa = 1; mantissa <= 9; ++mantissa) {
                const double value = mantissa * decade;
                if (value < range.lower || value > range.upper)
                    continue;
                const bool major = mantissa == 1 || (dense && (mantissa == 2 || mantissa == 5));
                if (major) {
                    ticks.push_back(value);
                    if (tickLabels)
                        tickLabels->push_back(locale.toString(value, 'g', 6));
                } else if (subTicks) {
                    subTicks->push_back(value);
                }
            }
        }
    }
};

} // namespace

double LossPlot::Smoother::add(double value)
{
    m_average = m_decay * m_average + (1.0 - m_decay) * value;
    m_weight = m_decay * m_weight + (1.0 - m_decay);
    return m_average / m_weight;
}

void LossPlot::Smoother::reset()
{
    m_average = 0;
    m_weight = 0;
}

LossPlot::LossPlot(QWidget* parent)
    : QCustomPlot(parent), m_smoothers{Smoother(kSmoothingDecay), Smoother(kSmoothingDecay),
                                       Smoother(kSmoothingDecay)}
{
    const std::array<QString, TermCount> names{QString(), tr("KL"), tr("−ELBO")};
    for (int t = 0; t < TermCount; ++t) {
        const QColor color = termColor(Term(t));
        m_steps[t] = addGraph();
        m_steps[t]->setName(names[t]);
        QPen line(color);
        // One pixel: Qt's raster engine has a fast path for 1-pixel lines only. A 1.6-pixel
        // antialiased line through ~800 points took ~5 ms per line to stroke, 0.2 ms at 1 pixel.
        line.setWidthF(1.0);
        // −ELBO = reconstruction + KL lies a few nats above the reconstruction line; dashes
        // let the reconstruction line show through where the two nearly coincide.
        if (t == NegativeElbo)
            line.setStyle(Qt::DashLine);
        m_steps[t]->setPen(line);
        // decimateSteps() already gives at most ~one point per pixel column.
        m_steps[t]->setAdaptiveSampling(false);

        m_train[t] = addGraph();
        m_train[t]->setName(names[t] + tr(" (train, epoch mean)"));
        m_train[t]->setLineStyle(QCPGraph::lsNone);
        m_train[t]->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(color, 1.5), QBrush(Qt::white), 7));
        m_train[t]->removeFromLegend();

        m_test[t] = addGraph();
        m_test[t]->setName(names[t] + tr(" (test)"));
        m_test[t]->setLineStyle(QCPGraph::lsNone);
        m_test[t]->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssTriangle, QPen(color.darker(130), 1.5), color, 8));
        m_test[t]->removeFromLegend();
    }
    // Two data-less graphs explain the marker shapes once, instead of six legend rows.
    QCPGraph* trainKey = addGraph();
    trainKey->setName(tr("epoch mean, train"));
    trainKey->setLineStyle(QCPGraph::lsNone);
    trainKey->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::gray, 1.5), QBrush(Qt::white), 7));
    QCPGraph* testKey = addGraph();
    testKey->setName(tr("test set"));
    testKey->setLineStyle(QCPGraph::lsNone);
    testKey->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssTriangle, QPen(Qt::darkGray, 1.5), Qt::gray, 8));

    xAxis->setLabel(tr("epoch"));
    yAxis->setLabel(tr("nats per example"));
    yAxis->setScaleType(QCPAxis::stLogarithmic);
    yAxis->setTicker(QSharedPointer<LogTicker>::create());
    yAxis->grid()->setSubGridVisible(true);

    legend->setVisible(true);
    legend->setBrush(QColor(255, 255, 255, 220));
    legend->setFont(font());
    // Between the KL line (a few nats) and the reconstruction line (~100+) the log axis is empty.
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignVCenter | Qt::AlignRight);
    setLikelihood(m_likelihood); // the reconstruction term's names
    clear(1);
}

void LossPlot::setLikelihood(vae::Likelihood likelihood)
{
    m_likelihood = likelihood;
    const QString name = tr("reconstruction (%1)").arg(likelihoodTitle(likelihood));
    m_steps[Reconstruction]->setName(name);
    m_train[Reconstruction]->setName(name + tr(" (train, epoch mean)"));
    m_test[Reconstruction]->setName(name + tr(" (test)"));
    m_dirty = true;
}

void LossPlot::clear(int plannedEpochs)
{
    for (const ChangeMarker& marker : m_markers) {
        removeItem(marker.line);
        removeItem(marker.label);
    }
    m_markers.clear();
    m_keys.clear();
    for (int t = 0; t < TermCount; ++t) {
        m_values[t].clear();
        m_prefix[t].assign(1, 0.0);
        m_steps[t]->data()->clear();
        m_train[t]->data()->clear();
        m_test[t]->data()->clear();
        m_smoothers[t].reset();
    }
    // A run bounded by its time budget alone plans TrainingConfig::kMaxEpochs: the axis then
    // follows the data instead of spanning 100,000 epochs.
    m_plannedEpochs = plannedEpochs >= vae::TrainingConfig::kMaxEpochs ? 1 : std::max(1, plannedEpochs);
    fitXRange();
    fitYRange();
    m_dirty = true;
}

void LossPlot::addPoint(double key, const std::array<double, TermCount>& values)
{
    m_keys.push_back(key);
    for (int t = 0; t < TermCount; ++t) {
        m_values[t].push_back(values[t]);
        m_prefix[t].push_back(m_prefix[t].back() + values[t]);
    }
    if (m_keys.size() > kMaxPoints)
        compactSteps();
}

void LossPlot::compactSteps()
{
    // Adjacent points merge pairwise (an odd last one stays): O(n) once every n/2 points added.
    const std::size_t n = m_keys.size();
    std::size_t out = 0;
    for (std::size_t i = 0; i < n; i += 2, ++out) {
        const std::size_t j = std::min(i + 1, n - 1);
        m_keys[out] = 0.5 * (m_keys[i] + m_keys[j]);
        for (int t = 0; t < TermCount; ++t)
            m_values[t][out] = 0.5 * (m_values[t][i] + m_values[t][j]);
    }
    m_keys.resize(out);
    for (int t = 0; t < TermCount; ++t) {
        m_values[t].resize(out);
        m_prefix[t].assign(1, 0.0);
        for (const double value : m_values[t])
            m_prefix[t].push_back(m_prefix[t].back() + value);
    }
}

void LossPlot::addSteps(const std::vector<vae::StepRecord>& steps)
{
    if (steps.empty())
        return;
    std::array<double, TermCount> values{};
    for (const vae::StepRecord& step : steps) {
        for (int t = 0; t < TermCount; ++t)
            values[t] = m_smoothers[t].add(termValue(step.loss, Term(t)));
        addPoint(step.epoch, values);
    }
    m_dirty = true;
}

void LossPlot::addStepHistory(const vae::StepHistory& steps)
{
    std::array<double, TermCount> values{};
    for (const vae::StepBucket& bucket : steps.buckets()) {
        // A bucket's mean is already smooth: drawn as it is.
        for (int t = 0; t < TermCount; ++t)
            values[t] = termValue(bucket.mean, Term(t));
        addPoint(bucket.lastEpoch, values);
    }
    addSteps(std::vector<vae::StepRecord>(steps.begin(), steps.end()));
    m_dirty = true;
}

double LossPlot::stepValue(Term term, int index) const
{
    return m_values[term][static_cast<std::size_t>(index)];
}

double LossPlot::stepKey(int index) const
{
    return m_keys[static_cast<std::size_t>(index)];
}

void LossPlot::addEpochs(const std::vector<vae::EpochSummary>& epochs)
{
    for (const vae::EpochSummary& summary : epochs) {
        for (int t = 0; t < TermCount; ++t) {
            m_train[t]->addData(summary.epoch, termValue(summary.train, Term(t)));
            m_test[t]->addData(summary.epoch, termValue(summary.test, Term(t)));
        }
        m_plannedEpochs = std::max(m_plannedEpochs, summary.epoch);
    }
    if (!epochs.empty())
        m_dirty = true;
}

void LossPlot::setHistory(const vae::TrainingHistory& history, int plannedEpochs)
{
    clear(plannedEpochs);
    addStepHistory(history.steps);
    addEpochs(history.epochs);
    addChanges(history.changes);
}

QString LossPlot::changeText(const vae::SettingChange& change)
{
    const QString from = QString::fromStdString(change.from);
    const QString to = QString::fromStdString(change.to);
    if (change.setting == "beta")
        return tr("β %1 → %2").arg(from, to);
    if (change.setting == "learning_rate")
        return tr("lr %1 → %2").arg(from, to);
    if (change.setting == "kl_schedule")
        return tr("KL %1 → %2").arg(from, to);
    return tr("%1 %2 → %3").arg(QString::fromStdString(change.setting), from, to);
}

void LossPlot::addChanges(const std::vector<vae::SettingChange>& changes)
{
    // Labels at a few staggered heights, so neighbouring changes do not print over each other.
    constexpr int kLabelRows = 3;
    constexpr double kLabelTop = 0.02; // axis-rect fraction from the top
    constexpr double kLabelRowStep = 0.07;
    const QColor ink(0x6a, 0x3d, 0x9a); // none of the terms' colours
    for (const vae::SettingChange& change : changes) {
        if (!m_markers.empty() && m_markers.back().step == change.step) {
            QCPItemText* label = m_markers.back().label;
            label->setText(label->text() + QLatin1Char('\n') + changeText(change));
            continue;
        }
        ChangeMarker marker;
        marker.step = change.step;
        marker.line = new QCPItemStraightLine(this);
        marker.line->setPen(QPen(ink, 1.0, Qt::DotLine));
        marker.line->point1->setCoords(change.epoch, 1.0);
        marker.line->point2->setCoords(change.epoch, 10.0);
        marker.line->setSelectable(false);
        marker.label = new QCPItemText(this);
        marker.label->position->setTypeX(QCPItemPosition::ptPlotCoords);
        marker.label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        marker.label->position->setCoords(
            change.epoch,
            kLabelTop + kLabelRowStep * static_cast<double>(m_markers.size() % kLabelRows));
        marker.label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        marker.label->setPadding(QMargins(3, 1, 3, 1));
        marker.label->setColor(ink);
        marker.label->setBrush(QColor(255, 255, 255, 200));
        marker.label->setText(changeText(change));
        marker.label->setClipToAxisRect(true);
        marker.label->setSelectable(false);
        m_markers.push_back(marker);
    }
    if (!changes.empty())
        m_dirty = true;
}

void LossPlot::setAutoencoder(bool autoencoder)
{
    m_autoencoder = autoencoder;
    for (const Term t : {Kl, NegativeElbo}) {
        for (QCPGraph* graph : {m_steps[t], m_train[t], m_test[t]})
            graph->setVisible(!autoencoder);
        if (autoencoder)
            m_steps[t]->removeFromLegend();
        else if (!legend->hasItemWithPlottable(m_steps[t]))
            m_steps[t]->addToLegend();
    }
    m_dirty = true;
}

bool LossPlot::isOnScreen() const
{
    // A minimised window's widgets still report isVisible().
    return isVisible() && !window()->isMinimized();
}

void LossPlot::replotIfDirty(bool force)
{
    // A hidden plot is brought up to date by showEvent() instead.
    if (!m_dirty || !isOnScreen())
        return;
    if (!force && m_sinceReplot.isValid() && m_sinceReplot.elapsed() < m_minimumIntervalMs)
        return;
    m_dirty = false;
    m_sinceReplot.start();
    fitXRange();
    decimateSteps();
    fitYRange();
    replot(QCustomPlot::rpQueuedReplot);
}

void LossPlot::showEvent(QShowEvent* event)
{
    QCustomPlot::showEvent(event);
    replotIfDirty(true);
}

void LossPlot::resizeEvent(QResizeEvent* event)
{
    // The step lines are sampled per pixel column: a new width needs new samples.
    m_dirty = true;
    replotIfDirty(true);
    QCustomPlot::resizeEvent(event);
}

void LossPlot::fitXRange()
{
    const double lastEpoch = m_keys.empty() ? 0.0 : m_keys.back();
    const double epochs = std::max<double>(m_plannedEpochs, std::ceil(lastEpoch));
    // A little room on the right so the last epoch's markers are not cut in half by the frame.
    xAxis->setRange(0.0, epochs * 1.02);
}

void LossPlot::decimateSteps()
{
    const std::size_t n = m_keys.size();
    const QCPRange range = xAxis->range();
    // The widget's width bounds the axis rect's, which is only known after the next layout.
    const int columns =
        std::max(1, static_cast<int>(std::ceil(std::max(width(), 1) * devicePixelRatioF())));
    const auto first = static_cast<std::size_t>(
        std::lower_bound(m_keys.begin(), m_keys.end(), range.lower) - m_keys.begin());
    const auto last = static_cast<std::size_t>(
        std::upper_bound(m_keys.begin(), m_keys.end(), range.upper) - m_keys.begin());
    // One step either side of the visible ones, so the line runs on to the frame.
    const std::size_t begin = first > 0 ? first - 1 : 0;
    const std::size_t end = std::min(n, last + 1);

    for (int t = 0; t < TermCount; ++t) {
        QVector<QCPGraphData> points;
        if (end - begin <= static_cast<std::size_t>(2 * columns)) {
            points.reserve(static_cast<qsizetype>(end - begin));
            for (std::size_t i = begin; i < end; ++i)
                points.push_back(QCPGraphData(m_keys[i], m_values[t][i]));
        } else {
            points.reserve(columns + 4);
            if (begin < first)
                points.push_back(QCPGraphData(m_keys[begin], m_values[t][begin]));
            // The first and last visible steps exactly, so the line starts and ends where the
            // run does; the columns in between carry their means.
            points.push_back(QCPGraphData(m_keys[first], m_values[t][first]));
            const double columnWidth = range.size() / columns;
            std::size_t a = first + 1;
            for (int c = 0; c < columns && a < last; ++c) {
                const double upper = range.lower + (c + 1) * columnWidth;
                const auto b = c + 1 == columns
                                   ? last
                                   : static_cast<std::size_t>(
                                         std::lower_bound(m_keys.begin() + static_cast<std::ptrdiff_t>(a),
                                                          m_keys.begin() + static_cast<std::ptrdiff_t>(last),
                                                          upper) -
                                         m_keys.begin());
                if (b > a) {
                    const double mean =
                        (m_prefix[t][b] - m_prefix[t][a]) / static_cast<double>(b - a);
                    points.push_back(QCPGraphData(0.5 * (m_keys[a] + m_keys[b - 1]), mean));
                    a = b;
                }
            }
            points.push_back(QCPGraphData(m_keys[last - 1], m_values[t][last - 1]));
            if (last < end)
                points.push_back(QCPGraphData(m_keys[last], m_values[t][last]));
        }
        m_steps[t]->data()->set(points, /*alreadySorted=*/true);
    }
}

void LossPlot::fitYRange()
{
    bool found = false;
    QCPRange values;
    auto include = [&](double value) {
        // Positive values only: the axis is logarithmic.
        if (!(value > 0) || !std::isfinite(value))
            return;
        values = found ? QCPRange(std::min(values.lower, value), std::max(values.upper, value))
                       : QCPRange(value, value);
        found = true;
    };
    // The first steps (reconstruction ≈ 784·ln 2 ≈ 543 nats falling fast, KL near 0) would
    // stretch the axis over decades nobody needs later: fit to the rest. The drawn line (at most
    // a point per pixel column) stands for the steps, so the fit costs O(width), not O(steps).
    const std::size_t n = m_keys.size();
    const double fromKey =
        n >= 20 ? m_keys[n / kTransientDivisor] : -std::numeric_limits<double>::infinity();
    for (int t = 0; t < TermCount; ++t) {
        if (!m_steps[t]->visible())
            continue;
        for (const QCPGraphData& point : *m_steps[t]->data())
            if (point.key >= fromKey)
                include(point.value);
        for (const QCPGraph* markers : {m_train[t], m_test[t]})
            for (const QCPGraphData& point : *markers->data())
                include(point.value);
    }
    if (!found)
        values = QCPRange(1.0, 1000.0);
    // A little head room on a log axis is a factor, not an offset.
    yAxis->setRange(values.lower / 1.25, values.upper * 1.25);
}

} // namespace vae::gui
