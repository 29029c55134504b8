#include "tools/inspector/pointinspector.h"

#include "widgets/decodedview.h"
#include "widgets/explanation.h"
#include "widgets/featureprofile.h"
#include "plots/latentplot.h"
#include "tools/toolcontext.h"
#include "tools/inspector/selectionring.h"

#include <QAction>
#include <QFrame>
#include <QGridLayout>
#include <QHeaderView>
#include <QHelpEvent>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMouseEvent>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QToolTip>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <vae/trainer.h>

#if defined(__linux__)
#include <sys/resource.h>
#include <unistd.h>
#endif

#include <algorithm>
#include <cmath>
#include <numeric>
#include <span>

namespace vae::gui {

namespace {

// 140 pixels per image (MNIST's 28 × 5): two side by side fit a dock of ~320 pixels.
constexpr int kImageBox = 140;
// A table's input and reconstruction, overlaid: room for the plot and the slanted column names.
constexpr int kProfileHeight = 260;
// A press and release this close (pixels, Manhattan) are a click, not a drag.
constexpr int kClickSlop = 3;
constexpr int kStatusMessageMs = 5000;

QPixmap enlarged(std::span<const float> pixels, const ExampleImage& shape)
{
    return QPixmap::fromImage(shape.toQImage(pixels, kImageBox));
}

/// "(0.512, −1.203)", or the first few values and "…" for many dimensions.
QString vectorText(std::span<const float> values, int maxShown)
{
    const QLocale locale;
    const int dims = static_cast<int>(values.size());
    const int shown = dims <= maxShown ? dims : maxShown - 1;
    QStringList parts;
    for (int j = 0; j < shown; ++j)
        parts << locale.toString(double(values[std::size_t(j)]), 'f', 3);
    if (shown < dims)
        parts << QStringLiteral("…");
    return QLatin1Char('(') + parts.join(QStringLiteral(", ")) + QLatin1Char(')');
}

QString nats(double value)
{
    return PointInspector::tr("%1 nats").arg(QLocale().toString(value, 'f', 2));
}

const vae::Posterior* posteriorOf(const vae::LatentSnapshot& snapshot, LatentScatter::Set set)
{
    return set == LatentScatter::TestSet ? &snapshot.posterior : snapshot.trainPosterior.get();
}

const std::vector<std::uint8_t>* labelsOf(const vae::LatentSnapshot& snapshot,
                                          LatentScatter::Set set)
{
    return set == LatentScatter::TestSet ? &snapshot.labels : snapshot.trainLabels.get();
}

} // namespace

PointInspector::PointInspector(ToolContext& context)
    : QDockWidget(tr("Inspector"), context.window()), m_context(context),
      m_pendingInspect(context.options().inspectIndex)
{
    setObjectName(QStringLiteral("inspectorDock"));
    setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    buildWidgets();
    m_action = context.addDock(
        this, Qt::RightDockWidgetArea, tr("&Inspector"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I),
        tr("Inspect one image: click a point of the latent plot to see the image, its "
           "reconstruction and its loss terms, and the test images reconstructed worst "
           "(Ctrl+Shift+I)"));
    m_action->setToolTip(tr("Inspector (Ctrl+Shift+I)"));
    // Other tools find points under the cursor with this index, and leave clicks to it while
    // the Inspector is shown (it selects on click itself then).
    context.setPointPicker({[this](const QPointF& pixel) { return pointAt(pixel); },
                            [this] { return isVisible(); }});

    LatentPlot* plot = context.latentPlot();
    m_ring = new SelectionRing(plot);
    m_ring->setVisible(false);
    // Hover needs move events without a button held.
    plot->setMouseTracking(true);
    m_watchedPlot = plot;
    plot->installEventFilter(this);

    // One ranking at a time; its thread is niced (below), so it stays in this pool.
    m_pool.setMaxThreadCount(1);
    m_worstTimer.setSingleShot(true);
    connect(&m_worstTimer, &QTimer::timeout, this, [this] { requestWorstList(false); });
    connect(&m_worstWatcher, &QFutureWatcher<WorstResult>::finished, this,
            &PointInspector::onWorstListDone);
    connect(&context, &ToolContext::modelChanged, this, &PointInspector::onModelChanged);
    connect(&context, &ToolContext::latentUpdated, this, &PointInspector::onLatentUpdated);
    connect(&context, &ToolContext::trainingStateChanged, this,
            &PointInspector::onTrainingStateChanged);
    connect(&context, &ToolContext::dataReplaced, this, &PointInspector::clearSelection);
    connect(&context, &ToolContext::dataLoaded, this, [this] {
        refreshPanel();
        requestWorstList(true);
    });
    connect(plot, &LatentPlot::trainingSetShownChanged, this, [this] {
        hideHoverTip();
        updateRing();
    });
    connect(this, &QDockWidget::visibilityChanged, this, &PointInspector::onVisibilityChanged);
    if (m_pendingInspect)
        show();
}

PointInspector::~PointInspector()
{
    // A running ranking holds its own model and data; its result is dropped. m_pool's destructor
    // waits for it (a fraction of a second).
    m_worstWatcher.disconnect(this);
    m_context.setPointPicker({});
}

void PointInspector::buildWidgets()
{
    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);

