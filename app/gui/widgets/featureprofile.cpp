#include "widgets/featureprofile.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QLocale>
#include <QStackedLayout>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace vae::gui {

namespace {

// Names longer than this are shortened under the axis (the tooltip has them whole).
constexpr int kMaxLabelChars = 12;
// Up to this many series the tooltip lists each value; beyond, it sums them up.
constexpr int kListedSeries = 8;
// Line series get dots on their values up to this many columns.
constexpr int kDottedColumns = 40;
constexpr double kValueMargin = 0.08;

QString valueText(double value)
{
    return QLocale().toString(value, 'g', 4);
}

} // namespace

FeatureProfile::FeatureProfile(QWidget* parent) : QWidget(parent)
{
    m_message = new QLabel(this);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setForegroundRole(QPalette::PlaceholderText);

    auto* profilePage = new QWidget(this);
    m_plot = new QCustomPlot(profilePage);
    m_plot->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    m_plot->setMinimumHeight(100);
    m_plot->xAxis->grid()->setVisible(false);
    m_plot->xAxis->setSubTicks(false);
    m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
    m_plot->yAxis->setNumberFormat(QStringLiteral("g"));
    // The legend goes in a row above the axes, so it never hides a bar. An empty element beside
    // it: a grid is no wider than its elements' widest maximum, and an empty legend's is ~0, which
    // would squeeze the axes below to their minimum.
    auto* legendRow = new QCPLayoutGrid;
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, legendRow);
    m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
    legendRow->addElement(0, 0, m_plot->legend);
    legendRow->addElement(0, 1, new QCPLayoutElement(m_plot));
    legendRow->setColumnStretchFactor(0, 0.001);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setBrush(Qt::NoBrush);
    m_plot->legend->setMargins(QMargins(2, 0, 2, 0));
    m_plot->installEventFilter(this);
    // Names are thinned for the width the axis has: once a layout has changed it, again.
    connect(m_plot, &QCustomPlot::afterLayout, this, [this] {
        if (m_plot->axisRect()->width() == m_labelledWidth)
            return;
        updateAxisLabels();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });

    m_standardised = new QCheckBox(tr("Standardised"), profilePage);
    m_standardised->setToolTip(
        tr("Show each column in standard deviations from its training mean, (x − mean) / sd, "
           "so that columns of large units do not dwarf the others"));
    connect(m_standardised, &QCheckBox::toggled, this, &FeatureProfile::rebuild);

    auto* pageLayout = new QVBoxLayout(profilePage);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->setSpacing(0);
    pageLayout->addWidget(m_plot, 1);
    auto* row = new QHBoxLayout;
    row->setContentsMargins(4, 0, 4, 0);
    row->addStretch(1);
    row->addWidget(m_standardised);
    pageLayout->addLayout(row);

    m_pages = new QStackedLayout(this);
    m_pages->addWidget(m_message);
    m_pages->addWidget(profilePage);
}

std::vector<double> FeatureProfile::originalUnits(const vae::DataDescription& description,
                                                  std::span<const float> values)
{
    std::vector<float> copy(values.begin(), values.end());
    if (description.standardised() && !copy.empty())
        description.toOriginalUnits(copy);
    return {copy.begin(), copy.end()};
}

void FeatureProfile::setColumns(const vae::DataDescription& description)
{
    const int count = description.inputSize();
    QStringList names;
    for (int i = 0; i < count; ++i) {
        const std::size_t k = std::size_t(i);
        names << (k < description.featureNames.size()
                      ? QString::fromStdString(description.featureNames[k])
                      : tr("column %1").arg(i + 1));
    }
    m_standardised->setVisible(description.standardised());
    if (names == m_names && description.featureMean == m_columns.featureMean &&
        description.featureScale == m_columns.featureScale)
        return;
    m_names = names;
    m_columns = description;
    m_series.clear();
    rebuild();
}

void FeatureProfile::setSeries(std::vector<Series> series)
{
    m_series = std::move(series);
    m_pages->setCurrentIndex(1);
    rebuild();
}

void FeatureProfile::showInput(const vae::DataDescription& description,
                               std::span<const float> input, std::span<const float> reconstruction)
{
    setColumns(description);
    std::vector<Series> series{
        {tr("input"), {input.begin(), input.end()}, dataColour(), Style::Bars}};
    if (!reconstruction.empty())
        series.push_back({tr("reconstruction"),
                          {reconstruction.begin(), reconstruction.end()},
                          decodedColour(),
                          Style::Line});
    setSeries(std::move(series));
}

void FeatureProfile::clear(const QString& message)
{
    m_series.clear();
    m_message->setText(message);
    m_pages->setCurrentIndex(0);
    rebuild();
}

void FeatureProfile::setShowStandardised(bool standardised)
{
    m_standardised->setChecked(standardised);
}

bool FeatureProfile::showsStandardised() const
{
    return m_standardised->isChecked() || !m_columns.standardised();
}

std::vector<double> FeatureProfile::shownValues(int s) const
{
    if (s < 0 || s >= seriesCount())
        return {};
    const std::vector<float>& values = m_series[std::size_t(s)].values;
    if (showsStandardised() || int(values.size()) != m_columns.inputSize())
        return {values.begin(), values.end()};
    return originalUnits(m_columns, values);
}

QStringList FeatureProfile::axisLabels() const
{
    return m_axisLabels;
}

