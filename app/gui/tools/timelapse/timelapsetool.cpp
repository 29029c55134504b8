#include "tools/timelapse/timelapsetool.h"

#include "widgets/explanation.h"
#include "tools/timelapse/gifwriter.h"
#include "plots/latentplot.h"
#include "tools/toolcontext.h"
#include "widgets/tilegridview.h"

#include <vae/prior.h>
#include <vae/trainer.h>

#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QToolBar>
#include <QVBoxLayout>

#include <cmath>

namespace vae::gui {

namespace {

// The cap remembered in QSettings; the default when the window does not use settings (tests,
// screenshots), as every other tool does.
std::size_t rememberedCap(const LaunchOptions& options)
{
    if (!options.useSettings)
        return TimelapseHistory::kDefaultCap;
    const QSettings settings;
    const qulonglong cap = settings
                               .value(QLatin1String(TimelapseTool::kCapSetting),
                                      qulonglong(TimelapseHistory::kDefaultCap))
                               .toULongLong();
    return std::size_t(cap);
}

} // namespace

TimelapseTool::TimelapseTool(ToolContext& context, std::size_t cap)
    : QObject(context.window()), m_context(context),
      m_history(cap == 0 ? rememberedCap(context.options()) : cap)
{
    setObjectName(QStringLiteral("timelapseTool"));
    m_dock = new QDockWidget(tr("Time-lapse"), context.window());
    m_dock->setObjectName(QStringLiteral("timelapseDock"));
    auto* panel = new QWidget(m_dock);
    auto* layout = new QVBoxLayout(panel);
    m_label = new QLabel(panel);
    layout->addWidget(m_label);
    m_slider = new QSlider(Qt::Horizontal, panel);
    m_slider->setToolTip(tr("Scrub through the latent space at each epoch end"));
    layout->addWidget(m_slider);
    auto* buttons = new QHBoxLayout;
    m_playButton = new QPushButton(tr("Play"), panel);
    m_playButton->setCheckable(true);
    m_liveButton = new QPushButton(tr("Live"), panel);
    m_liveButton->setToolTip(tr("Follow training again"));
    buttons->addWidget(m_playButton);
    buttons->addWidget(m_liveButton);
    layout->addLayout(buttons);
    m_manifoldView = new TileGridView(panel);
    m_manifoldView->setToolTip(
        tr("The decoder's images at the prior's quantiles with this epoch's weights"));
    m_manifoldView->clear(tr("No epochs yet"));
    layout->addWidget(m_manifoldView, 1);
    auto* form = new QFormLayout;
    m_capBox = new QSpinBox(panel);
    m_capBox->setRange(int(TimelapseHistory::kMinCap), int(TimelapseHistory::kMaxCap));
    m_capBox->setValue(int(m_history.cap()));
    m_capBox->setToolTip(tr("When this many frames are kept, every other one is dropped: the whole "
                            "run stays covered at half the resolution"));
    form->addRow(tr("Keep at most"), m_capBox);
    m_memoryLabel = new QLabel(panel);
    form->addRow(tr("Memory"), m_memoryLabel);
    layout->addLayout(form);
    m_exportManifold = new QCheckBox(tr("Include the manifold in exports"), panel);
    m_exportManifold->setChecked(true);
    layout->addWidget(m_exportManifold);
    auto* exportPng = new QPushButton(tr("Export PNG sequence…"), panel);
    auto* exportGifButton = new QPushButton(tr("Export animated GIF…"), panel);
    layout->addWidget(exportPng);
    layout->addWidget(exportGifButton);
    layout->addWidget(makeExplanation(
        tr("A frame is kept at each epoch's end: the test images' posterior means μ and the "
           "decoder's images at the prior's quantiles. Training maximises ELBO = "
           "E<sub>q</sub>[log p<sub>θ</sub>(x|z)] − KL(q<sub>φ</sub>(z|x) ‖ p(z)): early on the "
           "KL term squeezes all codes towards N(0, I); as the reconstruction term improves, the "
           "digits separate into clusters."),
        panel));
    m_dock->setWidget(panel);

    connect(m_slider, &QSlider::valueChanged, this, &TimelapseTool::showFrame);
    connect(m_liveButton, &QPushButton::clicked, this, &TimelapseTool::goLive);
    connect(m_playButton, &QPushButton::toggled, this, &TimelapseTool::setPlaying);
    m_playTimer.setInterval(1000 / kFramesPerSecond);
    connect(&m_playTimer, &QTimer::timeout, this, [this] {
        // The last frame is the live one: the replay ends following training again.
        const int next = m_slider->value() + 1;
        if (next >= static_cast<int>(m_history.frames().size()) - 1)
            goLive();
        else
            m_slider->setValue(next);
    });
    connect(m_capBox, &QSpinBox::valueChanged, this,
            [this](int value) { setCap(std::size_t(value)); });

    m_exportPngAction = new QAction(tr("Export Time-lapse as PNG Sequence…"), this);
    m_exportPngAction->setStatusTip(tr("Write one PNG per kept epoch into a folder"));
    m_exportGifAction = new QAction(tr("Export Time-lapse as Animated GIF…"), this);
    m_exportGifAction->setStatusTip(tr("Write the kept epochs as an animated GIF"));
    connect(m_exportPngAction, &QAction::triggered, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(m_context.window(), tr("Export PNG Sequence"),
                                                              QDir::homePath());
        if (!dir.isEmpty())
            exportPngSequence(dir);
    });
    connect(m_exportGifAction, &QAction::triggered, this, [this] {
        const QString path =
            m_context.askSaveFile(tr("Export Animated GIF"), tr("GIF images (*.gif)"),
                                  QStringLiteral("gif"), QStringLiteral("latent-timelapse"));
        if (!path.isEmpty())
            exportGif(path);
    });
    connect(exportPng, &QPushButton::clicked, m_exportPngAction, &QAction::trigger);
    connect(exportGifButton, &QPushButton::clicked, m_exportGifAction, &QAction::trigger);