    m_header = new QLabel(content);
    QFont bold = m_header->font();
    bold.setBold(true);
    m_header->setFont(bold);
    m_header->setWordWrap(true);
    layout->addWidget(m_header);

    m_images = new QWidget(content);
    auto* images = new QGridLayout(m_images);
    images->setContentsMargins(0, 0, 0, 0);
    const auto imageLabel = [this] {
        auto* label = new QLabel(m_images);
        label->setFixedSize(kImageBox + 2, kImageBox + 2);
        label->setAlignment(Qt::AlignCenter);
        label->setFrameShape(QFrame::Box);
        label->setStyleSheet(QStringLiteral("QLabel { background: black; color: #aaa; }"));
        return label;
    };
    m_original = imageLabel();
    m_reconstruction = imageLabel();
    images->addWidget(m_original, 0, 0, Qt::AlignHCenter);
    images->addWidget(m_reconstruction, 0, 1, Qt::AlignHCenter);
    auto* originalCaption = new QLabel(tr("original"), m_images);
    auto* reconCaption = new QLabel(tr("reconstruction"), m_images);
    reconCaption->setToolTip(tr("The likelihood's means E[x|z] decoded at the posterior mean z = μ"));
    images->addWidget(originalCaption, 1, 0, Qt::AlignHCenter);
    images->addWidget(reconCaption, 1, 1, Qt::AlignHCenter);
    layout->addWidget(m_images);
    m_profile = new FeatureProfile(content);
    m_profile->setMinimumHeight(kProfileHeight);
    m_profile->setVisible(false);
    layout->addWidget(m_profile);

    m_posterior = new QLabel(content);
    m_posterior->setWordWrap(true);
    m_posterior->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_posterior);

    auto* terms = new QGridLayout;
    const auto addRow = [&](int row, const QString& name, const QString& tip) {
        auto* nameLabel = new QLabel(name, content);
        nameLabel->setToolTip(tip);
        auto* value = new QLabel(content);
        value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        terms->addWidget(nameLabel, row, 0);
        terms->addWidget(value, row, 1);
        return value;
    };
    m_recValue = addRow(0, tr("Reconstruction −E_q[log p(x|z)]"),
                        tr("−log p(x|z) of the model's likelihood, summed over the example's "
                           "values, averaged over draws z = μ + σ·ε"));
    m_klValue = addRow(1, tr("KL(q(z|x) ‖ p(z))"),
                       tr("Closed form for two Gaussians (Kingma & Welling 2014, appendix B)"));
    m_elboValue = addRow(2, tr("ELBO = −(reconstruction + KL)"),
                         tr("Evidence lower bound (Kingma & Welling 2014, eq. 10)"));
    // The identity with this image's numbers, under the values.
    m_identity = new QLabel(content);
    m_identity->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    terms->addWidget(m_identity, 3, 0, 1, 2);
    terms->setColumnStretch(0, 1);
    layout->addLayout(terms);
    m_note = new QLabel(content);
    m_note->setWordWrap(true);
    QFont small = m_note->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_note->setFont(small);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_note);
    layout->addWidget(makeExplanation(
        tr("Per image: ELBO(x) = E<sub>q</sub>[log p<sub>θ</sub>(x|z)] − KL(q<sub>φ</sub>(z|x) ‖ "
           "p(z)) = −reconstruction − KL, in nats; −ELBO is an upper bound on −log p(x). A large "
           "reconstruction term means the decoder cannot redraw this image from its code; a "
           "large KL means its code sits far from the prior."),
        content));

    auto* line = new QFrame(content);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    layout->addWidget(line);

    auto* worstTitle = new QLabel(tr("Worst-reconstructed test images"), content);
    worstTitle->setFont(bold);
    layout->addWidget(worstTitle);
    m_worstStatus = new QLabel(content);
    m_worstStatus->setWordWrap(true);
    m_worstStatus->setFont(small);
    m_worstStatus->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_worstStatus);

    m_worstModel = new WorstListModel(this);
    m_worstModel->setClassLabel([this](int label) { return m_context.classLabel(label); });
    m_table = new QTableView(content);
    m_table->setModel(m_worstModel);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setMinimumHeight(160);
    layout->addWidget(m_table, 1);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { onTableRowChanged(current); });

    setWidget(content);
    showPlaceholder(tr("Hover over a point of the latent plot to see its index, class, μ and σ; "
                       "click it to inspect it here. Or pick an image from the list below."));
    updateWorstStatus();
}

