#include "tools/priorsamples/priorsamplestool.h"

#include "widgets/explanation.h"
#include "plots/latentplot.h"
#include "tools/toolcontext.h"
#include "widgets/tilegridview.h"

#include <vae/prior.h>

#include <QAction>
#include <QCheckBox>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace vae::gui {

namespace {

const QString kSeedKey = QStringLiteral("explore/priorSeed");
const QString kMarkersKey = QStringLiteral("explore/priorMarkers");
// Dark enough to find over any digit's colour, open so the point under it stays visible.
constexpr double kMarkerSize = 7;
constexpr double kMarkerPenWidth = 1.5;

} // namespace

PriorSamplesTool::PriorSamplesTool(ToolContext& context)
    : QObject(context.window()), m_context(context), m_plot(context.latentPlot())
{
    setObjectName(QStringLiteral("priorSamplesTool"));
    m_markers = new QCPGraph(m_plot->xAxis, m_plot->yAxis);
    m_markers->removeFromLegend();
    m_markers->setName(tr("prior samples"));
    m_markers->setLineStyle(QCPGraph::lsNone);
    m_markers->setScatterStyle(QCPScatterStyle(
        QCPScatterStyle::ssCircle, QPen(Qt::black, kMarkerPenWidth), Qt::NoBrush, kMarkerSize));
    m_markers->setSelectable(QCP::stNone);
    m_markers->setVisible(false);

    m_throttle.setSingleShot(true);
    connect(&m_throttle, &QTimer::timeout, this, &PriorSamplesTool::refresh);

    buildPanel();
    connect(&m_context, &ToolContext::modelChanged, this, &PriorSamplesTool::onModelChanged);

    readSettings();
    if (m_context.options().priorSamples)
        setPanelShown(true);
}

PriorSamplesTool::~PriorSamplesTool() = default;

void PriorSamplesTool::buildPanel()
{
    m_dock = new QDockWidget(tr("Prior Samples"), m_context.window());
    m_dock->setObjectName(QStringLiteral("priorSamplesDock"));
    auto* panel = new QWidget(m_dock);
    auto* layout = new QVBoxLayout(panel);
    m_view = new TileGridView(panel);
    m_view->clear(tr("Train or open a model to sample from it."));
    layout->addWidget(m_view);

    auto* row = new QHBoxLayout;
    auto* seedLabel = new QLabel(tr("S&eed:"), panel);
    m_seedBox = new QSpinBox(panel);
    m_seedBox->setRange(0, std::numeric_limits<int>::max());
    m_seedBox->setValue(m_seed);
    m_seedBox->setKeyboardTracking(false);
    m_seedBox->setToolTip(tr("The same seed draws the same z, so the same images of one model"));
    seedLabel->setBuddy(m_seedBox);
    connect(m_seedBox, &QSpinBox::valueChanged, this, &PriorSamplesTool::setSeed);
    m_resampleButton = new QPushButton(tr("&Resample"), panel);
    m_resampleButton->setToolTip(tr("Draw new samples (the next seed)"));
    connect(m_resampleButton, &QPushButton::clicked, this, &PriorSamplesTool::resample);
    row->addWidget(seedLabel);
    row->addWidget(m_seedBox, 1);
    row->addWidget(m_resampleButton);
    layout->addLayout(row);

    m_markersBox = new QCheckBox(tr("Show on latent &plot"), panel);
    m_markersBox->setChecked(m_markersShown);
    m_markersBox->setToolTip(tr("Circle each sample's (z₁, z₂) in the latent plot"));
    connect(m_markersBox, &QCheckBox::toggled, this, &PriorSamplesTool::setMarkersShown);
    layout->addWidget(m_markersBox);

    m_note = new QLabel(panel);
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_note);
    layout->addWidget(makeExplanation(
        tr("Sampling: z ~ p(z) = N(0, I), decoded to E[x|z], the likelihood's means. The samples "
           "look like the data because the KL term of the ELBO pulls every q<sub>φ</sub>(z|x) "
           "towards N(0, I), so the codes of the training examples fill the prior's mass. A plain "
           "autoencoder has no such term: its codes leave holes, and z drawn there decode to "
           "blur."),
        panel));
    layout->addStretch(1);
    m_dock->setWidget(panel);

    QAction* toggle = m_dock->toggleViewAction();
    toggle->setIconText(tr("Samples"));
    toggle->setToolTip(tr("Decoded draws from the prior N(0, I) (Ctrl+P)"));
    connect(toggle, &QAction::triggered, m_dock, [this](bool on) {
        if (on)
            m_dock->raise();
    });
    // Opened, closed, or moved in front of or behind another tab (the action toggles before the
    // dock is shown or hidden, so it cannot tell).
    connect(m_dock, &QDockWidget::visibilityChanged, this, [this] {
        if (m_stale && isOpen())
            refresh();
        updateMarkers();
    });

    m_context.addSeparator(ToolContext::Place::ExploreMenu);
    m_context.addDock(m_dock, Qt::RightDockWidgetArea, tr("&Prior Samples"), Qt::CTRL | Qt::Key_P,
                      tr("A panel with the decoder's images of random draws z ~ N(0, I) "
                         "(Ctrl+P)"));
}