void FeatureProfile::rebuild()
{
    m_plot->clearPlottables();
    m_plot->legend->clearItems();
    const int columns = columnCount();
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    bool bars = false;
    int named = 0;
    for (int s = 0; s < seriesCount(); ++s) {
        const Series& series = m_series[std::size_t(s)];
        const std::vector<double> values = shownValues(s);
        if (int(values.size()) != columns)
            continue;
        QVector<double> keys(columns);
        QVector<double> shown(columns);
        for (int c = 0; c < columns; ++c) {
            keys[c] = c;
            shown[c] = values[std::size_t(c)];
            low = std::min(low, shown[c]);
            high = std::max(high, shown[c]);
        }
        QCPAbstractPlottable* plottable = nullptr;
        if (series.style == Style::Bars) {
            auto* bar = new QCPBars(m_plot->xAxis, m_plot->yAxis);
            bar->setWidth(0.75);
            QColor fill = series.colour;
            fill.setAlpha(170);
            bar->setBrush(fill);
            // Thin bars: an outline would fill them.
            bar->setPen(columns > kDottedColumns ? QPen(Qt::NoPen)
                                                 : QPen(series.colour.darker(130)));
            bar->setData(keys, shown, /*alreadySorted=*/true);
            plottable = bar;
            bars = true;
        } else {
            QCPGraph* graph = m_plot->addGraph();
            QPen pen(series.colour);
            pen.setWidthF(seriesCount() > kListedSeries ? 1.0 : 1.8);
            graph->setPen(pen);
            if (columns <= kDottedColumns && seriesCount() <= kListedSeries)
                graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
            graph->setData(keys, shown, /*alreadySorted=*/true);
            plottable = graph;
        }
        plottable->setName(series.name);
        if (series.name.isEmpty() || !series.legend) {
            plottable->removeFromLegend();
        } else {
            ++named;
        }
    }
    m_plot->legend->setVisible(named > 0);
    if (!std::isfinite(low)) {
        low = -1;
        high = 1;
    }
    if (bars) {
        low = std::min(low, 0.0);
        high = std::max(high, 0.0);
    }
    const double pad = std::max(high - low, 1e-6) * kValueMargin;
    m_plot->yAxis->setRange(low - (low < 0 || !bars ? pad : 0), high + pad);
    m_plot->xAxis->setRange(-0.6, std::max(columns, 1) - 0.4);
    m_plot->yAxis->setLabel(showsStandardised() ? tr("z-score") : tr("value"));
    updateAxisLabels();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void FeatureProfile::updateAxisLabels()
{
    const int columns = columnCount();
    m_axisLabels.clear();
    auto ticker = m_plot->xAxis->ticker().dynamicCast<QCPAxisTickerText>();
    ticker->clear();
    // Recorded first, also with no columns: afterLayout() relabels only when the width changed,
    // and an unrecorded width would replot for ever.
    m_labelledWidth = m_plot->axisRect()->width();
    if (columns == 0)
        return;
    const QFontMetrics metrics(m_plot->xAxis->tickLabelFont());
    QStringList shortNames;
    int widest = 0;
    for (const QString& name : m_names) {
        const QString shortName = name.size() > kMaxLabelChars
                                      ? name.left(kMaxLabelChars - 1) + QStringLiteral("…")
                                      : name;
        shortNames << shortName;
        widest = std::max(widest, metrics.horizontalAdvance(shortName));
    }
    // The axis may not be laid out yet (a hidden widget): assume the widget's own width.
    const int axisWidth =
        std::max(40, m_labelledWidth > 0 ? m_labelledWidth : m_plot->width() - 60);
    const double perColumn = double(axisWidth) / columns;
    double rotation = 0;
    double needed = widest + metrics.horizontalAdvance(QLatin1Char(' '));
    if (needed > perColumn) {
        // Slanted, a name needs room along the axis for its height only (h / sin 45°). Slanted
        // down to the left: QCustomPlot drops a label that would cross the widget's right edge,
        // and the left has the value axis's margin.
        rotation = -45;
        needed = 1.5 * metrics.height();
    }
    const int stride = std::max(1, static_cast<int>(std::ceil(needed / perColumn)));
    m_plot->xAxis->setTickLabelRotation(rotation);
    for (int c = 0; c < columns; ++c) {
        const bool shown = c % stride == 0;
        m_axisLabels << (shown ? shortNames[c] : QString());
        if (shown)
            ticker->addTick(c, shortNames[c]);
    }
}

int FeatureProfile::columnAt(QPoint plotPixel) const
{
    if (columnCount() == 0 || !m_plot->axisRect()->rect().contains(plotPixel))
        return -1;
    const long column = std::lround(m_plot->xAxis->pixelToCoord(plotPixel.x()));
    return column >= 0 && column < columnCount() ? int(column) : -1;
}

QString FeatureProfile::toolTipText(int column) const
{
    if (column < 0 || column >= columnCount())
        return {};
    QStringList lines{m_names[column]};
    const auto c = std::size_t(column);
    if (seriesCount() <= kListedSeries) {
        for (int s = 0; s < seriesCount(); ++s) {
            const std::vector<double> values = shownValues(s);
            if (c >= values.size())
                continue;
            const QString& name = m_series[std::size_t(s)].name;
            lines << (name.isEmpty() ? valueText(values[c])
                                     : tr("%1: %2").arg(name, valueText(values[c])));
        }
    } else {
        double low = std::numeric_limits<double>::infinity(), high = -low, sum = 0;
        for (int s = 0; s < seriesCount(); ++s) {
            const double v = shownValues(s)[c];
            low = std::min(low, v);
            high = std::max(high, v);
            sum += v;
        }
        lines << tr("%1 examples: %2 to %3, mean %4")
                     .arg(seriesCount())
                     .arg(valueText(low), valueText(high), valueText(sum / seriesCount()));
    }
    return lines.join(QLatin1Char('\n'));
}

bool FeatureProfile::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_plot && event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        const QString text = toolTipText(columnAt(help->pos()));
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, m_plot);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace vae::gui