// ---------------------------------------------------------------------------------------------
// Hover and click

std::optional<PointInspector::PointRef> PointInspector::pointAt(const QPointF& pixel)
{
    LatentPlot* plot = m_context.latentPlot();
    if (!plot->axisRect()->rect().contains(pixel.toPoint()))
        return std::nullopt;
    QElapsedTimer timer;
    timer.start();
    ensureIndexes();
    const QPointF z = plot->pixelToLatent(pixel);
    // Latent units per pixel on each axis: the search is round on screen, not in latent space.
    const double unitsX = plot->xAxis->range().size() / std::max(1, plot->axisRect()->width());
    const double unitsY = plot->yAxis->range().size() / std::max(1, plot->axisRect()->height());
    std::optional<PointRef> result;
    if (auto hit = m_testIndex.nearest(z.x(), z.y(), unitsX, unitsY, kPickRadius)) {
        result = PointRef{LatentScatter::TestSet, hit->index};
    } else if (plot->showsTrainingSet()) {
        if (auto trainHit = m_trainIndex.nearest(z.x(), z.y(), unitsX, unitsY, kPickRadius))
            result = PointRef{LatentScatter::TrainingSet, trainHit->index};
    }
    m_lookupUs = double(timer.nsecsElapsed()) / 1e3;
    return result;
}

void PointInspector::ensureIndexes()
{
    const std::shared_ptr<const vae::LatentSnapshot>& snapshot = m_context.latestLatent();
    if (snapshot != m_testIndexed) {
        m_testIndexed = snapshot;
        if (snapshot)
            m_testIndex.build(snapshot->posterior.mu, snapshot->posterior.dim,
                              snapshot->posterior.count, snapshot->labels, LatentScatter::kDigits);
        else
            m_testIndex.clear();
    }
    // The training set's posterior is shared between snapshots and refreshed only every few
    // seconds: rebuild its 60,000-point index only when it is another one.
    const std::shared_ptr<const vae::Posterior> train =
        snapshot && m_context.latentPlot()->showsTrainingSet() ? snapshot->trainPosterior : nullptr;
    if (train != m_trainIndexed) {
        m_trainIndexed = train;
        if (train && snapshot->trainLabels)
            m_trainIndex.build(train->mu, train->dim, train->count, *snapshot->trainLabels,
                               LatentScatter::kDigits);
        else
            m_trainIndex.clear();
    }
}

QString PointInspector::pointText(const PointRef& point) const
{
    const std::shared_ptr<const vae::LatentSnapshot>& snapshot = m_context.latestLatent();
    if (!snapshot)
        return {};
    const vae::Posterior* posterior = posteriorOf(*snapshot, point.set);
    const std::vector<std::uint8_t>* labels = labelsOf(*snapshot, point.set);
    if (!posterior || !labels || point.index < 0 || point.index >= posterior->count)
        return {};
    const int dim = posterior->dim;
    const std::size_t row = std::size_t(point.index) * std::size_t(dim);
    const std::span<const float> mu = std::span(posterior->mu).subspan(row, std::size_t(dim));
    const std::span<const float> sigma = std::span(posterior->sigma).subspan(row, std::size_t(dim));
    const QString title = point.set == LatentScatter::TestSet ? tr("Test image #%1 · %2")
                                                              : tr("Training image #%1 · %2");
    QString text =
        title.arg(point.index).arg(m_context.classLabel(int((*labels)[std::size_t(point.index)])));
    text += QLatin1Char('\n') + tr("μ = %1").arg(vectorText(mu, kTooltipDims));
    text += QLatin1Char('\n') + tr("σ = %1").arg(vectorText(sigma, kTooltipDims));
    if (dim > kTooltipDims)
        text +=
            QLatin1Char('\n') + tr("(%1 latent dimensions; the plot shows the first two)").arg(dim);
    text +=
        QLatin1Char('\n') + (isVisible() ? tr("Click to inspect")
                                         : tr("Inspector (Ctrl+Shift+I), then click to inspect"));
    return text;
}

