// (d) Closing or destroying the window mid-training stops the trainer promptly and cleanly.

#include "guitestsupport.h"

#include "plots/lossplot.h"
#include "shell/settingspanel.h"

#include <QElapsedTimer>
#include <QPointer>

#include <cmath>

using namespace vae::gui;

namespace {

// The limits hold in a Release build and are timeScale() times longer in a sanitized one
// (tests/timescale.h).
// "Within one batch" plus the test-set pass an epoch end may be in: generous for 2 slow cores.
constexpr qint64 kMaxCloseMs = vae::test::scaledMs(2000);
// What a user must wait at most when closing the window mid-epoch (issue 6): close() and the
// window's destruction, the trainer's thread joined.
constexpr qint64 kMaxCloseAndDestroyMs = vae::test::scaledMs(1000);

std::unique_ptr<MainWindow> startLongRun(bool showTrainingSet = false)
{
    auto window = std::make_unique<MainWindow>(test::testOptions());
    window->show();
    if (!QTest::qWaitFor([&] { return window->hasData(); }, vae::test::scaledMs(30000)))
        return nullptr;
    window->setShowTrainingSet(showTrainingSet);
    vae::TrainingConfig config; // the full data set, default model: a run of minutes
    config.epochs = 50;
    window->settingsPanel()->setConfig(config);
    if (!window->startTraining())
        return nullptr;
    // Training is really under way: records reached the plot (a run that ends first fails).
    if (!test::waitWhileTraining(
            *window, [&] { return window->lossPlot()->stepCount() > 20; }, 30000))
        return nullptr;
    return window;
}

} // namespace

class TestClose final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        test::initTestEnvironment();
        VAE_REQUIRE_MNIST();
    }

    void destroyingTheWindowMidTrainingReturnsQuickly()
    {
        std::unique_ptr<MainWindow> window = startLongRun();
        QVERIFY(window);
        QVERIFY(window->isTraining());
        QElapsedTimer timer;
        timer.start();
        window.reset();
        const qint64 elapsed = timer.elapsed();
        qInfo("returned after %lld ms", static_cast<long long>(elapsed));
        QVERIFY2(elapsed < kMaxCloseMs, qPrintable(QStringLiteral("took %1 ms").arg(elapsed)));
    }

    void closingTheWindowStopsTraining()
    {
        std::unique_ptr<MainWindow> window = startLongRun();
        QVERIFY(window);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(window->close());
        const qint64 elapsed = timer.elapsed();
        qInfo("returned after %lld ms", static_cast<long long>(elapsed));
        QVERIFY2(elapsed < kMaxCloseMs, qPrintable(QStringLiteral("took %1 ms").arg(elapsed)));
        QVERIFY(!window->isVisible());
        QCOMPARE(window->trainer(), nullptr); // stopped and joined
        QVERIFY(!window->isTraining());
        // Nothing is left that could touch the window later.
        QTest::qWait(200);
        window.reset();
    }

    void closingMidEpochExitsWithinOneSecond()
    {
        std::unique_ptr<MainWindow> window = startLongRun();
        QVERIFY(window);
        const vae::TrainingHistory history = window->trainer()->history();
        QVERIFY(!history.steps.empty());
        QCOMPARE(window->trainer()->config().hiddenSizes, vae::TrainingConfig{}.hiddenSizes);
        QCOMPARE(window->data()->train.count, 60000);
        const double epoch = history.steps.back().epoch;
        QVERIFY2(epoch != std::floor(epoch), qPrintable(QString::number(epoch))); // mid-epoch
        QElapsedTimer timer;
        timer.start();
        QVERIFY(window->close());
        window.reset();
        const qint64 elapsed = timer.elapsed();
        qInfo("close() and destruction mid-epoch %.3f: %lld ms", epoch,
              static_cast<long long>(elapsed));
        QVERIFY2(elapsed < kMaxCloseAndDestroyMs,
                 qPrintable(QStringLiteral("took %1 ms").arg(elapsed)));
    }

    void closingWhileTheTrainerEncodesExitsWithinOneSecond()
    {
        // The slowest moment to stop: with View ▸ Show Training Set, the trainer encodes the
        // 10,000 test and 60,000 training images for the latent plot when it starts, every ~5 s
        // and at each epoch end (with the test-set evaluation), and checks its stop flag only
        // between batches. Closed right after Start, the window lands inside the first encode.
        auto window = std::make_unique<MainWindow>(test::testOptions());
        window->show();
        VAE_WAIT_FOR_DATA(*window);
        window->setShowTrainingSet(true);
        window->settingsPanel()->setConfig(vae::TrainingConfig{}); // full MNIST, default model
        QVERIFY(window->startTraining());
        QTest::qWait(20); // the thread is up and encoding
        QVERIFY(window->lossPlot()->stepCount() == 0);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(window->close());
        window.reset();
        const qint64 elapsed = timer.elapsed();
        qInfo("close() and destruction during the trainer's first latent encode: %lld ms",
              static_cast<long long>(elapsed));
        QVERIFY2(elapsed < kMaxCloseAndDestroyMs,
                 qPrintable(QStringLiteral("took %1 ms").arg(elapsed)));
    }

    void closingWhilePausedStopsTraining()
    {
        std::unique_ptr<MainWindow> window = startLongRun();
        QVERIFY(window);
        window->togglePause();
        QTRY_COMPARE_WITH_TIMEOUT(window->trainer()->state(), vae::TrainerState::Paused, 5000);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(window->close());
        window.reset();
        const qint64 elapsed = timer.elapsed();
        qInfo("returned after %lld ms", static_cast<long long>(elapsed));
        QVERIFY2(elapsed < kMaxCloseMs, qPrintable(QStringLiteral("took %1 ms").arg(elapsed)));
    }
};

QTEST_MAIN(TestClose)
#include "test_close.moc"