    connect(&context, &ToolContext::latentUpdated, this, &TimelapseTool::onLatentUpdated);
    connect(&context, &ToolContext::modelOpened, this, [this] {
        m_history.clear();
        m_run = 0;
        goLive();
    });

    context.addSeparator(ToolContext::Place::ExploreMenu);
    QAction* toggle = context.addDock(
        m_dock, Qt::RightDockWidgetArea, tr("&Time-lapse"), Qt::CTRL | Qt::Key_L,
        tr("A panel to scrub, replay and export the latent space at each epoch end (Ctrl+L)"));
    toggle->setIconText(tr("Time-lapse"));
    toggle->setToolTip(tr("Replay the latent space epoch by epoch (Ctrl+L)"));
    connect(toggle, &QAction::triggered, m_dock, [this](bool on) {
        if (on)
            m_dock->raise();
    });
    context.addAction(m_exportPngAction, ToolContext::Place::ExploreMenu);
    context.addAction(m_exportGifAction, ToolContext::Place::ExploreMenu);
    if (context.options().showTimelapse)
        m_dock->show();
    updateControls();
}

void TimelapseTool::onLatentUpdated()
{
    const auto& latest = m_context.latestLatent();
    if (!latest)
        return;
    // A new run or a snapshot from an opened model starts a new history.
    const std::uint64_t run = m_context.runId();
    if (run != m_run) {
        m_history.clear();
        m_run = run;
        if (!m_live)
            goLive();
    }
    auto frame = [&](std::shared_ptr<const vae::InferenceModel> model) {
        auto latent = std::make_shared<vae::LatentSnapshot>();
        latent->step = latest->step;
        latent->epoch = latest->epoch;
        latent->posterior = latest->posterior;
        latent->labels = latest->labels;
        latent->factors = latest->factors; // shared: one copy for every frame
        return TimelapseFrame{std::move(latent), decodeManifold(std::move(model))};
    };
    if (run == 0) {
        // An opened model: its one snapshot (again after the training set is encoded).
        m_history.clear();
        m_history.add(frame(m_context.model()));
    } else {
        const bool wholeEpoch = latest->epoch > 0 && latest->epoch == std::floor(latest->epoch);
        const auto& frames = m_history.frames();
        if (!wholeEpoch || (!frames.empty() && frames.back().latent->step == latest->step))
            return;
        // The trainer publishes the epoch end's weights just before its latent snapshot; by now
        // they may be a few steps newer.
        m_history.add(frame(m_context.newestModel()));
    }
    updateControls();
}