void PointInspector::updateHover(const QPointF& pixel, const QPoint& globalPos)
{
    const std::optional<PointRef> hit = pointAt(pixel);
    if (!hit) {
        hideHoverTip();
        return;
    }
    // While training the points move under a still cursor: the text is rebuilt at each move
    // (microseconds), the tip only re-shown when it changed.
    const QString text = pointText(*hit);
    if (hit == m_hovered && QToolTip::isVisible() && QToolTip::text() == text)
        return;
    m_hovered = hit;
    QToolTip::showText(globalPos, text, m_context.latentPlot());
}

void PointInspector::hideHoverTip()
{
    if (!m_hovered)
        return;
    m_hovered.reset();
    QToolTip::hideText();
}

bool PointInspector::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_watchedPlot)
        return QDockWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::MouseMove: {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        // Dragging decodes or pans, and Shift belongs to another tool: no hover then.
        if (mouse->buttons() != Qt::NoButton || (mouse->modifiers() & Qt::ShiftModifier))
            hideHoverTip();
        else
            updateHover(mouse->position(), mouse->globalPosition().toPoint());
        break;
    }
    case QEvent::ToolTip: {
        // Over a point, the point's text replaces the plot's help tooltip.
        const auto* help = static_cast<QHelpEvent*>(event);
        if (const std::optional<PointRef> hit = pointAt(help->pos())) {
            m_hovered = hit;
            QToolTip::showText(help->globalPos(), pointText(*hit), m_context.latentPlot());
            return true;
        }
        break;
    }
    case QEvent::Leave:
        hideHoverTip();
        break;
    case QEvent::MouseButtonPress: {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        hideHoverTip();
        m_pressed.reset();
        // Only a plain left click picks; the plot decodes it all the same (not consumed).
        if (mouse->button() == Qt::LeftButton && mouse->modifiers() == Qt::NoModifier &&
            isVisible()) {
            m_pressPos = mouse->position();
            m_pressed = pointAt(m_pressPos);
        }
        break;
    }
    case QEvent::MouseButtonRelease: {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() == Qt::LeftButton && m_pressed &&
            (mouse->position() - m_pressPos).manhattanLength() <= kClickSlop)
            select(*m_pressed);
        m_pressed.reset();
        break;
    }
    default:
        break;
    }
    return false;
}

// ---------------------------------------------------------------------------------------------
// Selection and the panel

bool PointInspector::select(const PointRef& point)
{
    const std::shared_ptr<const vae::Dataset>& data = m_context.data();
    if (!data || point.index < 0)
        return false;
    const vae::ImageSet& images = point.set == LatentScatter::TestSet ? data->test : data->train;
    if (point.index >= images.count)
        return false;
    const bool changed = m_selection != point;
    m_selection = point;
    if (!isVisible()) {
        show(); // visibilityChanged() refreshes the panel and asks for the worst list
        raise();
    } else {
        refreshPanel();
    }
    updateRing();
    syncTableSelection();
    if (changed) {
        m_context.setSelectedPoint(point);
        emit selectionChanged();
    }
    return true;
}

void PointInspector::clearSelection()
{
    if (!m_selection)
        return;
    m_selection.reset();
    refreshPanel();
    updateRing();
    syncTableSelection();
    m_context.setSelectedPoint(std::nullopt);
    emit selectionChanged();
}

void PointInspector::showPlaceholder(const QString& text)
{
    m_shownModel.reset();
    m_shownTerms.reset();
    m_shownRecon.clear();
    m_header->setText(text);
    m_original->clear();
    m_reconstruction->clear();
    m_profile->clear(QString());
    m_posterior->clear();
    m_recValue->clear();
    m_klValue->clear();
    m_elboValue->clear();
    m_identity->clear();
    m_note->clear();
}

