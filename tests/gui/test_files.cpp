// File menu: save and open a model, export plots (PNG, PDF) and latent coordinates (CSV).

#include "guitestsupport.h"

#include "session/latentcsv.h"
#include "plots/latentplot.h"
#include "plots/lossplot.h"
#include "shell/settingspanel.h"

#include <QAction>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cmath>

using namespace vae::gui;

class TestFiles final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_model;

    QString path(const QString& name) const { return m_dir.filePath(name); }

private slots:
    void initTestCase()
    {
        test::initTestEnvironment();
        QVERIFY(m_dir.isValid());
    }

    void csvFormat()
    {
        vae::LatentSnapshot snapshot;
        snapshot.posterior.count = 2;
        snapshot.posterior.dim = 2;
        snapshot.posterior.mu = {0.5f, -1.25f, 0.1f, 3.0f};
        snapshot.posterior.sigma = {0.25f, 1.0f, 0.125f, 2.0f};
        snapshot.labels = {7, 2};
        QString text;
        QTextStream out(&text);
        writeLatentCsv(out, snapshot);
        out.flush();
        QCOMPARE(text, QStringLiteral("index,label,mu1,mu2,sigma1,sigma2\n"
                                      "0,7,0.5,-1.25,0.25,1\n"
                                      "1,2,0.100000001,3,0.125,2\n"));
    }

    void trainSaveAndExport()
    {
        VAE_REQUIRE_MNIST();
        MainWindow window(test::testOptions());
        window.show();
        VAE_WAIT_FOR_DATA(window);
        // Nothing to save or export yet: errors, no files.
        QVERIFY(!window.saveModel(path(QStringLiteral("none.safetensors"))));
        QVERIFY(!window.exportLatentCoordinates(path(QStringLiteral("none.csv"))));
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("none.safetensors"))));
        QCOMPARE(window.errorCount(), 2);

        window.settingsPanel()->setConfig(test::smallConfig(2, 64));
        QVERIFY(window.startTraining());
        VAE_WAIT_FOR_RUN_END(window);
        QCOMPARE(window.trainer()->state(), vae::TrainerState::Finished);

        m_model = path(QStringLiteral("model.safetensors"));
        QVERIFY2(window.saveModel(m_model), qPrintable(window.lastErrorMessage()));
        QVERIFY(QFileInfo(m_model).size() > 1000);

        for (const QString& name : {QStringLiteral("loss.png"), QStringLiteral("loss.pdf")}) {
            QVERIFY2(window.exportLossPlot(path(name)), qPrintable(window.lastErrorMessage()));
            QVERIFY(QFileInfo(path(name)).size() > 1000);
        }
        for (const QString& name : {QStringLiteral("latent.png"), QStringLiteral("latent.pdf")}) {
            QVERIFY2(window.exportLatentPlot(path(name)), qPrintable(window.lastErrorMessage()));
            QVERIFY(QFileInfo(path(name)).size() > 1000);
        }
        QFile pdf(path(QStringLiteral("loss.pdf")));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        const QImage png(path(QStringLiteral("latent.png")));
        QCOMPARE(png.size(), window.latentPlot()->size());
        QVERIFY(!window.exportLossPlot(path(QStringLiteral("loss.bmp"))));
        QVERIFY(window.lastErrorMessage().contains(QStringLiteral(".png")));

        // CSV: a header and one row per test image, in test-set order.
        const QString csv = path(QStringLiteral("latent.csv"));
        QVERIFY2(window.exportLatentCoordinates(csv), qPrintable(window.lastErrorMessage()));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines =
            QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 10001);
        QCOMPARE(lines.front(), QStringLiteral("index,label,mu1,mu2,sigma1,sigma2"));
        const auto& latent = *window.latestLatent();
        for (const int i : {0, 1, 4999, 9999}) {
            const QStringList fields = lines[i + 1].split(QLatin1Char(','));
            QCOMPARE(fields.size(), 6);
            QCOMPARE(fields[0].toInt(), i);
            QCOMPARE(fields[1].toInt(), int(window.data()->test.labels[std::size_t(i)]));
            QCOMPARE(fields[2].toFloat(), latent.posterior.mu[std::size_t(2 * i)]);
            QCOMPARE(fields[3].toFloat(), latent.posterior.mu[std::size_t(2 * i + 1)]);
            QCOMPARE(fields[4].toFloat(), latent.posterior.sigma[std::size_t(2 * i)]);
            QVERIFY(fields[5].toFloat() > 0);
        }
    }

    // File ▸ Continue Training on the model trainSaveAndExport saved (2 epochs): the run carries
    // on to epoch 4 with its optimizer state, the loss plot keeps the first epochs' steps, and a
    // save while it runs pauses it for the save and holds the state of the weights it saved.
    void continueTrainingCarriesOnTheRun()
    {
        VAE_REQUIRE_MNIST();
        if (m_model.isEmpty())
            QSKIP("needs the model saved by trainSaveAndExport");
        const vae::Checkpoint saved = vae::loadCheckpoint(m_model.toStdString());
        QVERIFY(saved.training.has_value());
        const int stepsPerEpoch = (2000 + 63) / 64;
        QCOMPARE(saved.training->step, 2 * stepsPerEpoch);
        QCOMPARE(saved.training->epoch, 3);

        LaunchOptions options = test::testOptions();
        options.openFile = m_model;
        MainWindow window(options);
        window.show();
        VAE_WAIT_FOR_DATA(window);
        QVERIFY(window.continueAction()->isEnabled());
        QVERIFY2(window.continueTraining(4), qPrintable(window.lastErrorMessage()));
        QVERIFY(window.isTraining());
        QVERIFY(!window.continueAction()->isEnabled());
        // The earlier steps are plotted at once, before the first new one.
        QVERIFY(window.lossPlot()->stepCount() >= 2 * stepsPerEpoch);
        QCOMPARE(window.lossPlot()->stepKey(0), 1.0 / stepsPerEpoch);

        // Saved while it runs: paused for the save, resumed after it.
        QTRY_VERIFY_WITH_TIMEOUT(window.trainer()->inference()->step() > 2 * stepsPerEpoch + 3,
                                 30000);
        const QString during = path(QStringLiteral("during.safetensors"));
        QVERIFY2(window.saveModel(during), qPrintable(window.lastErrorMessage()));
        const vae::Checkpoint mid = vae::loadCheckpoint(during.toStdString());
        QVERIFY(mid.training.has_value());
        QCOMPARE(mid.training->step, mid.model->step());
        QVERIFY(mid.model->step() > 2 * stepsPerEpoch);
        QCOMPARE(mid.history.steps.back().step, mid.model->step());

        VAE_WAIT_FOR_RUN_END(window);
        QCOMPARE(window.trainer()->state(), vae::TrainerState::Finished);
        const vae::TrainingHistory history = window.trainer()->history();
        QCOMPARE(int(history.steps.size()), 4 * stepsPerEpoch);
        QCOMPARE(history.steps.back().step, std::int64_t(4 * stepsPerEpoch));
        QCOMPARE(int(history.epochs.size()), 4);
        QCOMPARE(window.lossPlot()->stepCount(), 4 * stepsPerEpoch);
        QCOMPARE(window.lossPlot()->testGraph(LossPlot::Kl)->dataCount(), 4);
        // Epoch 3 starts from the saved model's loss level, not a fresh model's.
        // Means over 8 steps (one batch of 64 is noisy): the 8 before the save, the 8 after it.
        auto meanLoss = [&history](int first) {
            double sum = 0;
            for (int i = first; i < first + 8; ++i)
                sum += history.steps[std::size_t(i)].loss.reconstruction;
            return sum / 8;
        };
        const double start = meanLoss(0);
        const double atSave = meanLoss(2 * stepsPerEpoch - 8);
        const double after = meanLoss(2 * stepsPerEpoch);
        QVERIFY2(atSave < start - 20, qPrintable(QStringLiteral("%1 %2").arg(start).arg(atSave)));
        QVERIFY2(std::abs(after - atSave) < 8, qPrintable(QStringLiteral("%1 %2").arg(atSave).arg(after)));
        // A finished run can be continued again; fewer epochs than it has are refused.
        QVERIFY(window.continueAction()->isEnabled());
        QVERIFY(!window.continueTraining(4));
        QVERIFY(window.lastErrorMessage().contains(QStringLiteral("has trained 4 epochs")));
    }

    void openedModelCanBeExplored()
    {
        VAE_REQUIRE_MNIST();
        if (m_model.isEmpty())
            QSKIP("needs the model saved by trainSaveAndExport");
        LaunchOptions options = test::testOptions();
        options.openFile = m_model; // as --open FILE
        MainWindow window(options);
        QSignalSpy latent(&window, &MainWindow::latentUpdated);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY2(window.errorCount() == 0, qPrintable(window.lastErrorMessage()));
        QVERIFY(window.windowTitle().contains(QStringLiteral("model.safetensors")));
        QCOMPARE(window.trainer(), nullptr);
        // The settings show the model's config; the loss history is plotted.
        QCOMPARE(window.settingsPanel()->toConfig(), test::smallConfig(2, 64));
        const int stepsPerEpoch = (2000 + 63) / 64;
        QCOMPARE(window.lossPlot()->stepCount(), 2 * stepsPerEpoch);
        // Fewer steps than pixel columns: the line runs through every one of them.
        QCOMPARE(window.lossPlot()->stepGraph(LossPlot::Reconstruction)->dataCount(),
                 2 * stepsPerEpoch);
        QCOMPARE(window.lossPlot()->testGraph(LossPlot::Kl)->dataCount(), 2);
        QVERIFY(window.saveAction()->isEnabled());

        // The test set is encoded off the GUI thread once the data is there.
        QVERIFY(latent.wait(30000));
        QCOMPARE(window.latentPlot()->pointCount(), 10000);
        const auto model = window.model();
        QVERIFY(model);
        const vae::Posterior expected =
            model->encode(window.data()->test.pixels, window.data()->test.count);
        // Same model, same images; BLAS may block the products differently on another thread,
        // so allow float rounding.
        const auto& shown = window.latestLatent()->posterior;
        QCOMPARE(shown.mu.size(), expected.mu.size());
        float worst = 0;
        for (std::size_t i = 0; i < expected.mu.size(); ++i)
            worst = std::max(worst, std::abs(shown.mu[i] - expected.mu[i]));
        QVERIFY2(worst < 1e-4f, qPrintable(QString::number(worst)));
        QCOMPARE(window.latestLatent()->labels, window.data()->test.labels);

        // Click-to-decode works without training.
        LatentPlot* plot = window.latentPlot();
        plot->replot();
        const QPoint pixel = plot->axisRect()->rect().center() + QPoint(-40, 25);
        const auto z1 = static_cast<float>(plot->xAxis->pixelToCoord(pixel.x()));
        const auto z2 = static_cast<float>(plot->yAxis->pixelToCoord(pixel.y()));
        QTest::mouseClick(plot, Qt::LeftButton, {}, pixel);
        QCOMPARE(window.lastDecodeModel(), model);
        QCOMPARE(window.lastDecodedZ(), (std::vector<float>{z1, z2}));
        QCOMPARE(window.lastDecodedPixels(), model->decode(window.lastDecodedZ()));

        // Re-saving an opened model keeps its history.
        const QString again = path(QStringLiteral("again.safetensors"));
        QVERIFY(window.saveModel(again));
        const vae::Checkpoint reread = vae::loadCheckpoint(again.toStdString());
        QCOMPARE(reread.history.steps.size(), std::size_t(2 * stepsPerEpoch));
    }

    void openingIsRefusedWhileTrainingAndBadFilesReportErrors()
    {
        VAE_REQUIRE_MNIST();
        MainWindow window(test::testOptions());
        window.show();
        VAE_WAIT_FOR_DATA(window);

        QFile bad(path(QStringLiteral("bad.safetensors")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("this is not a checkpoint");
        bad.close();
        QVERIFY(!window.openModel(bad.fileName()));
        QVERIFY2(window.lastErrorMessage().contains(QStringLiteral("bad.safetensors")),
                 qPrintable(window.lastErrorMessage()));
        QVERIFY(!window.saveAction()->isEnabled());

        window.settingsPanel()->setConfig(test::smallConfig(500, 32));
        QVERIFY(window.startTraining());
        if (!m_model.isEmpty()) {
            const int errorsBefore = window.errorCount();
            QVERIFY(!window.openModel(m_model));
            QCOMPARE(window.errorCount(), errorsBefore + 1);
            QVERIFY(window.lastErrorMessage().contains(QStringLiteral("Stop")));
            QVERIFY(window.isTraining()); // untouched
        }
        // Saving mid-training works and writes the run so far.
        const QString mid = path(QStringLiteral("mid.safetensors"));
        QTRY_VERIFY_WITH_TIMEOUT(!window.trainer()->history().steps.empty(), 30000);
        QVERIFY2(window.saveModel(mid), qPrintable(window.lastErrorMessage()));
        QVERIFY(!vae::loadCheckpoint(mid.toStdString()).history.steps.empty());
        window.stopTraining();
    }
};

QTEST_MAIN(TestFiles)
#include "test_files.moc"