void TimelapseTool::updateControls()
{
    const int n = static_cast<int>(m_history.frames().size());
    const QSignalBlocker block(m_slider);
    m_slider->setRange(0, std::max(0, n - 1));
    if (m_live)
        m_slider->setValue(std::max(0, n - 1));
    m_slider->setEnabled(n > 1);
    m_playButton->setEnabled(n > 1);
    m_liveButton->setEnabled(!m_live);
    m_memoryLabel->setText(
        tr("%1 frames, %2 MB").arg(n).arg(double(memoryBytes()) / (1024.0 * 1024.0), 0, 'f', 1));
    if (n == 0) {
        m_label->setText(tr("No epochs yet"));
        m_manifoldView->clear(tr("No epochs yet"));
        return;
    }
    const int index = m_slider->value();
    const TimelapseFrame& shown = m_history.frames()[std::size_t(index)];
    if (shown.manifold)
        m_manifoldView->setGrid(shown.manifold);
    else
        m_manifoldView->clear(tr("No manifold for this epoch"));
    const int epoch = static_cast<int>(std::lround(shown.latent->epoch));
    const int last = static_cast<int>(std::lround(m_history.frames().back().latent->epoch));
    m_label->setText(m_live ? tr("epoch %1 of %2 (live)").arg(epoch).arg(last)
                            : tr("epoch %1 of %2").arg(epoch).arg(last));
}

void TimelapseTool::showFrame(int index)
{
    const auto& frames = m_history.frames();
    const int n = static_cast<int>(frames.size());
    if (n == 0)
        return;
    index = std::clamp(index, 0, n - 1);
    if (index == n - 1 && !isPlaying()) {
        goLive();
        return;
    }
    m_live = false;
    {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(index);
    }
    m_context.showPastLatent(frames[static_cast<std::size_t>(index)].latent);
    updateControls();
}

void TimelapseTool::goLive()
{
    m_live = true;
    if (m_playTimer.isActive())
        setPlaying(false);
    m_context.showPastLatent(nullptr);
    updateControls();
}

void TimelapseTool::setPlaying(bool playing)
{
    if (playing == m_playTimer.isActive())
        return;
    if (playing) {
        if (m_history.frames().size() < 2) {
            m_playButton->setChecked(false);
            return;
        }
        if (m_live || m_slider->value() >= m_slider->maximum())
            showFrame(0);
        m_playTimer.start();
    } else {
        m_playTimer.stop();
    }
    const QSignalBlocker block(m_playButton);
    m_playButton->setChecked(playing);
    m_playButton->setText(playing ? tr("Pause") : tr("Play"));
}

void TimelapseTool::setCap(std::size_t cap)
{
    const std::size_t before = m_history.frames().size();
    m_history.setCap(cap);
    if (m_context.options().useSettings)
        QSettings().setValue(QLatin1String(kCapSetting), qulonglong(m_history.cap()));
    {
        const QSignalBlocker block(m_capBox);
        m_capBox->setValue(int(m_history.cap()));
    }
    // Dropped frames renumber the rest: a past frame shown may be gone.
    if (!m_live && m_history.frames().size() != before)
        goLive();
    else
        updateControls();
}

void TimelapseTool::setManifoldExported(bool on)
{
    m_exportManifold->setChecked(on);
}

bool TimelapseTool::isManifoldExported() const
{
    return m_exportManifold->isChecked();
}

std::size_t TimelapseTool::memoryBytes() const
{
    std::size_t bytes = 0;
    for (const TimelapseFrame& frame : m_history.frames()) {
        const vae::Posterior& posterior = frame.latent->posterior;
        bytes += (posterior.mu.size() + posterior.sigma.size()) * sizeof(float);
        bytes += frame.latent->labels.size();
        if (frame.manifold)
            bytes += std::size_t(frame.manifold->image.sizeInBytes());
    }
    return bytes;
}

