#include "tools/iwae/iwaetool.h"

#include "tools/toolcontext.h"
#include "widgets/panelscroll.h"

#include <vae/trainer.h>

#include <qcustomplot.h>

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#if defined(__linux__)
#include <sys/resource.h>
#include <unistd.h>
#endif

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

namespace vae::gui {

namespace {

constexpr int kProgressSteps = 1000;
constexpr std::array<int, 3> kImageChoices{100, 1000, 10000};

QString nats(double value, int decimals = 2)
{
    QString text = QLocale().toString(value, 'f', decimals);
    if (text.startsWith(QLatin1Char('-')))
        text.replace(0, 1, QChar(0x2212));
    return text;
}

/// Decoded points per image of a quadrature grid (the two coarse passes and the final one; a
/// widened first pass adds more, rarely).
double quadratureCost()
{
    return 2.0 * IwaeTool::kQuadratureCoarseResolution * IwaeTool::kQuadratureCoarseResolution +
           double(IwaeTool::kQuadratureResolution) * IwaeTool::kQuadratureResolution;
}

} // namespace

IwaeTool::IwaeTool(ToolContext& context)
    : QDockWidget(tr("Importance-Weighted Bound"), context.window()), m_context(context)
{
    setObjectName(QStringLiteral("iwaeDock"));
    buildWidgets();
    QAction* toggle = context.addDock(this, Qt::RightDockWidgetArea, tr("Importance-&Weighted Bound"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B),
        tr("log p(x) estimates L_k for k = 1, 10, 100, 1000 on the test set (Burda et al. 2015; "
           "Ctrl+Shift+B)"));
    toggle->setIconText(tr("IWAE"));
    toggle->setToolTip(tr("Importance-weighted bounds L_k on the test set (%1)")
                           .arg(toggle->shortcut().toString(QKeySequence::NativeText)));

    m_pool.setMaxThreadCount(1);
    connectWatcher();

    // --iwae: compute once a model is there and training is not running.
    m_autoStart = context.options().showIwae;
    const auto maybeStart = [this] {
        if (m_autoStart && m_context.model() && m_context.data() && !m_context.isTraining()) {
            m_autoStart = false;
            compute();
        }
        updateView();
    };
    connect(&context, &ToolContext::dataLoaded, this, maybeStart);
    connect(&context, &ToolContext::modelOpened, this, maybeStart);
    connect(&context, &ToolContext::trainingStateChanged, this, maybeStart);
    connect(&context, &ToolContext::modelChanged, this, [this] {
        if (!m_rows.empty() && !isRunning())
            updateView(); // says that the model has moved on
    });
    if (m_autoStart) {
        show();
        raise();
    }
}

IwaeTool::~IwaeTool()
{
    m_watcher.disconnect(this);
    m_watcher.cancel();
    m_pool.waitForDone();
}

void IwaeTool::buildWidgets()
{
    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);

