#include "tools/dimensions/dimensionspanel.h"

#include "tools/dimensions/migview.h"

#include "widgets/explanation.h"
#include "plots/latentplot.h"
#include "tools/toolcontext.h"

#include <vae/latent_stats.h>

#include <qcustomplot.h>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

namespace vae::gui {

DimensionsPanel::DimensionsPanel(QWidget* parent) : QWidget(parent)
{
    m_plot = new QCustomPlot(this);
    m_plot->setMinimumHeight(120);
    m_activeBars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_activeBars->setName(tr("active"));
    m_activeBars->setBrush(QColor(31, 119, 180));
    m_activeBars->setPen(Qt::NoPen);
    m_inactiveBars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_inactiveBars->setName(tr("inactive"));
    m_inactiveBars->setBrush(QColor(170, 170, 170));
    m_inactiveBars->setPen(Qt::NoPen);
    m_activeBars->setWidth(0.8);
    m_inactiveBars->setWidth(0.8);
    m_plot->xAxis->setLabel(tr("latent dimension"));
    m_plot->yAxis->setLabel(tr("KL (nats)"));
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->grid()->setVisible(false);
    m_plot->setToolTip(tr("Mean over the test images of KL(q(z_d|x) ‖ N(0, 1)) for each latent "
                          "dimension d, in nats. A unit is active when it exceeds %1 nats.")
                           .arg(QLocale().toString(vae::kActiveUnitThreshold)));

    m_activeLabel = new QLabel(tr("No latent snapshot yet."), this);
    m_activeLabel->setWordWrap(true);

    m_mode = new QComboBox(this);
    m_mode->addItem(tr("Two dimensions"));
    m_mode->addItem(tr("PCA of the means"));
    m_x = new QComboBox(this);
    m_y = new QComboBox(this);
    m_othersFromNearest = new QCheckBox(tr("Other dimensions from the nearest point"), this);
    m_othersFromNearest->setToolTip(
        tr("When a point is picked on the latent plot, take the dimensions the plot does not show "
           "from the μ of the nearest test image; unchecked, they are 0 (the prior's mean)"));
    auto* projectionBox = new QGroupBox(tr("Latent plot (D > 2)"), this);
    auto* form = new QFormLayout(projectionBox);
    form->addRow(tr("Show:"), m_mode);
    auto* axes = new QHBoxLayout;
    axes->addWidget(m_x, 1);
    axes->addWidget(new QLabel(tr("vertical:"), projectionBox));
    axes->addWidget(m_y, 1);
    form->addRow(tr("Horizontal:"), axes);
    form->addRow(m_othersFromNearest);

    m_mig = new MigView(this);
    auto* migBox = new QGroupBox(tr("Known factors: mutual information gap"), this);
    m_migBox = migBox;
    auto* migLayout = new QVBoxLayout(migBox);
    migLayout->addWidget(m_mig, 1);
    migLayout->addWidget(makeExplanation(
        tr("MIG = (1/K) Σ<sub>k</sub> [I(z<sub>j(k)</sub>; v<sub>k</sub>) − max<sub>j ≠ "
           "j(k)</sub> I(z<sub>j</sub>; v<sub>k</sub>)] / H(v<sub>k</sub>) (Chen et al. 2018): "
           "for each factor v<sub>k</sub>, how much more the best dimension z<sub>j(k)</sub> "
           "knows about it than the runner-up. 1 when each factor lives in one dimension alone; "
           "raising β usually raises it."),
        migBox));
    migBox->setVisible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_activeLabel);
    layout->addWidget(migBox, 1);
    layout->addWidget(projectionBox);
    layout->addWidget(makeExplanation(
        tr("KL(q(z|x) ‖ p(z)) = Σ<sub>d</sub> ½ (μ<sub>d</sub>² + σ<sub>d</sub>² − 1 − log "
           "σ<sub>d</sub>²) in closed form for a diagonal Gaussian and p(z) = N(0, I); the bars "
           "average each term over the test images. Active units (KL<sub>d</sub> above the "
           "threshold) carry information about x; the others have collapsed to the prior, the "
           "price the ELBO's KL term asks for unused dimensions."),
        this));

    const auto emitChange = [this] {
        updateProjectionControls();
        emit projectionChanged(projection());
    };
    connect(m_mode, &QComboBox::currentIndexChanged, this, emitChange);
    connect(m_x, &QComboBox::currentIndexChanged, this, emitChange);
    connect(m_y, &QComboBox::currentIndexChanged, this, emitChange);
    connect(m_othersFromNearest, &QCheckBox::toggled, this, emitChange);
    setDimensionCount(2);
}

ProjectionSettings DimensionsPanel::projection() const
{
    ProjectionSettings settings;
    settings.mode = m_mode->currentIndex() == 1 ? ProjectionSettings::Mode::Pca
                                                : ProjectionSettings::Mode::Dimensions;
    settings.xDim = std::max(0, m_x->currentIndex());
    settings.yDim = std::max(0, m_y->currentIndex());
    settings.othersFromNearest = m_othersFromNearest->isChecked();
    return settings;
}

