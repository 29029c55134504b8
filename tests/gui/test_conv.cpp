// A convolutional VAE in the window (issue 15, section 1): trained in the main window on
// Fashion-MNIST, saved, reopened and continued; and the tools that compute with the model
// (posterior grid, importance-weighted bound, gradient estimators, decode) on a conv model,
// against the core's own results. Real data: MNIST and Debian's dataset-fashion-mnist.

#include "faketoolcontext.h"
#include "guitestsupport.h"

#include "plots/lossplot.h"
#include "shell/mainwindow.h"
#include "shell/settingspanel.h"
#include "tools/gradients/gradientpanel.h"
#include "tools/gradients/gradienttool.h"
#include "tools/iwae/iwaetool.h"
#include "tools/posterior/posteriortool.h"

#include <vae/checkpoint.h>
#include <vae/gradient_estimators.h>
#include <vae/likelihood.h>

#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <span>

using namespace vae::gui;

namespace {

/// A small conv model for quick runs: 28 → 14 → 7 with 8 and 16 channels, one dense layer.
vae::TrainingConfig convConfig(int epochs)
{
    vae::TrainingConfig config = test::smallConfig(epochs, 64);
    config.architecture = "conv";
    config.convChannels = {8, 16};
    config.hiddenSizes = {64};
    config.latentDim = 2;
    // One thread: the window trains at SCHED_IDLE, and a second OpenMP thread sharing a core with
    // another test waits for it at every barrier.
    config.threads = 1;
    return config;
}

/// Waits up to `seconds` (scaled for sanitized builds, tests/timescale.h) for the window's run to
/// end (a plain loop of qWait: the figure's runs take minutes).
bool waitForRunEnd(MainWindow& window, int seconds)
{
    for (int waited = 0; waited < seconds * 10 * vae::test::timeScale(); ++waited) {
        if (!window.isTraining() && window.startAction()->isEnabled())
            return true;
        QTest::qWait(100);
    }
    return false;
}

} // namespace

class TestConv final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_mnistModel; ///< a conv model trained here on MNIST, opened by the tool tests