void PointInspector::refreshPanel()
{
    if (!m_selection) {
        showPlaceholder(
            tr("Hover over a point of the latent plot to see its index, class, μ and σ; "
               "click it to inspect it here. Or pick an image from the list below."));
        return;
    }
    const std::shared_ptr<const vae::Dataset>& data = m_context.data();
    const std::shared_ptr<const vae::InferenceModel>& model = m_context.model();
    if (!data || !model) {
        showPlaceholder(tr("Train or open a model to inspect images."));
        return;
    }
    const PointRef point = *m_selection;
    const vae::ImageSet& images = point.set == LatentScatter::TestSet ? data->test : data->train;
    const std::size_t perImage = std::size_t(images.pixelsPerImage());
    const std::span<const float> pixels =
        std::span(images.pixels).subspan(std::size_t(point.index) * perImage, perImage);
    vae::LossTerms terms;
    vae::Posterior posterior;
    try {
        terms = model->evaluateImages(pixels, 1, kInspectSamples, kInspectSeed).front();
        posterior = model->encode(pixels, 1);
        m_shownRecon = model->decode(posterior.mu);
    } catch (const std::exception& e) {
        showPlaceholder(tr("Cannot evaluate this image: %1").arg(QString::fromStdString(e.what())));
        return;
    }
    m_shownModel = model;
    m_shownTerms = terms;

    const int label = images.labels[std::size_t(point.index)];
    m_header->setText((point.set == LatentScatter::TestSet ? tr("Test image #%1 · %2")
                                                           : tr("Training image #%1 · %2"))
                          .arg(point.index)
                          .arg(m_context.classLabel(label)));
    const ExampleImage shape = ExampleImage::of(model->description());
    m_images->setVisible(!shape.isTable());
    m_profile->setVisible(shape.isTable());
    if (shape.isTable()) {
        m_profile->showInput(*shape.table, pixels, m_shownRecon);
    } else {
        m_original->setPixmap(enlarged(pixels, shape));
        m_reconstruction->setPixmap(enlarged(m_shownRecon, shape));
    }
    m_posterior->setText(tr("μ = %1   σ = %2")
                             .arg(vectorText(posterior.mu, kTooltipDims),
                                  vectorText(posterior.sigma, kTooltipDims)));
    m_recValue->setText(nats(terms.reconstruction));
    m_klValue->setText(nats(terms.kl));
    m_elboValue->setText(nats(terms.elbo));
    const QLocale locale;
    m_identity->setText(tr("= −(%1 + %2) = %3 nats")
                            .arg(locale.toString(terms.reconstruction, 'f', 2),
                                 locale.toString(terms.kl, 'f', 2),
                                 locale.toString(terms.elbo, 'f', 2)));
    m_note->setText(tr("Reconstruction: mean over %1 draws of ε ~ N(0, I) (seed %2), "
                       "z = μ + σ·ε. KL: closed form. Model at step %3.")
                        .arg(kInspectSamples)
                        .arg(kInspectSeed)
                        .arg(model->step()));
    emit inspected();
}

QString PointInspector::shownText() const
{
    return QStringList{m_header->text(),  m_posterior->text(), m_recValue->text(),
                       m_klValue->text(), m_elboValue->text(), m_identity->text(),
                       m_note->text()}
        .join(QLatin1Char('\n'));
}

std::optional<QPointF> PointInspector::latentPosition(const PointRef& point) const
{
    const std::shared_ptr<const vae::LatentSnapshot>& snapshot = m_context.latestLatent();
    if (!snapshot)
        return std::nullopt;
    const vae::Posterior* posterior = posteriorOf(*snapshot, point.set);
    if (!posterior || point.index >= posterior->count)
        return std::nullopt;
    const std::size_t row = std::size_t(point.index) * std::size_t(posterior->dim);
    return QPointF(posterior->mu[row], posterior->dim > 1 ? posterior->mu[row + 1] : 0.0);
}

void PointInspector::updateRing()
{
    LatentPlot* plot = m_context.latentPlot();
    std::optional<QPointF> z;
    if (m_selection && isVisible() &&
        (m_selection->set == LatentScatter::TestSet || plot->showsTrainingSet()))
        z = latentPosition(*m_selection);
    const bool wasVisible = m_ring->visible();
    const QPointF old = m_ring->center->coords();
    if (z)
        m_ring->center->setCoords(*z);
    m_ring->setVisible(z.has_value());
    if (wasVisible != m_ring->visible() || (z && *z != old))
        plot->layer(QStringLiteral("overlay"))->replot(); // the ring alone, not the scatter
}