void DimensionsPanel::setProjection(const ProjectionSettings& settings)
{
    {
        const QSignalBlocker b1(m_mode), b2(m_x), b3(m_y), b4(m_othersFromNearest);
        m_mode->setCurrentIndex(settings.mode == ProjectionSettings::Mode::Pca ? 1 : 0);
        m_x->setCurrentIndex(std::clamp(settings.xDim, 0, m_x->count() - 1));
        m_y->setCurrentIndex(std::clamp(settings.yDim, 0, m_y->count() - 1));
        m_othersFromNearest->setChecked(settings.othersFromNearest);
    }
    updateProjectionControls();
    emit projectionChanged(projection());
}

void DimensionsPanel::setFactors(const QStringList& names, std::vector<int> sizes)
{
    m_mig->setFactors(names, std::move(sizes));
    m_migBox->setVisible(m_mig->hasFactors());
    m_dirty = true;
    if (isVisible())
        refresh();
}

void DimensionsPanel::setDimensionCount(int dim)
{
    if (dim == m_dim)
        return;
    m_dim = dim;
    const QSignalBlocker b1(m_x), b2(m_y);
    m_x->clear();
    m_y->clear();
    for (int d = 0; d < std::max(dim, 2); ++d) {
        m_x->addItem(QStringLiteral("z%1").arg(d + 1));
        m_y->addItem(QStringLiteral("z%1").arg(d + 1));
    }
    m_x->setCurrentIndex(0);
    m_y->setCurrentIndex(1);
    updateProjectionControls();
}

void DimensionsPanel::updateProjectionControls()
{
    // A 1- or 2-D latent space is shown as it is.
    const bool many = m_dim > 2;
    m_mode->setEnabled(many);
    m_othersFromNearest->setEnabled(many);
    const bool chosen = many && m_mode->currentIndex() == 0;
    m_x->setEnabled(chosen);
    m_y->setEnabled(chosen);
}

void DimensionsPanel::setSnapshot(std::shared_ptr<const vae::LatentSnapshot> snapshot)
{
    m_snapshot = std::move(snapshot);
    m_dirty = true;
    // The plane's controls follow D at once (the latent plot uses them even while hidden); the
    // KL waits until the panel is seen.
    if (m_snapshot && m_snapshot->posterior.dim != m_dim) {
        setDimensionCount(m_snapshot->posterior.dim);
        emit projectionChanged(projection()); // the old dimension choice no longer applies
    }
    if (isVisible())
        refresh();
}

void DimensionsPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
}

void DimensionsPanel::refresh()
{
    if (!m_dirty)
        return;
    m_dirty = false;
    m_kl.clear();
    m_active = 0;
    QVector<double> activeKeys, activeValues, inactiveKeys, inactiveValues;
    // An autoencoder's snapshots report σ = 0 (a code, not a distribution).
    const bool autoencoder =
        m_snapshot && !m_snapshot->posterior.sigma.empty() &&
        std::all_of(m_snapshot->posterior.sigma.begin(), m_snapshot->posterior.sigma.end(),
                    [](float s) { return s == 0.0f; });
    if (autoencoder) {
        m_activeLabel->setText(tr("An autoencoder has no KL term: its codes z = μ(x) are not "
                                  "distributions, so there is no KL per dimension."));
    } else if (m_snapshot) {
        try {
            m_kl = vae::klPerDimension(m_snapshot->posterior);
            m_active = vae::activeUnits(m_kl);
        } catch (const std::exception& e) {
            m_kl.clear();
            m_activeLabel->setText(tr("Cannot compute the KL: %1").arg(e.what()));
        }
    }
    double top = 0;
    for (std::size_t d = 0; d < m_kl.size(); ++d) {
        const bool active = m_kl[d] > vae::kActiveUnitThreshold;
        (active ? activeKeys : inactiveKeys).push_back(double(d + 1));
        (active ? activeValues : inactiveValues).push_back(m_kl[d]);
        top = std::max(top, m_kl[d]);
    }
    m_activeBars->setData(activeKeys, activeValues, true);
    m_inactiveBars->setData(inactiveKeys, inactiveValues, true);
    m_plot->xAxis->setRange(0.4, std::max<double>(2, double(m_kl.size())) + 0.6);
    m_plot->yAxis->setRange(0, top > 0 ? top * 1.08 : 1.0);
    if (!m_kl.empty()) {
        double total = 0;
        for (double kl : m_kl)
            total += kl;
        m_activeLabel->setText(
            tr("Active units: %1 of %2 (KL > %3 nats) · total KL %4 nats (step %5)")
                .arg(m_active)
                .arg(m_kl.size())
                .arg(QLocale().toString(vae::kActiveUnitThreshold))
                .arg(QLocale().toString(total, 'f', 2))
                .arg(m_snapshot->step));
    } else if (!m_snapshot) {
        m_activeLabel->setText(tr("No latent snapshot yet."));
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    if (m_mig->hasFactors())
        m_mig->compute(m_snapshot.get());
    emit refreshed();
}

} // namespace vae::gui
