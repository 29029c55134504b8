#include "timelapsetool.h"

#include "gifwriter.h"
#include "latentplot.h"
#include "mainwindow.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSlider>
#include <QToolBar>
#include <QVBoxLayout>

#include <cmath>

namespace vae::gui {

void TimelapseHistory::add(std::shared_ptr<const vae::LatentSnapshot> frame)
{
    if (m_frames.size() >= m_cap) {
        std::size_t kept = 0;
        for (std::size_t i = 0; i < m_frames.size(); i += 2)
            m_frames[kept++] = std::move(m_frames[i]);
        m_frames.resize(kept);
    }
    m_frames.push_back(std::move(frame));
}

TimelapseTool::TimelapseTool(MainWindow* window, std::size_t cap)
    : QObject(window), m_window(window), m_history(cap)
{
    setObjectName(QStringLiteral("timelapseTool"));
    m_dock = new QDockWidget(tr("Time-lapse"), window);
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
    auto* exportPng = new QPushButton(tr("Export PNG sequence…"), panel);
    auto* exportGifButton = new QPushButton(tr("Export animated GIF…"), panel);
    layout->addWidget(exportPng);
    layout->addWidget(exportGifButton);
    layout->addStretch(1);
    m_dock->setWidget(panel);
    window->addDockWidget(Qt::RightDockWidgetArea, m_dock);
    m_dock->hide();

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
    connect(exportPng, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(
            m_window, tr("Export PNG Sequence"), QDir::homePath());
        if (!dir.isEmpty())
            exportPngSequence(dir);
    });
    connect(exportGifButton, &QPushButton::clicked, this, [this] {
        const QString path = m_window->askSaveFile(tr("Export Animated GIF"),
                                                   tr("GIF images (*.gif)"), QStringLiteral("gif"),
                                                   QStringLiteral("latent-timelapse"));
        if (!path.isEmpty())
            exportGif(path);
    });

    connect(window, &MainWindow::latentUpdated, this, &TimelapseTool::onLatentUpdated);
    connect(window, &MainWindow::modelOpened, this, [this] {
        m_history.clear();
        m_trainer = nullptr;
        goLive();
    });

    QAction* toggle = m_dock->toggleViewAction();
    toggle->setText(tr("&Time-lapse"));
    toggle->setIconText(tr("Time-lapse"));
    toggle->setShortcut(Qt::CTRL | Qt::Key_L);
    toggle->setToolTip(tr("Replay the latent space epoch by epoch (Ctrl+L)"));
    toggle->setStatusTip(tr("A panel to scrub, replay and export the latent space at each epoch "
                            "end (Ctrl+L)"));
    connect(toggle, &QAction::triggered, m_dock, [this](bool on) {
        if (on)
            m_dock->raise();
    });
    QMenu* menu = window->exploreMenu();
    if (!menu->isEmpty())
        menu->addSeparator();
    menu->addAction(toggle);
    window->exploreToolBar()->addAction(toggle);
    if (window->options().showTimelapse)
        m_dock->show();
    updateControls();
}

void TimelapseTool::onLatentUpdated()
{
    const auto& latest = m_window->latestLatent();
    if (!latest)
        return;
    // A new run (another trainer) or a snapshot from an opened model starts a new history.
    const void* trainer = m_window->trainer();
    if (trainer != m_trainer) {
        m_history.clear();
        m_trainer = trainer;
        if (!m_live)
            goLive();
    }
    auto stripped = [&] {
        auto frame = std::make_shared<vae::LatentSnapshot>();
        frame->step = latest->step;
        frame->epoch = latest->epoch;
        frame->posterior = latest->posterior;
        frame->labels = latest->labels;
        return std::shared_ptr<const vae::LatentSnapshot>(std::move(frame));
    };
    if (!trainer) {
        // An opened model: its one snapshot (again after the training set is encoded).
        m_history.clear();
        m_history.add(stripped());
    } else {
        const bool wholeEpoch = latest->epoch > 0 && latest->epoch == std::floor(latest->epoch);
        const auto& frames = m_history.frames();
        if (!wholeEpoch || (!frames.empty() && frames.back()->step == latest->step))
            return;
        m_history.add(stripped());
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
    if (n == 0) {
        m_label->setText(tr("No epochs yet"));
        return;
    }
    const int index = m_slider->value();
    const int epoch = static_cast<int>(std::lround(m_history.frames()[index]->epoch));
    const int last = static_cast<int>(std::lround(m_history.frames().back()->epoch));
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
    m_window->showPastLatent(frames[static_cast<std::size_t>(index)]);
    updateControls();
}

void TimelapseTool::goLive()
{
    m_live = true;
    if (m_playTimer.isActive())
        setPlaying(false);
    m_window->showPastLatent(nullptr);
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

std::vector<QImage> TimelapseTool::renderFrames()
{
    std::vector<QImage> images;
    LatentPlot* plot = m_window->latentPlot();
    const auto shown = plot->snapshot();
    const bool wasPast = m_window->showsPastLatent();
    // Every frame in the view of the frame shown (so the axes stay put in the animation).
    plot->applySnapshotNow();
    const QCPRange x = plot->xAxis->range();
    const QCPRange y = plot->yAxis->range();
    for (const auto& frame : m_history.frames()) {
        plot->setSnapshot(frame);
        plot->applySnapshotNow();
        plot->xAxis->setRange(x);
        plot->yAxis->setRange(y);
        images.push_back(plot->toPixmap(kExportSize, kExportSize).toImage());
    }
    // Back to what was shown.
    m_window->showPastLatent(wasPast ? shown : nullptr);
    plot->applySnapshotNow();
    plot->xAxis->setRange(x);
    plot->yAxis->setRange(y);
    plot->replot(QCustomPlot::rpQueuedReplot);
    return images;
}

bool TimelapseTool::exportPngSequence(const QString& directory)
{
    if (m_history.frames().empty()) {
        m_window->reportError(tr("Cannot export the time-lapse"), tr("There are no frames yet."));
        return false;
    }
    if (!QDir().mkpath(directory)) {
        m_window->reportError(tr("Cannot export the time-lapse"),
                              tr("Cannot create the folder %1.").arg(directory));
        return false;
    }
    const std::vector<QImage> images = renderFrames();
    for (std::size_t i = 0; i < images.size(); ++i) {
        const QString path = QDir(directory).filePath(
            QStringLiteral("frame-%1.png").arg(i + 1, 3, 10, QLatin1Char('0')));
        if (!images[i].save(path, "PNG")) {
            m_window->reportError(tr("Cannot export the time-lapse"),
                                  tr("Cannot write %1.").arg(path));
            return false;
        }
    }
    return true;
}

bool TimelapseTool::exportGif(const QString& path)
{
    if (m_history.frames().empty()) {
        m_window->reportError(tr("Cannot export the time-lapse"), tr("There are no frames yet."));
        return false;
    }
    const QString error = writeAnimatedGif(path, renderFrames(), 100 / kFramesPerSecond);
    if (!error.isEmpty()) {
        m_window->reportError(tr("Cannot export the time-lapse"), error);
        return false;
    }
    return true;
}

} // namespace vae::gui
