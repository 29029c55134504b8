// (e) Invalid settings show an error and start nothing; the settings panel maps to
// vae::TrainingConfig; settings persist with QSettings; the command line parses.

#include "guitestsupport.h"

#include "shell/commandline.h"
#include "plots/latentplot.h"
#include "plots/lossplot.h"
#include "shell/settingspanel.h"

#include <vae/checkpoint.h>
#include <vae/errors.h>
#include <vae/inference.h>

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLineEdit>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTemporaryDir>

using namespace vae::gui;

class TestSettings final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::initTestEnvironment(); }

    void panelRoundTripsEveryField()
    {
        SettingsPanel panel;
        vae::TrainingConfig config;
        config.latentDim = 8;
        config.hiddenSizes = {300, 100, 50};
        config.epochs = 7;
        config.batchSize = 64;
        config.learningRate = 0.0025;
        config.beta = 2.5;
        config.seed = 1234;
        config.threads = 2;
        config.trainSubset = 500; // not shown, but carried through
        config.lrSchedule = "cosine";
        config.warmupSteps = 300;
        config.timeBudgetSeconds = 45.5;
        panel.setConfig(config);
        QCOMPARE(panel.scheduleBox()->currentText(), QStringLiteral("Cosine decay"));
        QCOMPARE(panel.timeBudgetBox()->value(), 45.5);
        QCOMPARE(panel.hiddenSizesEdit()->text(), QStringLiteral("300,100,50"));
        QCOMPARE(panel.toConfig(), config);

        panel.epochsBox()->setValue(3);
        panel.hiddenSizesEdit()->setText(QStringLiteral(" 64, 32 "));
        const vae::TrainingConfig edited = panel.toConfig();
        QCOMPARE(edited.epochs, 3);
        QCOMPARE(edited.hiddenSizes, (std::vector<int>{64, 32}));
        QCOMPARE(edited.trainSubset, 500);

        // The schedule, warm-up and budget are the user's to pick, and locked while training.
        panel.scheduleBox()->setCurrentIndex(0);
        panel.warmupStepsBox()->setValue(0);
        panel.timeBudgetBox()->setValue(0);
        QCOMPARE(panel.timeBudgetBox()->text(), QStringLiteral("none"));
        const vae::TrainingConfig plain = panel.toConfig();
        QCOMPARE(plain.lrSchedule, std::string("constant"));
        QCOMPARE(plain.warmupSteps, 0);
        QCOMPARE(plain.timeBudgetSeconds, 0.0);
        panel.setTrainingLocked(true);
        QVERIFY(!panel.scheduleBox()->isEnabled());
        QVERIFY(!panel.timeBudgetBox()->isEnabled());
        QVERIFY(panel.learningRateBox()->isEnabled());
    }

    void theLikelihoodFollowsTheDataUnlessChosen()
    {
        VAE_REQUIRE_MNIST();
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString csv = dir.filePath(QStringLiteral("table.csv"));
        {
            QFile file(csv);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("height,weight,age,kind\n");
            for (int i = 0; i < 60; ++i)
                file.write(QStringLiteral("%1,%2,%3,%4\n")
                               .arg(150 + i % 40)
                               .arg(50.5 + i % 30)
                               .arg(20 + i % 50)
                               .arg(i % 2 ? QStringLiteral("a") : QStringLiteral("b"))
                               .toUtf8());
        }
        MainWindow window(test::testOptions());
        QSignalSpy loaded(&window, &MainWindow::dataLoaded);
        window.show();
        QVERIFY(loaded.wait(30000));
        SettingsPanel* panel = window.settingsPanel();
        QComboBox* box = panel->likelihoodBox();
        auto* items = static_cast<QStandardItemModel*>(box->model());
        const auto open = [&](const QString& spec) {
            QVERIFY(window.openDataset(spec));
            QVERIFY(loaded.wait(30000));
            QCOMPARE(window.errorCount(), 0);
        };
        const auto reconstructionName = [&window] {
            return window.lossPlot()->stepGraph(LossPlot::Reconstruction)->name();
        };

        // MNIST: Bernoulli, every choice open.
        QCOMPARE(panel->toConfig().likelihood, vae::Likelihood::Bernoulli);
        QCOMPARE(box->currentText(), QStringLiteral("Bernoulli"));
        for (int i = 0; i < box->count(); ++i)
            QVERIFY(items->item(i)->isEnabled());
        QCOMPARE(reconstructionName(), QStringLiteral("reconstruction (Bernoulli)"));

        // A CSV table holds real numbers: Gaussian, the Bernoullis disabled with the reason.
        open(QStringLiteral("csv:%1:label=kind").arg(csv));
        QCOMPARE(panel->toConfig().likelihood, vae::Likelihood::Gaussian);
        QCOMPARE(box->currentData().toString(), QStringLiteral("gaussian"));
        QVERIFY(!items->item(0)->isEnabled());
        QVERIFY(!items->item(1)->isEnabled());
        QVERIFY(items->item(2)->isEnabled());
        const QString why = box->itemData(1, Qt::ToolTipRole).toString();
        QVERIFY2(why.contains(QStringLiteral("[0, 1]")) &&
                     why.contains(QStringLiteral("table.csv")),
                 qPrintable(why));
        QVERIFY(box->itemData(2, Qt::ToolTipRole).toString().isEmpty());
        QCOMPARE(reconstructionName(), QStringLiteral("reconstruction (Gaussian)"));

        // Back to MNIST: its default again, nothing having been chosen.
        open(QStringLiteral("mnist"));
        QCOMPARE(panel->toConfig().likelihood, vae::Likelihood::Bernoulli);
        QVERIFY(items->item(1)->isEnabled());
        QVERIFY(!panel->chosenLikelihood());

        // The user chooses the continuous Bernoulli: kept for Fashion-MNIST, the Gaussian for the
        // table (where it does not fit), and back with grey levels again.
        box->setCurrentIndex(1);
        emit box->activated(1);
        QCOMPARE(panel->chosenLikelihood(), vae::Likelihood::ContinuousBernoulli);
        QCOMPARE(reconstructionName(), QStringLiteral("reconstruction (continuous Bernoulli)"));
        open(QStringLiteral("fashion-mnist"));
        QCOMPARE(panel->toConfig().likelihood, vae::Likelihood::ContinuousBernoulli);
        open(QStringLiteral("csv:%1:label=kind").arg(csv));
        QCOMPARE(panel->toConfig().likelihood, vae::Likelihood::Gaussian);
        open(QStringLiteral("fashion-mnist"));
        QCOMPARE(panel->toConfig().likelihood, vae::Likelihood::ContinuousBernoulli);

        // Start trains with it, and it is fixed while the run lasts.
        vae::TrainingConfig config = test::smallConfig(1, 100);
        config.likelihood = panel->toConfig().likelihood;
        panel->setConfig(config);
        QVERIFY2(window.startTraining(), qPrintable(window.lastErrorMessage()));
        QCOMPARE(window.trainer()->config().likelihood, vae::Likelihood::ContinuousBernoulli);
        QVERIFY(!box->isEnabled());
        VAE_WAIT_FOR_RUN_END(window);
        QVERIFY(box->isEnabled());
        QCOMPARE(window.model()->likelihood(), vae::Likelihood::ContinuousBernoulli);
        QCOMPARE(reconstructionName(), QStringLiteral("reconstruction (continuous Bernoulli)"));
    }

    void anOpenedCheckpointSetsTheLikelihood()
    {
        VAE_REQUIRE_MNIST();
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("gaussian.safetensors"));
        vae::TrainingConfig config = test::smallConfig(1, 32);
        config.likelihood = vae::Likelihood::Gaussian;
        vae::saveCheckpoint(QFile::encodeName(path).toStdString(), *vae::makeUntrainedModel(config),
                            {});
        MainWindow window(test::testOptions());
        QSignalSpy loaded(&window, &MainWindow::dataLoaded);
        window.show();
        QVERIFY(loaded.wait(30000));
        QCOMPARE(window.settingsPanel()->toConfig().likelihood, vae::Likelihood::Bernoulli);
        QVERIFY2(window.openModel(path), qPrintable(window.lastErrorMessage()));
        QCOMPARE(window.settingsPanel()->likelihoodBox()->currentData().toString(),
                 QStringLiteral("gaussian"));
        QCOMPARE(window.settingsPanel()->toConfig().likelihood, vae::Likelihood::Gaussian);
        QCOMPARE(window.lossPlot()->likelihood(), vae::Likelihood::Gaussian);
        // It counts as chosen: Fashion-MNIST (the model's size, so it stays open) keeps it.
        QVERIFY(window.openDataset(QStringLiteral("fashion-mnist")));
        QVERIFY(loaded.wait(30000));
        QCOMPARE(window.modelFilePath(), path);
        QCOMPARE(window.settingsPanel()->toConfig().likelihood, vae::Likelihood::Gaussian);
    }

    void hiddenSizesFollowTheLatentDimUntilEdited()
    {
        SettingsPanel panel;
        QCOMPARE(panel.hiddenSizesEdit()->text(), QStringLiteral("512,256,256"));
        panel.latentDimBox()->setValue(20);
        QCOMPARE(panel.hiddenSizesEdit()->text(), QStringLiteral("512,256"));
        panel.latentDimBox()->setValue(2);
        QCOMPARE(panel.hiddenSizesEdit()->text(), QStringLiteral("512,256,256"));
        panel.hiddenSizesEdit()->setText(QStringLiteral("300"));
        panel.latentDimBox()->setValue(20);
        QCOMPARE(panel.hiddenSizesEdit()->text(), QStringLiteral("300")); // the user's choice stays
        // A loaded config's sizes are kept as given, whatever its latent dim.
        vae::TrainingConfig config;
        config.latentDim = 20;
        config.hiddenSizes = {512, 256, 256};
        panel.setConfig(config);
        QCOMPARE(panel.toConfig().hiddenSizes, (std::vector<int>{512, 256, 256}));
    }

    void theArchitectureChoiceGivesAConvConfig()
    {
        SettingsPanel panel;
        QCOMPARE(panel.toConfig().architecture, std::string("mlp"));
        // The channels follow the data's image size until edited: 2 layers for 28 × 28.
        QCOMPARE(panel.channelsEdit()->text(), QStringLiteral("32,32,64,64"));
        panel.setData(vae::DataDescription::mnist());
        QCOMPARE(panel.channelsEdit()->text(), QStringLiteral("32,64"));
        QVERIFY(!panel.channelsEdit()->isEnabled());
        // Choosing Convolutional as a user does: its default hidden layer replaces the MLP's.
        QComboBox* box = panel.architectureBox();
        const int conv = box->findData(QStringLiteral("conv"));
        QVERIFY(conv >= 0);
        box->setCurrentIndex(conv);
        emit box->activated(conv);
        QVERIFY(panel.channelsEdit()->isEnabled());
        QCOMPARE(panel.hiddenSizesEdit()->text(), QStringLiteral("256"));
        panel.channelsEdit()->setText(QStringLiteral(" 16, 32 "));
        vae::TrainingConfig config = panel.toConfig();
        QCOMPARE(config.architecture, std::string("conv"));
        QCOMPARE(config.convChannels, (std::vector<int>{16, 32}));
        QCOMPARE(config.hiddenSizes, (std::vector<int>{256}));
        // A loaded conv config shows its channels; training locks the choice.
        panel.setConfig(config);
        QCOMPARE(panel.channelsEdit()->text(), QStringLiteral("16,32"));
        QCOMPARE(box->currentData().toString(), QStringLiteral("conv"));
        panel.setTrainingLocked(true);
        QVERIFY(!box->isEnabled());
        QVERIFY(!panel.channelsEdit()->isEnabled());
        panel.setTrainingLocked(false);
        // A table cannot take convolutions: the choice falls back to the MLP.
        vae::DataDescription table;
        table.name = "wine";
        table.height = 1;
        table.width = 13;
        table.values = vae::ValueKind::Real;
        panel.setData(table);
        QCOMPARE(panel.toConfig().architecture, std::string("mlp"));
        auto* items = qobject_cast<QStandardItemModel*>(box->model());
        QVERIFY(items && !items->item(conv)->isEnabled());
        panel.setData(vae::DataDescription::mnist());
        QVERIFY(items->item(conv)->isEnabled());
        // Bad channels get the parser's message when the run starts.
        box->setCurrentIndex(conv);
        panel.channelsEdit()->setText(QStringLiteral("16,x"));
        QVERIFY_THROWS_EXCEPTION(vae::ConfigError, (void)panel.toConfig());
    }

    void panelSignalsOnlyUserChanges()
    {
        SettingsPanel panel;
        QSignalSpy beta(&panel, &SettingsPanel::betaChanged);
        QSignalSpy rate(&panel, &SettingsPanel::learningRateChanged);
        vae::TrainingConfig config;
        config.beta = 3;
        panel.setConfig(config);
        QCOMPARE(beta.count(), 0);
        panel.betaBox()->setValue(0.25);
        panel.learningRateBox()->setValue(0.01);
        QCOMPARE(beta.count(), 1);
        QCOMPARE(beta.front().front().toDouble(), 0.25);
        QCOMPARE(rate.count(), 1);
    }

    void invalidHiddenSizesShowAnErrorAndStartNothing()
    {
        VAE_REQUIRE_MNIST();
        MainWindow window(test::testOptions());
        window.show();
        VAE_WAIT_FOR_DATA(window);
        QSignalSpy errors(&window, &MainWindow::errorReported);
        QSignalSpy states(&window, &MainWindow::trainingStateChanged);
        window.settingsPanel()->hiddenSizesEdit()->setText(QStringLiteral("0,abc"));
        window.startAction()->trigger();
        QCOMPARE(errors.count(), 1);
        QVERIFY2(window.lastErrorMessage().contains(QStringLiteral("hidden sizes")),
                 qPrintable(window.lastErrorMessage()));
        QVERIFY(window.lastErrorMessage().contains(QStringLiteral("0,abc")));
        QCOMPARE(window.trainer(), nullptr);
        QVERIFY(!window.isTraining());
        QCOMPARE(states.count(), 0);
        QVERIFY(window.startAction()->isEnabled());
        QVERIFY(!window.settingsPanel()->isTrainingLocked());
        QCOMPARE(window.lossPlot()->stepCount(), 0);
    }

    void outOfRangeValuesAreRejectedByValidate()
    {
        VAE_REQUIRE_MNIST();
        MainWindow window(test::testOptions());
        VAE_WAIT_FOR_DATA(window);
        SettingsPanel* panel = window.settingsPanel();

        panel->batchSizeBox()->setValue(100000); // more than the 60,000 training images
        QVERIFY(!window.startTraining());
        QVERIFY2(window.lastErrorMessage().contains(QStringLiteral("batch size")),
                 qPrintable(window.lastErrorMessage()));
        QCOMPARE(window.trainer(), nullptr);

        panel->batchSizeBox()->setValue(128);
        panel->latentDimBox()->setValue(0);
        QVERIFY(!window.startTraining());
        QVERIFY(window.lastErrorMessage().contains(QStringLiteral("latent dim")));

        panel->latentDimBox()->setValue(2);
        panel->learningRateBox()->setValue(0.0);
        QVERIFY(!window.startTraining());
        QVERIFY(window.lastErrorMessage().contains(QStringLiteral("learning rate")));
        QCOMPARE(window.errorCount(), 3);
        QCOMPARE(window.trainer(), nullptr);
    }

    void invalidSettingsOpenADialogWhenDialogsAreOn()
    {
        VAE_REQUIRE_MNIST();
        LaunchOptions options = test::testOptions();
        options.showDialogs = true;
        MainWindow window(options);
        window.show();
        VAE_WAIT_FOR_DATA(window);
        window.settingsPanel()->hiddenSizesEdit()->setText(QStringLiteral("0,abc"));
        QVERIFY(!window.startTraining());
        QMessageBox* box = window.findChild<QMessageBox*>();
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QVERIFY(box->text().contains(QStringLiteral("0,abc")));
        box->accept();
        QCOMPARE(window.trainer(), nullptr);
    }

    void settingsPersistAcrossSessions()
    {
        QSettings().clear();
        vae::TrainingConfig config;
        config.epochs = 12;
        config.beta = 0.75;
        config.hiddenSizes = {128};
        config.trainSubset = 300;
        {
            LaunchOptions options = test::testOptions();
            options.useSettings = true;
            MainWindow window(options);
            window.settingsPanel()->setConfig(config);
            window.settingsPanel()->chooseLikelihood(vae::Likelihood::ContinuousBernoulli);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(1111, 777);
            QVERIFY(window.close());
        }
        // Test mode keeps the file out of the user's configuration.
        const QString file = QSettings().fileName();
        QVERIFY2(file.contains(QStringLiteral("qttest")), qPrintable(file));
        QVERIFY(QSettings().contains(QStringLiteral("training/config")));
        {
            LaunchOptions options = test::testOptions();
            options.useSettings = true;
            MainWindow window(options);
            vae::TrainingConfig expected = config;
            expected.trainSubset = 0; // a test device, never persisted
            expected.likelihood = vae::Likelihood::ContinuousBernoulli;
            QCOMPARE(window.settingsPanel()->toConfig(), expected);
            // A likelihood the user chose stays chosen (it outlives a switch of data).
            QCOMPARE(window.settingsPanel()->chosenLikelihood(),
                     vae::Likelihood::ContinuousBernoulli);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QCOMPARE(window.size(), QSize(1111, 777));
            window.close();
        }
        {
            // --epochs overrides the saved value.
            LaunchOptions options = test::testOptions();
            options.useSettings = true;
            options.epochs = 3;
            MainWindow window(options);
            QCOMPARE(window.settingsPanel()->toConfig().epochs, 3);
            QCOMPARE(window.settingsPanel()->toConfig().beta, 0.75);
        }
        QSettings().clear();
    }

    void commandLineParses()
    {
        const QString program = QStringLiteral("vae-explorer");
        CommandLineResult r = parseCommandLine({program});
        QVERIFY(r.ok);
        QVERIFY(!r.options.train);
        QVERIFY(r.options.dataDir.isEmpty());
        QVERIFY(r.options.useSettings);

        r = parseCommandLine({program, QStringLiteral("--data"), QStringLiteral("/tmp/m"),
                              QStringLiteral("--train"), QStringLiteral("--epochs"),
                              QStringLiteral("4"), QStringLiteral("--open"),
                              QStringLiteral("a.safetensors")});
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(r.options.dataDir, QStringLiteral("/tmp/m"));
        QVERIFY(r.options.train);
        QCOMPARE(r.options.epochs, std::optional<int>(4));
        QCOMPARE(r.options.openFile, QStringLiteral("a.safetensors"));

        r = parseCommandLine({program, QStringLiteral("b.safetensors")});
        QVERIFY(r.ok);
        QCOMPARE(r.options.openFile, QStringLiteral("b.safetensors"));

        r = parseCommandLine({program, QStringLiteral("--screenshot"), QStringLiteral("s.png"),
                              QStringLiteral("--screenshot-after"), QStringLiteral("2.5")});
        QVERIFY(r.ok);
        QCOMPARE(r.options.screenshotFile, QStringLiteral("s.png"));
        QCOMPARE(r.options.screenshotAfterSeconds, 2.5);
        QVERIFY(!r.options.useSettings); // screenshots do not depend on the user's settings
        QVERIFY(!r.options.showTrainingSet); // not given: the saved choice applies

        r = parseCommandLine({program, QStringLiteral("--show-training-set")});
        QVERIFY(r.ok);
        QCOMPARE(r.options.showTrainingSet, std::optional<bool>(true));
        LaunchOptions options = test::testOptions();
        options.showTrainingSet = true;
        MainWindow window(options);
        QVERIFY(window.showsTrainingSet());
        QVERIFY(window.latentPlot()->showsTrainingSet());

        QVERIFY(!parseCommandLine({program, QStringLiteral("--epochs"), QStringLiteral("0")}).ok);
        QVERIFY(!parseCommandLine({program, QStringLiteral("--epochs"), QStringLiteral("x")}).ok);
        QVERIFY(!parseCommandLine({program, QStringLiteral("--bogus")}).ok);
        QVERIFY(
            !parseCommandLine({program, QStringLiteral("--screenshot-after"), QStringLiteral("3")})
                 .ok);
        QVERIFY(!parseCommandLine({program, QStringLiteral("a"), QStringLiteral("b")}).ok);
        r = parseCommandLine({program, QStringLiteral("--help")});
        QVERIFY(r.exitEarly);
        QVERIFY(r.message.contains(QStringLiteral("--screenshot-after")));
    }
};

QTEST_MAIN(TestSettings)
#include "test_settings.moc"