std::shared_ptr<const TileGrid>
TimelapseTool::decodeManifold(std::shared_ptr<const vae::InferenceModel> model)
{
    if (!model)
        return nullptr;
    QElapsedTimer timer;
    timer.start();
    try {
        const int n = kManifoldTiles;
        TileGrid grid = decodeTiles(
            model, vae::embedInLatent(vae::priorQuantileGrid(n), model->latentDim()), n, n);
        // Only the image is kept: the frame must not hold the weights, z or float pixels.
        grid.pixels = {};
        grid.z = {};
        grid.model = nullptr;
        m_lastManifoldMs = double(timer.nsecsElapsed()) / 1e6;
        return std::make_shared<const TileGrid>(std::move(grid));
    } catch (const std::exception& e) {
        m_context.reportError(tr("Cannot decode the time-lapse manifold"),
                              QString::fromStdString(e.what()));
        return nullptr;
    }
}

std::vector<QImage> TimelapseTool::renderFrames()
{
    std::vector<QImage> images;
    LatentPlot* plot = m_context.latentPlot();
    const auto shown = plot->snapshot();
    const bool wasPast = m_context.showsPastLatent();
    // Every frame in the view of the frame shown (so the axes stay put in the animation).
    plot->applySnapshotNow();
    const QCPRange x = plot->xAxis->range();
    const QCPRange y = plot->yAxis->range();
    const bool withManifold = isManifoldExported();
    for (const TimelapseFrame& frame : m_history.frames()) {
        plot->setSnapshot(frame.latent);
        plot->applySnapshotNow();
        plot->xAxis->setRange(x);
        plot->yAxis->setRange(y);
        QImage scatter = plot->toPixmap(kExportSize, kExportSize).toImage();
        if (!withManifold) {
            images.push_back(std::move(scatter));
            continue;
        }
        // The scatter on the left, the epoch's prior quantile manifold on the right.
        QImage both(2 * kExportSize, kExportSize, QImage::Format_RGB32);
        both.fill(Qt::black);
        QPainter painter(&both);
        painter.drawImage(0, 0, scatter);
        if (frame.manifold) {
            painter.setRenderHint(QPainter::SmoothPixmapTransform);
            painter.drawImage(QRect(kExportSize, 0, kExportSize, kExportSize),
                              frame.manifold->image);
        }
        painter.end();
        images.push_back(std::move(both));
    }
    // Back to what was shown.
    m_context.showPastLatent(wasPast ? shown : nullptr);
    plot->applySnapshotNow();
    plot->xAxis->setRange(x);
    plot->yAxis->setRange(y);
    plot->replot(QCustomPlot::rpQueuedReplot);
    return images;
}

bool TimelapseTool::exportPngSequence(const QString& directory)
{
    if (m_history.frames().empty()) {
        m_context.reportError(tr("Cannot export the time-lapse"), tr("There are no frames yet."));
        return false;
    }
    if (!QDir().mkpath(directory)) {
        m_context.reportError(tr("Cannot export the time-lapse"),
                              tr("Cannot create the folder %1.").arg(directory));
        return false;
    }
    const std::vector<QImage> images = renderFrames();
    for (std::size_t i = 0; i < images.size(); ++i) {
        const QString path = QDir(directory).filePath(
            QStringLiteral("frame-%1.png").arg(i + 1, 3, 10, QLatin1Char('0')));
        if (!images[i].save(path, "PNG")) {
            m_context.reportError(tr("Cannot export the time-lapse"),
                                  tr("Cannot write %1.").arg(path));
            return false;
        }
    }
    return true;
}

bool TimelapseTool::exportGif(const QString& path)
{
    if (m_history.frames().empty()) {
        m_context.reportError(tr("Cannot export the time-lapse"), tr("There are no frames yet."));
        return false;
    }
    const QString error = writeAnimatedGif(path, renderFrames(), 100 / kFramesPerSecond);
    if (!error.isEmpty()) {
        m_context.reportError(tr("Cannot export the time-lapse"), error);
        return false;
    }
    return true;
}

} // namespace vae::gui