    auto* row = new QHBoxLayout;
    auto* imagesLabel = new QLabel(tr("&Test images:"), content);
    m_imagesBox = new QComboBox(content);
    for (const int n : kImageChoices)
        m_imagesBox->addItem(tr("first %1").arg(QLocale().toString(n)), n);
    m_imagesBox->setCurrentIndex(m_imagesBox->findData(kDefaultImages));
    m_imagesBox->setToolTip(
        tr("Bounds over the first n test images: the time grows with n (and the "
           "quadrature line takes most of it)."));
    imagesLabel->setBuddy(m_imagesBox);
    connect(m_imagesBox, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_images = m_imagesBox->itemData(index).toInt(); });
    m_computeButton = new QPushButton(tr("&Compute"), content);
    m_computeButton->setToolTip(tr("Compute L_1, L_10, L_100, L_1000 with the current model"));
    connect(m_computeButton, &QPushButton::clicked, this, [this] { compute(); });
    m_cancelButton = new QPushButton(tr("Cance&l"), content);
    connect(m_cancelButton, &QPushButton::clicked, this, &IwaeTool::cancel);
    row->addWidget(imagesLabel);
    row->addWidget(m_imagesBox, 1);
    row->addWidget(m_computeButton);
    row->addWidget(m_cancelButton);
    layout->addLayout(row);

    m_progress = new QProgressBar(content);
    m_progress->setRange(0, kProgressSteps);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    layout->addWidget(m_progress);
    m_status = new QLabel(content);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    m_plot = new QCustomPlot(content);
    m_plot->setMinimumHeight(220);
    m_plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
    QSharedPointer<QCPAxisTickerLog> ticker(new QCPAxisTickerLog);
    ticker->setLogBase(10);
    ticker->setSubTickCount(8);
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->setNumberFormat(QStringLiteral("gb"));
    m_plot->xAxis->setNumberPrecision(0);
    m_plot->xAxis->setRange(0.4, 3000);
    m_plot->xAxis->setLabel(tr("k (importance samples per image)"));
    m_plot->yAxis->setLabel(tr("mean over the images (nats)"));
    m_graph = m_plot->addGraph();
    m_graph->setName(tr("L_k"));
    m_graph->setPen(QPen(QColor(31, 119, 180), 2));
    m_graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(31, 119, 180), 9));
    m_line = new QCPItemStraightLine(m_plot);
    m_line->setPen(QPen(QColor(214, 39, 40), 2, Qt::DashLine));
    m_line->point1->setCoords(1, 0);
    m_line->point2->setCoords(10, 0);
    m_line->setVisible(false);
    m_lineLabel = new QCPItemText(m_plot);
    m_lineLabel->setColor(QColor(214, 39, 40));
    m_lineLabel->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    m_lineLabel->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    m_lineLabel->position->setTypeY(QCPItemPosition::ptPlotCoords);
    m_lineLabel->setVisible(false);
    layout->addWidget(m_plot, 1);

    m_table = new QTableWidget(0, 5, content);
    m_table->setHorizontalHeaderLabels(
        {tr("k"), tr("L_k (nats)"), tr("± s.e."), tr("gap"), tr("time (s)")});
    m_table->horizontalHeaderItem(2)->setToolTip(
        tr("Standard error of the mean over the images (their spread / √n); the differences "
           "between the rows are paired (the same images) and far more precise"));
    m_table->horizontalHeaderItem(3)->setToolTip(
        tr("log p(x) by quadrature − L_k, averaged over the same images (2-D latent only)"));
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setFixedHeight(m_table->horizontalHeader()->sizeHint().height() +
                            6 * (m_table->fontMetrics().height() + 6) + 4);
    layout->addWidget(m_table);

    m_explanation = new QLabel(content);
    m_explanation->setWordWrap(true);
    m_explanation->setTextFormat(Qt::RichText);
    m_explanation->setText(tr(
        "<p><b>Importance-weighted bound</b> (Burda et al. 2015): with z<sub>1</sub>, …, "
        "z<sub>k</sub> drawn from q(z|x),<br>"
        "L<sub>k</sub> = E[ log (1/k) Σ<sub>i</sub> p(x, z<sub>i</sub>) / q(z<sub>i</sub>|x) ].<br>"
        "L<sub>1</sub> is the ELBO, and ELBO = L<sub>1</sub> ≤ L<sub>k</sub> ≤ L<sub>m</sub> ≤ "
        "log p(x) for k ≤ m, with L<sub>k</sub> → log p(x) as k → ∞ (Theorem 1). More samples "
        "make the bound tighter without changing the model: the rise from L<sub>1</sub> shows how "
        "much the ELBO underestimates log p(x). For a 2-D latent the dashed line is log p(x) "
        "itself, by quadrature on a grid, averaged over the same images.</p>"));
    layout->addWidget(m_explanation);
    setWidget(scrollablePanel(content));
    updateView();
}

void IwaeTool::connectWatcher()
{
    connect(&m_watcher, &QFutureWatcher<Row>::resultReadyAt, this, &IwaeTool::onRowReady);
    connect(&m_watcher, &QFutureWatcher<Row>::finished, this, &IwaeTool::onFinished);
    connect(&m_watcher, &QFutureWatcher<Row>::progressValueChanged, m_progress,
            &QProgressBar::setValue);
}

void IwaeTool::setImageCount(int n)
{
    n = std::max(1, n);
    m_images = n;
    int index = m_imagesBox->findData(n);
    if (index < 0) {
        m_imagesBox->addItem(tr("first %1").arg(QLocale().toString(n)), n);
        index = m_imagesBox->count() - 1;
    }
    const QSignalBlocker blocker(m_imagesBox);
    m_imagesBox->setCurrentIndex(index);
}

