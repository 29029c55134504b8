// Numerical faults (docs/reliability.md, "Numerical faults"): a learning rate that blows training up makes the
// window report the failure, naming the step, and stay usable with the last finite weights:
// the latent plot, decoding by click and Save work, and a new run starts.

#include "guitestsupport.h"

#include "plots/latentplot.h"
#include "shell/settingspanel.h"

#include <vae/checkpoint.h>
#include <vae/trainer.h>

#include <QSignalSpy>
#include <QTemporaryDir>

#include <cmath>
#include <vector>

using namespace vae::gui;

namespace {

/// lr 9.9 (TrainingConfig's largest) at full strength from the first step, on the first 1,000
/// training images with the default 512-256-256 network: the second step's gradient reaches
/// ~1e20 on real MNIST (core test NumericFault.HugeLearningRateOnRealMnist…).
vae::TrainingConfig explodingConfig()
{
    vae::TrainingConfig config = test::smallConfig(2, 128);
    config.trainSubset = 1000;
    config.hiddenSizes = vae::TrainingConfig::defaultHiddenSizes(2);
    config.seed = 11;
    config.learningRate = 9.9;
    return config;
}

bool allFinite(const std::vector<float>& values)
{
    for (float v : values)
        if (!std::isfinite(v))
            return false;
    return true;
}

} // namespace

class TestNumericFault final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        test::initTestEnvironment();
        VAE_REQUIRE_MNIST();
    }

    void blowUpIsReportedAndTheWindowStaysUsable()
    {
        MainWindow window(test::testOptions());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        VAE_WAIT_FOR_DATA(window);
        window.settingsPanel()->setConfig(explodingConfig());
        QSignalSpy errors(&window, &MainWindow::errorReported);
        QVERIFY(window.startTraining());
        VAE_WAIT_FOR_RUN_END(window);

        // The failure: state Failed, one error, and its text names the step and the cause.
        QCOMPARE(window.trainer()->state(), vae::TrainerState::Failed);
        QCOMPARE(errors.count(), 1);
        QCOMPARE(window.errorCount(), 1);
        const vae::TrainingHistory history = window.trainer()->history();
        const auto failedStep = qsizetype(history.steps.size()) + 1;
        QVERIFY(failedStep >= 2);
        const QString message = window.lastErrorMessage();
        QVERIFY2(message.contains(QStringLiteral("at step %1 (epoch ").arg(failedStep)),
                 qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("the learning rate 9.9 is probably too high")),
                 qPrintable(message));
        QVERIFY2(message.contains(
                     QStringLiteral("returned to its weights after step %1").arg(failedStep - 1)),
                 qPrintable(message));

        // The window's model is the kept one: the weights after the last good step.
        QTRY_VERIFY_WITH_TIMEOUT(window.model() && window.model()->step() == failedStep - 1, 5000);
        const auto kept = window.model();

        // The latent plot shows the kept model's 10,000 test points, all finite.
        QTRY_COMPARE_WITH_TIMEOUT(window.latentPlot()->pointCount(), 10000, 30000);

        // A click decodes a finite image with the kept model.
        LatentPlot* plot = window.latentPlot();
        plot->replot();
        const QRect area = plot->axisRect()->rect();
        const QPoint pixel = area.center() + QPoint(area.width() / 6, area.height() / 8);
        QSignalSpy decoded(&window, &MainWindow::decoded);
        QTest::mouseClick(plot, Qt::LeftButton, {}, pixel);
        QCOMPARE(decoded.count(), 1);
        QCOMPARE(window.lastDecodeModel(), kept);
        const std::vector<float>& pixels = window.lastDecodedPixels();
        QCOMPARE(pixels.size(), std::size_t{784});
        QVERIFY(allFinite(pixels));
        const std::vector<float> z = window.lastDecodedZ();
        QCOMPARE(pixels, kept->decode(z));
        for (float p : pixels)
            QVERIFY(p >= 0.0f && p <= 1.0f);

        // Save works, and the file holds the kept weights: finite, decoding the same image.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("rolled-back.safetensors"));
        QVERIFY2(window.saveModel(file), qPrintable(window.lastErrorMessage()));
        const vae::Checkpoint loaded = vae::loadCheckpoint(file.toStdString());
        QCOMPARE(loaded.model->step(), kept->step());
        QCOMPARE(loaded.history.steps.size(), history.steps.size());
        QCOMPARE(loaded.model->decode(z), pixels);
        const std::vector<float> origin = loaded.model->decode(std::vector<float>{0.0f, 0.0f});
        QVERIFY(allFinite(origin));
        const vae::LossTerms test = loaded.model->evaluate(window.data()->test.head(500), 1);
        QVERIFY2(std::isfinite(test.reconstruction) && std::isfinite(test.kl),
                 qPrintable(QStringLiteral("%1 %2").arg(test.reconstruction).arg(test.kl)));
        QCOMPARE(window.errorCount(), 1); // no new error

        // A new run with a sane rate starts and trains.
        vae::TrainingConfig sane = explodingConfig();
        sane.learningRate = 1e-3;
        sane.epochs = 1;
        window.settingsPanel()->setConfig(sane);
        QVERIFY(window.startTraining());
        VAE_WAIT_FOR_RUN_END(window);
        QCOMPARE(window.trainer()->state(), vae::TrainerState::Finished);
        const vae::TrainingHistory again = window.trainer()->history();
        QCOMPARE(again.steps.size(), std::size_t{8}); // 1,000 images in batches of 128
        QVERIFY(again.steps.back().loss.reconstruction < again.steps.front().loss.reconstruction);
        QCOMPARE(window.errorCount(), 1);
    }
};

QTEST_MAIN(TestNumericFault)
#include "test_numeric_fault.moc"
