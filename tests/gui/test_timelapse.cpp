// Explore ▸ Time-lapse: one frame per epoch end, scrubbing shows a past frame that live snapshots
// do not replace, "Live" follows training again, the history halves when full, and the frames
// export as a PNG sequence and an animated GIF.

#include "guitestsupport.h"

#include "latentplot.h"
#include "settingspanel.h"
#include "timelapsetool.h"

#include <gif_lib.h>

#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QToolBar>

#include <cstring>
#include <memory>
#include <vector>

using namespace vae::gui;

namespace {

TimelapseTool* toolOf(const MainWindow& window)
{
    auto* tool = window.findChild<TimelapseTool*>();
    if (tool == nullptr)
        qFatal("MainWindow has no TimelapseTool");
    return tool;
}

std::vector<int> epochsOf(const TimelapseHistory& history)
{
    std::vector<int> epochs;
    for (const auto& frame : history.frames())
        epochs.push_back(static_cast<int>(frame->epoch));
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
        for (int epoch = 1; epoch <= 9; ++epoch) {
            auto frame = std::make_shared<vae::LatentSnapshot>();
            frame->epoch = epoch;
            frame->step = epoch * 10;
            history.add(frame);
            QVERIFY(history.frames().size() <= 4);
            QCOMPARE(history.frames().back()->epoch, double(epoch)); // the newest is kept
        }
        // 1 2 3 4 → full; +5: 1 3 5; +6: 1 3 5 6 → full; +7: 1 5 7; +8: 1 5 7 8; +9: 1 7 9.
        QCOMPARE(epochsOf(history), (std::vector<int>{1, 7, 9}));
        history.clear();
        QVERIFY(history.frames().empty());
    }

    void actionIsInTheExploreMenuAndToolbar()
    {
        MainWindow window(test::testOptions());
        TimelapseTool* tool = toolOf(window);
        QAction* toggle = tool->dock()->toggleViewAction();
        QVERIFY(window.exploreMenu()->actions().contains(toggle));
        QVERIFY(window.exploreToolBar()->actions().contains(toggle));
        QCOMPARE(toggle->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_L));
        QVERIFY(tool->dock()->isHidden());
        QVERIFY(tool->history().frames().empty());
    }

    void trainingKeepsOneFramePerEpochAndScrubs()
    {
        VAE_REQUIRE_MNIST();
        MainWindow window(test::testOptions());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        VAE_WAIT_FOR_DATA(window);
        TimelapseTool* tool = toolOf(window);
        tool->dock()->show();
        // 2,000 images in batches of 16: 125 steps per epoch.
        window.settingsPanel()->setConfig(test::smallConfig(3, 16));
        QVERIFY(window.startTraining());

        // Scrub back to epoch 1 as soon as there are two frames, while training goes on.
        QTRY_VERIFY_WITH_TIMEOUT(tool->history().frames().size() >= 2, 60000);
        const bool stillTraining = window.isTraining();
        QSignalSpy live(&window, &MainWindow::latentUpdated);
        const auto first = tool->history().frames().front();
        tool->slider()->setValue(0);
        QVERIFY(!tool->isLive());
        QVERIFY(window.showsPastLatent());
        QCOMPARE(window.latentPlot()->snapshot().get(), first.get());
        QVERIFY(tool->label()->text().startsWith(QStringLiteral("epoch 1 of ")));

        VAE_WAIT_FOR_RUN_END(window);
        QCOMPARE(window.trainer()->state(), vae::TrainerState::Finished);
        if (stillTraining)
            QVERIFY(live.count() > 0); // newer snapshots came...
        // ...and did not replace the frame shown.
        QCOMPARE(window.latentPlot()->snapshot().get(), first.get());
        QVERIFY(window.latestLatent().get() != first.get());

        // One frame per epoch end, epochs 1..3 (no step-0 or partial-epoch frames), test set only.
        QCOMPARE(epochsOf(tool->history()), (std::vector<int>{1, 2, 3}));
        for (const auto& frame : tool->history().frames()) {
            QCOMPARE(frame->labels.size(), std::size_t(10000));
            QVERIFY(!frame->trainPosterior);
        }
        QCOMPARE(tool->history().frames().back()->step, window.latestLatent()->step);
        QCOMPARE(tool->slider()->maximum(), 2);

        tool->slider()->setValue(1);
        QCOMPARE(window.latentPlot()->snapshot().get(), tool->history().frames()[1].get());
        QCOMPARE(tool->label()->text(), QStringLiteral("epoch 2 of 3"));

        // Live: the newest snapshot again.
        tool->goLive();
        QVERIFY(tool->isLive());
        QVERIFY(!window.showsPastLatent());
        QCOMPARE(window.latentPlot()->snapshot().get(), window.latestLatent().get());
        QCOMPARE(tool->slider()->value(), 2);

        // Moving the slider to the end is live too.
        tool->slider()->setValue(0);
        QVERIFY(!tool->isLive());
        tool->slider()->setValue(2);
        QVERIFY(tool->isLive());
        QCOMPARE(window.latentPlot()->snapshot().get(), window.latestLatent().get());

        // Play runs through the frames and stops at the end, live again.
        tool->setPlaying(true);
        QVERIFY(tool->isPlaying());
        QCOMPARE(tool->slider()->value(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!tool->isPlaying(), 5000);
        QCOMPARE(tool->slider()->value(), 2);
        QVERIFY(tool->isLive());

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // PNG sequence: one file per frame at the export size.
        const QString pngDir = dir.filePath(QStringLiteral("frames"));
        QVERIFY2(tool->exportPngSequence(pngDir), qPrintable(window.lastErrorMessage()));
        const QStringList files = QDir(pngDir).entryList(QDir::Files, QDir::Name);
        QCOMPARE(files, (QStringList{QStringLiteral("frame-001.png"),
                                     QStringLiteral("frame-002.png"),
                                     QStringLiteral("frame-003.png")}));
        for (const QString& file : files) {
            const QImage image(QDir(pngDir).filePath(file));
            QCOMPARE(image.size(), QSize(TimelapseTool::kExportSize, TimelapseTool::kExportSize));
        }
        // The export leaves the live view as it was.
        QVERIFY(tool->isLive());
        QCOMPARE(window.latentPlot()->snapshot().get(), window.latestLatent().get());

        // Animated GIF: GIF89a, three images of the export size.
        const QString gifPath = dir.filePath(QStringLiteral("timelapse.gif"));
        QVERIFY2(tool->exportGif(gifPath), qPrintable(window.lastErrorMessage()));
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
            count == 3 && std::memcmp(gif->SavedImages[0].RasterBits,
                                      gif->SavedImages[2].RasterBits,
                                      std::size_t(width) * std::size_t(height))
                              != 0;
        DGifCloseFile(gif, &error);
        QCOMPARE(count, 3);
        QCOMPARE(width, TimelapseTool::kExportSize);
        QCOMPARE(height, TimelapseTool::kExportSize);
        QVERIFY(differ);

        // A new run starts a new history.
        window.settingsPanel()->setConfig(test::smallConfig(1, 64));
        tool->slider()->setValue(0);
        QVERIFY(window.startTraining());
        QVERIFY(!window.showsPastLatent());
        VAE_WAIT_FOR_RUN_END(window);
        QTRY_COMPARE(epochsOf(tool->history()), (std::vector<int>{1}));
        QVERIFY(tool->isLive());
    }
};

QTEST_MAIN(TestTimelapse)
#include "test_timelapse.moc"
