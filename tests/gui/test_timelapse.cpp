// Explore ▸ Time-lapse: one frame (latent scatter + prior quantile manifold) per epoch end,
// scrubbing shows a past frame that live snapshots do not replace, "Live" follows training again,
// the history halves when full and when its cap is lowered, the cap is remembered, and the frames
// export as a PNG sequence and an animated GIF. Built against a fake ToolContext (the tool, a
// latent plot and a session, no main window), except one test of the main window (a new run shows
// the live snapshot again).

#include "faketoolcontext.h"
#include "guitestsupport.h"

#include "plots/latentplot.h"
#include "shell/settingspanel.h"
#include "widgets/tilegridview.h"
#include "tools/timelapse/timelapsetool.h"

#include <vae/prior.h>

#include <gif_lib.h>

#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QToolBar>

#include <cmath>
#include <cstring>
#include <memory>
#include <vector>

using namespace vae::gui;

namespace {

std::vector<int> epochsOf(const TimelapseHistory& history)
{
    std::vector<int> epochs;
    for (const auto& frame : history.frames())
        epochs.push_back(static_cast<int>(frame.latent->epoch));
    return epochs;
}

} // namespace

class TestTimelapse final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::initTestEnvironment(); }

    void historyHalvesWhenFull()
    {
        TimelapseHistory history(4);
        auto add = [&](int epoch) {
            auto latent = std::make_shared<vae::LatentSnapshot>();
            latent->epoch = epoch;
            latent->step = epoch * 10;
            history.add({latent, nullptr});
        };
        for (int epoch = 1; epoch <= 9; ++epoch) {
            add(epoch);
            QVERIFY(history.frames().size() <= 4);
            QCOMPARE(history.frames().back().latent->epoch, double(epoch)); // the newest is kept
        }
        // 1 2 3 4 → full; +5: 1 3 5; +6: 1 3 5 6 → full; +7: 1 5 7; +8: 1 5 7 8; +9: 1 7 9.
        QCOMPARE(epochsOf(history), (std::vector<int>{1, 7, 9}));
        history.clear();
        QVERIFY(history.frames().empty());

        // A larger cap keeps more; lowering it halves what is kept until it fits.
        history.setCap(10);
        QCOMPARE(history.cap(), std::size_t(10));
        for (int epoch = 1; epoch <= 10; ++epoch)
            add(epoch);
        QCOMPARE(history.frames().size(), std::size_t(10));
        history.setCap(4); // 1..10 → 1 3 5 7 9 → 1 5 9
        QCOMPARE(epochsOf(history), (std::vector<int>{1, 5, 9}));
        // The cap is clamped.
        history.setCap(1);
        QCOMPARE(history.cap(), TimelapseHistory::kMinCap);
        history.setCap(1u << 30);
        QCOMPARE(history.cap(), TimelapseHistory::kMaxCap);
    }

    void capIsSetInThePanelAndRemembered()
    {
        QSettings().remove(QLatin1String(TimelapseTool::kCapSetting));
        // A context that uses the (test-mode) settings; testOptions() turns them off.
        LaunchOptions remembering = test::testOptions();
        remembering.useSettings = true;
        {
            test::FakeToolContext context(remembering);
            TimelapseTool* tool = context.add<TimelapseTool>();
            QCOMPARE(tool->history().cap(), TimelapseHistory::kDefaultCap);
            QCOMPARE(tool->capBox()->value(), int(TimelapseHistory::kDefaultCap));
            tool->capBox()->setValue(12);
            QCOMPARE(tool->history().cap(), std::size_t(12));
            QCOMPARE(QSettings().value(QLatin1String(TimelapseTool::kCapSetting)).toInt(), 12);
        }
        {
            test::FakeToolContext context(remembering);
            TimelapseTool* tool = context.add<TimelapseTool>();
            QCOMPARE(tool->history().cap(), std::size_t(12));
            QCOMPARE(tool->capBox()->value(), 12);
        }
        // Without settings (screenshots, tests) the remembered cap is not used.
        {
            test::FakeToolContext context(test::testOptions());
            QCOMPARE(context.add<TimelapseTool>()->history().cap(), TimelapseHistory::kDefaultCap);
        }
        QSettings().remove(QLatin1String(TimelapseTool::kCapSetting));
    }

    void actionIsInTheExploreMenuAndToolbar()
    {
        test::FakeToolContext context(test::testOptions());
        TimelapseTool* tool = context.add<TimelapseTool>();
        QAction* toggle = tool->dock()->toggleViewAction();
        QVERIFY(context.exploreMenu().actions().contains(toggle));
        QVERIFY(context.exploreToolBar().actions().contains(toggle));
        QVERIFY(context.exploreMenu().actions().contains(tool->exportPngAction()));
        QVERIFY(context.exploreMenu().actions().contains(tool->exportGifAction()));
        QCOMPARE(toggle->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_L));
        QVERIFY(tool->dock()->isHidden());
        QVERIFY(tool->history().frames().empty());
    }

    void trainingKeepsOneFramePerEpochAndScrubs()
    {
        VAE_REQUIRE_MNIST();
        test::FakeToolContext context(test::testOptions());
        TimelapseTool* tool = context.add<TimelapseTool>();
        context.hostWindow().show();
        QVERIFY(QTest::qWaitForWindowExposed(&context.hostWindow()));
        context.session().loadData();
        QTRY_VERIFY_WITH_TIMEOUT(context.data() != nullptr, 30000);
        tool->dock()->show();
        // 2,000 images in batches of 16: 125 steps per epoch.
        QVERIFY(context.session().startTraining(test::smallConfig(3, 16), false));

        // Scrub back to epoch 1 as soon as there are two frames, while training goes on.
        QTRY_VERIFY_WITH_TIMEOUT(tool->history().frames().size() >= 2, 60000);
        const bool stillTraining = context.isTraining();
        QSignalSpy live(&context, &ToolContext::latentUpdated);
        const auto first = tool->history().frames().front().latent;
        tool->slider()->setValue(0);
        QVERIFY(!tool->isLive());
        QVERIFY(context.showsPastLatent());
        QCOMPARE(context.plot()->snapshot().get(), first.get());
        QVERIFY(tool->label()->text().startsWith(QStringLiteral("epoch 1 of ")));

        QTRY_VERIFY_WITH_TIMEOUT(context.runEnded(), 60000);
        QCOMPARE(context.session().trainer()->state(), vae::TrainerState::Finished);
        if (stillTraining)
            QVERIFY(live.count() > 0); // newer snapshots came...
        // ...and did not replace the frame shown.
        QCOMPARE(context.plot()->snapshot().get(), first.get());
        QVERIFY(context.latestLatent().get() != first.get());

        // One frame per epoch end, epochs 1..3 (no step-0 or partial-epoch frames), test set only.
        QCOMPARE(epochsOf(tool->history()), (std::vector<int>{1, 2, 3}));
        for (const auto& frame : tool->history().frames()) {
            QCOMPARE(frame.latent->labels.size(), std::size_t(10000));
            QVERIFY(!frame.latent->trainPosterior);
        }
        QCOMPARE(tool->history().frames().back().latent->step, context.latestLatent()->step);
        QCOMPARE(tool->slider()->maximum(), 2);

        // Each frame has its epoch's prior quantile manifold, the image only. The last one is
        // what the final weights decode at the quantiles (the run has ended: no newer weights),
        // and the manifold changed between epoch 1 and epoch 3.
        const int n = TimelapseTool::kManifoldTiles;
        for (const auto& frame : tool->history().frames()) {
            QVERIFY(frame.manifold);
            QCOMPARE(frame.manifold->image.size(), QSize(n * 28, n * 28));
            QVERIFY(frame.manifold->pixels.empty());
            QVERIFY(!frame.manifold->model);
        }
        const TileGrid expected = decodeTiles(
            context.model(),
            vae::embedInLatent(vae::priorQuantileGrid(n), context.model()->latentDim()), n, n);
        QCOMPARE(tool->history().frames().back().manifold->image, expected.image);
        QVERIFY(tool->history().frames().front().manifold->image != expected.image);
        QVERIFY(tool->memoryBytes() > std::size_t(3 * n * 28 * n * 28));
        QVERIFY(tool->lastManifoldMs() > 0);
        qInfo("time-lapse manifold, %d x %d tiles: %.2f ms", n, n, tool->lastManifoldMs());

        tool->slider()->setValue(1);
        QCOMPARE(context.plot()->snapshot().get(), tool->history().frames()[1].latent.get());
        QCOMPARE(tool->manifoldView()->grid().get(), tool->history().frames()[1].manifold.get());
        QCOMPARE(tool->label()->text(), QStringLiteral("epoch 2 of 3"));

        // Live: the newest snapshot again.
        tool->goLive();
        QVERIFY(tool->isLive());
        QVERIFY(!context.showsPastLatent());
        QCOMPARE(context.plot()->snapshot().get(), context.latestLatent().get());
        QCOMPARE(tool->slider()->value(), 2);

        // Moving the slider to the end is live too.
        tool->slider()->setValue(0);
        QVERIFY(!tool->isLive());
        tool->slider()->setValue(2);
        QVERIFY(tool->isLive());
        QCOMPARE(context.plot()->snapshot().get(), context.latestLatent().get());

        // Play runs through the frames and stops at the end, live again.
        tool->setPlaying(true);
        QVERIFY(tool->isPlaying());
        QCOMPARE(tool->slider()->value(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!tool->isPlaying(), 5000);
        QCOMPARE(tool->slider()->value(), 2);
        QVERIFY(tool->isLive());

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // PNG sequence: one file per frame, the scatter and the manifold side by side.
        const int size = TimelapseTool::kExportSize;
        const QString pngDir = dir.filePath(QStringLiteral("frames"));
        QVERIFY(tool->isManifoldExported());
        QVERIFY2(tool->exportPngSequence(pngDir), qPrintable(context.errors().join(u'\n')));
        const QStringList files = QDir(pngDir).entryList(QDir::Files, QDir::Name);
        QCOMPARE(files,
                 (QStringList{QStringLiteral("frame-001.png"), QStringLiteral("frame-002.png"),
                              QStringLiteral("frame-003.png")}));
        for (const QString& file : files) {
            const QImage image(QDir(pngDir).filePath(file));
            QCOMPARE(image.size(), QSize(2 * size, size));
        }
        // The right half is the manifold scaled up: the 15 × 15 tiles' grey levels, so the mean
        // grey of the right half matches the mean of the manifold image within rounding.
        {
            const QImage last(QDir(pngDir).filePath(files.back()));
            const QImage right =
                last.copy(size, 0, size, size).convertToFormat(QImage::Format_Grayscale8);
            const QImage& tiles = expected.image;
            auto mean = [](const QImage& image) {
                double sum = 0;
                for (int y = 0; y < image.height(); ++y)
                    for (int x = 0; x < image.width(); ++x)
                        sum += qGray(image.pixel(x, y));
                return sum / double(image.width() * image.height());
            };
            QVERIFY2(std::abs(mean(right) - mean(tiles)) < 1.5,
                     qPrintable(QStringLiteral("%1 vs %2").arg(mean(right)).arg(mean(tiles))));
        }
        // Without the manifold: the scatter alone.
        tool->setManifoldExported(false);
        const QString scatterDir = dir.filePath(QStringLiteral("scatter"));
        QVERIFY(tool->exportPngSequence(scatterDir));
        QCOMPARE(QImage(QDir(scatterDir).filePath(QStringLiteral("frame-001.png"))).size(),
                 QSize(size, size));
        QCOMPARE(QImage(QDir(scatterDir).filePath(QStringLiteral("frame-003.png")))
                     .convertToFormat(QImage::Format_RGB32),
                 QImage(QDir(pngDir).filePath(QStringLiteral("frame-003.png")))
                     .convertToFormat(QImage::Format_RGB32)
                     .copy(0, 0, size, size));
        // The export leaves the live view as it was.
        QVERIFY(tool->isLive());
        QCOMPARE(context.plot()->snapshot().get(), context.latestLatent().get());

        // Animated GIF: GIF89a, three images of the export size.
        const QString gifPath = dir.filePath(QStringLiteral("timelapse.gif"));
        QVERIFY2(tool->exportGif(gifPath), qPrintable(context.errors().join(u'\n')));
        QFile gifFile(gifPath);
        QVERIFY(gifFile.open(QIODevice::ReadOnly));
        QCOMPARE(gifFile.read(6), QByteArray("GIF89a"));
        gifFile.close();
        int error = 0;
        GifFileType* gif = DGifOpenFileName(QFile::encodeName(gifPath).constData(), &error);
        QVERIFY(gif != nullptr);
        QCOMPARE(DGifSlurp(gif), GIF_OK);
        const int count = gif->ImageCount;
        const int width = gif->SWidth;
        const int height = gif->SHeight;
        // The frames differ (the latent space moved between epochs).
        const bool differ =
            count == 3 &&
            std::memcmp(gif->SavedImages[0].RasterBits, gif->SavedImages[2].RasterBits,
                        std::size_t(width) * std::size_t(height)) != 0;
        DGifCloseFile(gif, &error);
        QCOMPARE(count, 3);
        QCOMPARE(width, TimelapseTool::kExportSize);
        QCOMPARE(height, TimelapseTool::kExportSize);
        tool->setManifoldExported(true);
        QVERIFY(differ);

        // A new run starts a new history, live. (That the main window shows the live snapshot as
        // soon as a run starts is the shell's part: mainWindowShowsTheLiveSnapshotWhenARunStarts.)
        tool->slider()->setValue(0);
        QVERIFY(context.showsPastLatent());
        QVERIFY(context.session().startTraining(test::smallConfig(1, 64), false));
        QTRY_VERIFY_WITH_TIMEOUT(context.runEnded(), 60000);
        QTRY_COMPARE(epochsOf(tool->history()), (std::vector<int>{1}));
        QVERIFY(tool->isLive());
        QVERIFY(!context.showsPastLatent());
        QCOMPARE(context.plot()->snapshot().get(), context.latestLatent().get());
        QVERIFY(context.errors().isEmpty());
    }

    /// Window test (the shell's part of a new run): the main window forgets a past frame shown in
    /// its latent plot as soon as a run starts, before the run's first snapshot.
    void mainWindowShowsTheLiveSnapshotWhenARunStarts()
    {
        VAE_REQUIRE_MNIST();
        MainWindow window(test::testOptions());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        VAE_WAIT_FOR_DATA(window);
        QVERIFY(window.findChild<TimelapseTool*>() != nullptr);
        auto past = std::make_shared<vae::LatentSnapshot>();
        past->epoch = 1;
        past->posterior = {1, 2, {0.1f, 0.2f}, {1.0f, 1.0f}};
        past->labels = {3};
        window.showPastLatent(past);
        QVERIFY(window.showsPastLatent());
        QCOMPARE(window.latentPlot()->snapshot(), std::shared_ptr<const vae::LatentSnapshot>(past));
        window.settingsPanel()->setConfig(test::smallConfig(1, 64));
        QVERIFY(window.startTraining());
        QVERIFY(!window.showsPastLatent());
        window.stopTraining();
        VAE_WAIT_FOR_RUN_END(window);
    }
};

QTEST_MAIN(TestTimelapse)
#include "test_timelapse.moc"
