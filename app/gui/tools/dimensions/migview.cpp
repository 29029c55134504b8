#include "tools/dimensions/migview.h"

#include "plots/scattercolouring.h"

#include <qcustomplot.h>

#include <QElapsedTimer>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

namespace vae::gui {

MigView::MigView(QWidget* parent) : QWidget(parent)
{
    m_plot = new QCustomPlot(this);
    m_plot->setMinimumHeight(170);
    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    m_map->setInterpolate(false);
    m_map->setTightBoundary(true);
    m_scale = new QCPColorScale(m_plot);
    m_plot->plotLayout()->addElement(0, 1, m_scale);
    m_scale->setGradient(ScatterColouring::viridis());
    m_scale->setDataRange(QCPRange(0, 1));
    m_scale->setBarWidth(10);
    m_scale->setRangeDrag(false);
    m_scale->setRangeZoom(false);
    m_scale->setLabel(tr("I(z; v) / H(v)"));
    m_map->setColorScale(m_scale);
    // The bar's height follows the heat map's.
    auto* margins = new QCPMarginGroup(m_plot);
    m_plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_plot->xAxis->setLabel(tr("latent dimension"));
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->grid()->setVisible(false);
    m_plot->yAxis->grid()->setVisible(false);
    m_plot->yAxis->setRangeReversed(true); // the first factor at the top, as in a table
    m_plot->setToolTip(
        tr("Normalised mutual information I(z_j; v_k) / H(v_k) between each latent dimension z_j "
           "(its posterior means over the test images, in %1 bins) and each known factor v_k. A "
           "disentangled code has one bright cell per row.")
            .arg(vae::kMigBins));

    m_score = new QLabel(this);
    m_score->setWordWrap(true);
    m_score->setTextFormat(Qt::RichText);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_score);
    setVisible(false);
}

void MigView::setFactors(const QStringList& names, std::vector<int> sizes)
{
    m_names = names;
    m_sizes = std::move(sizes);
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (qsizetype k = 0; k < m_names.size(); ++k)
        ticker->addTick(double(k), m_names[k]);
    m_plot->yAxis->setTicker(ticker);
    m_result.reset();
    compute(nullptr);
}

void MigView::compute(const vae::LatentSnapshot* snapshot)
{
    m_result.reset();
    const int factorCount = int(m_sizes.size());
    const bool usable = snapshot && snapshot->factors && factorCount > 0 &&
                        snapshot->posterior.count >= 2 && snapshot->posterior.dim >= 1 &&
                        snapshot->factors->size() ==
                            std::size_t(snapshot->posterior.count) * std::size_t(factorCount);
    if (usable) {
        QElapsedTimer timer;
        timer.start();
        try {
            m_result = vae::mutualInformationGap(snapshot->posterior.mu, snapshot->posterior.count,
                                                 snapshot->posterior.dim, *snapshot->factors,
                                                 m_sizes);
        } catch (const std::exception& e) {
            m_score->setText(tr("Cannot compute the MIG: %1").arg(QString::fromUtf8(e.what())));
        }
        m_milliseconds = double(timer.nsecsElapsed()) / 1e6;
    }
    const int dim = m_result ? snapshot->posterior.dim : 0;
    m_map->data()->setSize(std::max(dim, 1), std::max(factorCount, 1));
    m_map->data()->setRange(QCPRange(1, std::max(dim, 1)), QCPRange(0, std::max(factorCount - 1, 0)));
    m_map->data()->fill(0);
    if (m_result) {
        for (int k = 0; k < factorCount; ++k) {
            const double entropy = m_result->factorEntropy[std::size_t(k)];
            for (int j = 0; j < dim; ++j) {
                const double mi =
                    m_result->mutualInformation[std::size_t(k) * std::size_t(dim) + std::size_t(j)];
                m_map->data()->setCell(j, k, entropy > 0 ? mi / entropy : 0.0);
            }
        }
        QStringList gaps;
        for (int k = 0; k < factorCount; ++k) {
            const int best = m_result->bestDimension[std::size_t(k)];
            gaps << (best < 0 ? tr("%1: constant").arg(m_names.value(k))
                              : tr("%1: %2 (z%3)")
                                    .arg(m_names.value(k))
                                    .arg(QLocale().toString(m_result->gap[std::size_t(k)], 'f', 3))
                                    .arg(best + 1));
        }
        m_score->setText(tr("<b>MIG %1</b> (step %2, %3 test images) · gap per factor, with "
                            "the dimension that captures it most: %4")
                             .arg(QLocale().toString(m_result->mig, 'f', 3))
                             .arg(snapshot->step)
                             .arg(snapshot->posterior.count)
                             .arg(gaps.join(QStringLiteral(" · "))));
    } else if (!usable) {
        m_score->setText(tr("No latent snapshot with factors yet."));
    }
    m_plot->xAxis->setRange(0.5, std::max(dim, 1) + 0.5);
    m_plot->yAxis->setRange(-0.5, std::max(factorCount, 1) - 0.5);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    setVisible(factorCount > 0);
}

} // namespace vae::gui