void PointInspector::panTo(const QPointF& z)
{
    LatentPlot* plot = m_context.latentPlot();
    const QCPRange x = plot->xAxis->range();
    const QCPRange y = plot->yAxis->range();
    // Inside, with a margin so the ring is not cut by the edge.
    const double marginX = 0.05 * x.size();
    const double marginY = 0.05 * y.size();
    if (z.x() > x.lower + marginX && z.x() < x.upper - marginX && z.y() > y.lower + marginY &&
        z.y() < y.upper - marginY)
        return;
    plot->xAxis->setRange(z.x(), x.size(), Qt::AlignCenter);
    plot->yAxis->setRange(z.y(), y.size(), Qt::AlignCenter);
    plot->replot(QCustomPlot::rpQueuedReplot);
}

void PointInspector::syncTableSelection()
{
    const int row = m_selection && m_selection->set == LatentScatter::TestSet
                        ? m_worstModel->rowOf(m_selection->index)
                        : -1;
    m_syncingTable = true;
    if (row >= 0) {
        m_table->selectRow(row);
        m_table->scrollTo(m_worstModel->index(row, 0));
    } else {
        m_table->clearSelection();
        m_table->selectionModel()->setCurrentIndex(QModelIndex(), QItemSelectionModel::NoUpdate);
    }
    m_syncingTable = false;
}

void PointInspector::onTableRowChanged(const QModelIndex& current)
{
    if (m_syncingTable || !current.isValid())
        return;
    const int index = m_worstModel->data(current, WorstListModel::IndexRole).toInt();
    if (!select(PointRef{LatentScatter::TestSet, index}))
        return;
    if (const std::optional<QPointF> z = latentPosition(*m_selection))
        panTo(*z);
}

// ---------------------------------------------------------------------------------------------
// Following the window

void PointInspector::onModelChanged()
{
    if (!isVisible())
        return;
    if (m_selection)
        refreshPanel();
    // A new run or an opened model replaces the list at once; a training step waits its turn.
    requestWorstList(!m_context.isTraining() ||
                     (m_context.model() && m_context.model()->step() == 0));
}

void PointInspector::onLatentUpdated()
{
    const std::shared_ptr<const vae::LatentSnapshot>& snapshot = m_context.latestLatent();
    if (m_pendingInspect && snapshot && m_context.data()) {
        const int index = *m_pendingInspect;
        m_pendingInspect.reset();
        if (!select(PointRef{LatentScatter::TestSet, index}))
            m_context.showMessage(tr("--inspect: there is no test image %1 (0 to %2).")
                                                   .arg(index)
                                                   .arg(m_context.data()->test.count - 1),
                                               kStatusMessageMs);
    }
    updateRing();
    // Each epoch end gets its list, whatever the throttle says.
    if (snapshot && m_context.isTraining() && snapshot->epoch > m_lastEpochEnd &&
        snapshot->epoch == std::floor(snapshot->epoch)) {
        m_lastEpochEnd = snapshot->epoch;
        requestWorstList(true);
    }
}

void PointInspector::onTrainingStateChanged()
{
    const bool training = m_context.isTraining();
    if (training && !m_wasTraining)
        m_lastEpochEnd = 0;
    if (!training && m_wasTraining)
        requestWorstList(true); // the final model
    m_wasTraining = training;
}

void PointInspector::onVisibilityChanged(bool visible)
{
    if (visible) {
        refreshPanel();
        requestWorstList(true);
    } else {
        hideHoverTip();
    }
    updateRing();
}

// ---------------------------------------------------------------------------------------------
// Worst list

