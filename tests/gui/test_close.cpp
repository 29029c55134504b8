// (d) Closing or destroying the window mid-training stops the trainer promptly and cleanly.

#include "guitestsupport.h"

#include "lossplot.h"
#include "settingspanel.h"

#include <QElapsedTimer>
#include <QPointer>

using namespace vae::gui;

namespace {

// "Within one batch" plus the test-set pass an epoch end may be in: generous for 2 slow cores.
constexpr qint64 kMaxCloseMs = 2000;

std::unique_ptr<MainWindow> startLongRun()
{
    auto window = std::make_unique<MainWindow>(test::testOptions());
    window->show();
    if (!QTest::qWaitFor([&] { return window->hasData(); }, 30000))
        return nullptr;
    vae::TrainingConfig config; // the full data set, default model: a run of minutes
    config.epochs = 50;
    window->settingsPanel()->setConfig(config);
    if (!window->startTraining())
        return nullptr;
    // Training is really under way: records reached the plot.
    if (!QTest::qWaitFor(
            [&] { return window->lossPlot()->stepCount() > 20; }, 30000))
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