bool IwaeTool::compute()
{
    m_error.clear();
    if (!m_context.model() || !m_context.data()) {
        m_error = tr("Train or open a model first.");
        updateView();
        return false;
    }
    if (isRunning()) {
        // The running computation's results are dropped: it stops within one batch.
        m_watcher.disconnect();
        m_watcher.cancel();
        m_watcher.waitForFinished();
        connectWatcher();
    }
    Job job;
    job.model = m_context.model();
    job.data = m_context.data();
    job.images = std::min(m_images, job.data->test.count);
    m_model = job.model;
    m_jobImages = job.images;
    m_rows.clear();
    m_progress->setValue(0);
    m_watcher.setFuture(QtConcurrent::run(&m_pool, &IwaeTool::run, job));
    updateView();
    return true;
}

void IwaeTool::cancel()
{
    if (isRunning())
        m_watcher.cancel();
}

void IwaeTool::run(QPromise<Row>& promise, const Job& job)
{
#if defined(__linux__)
    // As the trainer's threads: the GUI thread must not wait for this one.
    (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), vae::Trainer::kBackgroundNice);
#endif
    const int n = job.images;
    const std::size_t perImage = std::size_t(job.model->pixelsPerImage());
    const std::span<const float> x =
        std::span(job.data->test.pixels).first(std::size_t(n) * perImage);
    const bool quadrature = job.model->latentDim() == 2;

    // Progress in decoded points (the encoder's pass counts as one per image).
    double total = 0;
    for (const int k : kSamples)
        total += double(n) * (k + 1);
    if (quadrature)
        total += double(n) * quadratureCost();
    promise.setProgressRange(0, kProgressSteps);
    double before = 0;
    const auto report = [&](double done) {
        promise.setProgressValue(
            std::min(kProgressSteps, int(std::lround(kProgressSteps * (before + done) / total))));
        return !promise.isCanceled();
    };

    for (const int k : kSamples) {
        Row row;
        row.k = k;
        try {
            vae::ImportanceWeightedOptions options;
            options.k = k;
            options.seed = kSeed;
            const vae::ImportanceWeightedResult result =
                vae::importanceWeightedBound(*job.model, x, n, options, [&](int done, int) {
                    return report(double(done) * (k + 1));
                });
            if (result.cancelled || promise.isCanceled())
                return;
            row.images = int(result.perImage.size());
            row.mean = result.mean;
            row.stdError = result.stdError;
            row.seconds = result.seconds;
            row.perImage = result.perImage;
        } catch (const std::exception& e) {
            row.error = QString::fromStdString(e.what());
            promise.addResult(std::move(row));
            return;
        }
        promise.addResult(std::move(row));
        before += double(n) * (k + 1);
    }
    if (!quadrature)
        return;

    Row row;
    row.k = 0;
    QElapsedTimer timer;
    timer.start();
    try {
        vae::PosteriorGridOptions options;
        options.resolution = kQuadratureResolution;
        options.coarseResolution = kQuadratureCoarseResolution;
        row.perImage.reserve(std::size_t(n));
        for (int i = 0; i < n; ++i) {
            if (!report(double(i) * quadratureCost()))
                return;
            const vae::PosteriorGrid grid =
                vae::posteriorGrid(*job.model, x.subspan(std::size_t(i) * perImage, perImage),
                                   options, [&](int, int) { return !promise.isCanceled(); });
            if (grid.cancelled)
                return;
            row.perImage.push_back(grid.logEvidence);
        }
    } catch (const std::exception& e) {
        row.error = QString::fromStdString(e.what());
        promise.addResult(std::move(row));
        return;
    }
    double sum = 0;
    for (const double v : row.perImage)
        sum += v;
    row.images = n;
    row.mean = sum / n;
    double squares = 0;
    for (const double v : row.perImage)
        squares += (v - row.mean) * (v - row.mean);
    row.stdError = n > 1 ? std::sqrt(squares / (n - 1) / n) : 0.0;
    row.seconds = double(timer.nsecsElapsed()) / 1e9;
    report(double(n) * quadratureCost());
    promise.addResult(std::move(row));
}

