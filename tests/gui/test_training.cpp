// (b) Training fills the loss plot and the latent scatter live; the controls follow the state.

#include "guitestsupport.h"

#include "widgets/decodedview.h"
#include "plots/latentplot.h"
#include "plots/lossplot.h"
#include "shell/settingspanel.h"

#include <QAction>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QProgressBar>
#include <QSignalSpy>
#include <QSpinBox>

#include <array>
#include <cmath>

using namespace vae::gui;

class TestTraining final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        test::initTestEnvironment();
        VAE_REQUIRE_MNIST();
    }

    void trainingFillsBothPlots()
    {
        MainWindow window(test::testOptions());
        window.show();
        VAE_WAIT_FOR_DATA(window);
        // 2,000 images in batches of 16: 125 steps per epoch, 250 in all.
        window.settingsPanel()->setConfig(test::smallConfig(2, 16));
        QSignalSpy stateChanged(&window, &MainWindow::trainingStateChanged);
        QVERIFY(window.startTraining());
        QVERIFY(window.isTraining());
        QVERIFY(window.settingsPanel()->isTrainingLocked());
        QVERIFY(!window.startAction()->isEnabled());
        QVERIFY(window.stopAction()->isEnabled());
        // The decoded panel is never empty once a model exists.
        QVERIFY(!window.decodedView()->image().isNull());

        VAE_WAIT_FOR_RUN_END(window);
        QCOMPARE(window.trainer()->state(), vae::TrainerState::Finished);
        // The last tick after the end ran: every record reached the plots.
        QTRY_COMPARE_WITH_TIMEOUT(window.lossPlot()->stepCount(), 250, 5000);
        const vae::TrainingHistory history = window.trainer()->history();
        QCOMPARE(history.steps.size(), std::size_t{250});
        for (int t = 0; t < LossPlot::TermCount; ++t) {
            const auto term = LossPlot::Term(t);
            // Fewer steps than pixel columns: every step is drawn.
            QCOMPARE(window.lossPlot()->stepGraph(term)->dataCount(), 250);
            QCOMPARE(window.lossPlot()->trainGraph(term)->dataCount(), 2);
            QCOMPARE(window.lossPlot()->testGraph(term)->dataCount(), 2);
        }
        // x is the fractional epoch; the epoch markers carry the test values of the summaries.
        const QCPGraph* steps = window.lossPlot()->stepGraph(LossPlot::Reconstruction);
        QCOMPARE(steps->data()->at(0)->key, history.steps.front().epoch);
        QCOMPARE((steps->data()->constEnd() - 1)->key, 2.0);
        // The smoothed line starts at the first value (debiased average).
        QVERIFY(
            qFuzzyCompare(steps->data()->at(0)->value, history.steps.front().loss.reconstruction));
        const QCPGraph* test = window.lossPlot()->testGraph(LossPlot::NegativeElbo);
        QCOMPARE(test->data()->at(1)->key, 2.0);
        QCOMPARE(test->data()->at(1)->value, -history.epochs.back().test.elbo);

        // 10,000 test points, with the test labels.
        QCOMPARE(window.latentPlot()->pointCount(), 10000);
        const LatentScatter* scatter = window.latentPlot()->scatter();
        QCOMPARE(scatter->pointCount(LatentScatter::TestSet), 10000);
        std::array<int, 10> perDigit{};
        for (const std::uint8_t label : window.data()->test.labels)
            ++perDigit[label];
        std::array<int, 10> plottedPerDigit{};
        for (int i = 0; i < 10000; ++i)
            ++plottedPerDigit[static_cast<std::size_t>(scatter->label(LatentScatter::TestSet, i))];
        QCOMPARE(plottedPerDigit, perDigit);
        QCOMPARE(window.latentPlot()->legend->itemCount(), 10);
        // The scatter shows the newest snapshot's means.
        const auto latent = window.latestLatent();
        QVERIFY(latent);
        for (int i = 0; i < latent->posterior.count; ++i) {
            const QPointF point = scatter->point(LatentScatter::TestSet, i);
            QCOMPARE(point.x(), double(latent->posterior.mu[static_cast<std::size_t>(i) * 2]));
            QCOMPARE(point.y(), double(latent->posterior.mu[static_cast<std::size_t>(i) * 2 + 1]));
        }
        // The training set is not shown unless asked for.
        QVERIFY(!window.showsTrainingSet());
        QCOMPARE(scatter->pointCount(LatentScatter::TrainingSet), 0);

        // Controls unlock; the progress bar shows the end.
        QVERIFY(!window.settingsPanel()->isTrainingLocked());
        QVERIFY(window.startAction()->isEnabled());
        QVERIFY(!window.stopAction()->isEnabled());
        QVERIFY(window.saveAction()->isEnabled());
        QVERIFY2(window.progressBar()->text().contains(QStringLiteral("epoch 2/2")),
                 qPrintable(window.progressBar()->text()));
        QCOMPARE(window.progressBar()->value(), window.progressBar()->maximum());
        QVERIFY(stateChanged.count() >= 2); // started, finished
        QCOMPARE(window.errorCount(), 0);
    }

    void pointsArriveWhileTrainingAndSettingsLock()
    {
        MainWindow window(test::testOptions());
        window.show();
        VAE_WAIT_FOR_DATA(window);
        window.settingsPanel()->setConfig(test::smallConfig(200, 32));
        QSignalSpy latentSpy(&window, &MainWindow::latentUpdated);
        QVERIFY(window.startTraining());

        // Live: points appear while the run is far from done.
        QTRY_VERIFY_WITH_TIMEOUT(window.lossPlot()->stepCount() > 100, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(window.latentPlot()->pointCount(), 10000, 30000);
        QVERIFY(latentSpy.count() >= 1);
        QVERIFY(window.isTraining());

        // Locked while training, except β and the learning rate.
        SettingsPanel* panel = window.settingsPanel();
        QVERIFY(!panel->epochsBox()->isEnabled());
        QVERIFY(!panel->batchSizeBox()->isEnabled());
        QVERIFY(!panel->latentDimBox()->isEnabled());
        QVERIFY(!panel->hiddenSizesEdit()->isEnabled());
        QVERIFY(!panel->seedBox()->isEnabled());
        QVERIFY(!panel->threadsBox()->isEnabled());
        QVERIFY(panel->betaBox()->isEnabled());
        QVERIFY(panel->learningRateBox()->isEnabled());

        // β and the learning rate apply to the live run.
        panel->betaBox()->setValue(0.5);
        panel->learningRateBox()->setValue(0.0005);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto history = window.trainer()->history();
                return !history.steps.empty() && history.steps.back().beta == 0.5 &&
                       std::abs(history.steps.back().learningRate - 0.0005) < 1e-12;
            }(),
            10000);
        QCOMPARE(window.trainer()->history().steps.front().beta, 1.0);

        // Pause holds the step count; resume continues.
        window.togglePause();
        QCOMPARE(window.pauseAction()->text(), QStringLiteral("&Resume"));
        QTRY_COMPARE_WITH_TIMEOUT(window.trainer()->state(), vae::TrainerState::Paused, 5000);
        // Pause takes effect before the next batch: once the batch in flight is done (under a
        // heavy load it may take a while), the count must stand still.
        const auto stepCount = [&] { return window.trainer()->history().steps.size(); };
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto before = stepCount();
                QTest::qWait(200);
                return stepCount() == before;
            }(),
            10000);
        const auto pausedSteps = stepCount();
        QTest::qWait(500);
        QCOMPARE(stepCount(), pausedSteps);
        window.togglePause();
        QCOMPARE(window.pauseAction()->text(), QStringLiteral("&Pause"));
        QTRY_VERIFY_WITH_TIMEOUT(window.trainer()->history().steps.size() > pausedSteps, 5000);

        // Stop unlocks at once.
        window.stopTraining();
        QVERIFY(!window.isTraining());
        QCOMPARE(window.trainer()->state(), vae::TrainerState::Stopped);
        QVERIFY(!panel->isTrainingLocked());
        QVERIFY(panel->epochsBox()->isEnabled());
        QVERIFY(window.startAction()->isEnabled());
        QCOMPARE(window.lossPlot()->stepCount(),
                 static_cast<int>(window.trainer()->history().steps.size()));
        QCOMPARE(window.errorCount(), 0);
    }

    void aFailedRunReportsItsError()
    {
        MainWindow window(test::testOptions());
        window.show();
        VAE_WAIT_FOR_DATA(window);
        // Adam with a step size near validate()'s limit, at full strength from the first step,
        // blows the default network up at step 2 (a gradient of ~3e20: log σ² is bounded, so
        // exp(log σ²) no longer overflows) and the trainer stops on the numerical fault
        // (test_numeric_fault.cpp has the details).
        vae::TrainingConfig config = test::smallConfig(2, 128);
        config.trainSubset = 1000;
        config.hiddenSizes = vae::TrainingConfig::defaultHiddenSizes(2);
        config.seed = 11;
        config.learningRate = 9.9;
        window.settingsPanel()->setConfig(config);
        QSignalSpy errors(&window, &MainWindow::errorReported);
        QVERIFY(window.startTraining());
        VAE_WAIT_FOR_RUN_END(window);
        QCOMPARE(window.trainer()->state(), vae::TrainerState::Failed);
        QCOMPARE(errors.count(), 1);
        QVERIFY2(window.lastErrorMessage().contains(QStringLiteral("learning rate")),
                 qPrintable(window.lastErrorMessage()));
        QVERIFY(!window.settingsPanel()->isTrainingLocked());
        QVERIFY(window.progressBar()->text().contains(QStringLiteral("failed")));
    }
};

QTEST_MAIN(TestTraining)
#include "test_training.moc"