QCPGraph* PriorSamplesTool::markers() const
{
    return m_markers;
}

QAction* PriorSamplesTool::panelAction() const
{
    return m_dock->toggleViewAction();
}

void PriorSamplesTool::readSettings()
{
    if (!m_context.options().useSettings)
        return;
    const QSettings settings;
    // Both read before either is applied: applying one writes both.
    const int seed = settings.value(kSeedKey, kDefaultSeed).toInt();
    const bool markers = settings.value(kMarkersKey, true).toBool();
    setSeed(seed);
    setMarkersShown(markers);
}

void PriorSamplesTool::writeSettings() const
{
    if (!m_context.options().useSettings)
        return;
    QSettings settings;
    settings.setValue(kSeedKey, m_seed);
    settings.setValue(kMarkersKey, m_markersShown);
}

void PriorSamplesTool::setSeed(int seed)
{
    seed = std::max(0, seed);
    if (m_seedBox->value() != seed) {
        const QSignalBlocker blocker(m_seedBox);
        m_seedBox->setValue(seed);
    }
    if (seed == m_seed)
        return;
    m_seed = seed;
    writeSettings();
    refresh();
}

void PriorSamplesTool::resample()
{
    setSeed(m_seed == std::numeric_limits<int>::max() ? 0 : m_seed + 1);
}

void PriorSamplesTool::setMarkersShown(bool shown)
{
    if (m_markersBox->isChecked() != shown) {
        const QSignalBlocker blocker(m_markersBox);
        m_markersBox->setChecked(shown);
    }
    if (shown == m_markersShown)
        return;
    m_markersShown = shown;
    writeSettings();
    updateMarkers();
}

void PriorSamplesTool::setPanelShown(bool shown)
{
    m_dock->setVisible(shown);
    if (shown)
        m_dock->raise();
}

bool PriorSamplesTool::isOpen() const
{
    // Hidden behind another tab or in a minimised window it still refreshes: 64 decodes twice a
    // second cost less than tracking when it is really seen.
    return !m_dock->isHidden();
}

void PriorSamplesTool::onModelChanged()
{
    if (!isOpen()) {
        m_stale = true;
        return;
    }
    if (m_throttle.isActive())
        return; // the pending refresh will take the newest model
    const qint64 elapsed =
        m_sinceRefresh.isValid() ? m_sinceRefresh.elapsed() : std::numeric_limits<qint64>::max();
    if (elapsed >= kMinModelIntervalMs)
        refresh();
    else
        m_throttle.start(static_cast<int>(kMinModelIntervalMs - elapsed));
}

void PriorSamplesTool::refresh()
{
    m_throttle.stop();
    const std::shared_ptr<const vae::InferenceModel> model = m_context.model();
    if (!model || !isOpen()) {
        m_stale = true;
        return;
    }
    m_stale = false;
    m_sinceRefresh.start();
    const int dim = model->latentDim();
    try {
        m_samples = std::make_shared<const TileGrid>(
            decodeTiles(model, vae::samplePrior(kSamples, dim, static_cast<std::uint64_t>(m_seed)),
                        kSide, kSide));
    } catch (const std::exception& e) {
        m_samples.reset();
        m_view->clear(QString::fromStdString(e.what()));
        updateMarkers();
        return;
    }
    m_view->setGrid(m_samples);
    QString note = tr("%1 draws of z ~ N(0, I), decoded (the likelihood's means). The same seed gives "
                      "the same draws.")
                       .arg(kSamples);
    if (dim > 2)
        note += QLatin1Char(' ') + tr("The markers show z₁ and z₂ of the %1 dimensions.").arg(dim);
    m_note->setText(note);
    updateMarkers();
    emit samplesUpdated();
}

void PriorSamplesTool::updateMarkers()
{
    if (!m_markers || !m_plot)
        return;
    const bool visible = m_markersShown && m_samples && !m_dock->isHidden();
    if (visible) {
        QVector<double> keys;
        QVector<double> values;
        keys.reserve(m_samples->count());
        values.reserve(m_samples->count());
        for (int i = 0; i < m_samples->count(); ++i) {
            const QPointF z = m_samples->latentPoint(i);
            keys.push_back(z.x());
            values.push_back(z.y());
        }
        m_markers->setData(keys, values);
    }
    if (visible || m_markers->visible()) {
        m_markers->setVisible(visible);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

} // namespace vae::gui