void PointInspector::requestWorstList(bool supersede)
{
    if (!isVisible())
        return; // shown again: onVisibilityChanged() asks
    const std::shared_ptr<const vae::InferenceModel>& model = m_context.model();
    if (!model || !m_context.data())
        return;
    if (model == m_worstSource || model == m_worstRunning)
        return;
    if (!supersede) {
        if (m_worstWatcher.isRunning())
            return; // onWorstListDone() asks again
        const qint64 wait =
            m_sinceWorstDone.isValid() ? kWorstIntervalMs - m_sinceWorstDone.elapsed() : 0;
        if (wait > 0) {
            if (!m_worstTimer.isActive())
                m_worstTimer.start(int(wait));
            return;
        }
    }
    m_worstTimer.stop();
    // Latest request wins: a running computation cannot be interrupted, but its result is dropped
    // and this one starts as soon as it ends.
    ++m_worstGeneration;
    if (m_worstWatcher.isRunning()) {
        m_worstPending = true;
        m_worstRunning.reset();
        return;
    }
    startWorstList();
}

void PointInspector::startWorstList()
{
    m_worstPending = false;
    m_worstRunning = m_context.model();
    std::shared_ptr<const vae::Dataset> data = m_context.data();
    const int generation = m_worstGeneration;
    updateWorstStatus();
    m_worstWatcher.setFuture(QtConcurrent::run(
        &m_pool, [generation, model = m_worstRunning, data = std::move(data)]() -> WorstResult {
#if defined(__linux__)
            // As the trainer's threads (and inherited by the OpenMP team this thread starts):
            // ranking 10,000 images takes a core for a fraction of a second, and clicks on the
            // GUI thread must not wait for it. Lowering one's own priority needs no privilege.
            (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()),
                              vae::Trainer::kBackgroundNice);
#endif
            WorstResult result{generation, model, {}, 0, {}};
            try {
                QElapsedTimer timer;
                timer.start();
                const vae::ImageSet& test = data->test;
                const std::vector<vae::LossTerms> terms =
                    model->evaluateImages(test.pixels, test.count, kWorstSamples, kWorstSeed);
                std::vector<int> order(terms.size());
                std::iota(order.begin(), order.end(), 0);
                const auto top =
                    order.begin() + std::min<std::ptrdiff_t>(kWorstCount, order.size());
                std::partial_sort(order.begin(), top, order.end(), [&terms](int a, int b) {
                    const double ra = terms[std::size_t(a)].reconstruction;
                    const double rb = terms[std::size_t(b)].reconstruction;
                    return ra > rb || (ra == rb && a < b);
                });
                for (auto it = order.begin(); it != top; ++it)
                    result.entries.push_back(
                        {*it, int(test.labels[std::size_t(*it)]), terms[std::size_t(*it)]});
                result.milliseconds = double(timer.nsecsElapsed()) / 1e6;
            } catch (const std::exception& e) {
                result.error = QString::fromStdString(e.what());
            }
            return result;
        }));
}

void PointInspector::onWorstListDone()
{
    WorstResult result = m_worstWatcher.result();
    m_worstRunning.reset();
    m_sinceWorstDone.start();
    const bool current = result.generation == m_worstGeneration; // else superseded: dropped
    if (current && result.error.isEmpty()) {
        m_worstSource = std::move(result.model);
        m_worstMs = result.milliseconds;
        m_worstModel->setEntries(std::move(result.entries));
        syncTableSelection();
    }
    if (m_worstPending)
        startWorstList();
    else
        requestWorstList(false); // the model may have moved on meanwhile
    updateWorstStatus();
    if (current && !result.error.isEmpty())
        m_worstStatus->setText(tr("Cannot rank the test images: %1").arg(result.error));
    if (current && result.error.isEmpty())
        emit worstListUpdated();
}

void PointInspector::updateWorstStatus()
{
    QString text;
    if (m_worstSource) {
        const QString draws = kWorstSamples == 1 ? tr("one draw of ε per image")
                                                 : tr("%1 draws of ε per image").arg(kWorstSamples);
        const int tests = m_context.data() ? m_context.data()->test.count : 0;
        text = tr("Top %1 of the %2 by −E_q[log p(x|z)], %3 (seed %4); model at step %5, "
                  "ranked in %6 ms.")
                   .arg(m_worstModel->rowCount())
                   .arg(QLocale().toString(tests))
                   .arg(draws)
                   .arg(kWorstSeed)
                   .arg(m_worstSource->step())
                   .arg(QLocale().toString(m_worstMs, 'f', 0));
    } else {
        text = tr("Ranks the test images by their reconstruction term once a model is there.");
    }
    if (m_worstWatcher.isRunning())
        text += QLatin1Char(' ') + tr("Updating…");
    m_worstStatus->setText(text);
}

} // namespace vae::gui