void IwaeTool::onRowReady(int index)
{
    Row row = m_watcher.resultAt(index);
    if (!row.error.isEmpty()) {
        m_error = tr("Cannot compute the bound: %1").arg(row.error);
    } else {
        m_rows.push_back(std::move(row));
        emit rowAdded();
    }
    updateView();
}

void IwaeTool::onFinished()
{
    if (!m_watcher.isCanceled() && m_error.isEmpty())
        m_progress->setValue(kProgressSteps);
    updateView();
    emit finished();
}

void IwaeTool::updateView()
{
    const QLocale locale;
    std::optional<double> quadrature;
    QVector<double> keys;
    QVector<double> values;
    for (const Row& row : m_rows) {
        if (row.k == 0) {
            quadrature = row.mean;
        } else {
            keys << row.k;
            values << row.mean;
        }
    }
    m_graph->setData(keys, values, true);
    for (QCPItemText* label : m_pointLabels)
        m_plot->removeItem(label);
    m_pointLabels.clear();
    for (int i = 0; i < keys.size(); ++i) {
        auto* label = new QCPItemText(m_plot);
        label->position->setCoords(keys[i], values[i]);
        label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignTop);
        label->setPadding(QMargins(0, 8, 0, 0));
        label->setText(nats(values[i]));
        m_pointLabels.push_back(label);
    }
    m_line->setVisible(quadrature.has_value());
    m_lineLabel->setVisible(quadrature.has_value());
    if (quadrature) {
        m_line->point1->setCoords(1, *quadrature);
        m_line->point2->setCoords(10, *quadrature);
        m_lineLabel->position->setCoords(0.98, *quadrature);
        m_lineLabel->setText(tr("log p(x) by quadrature: %1").arg(nats(*quadrature)));
    }
    if (!values.isEmpty()) {
        double low = *std::min_element(values.begin(), values.end());
        double high = *std::max_element(values.begin(), values.end());
        if (quadrature)
            high = std::max(high, *quadrature);
        const double pad = std::max(0.5, 0.15 * (high - low));
        m_plot->yAxis->setRange(low - 1.5 * pad, high + pad);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);

    m_table->setRowCount(int(m_rows.size()));
    for (int r = 0; r < int(m_rows.size()); ++r) {
        const Row& row = m_rows[std::size_t(r)];
        const QString name = row.k == 0 ? tr("log p(x)") : locale.toString(row.k);
        const QString gap = quadrature && row.k > 0 ? nats(*quadrature - row.mean) : QString();
        const QStringList cells{name, nats(row.mean), nats(row.stdError), gap,
                                locale.toString(row.seconds, 'f', 1)};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (row.k == 0)
                item->setToolTip(tr("log p(x) by quadrature on a %1 × %1 grid per image")
                                     .arg(kQuadratureResolution));
            item->setTextAlignment(c == 0 ? Qt::AlignLeft | Qt::AlignVCenter
                                          : Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(r, c, item);
        }
    }
    updateButtons();

    QString status;
    if (!m_error.isEmpty()) {
        status = m_error;
    } else if (isRunning()) {
        status = tr("Computing over the first %1 test images with the model at step %2…")
                     .arg(locale.toString(m_jobImages))
                     .arg(m_model ? m_model->step() : 0);
    } else if (m_rows.empty()) {
        status = m_context.model() ? tr("Press Compute to estimate log p(x) on the test set.")
                                   : tr("Train or open a model first.");
    } else {
        status = tr("First %1 test images, seed %2, model at step %3.")
                     .arg(locale.toString(m_jobImages))
                     .arg(kSeed)
                     .arg(m_model ? m_model->step() : 0);
        if (m_watcher.isCanceled())
            status += QLatin1Char(' ') + tr("Cancelled.");
        if (m_model && m_context.model() && m_context.model() != m_model)
            status += QLatin1Char(' ') + tr("The model has changed since: Compute again.");
        if (m_model && m_model->latentDim() != 2)
            status += QLatin1Char(' ') +
                      tr("No quadrature line: log p(x) on a grid needs a 2-D latent space.");
    }
    m_status->setText(status);
}

void IwaeTool::updateButtons()
{
    m_computeButton->setEnabled(m_context.model() != nullptr && m_context.data() != nullptr);
    m_cancelButton->setEnabled(isRunning());
}

QString IwaeTool::statusText() const
{
    return m_status->text();
}

} // namespace vae::gui