private slots:
    void initTestCase()
    {
        test::initTestEnvironment();
        QVERIFY(m_dir.isValid());
        VAE_REQUIRE_MNIST();
        m_mnistModel = m_dir.filePath(QStringLiteral("conv.safetensors"));
        test::FakeToolContext context(test::testOptions());
        context.session().loadData();
        QTRY_VERIFY_WITH_TIMEOUT(context.data() != nullptr, 30000);
        QVERIFY(context.session().startTraining(convConfig(2), false));
        QTRY_VERIFY_WITH_TIMEOUT(context.runEnded(), 120000);
        QVERIFY(context.model());
        QCOMPARE(context.model()->config().architecture, std::string("conv"));
        QVERIFY(context.session().saveModel(m_mnistModel));
    }

    void trainSaveReopenAndContinueOnFashionMnist()
    {
        // What a user does: choose Convolutional in the settings, Start, Save; tomorrow open the
        // file and Continue Training. With $VAE_SCREENSHOT_DIR set, the same on all 60,000
        // images with the default channels, and the continued window is saved as
        // conv-fashion.png (the user guide's figure).
        const QString screenshots = qEnvironmentVariable("VAE_SCREENSHOT_DIR");
        const bool figure = !screenshots.isEmpty();
        const QString file = m_dir.filePath(QStringLiteral("fashion-conv.safetensors"));
        const int trainCount = figure ? 60000 : 2000;
        const int batch = figure ? 128 : 64;
        const int stepsPerEpoch = (trainCount + batch - 1) / batch;
        {
            LaunchOptions options = test::testOptions();
            options.dataset = QStringLiteral("fashion-mnist");
            MainWindow window(options);
            window.show();
            VAE_WAIT_FOR_DATA(window);
            vae::TrainingConfig config = test::smallConfig(2, 64);
            config.latentDim = 2;
            if (figure) {
                config = vae::TrainingConfig{};
                config.epochs = 2;
                config.threads = 2;
            }
            window.settingsPanel()->setConfig(config);
            window.settingsPanel()->chooseArchitecture("conv");
            if (figure) {
                // The defaults follow: the conv's dense layer, the channels for 28 × 28 images.
                QCOMPARE(window.settingsPanel()->channelsEdit()->text(), QStringLiteral("32,64"));
                QCOMPARE(window.settingsPanel()->hiddenSizesEdit()->text(), QStringLiteral("256"));
            } else {
                // Sizes the user set (not the MLP's default) stay as they are.
                QCOMPARE(window.settingsPanel()->hiddenSizesEdit()->text(),
                         QStringLiteral("256,128"));
                window.settingsPanel()->channelsEdit()->setText(QStringLiteral("8,16"));
                window.settingsPanel()->hiddenSizesEdit()->setText(QStringLiteral("64"));
            }
            QVERIFY2(window.startTraining(), qPrintable(window.lastErrorMessage()));
            QVERIFY(!window.settingsPanel()->architectureBox()->isEnabled());
            QVERIFY(waitForRunEnd(window, figure ? 900 : 60));
            QCOMPARE(window.trainer()->state(), vae::TrainerState::Finished);
            QCOMPARE(window.trainer()->config().architecture, std::string("conv"));
            QVERIFY2(window.saveModel(file), qPrintable(window.lastErrorMessage()));
        }
        const vae::Checkpoint saved = vae::loadCheckpoint(file.toStdString());
        QCOMPARE(saved.model->config().architecture, std::string("conv"));
        const std::vector<int> channels =
            figure ? std::vector<int>{32, 64} : std::vector<int>{8, 16};
        QCOMPARE(saved.model->config().convChannels, channels);
        QCOMPARE(saved.model->description().name, std::string("Fashion-MNIST"));
        QVERIFY(saved.training.has_value());
        QCOMPARE(saved.training->step, std::int64_t(2 * stepsPerEpoch));

        LaunchOptions options = test::testOptions();
        options.dataset = QStringLiteral("fashion-mnist");
        options.openFile = file;
        if (figure)
            options.manifoldGrid = true;
        MainWindow window(options);
        window.show();
        VAE_WAIT_FOR_DATA(window);
        QCOMPARE(window.settingsPanel()->architectureBox()->currentData().toString(),
                 QStringLiteral("conv"));
        QCOMPARE(window.settingsPanel()->channelsEdit()->text(),
                 figure ? QStringLiteral("32,64") : QStringLiteral("8,16"));
        // Decoding a latent point gives an image of the data's size, the saved model's.
        const std::vector<float> z{0.5f, -0.25f};
        const std::vector<float> image = window.model()->decode(z);
        QCOMPARE(int(image.size()), 784);
        QCOMPARE(image, saved.model->decode(z));

        QVERIFY2(window.continueTraining(figure ? 4 : 3), qPrintable(window.lastErrorMessage()));
        if (figure) {
            window.resize(1400, 900);
            QVERIFY(waitForRunEnd(window, 900));
            QTest::qWait(1500); // the last snapshot and the manifold drawn
            QVERIFY(window.grab().save(QDir(screenshots).filePath("conv-fashion.png")));
            return;
        }
        VAE_WAIT_FOR_RUN_END(window);
        QCOMPARE(window.trainer()->state(), vae::TrainerState::Finished);
        const vae::TrainingHistory history = window.trainer()->history();
        QCOMPARE(int(history.steps.size()), 3 * stepsPerEpoch);
        QCOMPARE(history.steps.back().step, std::int64_t(3 * stepsPerEpoch));
        QCOMPARE(int(history.epochs.size()), 3);
        QCOMPARE(window.lossPlot()->stepCount(), 3 * stepsPerEpoch);
        // The third epoch carries on from the saved model: better than the second.
        QVERIFY2(history.epochs[2].test.elbo > history.epochs[1].test.elbo,
                 qPrintable(QStringLiteral("%1 then %2")
                                .arg(history.epochs[1].test.elbo)
                                .arg(history.epochs[2].test.elbo)));
    }

    void posteriorGridOfAConvModelIsTheCores()
    {
        test::FakeToolContext context(test::testOptions());
        PosteriorTool* tool = context.add<PosteriorTool>();
        QVERIFY(context.openWithData(m_mnistModel));
        QCOMPARE(context.model()->config().architecture, std::string("conv"));
        QVERIFY(tool->selectTestImage(4));
        QTRY_VERIFY_WITH_TIMEOUT(tool->shown() && tool->shownPoint() &&
                                     tool->shownPoint()->index == 4 && !tool->isComputing(),
                                 60000);
        const std::span<const float> x =
            std::span(context.data()->test.pixels).subspan(4 * 784, 784);
        vae::EvidenceOptions options;
        options.grid.resolution = PosteriorTool::kGridResolution;
        options.samples = PosteriorTool::kSamples;
        options.seed = PosteriorTool::kSeed;
        const vae::EvidenceDecomposition core =
            vae::evidenceDecomposition(*context.model(), x, options);
        QVERIFY(std::isfinite(core.logEvidence));
        QVERIFY(std::abs(tool->shown()->logEvidence - core.logEvidence) < 1e-4);
        QVERIFY(std::abs(tool->shown()->elbo - core.elbo) < 1e-4);
        // log p(x) ≥ ELBO: the quadrature of a conv decoder is a bound's ceiling as for the MLP.
        QVERIFY(core.logEvidence >= core.elbo - 1e-3);
    }

    void importanceWeightedBoundsOfAConvModelAreTheCores()
    {
        test::FakeToolContext context(test::testOptions());
        IwaeTool* tool = context.add<IwaeTool>();
        QVERIFY(context.openWithData(m_mnistModel));
        tool->show();
        constexpr int kImages = 4;
        tool->setImageCount(kImages);
        QSignalSpy finished(tool, &IwaeTool::finished);
        QVERIFY(tool->compute());
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 120000);
        const std::vector<IwaeTool::Row>& rows = tool->rows();
        QVERIFY(rows.size() >= 2);
        const std::span<const float> x =
            std::span(context.data()->test.pixels).first(std::size_t(kImages) * 784);
        vae::ImportanceWeightedOptions options;
        options.k = rows[1].k;
        options.seed = IwaeTool::kSeed;
        const vae::ImportanceWeightedResult core =
            vae::importanceWeightedBound(*context.model(), x, kImages, options);
        for (int j = 0; j < kImages; ++j)
            QVERIFY(std::abs(rows[1].perImage[std::size_t(j)] - core.perImage[std::size_t(j)]) <
                    1e-4);
        // L_k rises with k (Burda et al. 2015, theorem 1), on average over the images.
        QVERIFY(rows[1].mean >= rows[0].mean - 0.5);
    }

    void gradientEstimatorsOfAConvModelAreTheCores()
    {
        test::FakeToolContext context(test::testOptions());
        GradientTool* tool = context.add<GradientTool>();
        GradientPanel* panel = tool->panel();
        QVERIFY(context.openWithData(m_mnistModel));
        panel->imagesBox()->setValue(4);
        panel->drawsBox()->setValue(20);
        tool->dock()->show();
        QTRY_VERIFY_WITH_TIMEOUT(panel->hasResult() && panel->resultModel() == context.model() &&
                                     panel->result().count == 4 && panel->result().draws == 20,
                                 120000);
        vae::GradientEstimatorOptions options;
        options.draws = 20;
        options.seed = GradientPanel::kSeed;
        const vae::GradientComparison core = vae::compareGradientEstimators(
            *panel->resultModel(),
            std::span<const float>(context.data()->test.pixels.data(), 4 * 784), 4, options);
        const double shown = panel->result().reparameterization.totalVariance;
        QVERIFY(std::abs(shown - core.reparameterization.totalVariance) <=
                1e-5 * core.reparameterization.totalVariance);
        QVERIFY(panel->result().varianceRatio > 1.0);
    }
};

QTEST_MAIN(TestConv)
#include "test_conv.moc"
