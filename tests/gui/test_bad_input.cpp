// Bad input everywhere (docs/reliability.md, "Bad input"): every settings value out of range gives a message,
// starts nothing and loses nothing (the model on screen decodes the same pixels); spin boxes cannot
// express negative sizes; a refused comparison keeps the open one; MNIST files deleted, truncated
// or replaced while the app runs do not matter to the copy in memory, and a window that loads them
// afterwards names the file and the problem.

#include "guitestsupport.h"

#include "shell/commandline.h"
#include "tools/comparison/comparisondialog.h"
#include "tools/comparison/comparisontool.h"
#include "tools/comparison/comparisonwindow.h"
#include "plots/lossplot.h"
#include "shell/settingspanel.h"

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>

using namespace vae::gui;

namespace {

// The fixed latent point whose decoded image stands for "the model on screen".
constexpr double kZ1 = 0.5;
constexpr double kZ2 = -0.25;

/// A run of a few seconds: 500 images, one epoch.
vae::TrainingConfig tinyConfig()
{
    vae::TrainingConfig config = test::smallConfig(1, 100);
    config.trainSubset = 500;
    config.hiddenSizes = {64};
    return config;
}

struct BadSetting {
    const char* name;
    std::function<void(SettingsPanel&)> set; ///< applied to a panel holding tinyConfig()
    const char* message;                     ///< what lastErrorMessage() must contain
};

} // namespace

class TestBadInput final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::initTestEnvironment(); }

    // Every numeric field of the settings panel at a bad value: "Invalid settings" with the field
    // and its range, no trainer started, the finished run's model and history untouched.
    void badSettingsStartNothingAndKeepTheModel()
    {
        VAE_REQUIRE_MNIST();
        MainWindow window(test::testOptions());
        window.show();
        VAE_WAIT_FOR_DATA(window);
        SettingsPanel* panel = window.settingsPanel();
        panel->setConfig(tinyConfig());
        QVERIFY(window.startTraining());
        VAE_WAIT_FOR_RUN_END(window);
        QCOMPARE(window.trainer()->state(), vae::TrainerState::Finished);

        vae::Trainer* const trainer = window.trainer();
        const auto model = window.model();
        QVERIFY(model);
        window.decodeAt(kZ1, kZ2);
        const std::vector<float> pixels = window.lastDecodedPixels();
        QCOMPARE(pixels.size(), std::size_t(784));
        const int steps = window.lossPlot()->stepCount();
        QVERIFY(steps > 0);
        const std::size_t epochs = window.history().epochs.size();
        QCOMPARE(epochs, std::size_t(1));

        const std::vector<BadSetting> cases = {
            {"epochs 0", [](SettingsPanel& p) { p.epochsBox()->setValue(0); },
             "epochs must be between 1 and 100000, got 0"},
            {"batch 0", [](SettingsPanel& p) { p.batchSizeBox()->setValue(0); },
             "batch size must be between 1 and 1000000, got 0"},
            {"batch larger than the training set",
             [](SettingsPanel& p) {
                 vae::TrainingConfig c = tinyConfig();
                 c.trainSubset = 0;
                 p.setConfig(c);
                 p.batchSizeBox()->setValue(60001);
             },
             "batch size 60001 is larger than the training set (60000 images)"},
            {"batch larger than the subset",
             [](SettingsPanel& p) { p.batchSizeBox()->setValue(501); },
             "batch size 501 is larger than the training set (the train subset: 500 of 60000 "
             "images): use a batch size of at most 500"},
            {"subset larger than the training set",
             [](SettingsPanel& p) {
                 vae::TrainingConfig c = tinyConfig();
                 c.trainSubset = 70000;
                 p.setConfig(c);
             },
             "train subset 70000 is larger than the training set (60000 images)"},
            {"latent dim 0", [](SettingsPanel& p) { p.latentDimBox()->setValue(0); },
             "latent dim must be between 1 and 512, got 0"},
            {"latent dim at the box's maximum",
             [](SettingsPanel& p) { p.latentDimBox()->setValue(p.latentDimBox()->maximum()); },
             "latent dim must be between 1 and 512, got 1024"},
            {"hidden 0", [](SettingsPanel& p) { p.hiddenSizesEdit()->setText("0"); },
             "hidden sizes must be a comma-separated list of positive integers such as "
             "\"512,256\", got \"0\""},
            {"hidden -5", [](SettingsPanel& p) { p.hiddenSizesEdit()->setText("-5"); },
             "got \"-5\""},
            {"hidden 400,,", [](SettingsPanel& p) { p.hiddenSizesEdit()->setText("400,,"); },
             "got \"400,,\""},
            {"hidden empty", [](SettingsPanel& p) { p.hiddenSizesEdit()->setText(""); },
             "hidden sizes must be a comma-separated list"},
            {"hidden 10^9", [](SettingsPanel& p) { p.hiddenSizesEdit()->setText("1000000000"); },
             "each hidden size must be between 1 and 16384, got 1000000000"},
            {"hidden: too many weights",
             [](SettingsPanel& p) { p.hiddenSizesEdit()->setText("16384,16384,16384"); },
             "weights, more than the 100000000 that fit in memory"},
            {"hidden: 9 layers",
             [](SettingsPanel& p) { p.hiddenSizesEdit()->setText("8,8,8,8,8,8,8,8,8"); },
             "hidden sizes must list 1 to 8 layers, got 9"},
            {"learning rate 0", [](SettingsPanel& p) { p.learningRateBox()->setValue(0); },
             "learning rate must be in (0, 10), got 0"},
            {"learning rate at the box's maximum",
             [](SettingsPanel& p) {
                 p.learningRateBox()->setValue(p.learningRateBox()->maximum());
             },
             "learning rate must be in (0, 10), got 10"},
            {"KL warm-up 0",
             [](SettingsPanel& p) {
                 p.klScheduleBox()->setCurrentIndex(p.klScheduleBox()->findData("linear"));
                 p.klEpochsBox()->setValue(0);
             },
             "KL warm-up epochs must be in (0, 100000], got 0"},
        };
        int errors = window.errorCount();
        for (const BadSetting& bad : cases) {
            panel->setConfig(tinyConfig());
            bad.set(*panel);
            QSignalSpy states(&window, &MainWindow::trainingStateChanged);
            QVERIFY2(!window.startTraining(), bad.name);
            QCOMPARE(window.errorCount(), ++errors);
            QVERIFY2(window.lastErrorMessage().contains(QString::fromUtf8(bad.message)),
                     qPrintable(QStringLiteral("%1: got \"%2\"")
                                    .arg(QString::fromUtf8(bad.name), window.lastErrorMessage())));
            // Nothing started …
            QCOMPARE(states.count(), 0);
            QVERIFY(!window.isTraining());
            QVERIFY(!panel->isTrainingLocked());
            QVERIFY(window.startAction()->isEnabled());
            // … and nothing lost: the same run, model, history and decoded image.
            QCOMPARE(window.trainer(), trainer);
            QCOMPARE(window.model(), model);
            QCOMPARE(window.lossPlot()->stepCount(), steps);
            QCOMPARE(window.history().epochs.size(), epochs);
            window.decodeAt(kZ1, kZ2);
            QCOMPARE(window.lastDecodedPixels(), pixels);
        }
        QCOMPARE(int(cases.size()), 17);

        // With dialogs on, the same refusal is a window-modal message box titled "Invalid
        // settings".
        {
            LaunchOptions options = test::testOptions();
            options.showDialogs = true;
            MainWindow shown(options);
            shown.show();
            VAE_WAIT_FOR_DATA(shown);
            shown.settingsPanel()->setConfig(tinyConfig());
            shown.settingsPanel()->batchSizeBox()->setValue(501);
            QVERIFY(!shown.startTraining());
            QMessageBox* box = shown.findChild<QMessageBox*>();
            QVERIFY(box);
            QTRY_VERIFY(box->isVisible());
            QCOMPARE(box->windowTitle(), QStringLiteral("Invalid settings"));
            QVERIFY2(box->text().startsWith(QStringLiteral("Batch size 501 is larger than the "
                                                           "training set")),
                     qPrintable(box->text()));
            box->accept();
            QCOMPARE(shown.trainer(), nullptr);
        }

        // A valid config after all the refusals still trains.
        panel->setConfig(tinyConfig());
        QVERIFY2(window.startTraining(), qPrintable(window.lastErrorMessage()));
        QVERIFY(window.trainer() != trainer);
        VAE_WAIT_FOR_RUN_END(window);
        QCOMPARE(window.trainer()->state(), vae::TrainerState::Finished);
        QCOMPARE(window.errorCount(), errors);
    }

    // Negative sizes and counts cannot even be typed: every spin box of the window and its tools
    // (settings, time-lapse cap, draw brush, gradient images and draws, interpolation count, prior
    // samples seed, traversal steps, manifold tiles …) clamps them to a minimum ≥ 0, and clamps
    // absurdly large values to its maximum.
    void spinBoxesCannotExpressNegativeOrHugeValues()
    {
        MainWindow window(test::testOptions());
        const QList<QSpinBox*> boxes = window.findChildren<QSpinBox*>();
        const QList<QDoubleSpinBox*> doubles = window.findChildren<QDoubleSpinBox*>();
        QVERIFY2(boxes.size() >= 12, qPrintable(QString::number(boxes.size())));
        QVERIFY(doubles.size() >= 4);
        for (QSpinBox* box : boxes) {
            const QString name = box->objectName().isEmpty()
                                     ? QString::fromUtf8(box->parent()->metaObject()->className())
                                     : box->objectName();
            QVERIFY2(box->minimum() >= 0, qPrintable(name));
            box->setValue(-5);
            QCOMPARE(box->value(), box->minimum());
            box->setValue(std::numeric_limits<int>::max());
            QCOMPARE(box->value(), box->maximum());
            box->setValue(box->minimum());
        }
        for (QDoubleSpinBox* box : doubles) {
            QVERIFY(box->minimum() >= 0);
            box->setValue(-1e300);
            QCOMPARE(box->value(), box->minimum());
            box->setValue(std::nan(""));
            QVERIFY(std::isfinite(box->value()));
            box->setValue(box->minimum());
        }
        // The comparison dialog: ≥ 1 epoch, batch 1 to 60,000, β in [0.01, 100].
        ComparisonDialog dialog(vae::TrainingConfig{}, &window);
        dialog.epochsBox()->setValue(0);
        QCOMPARE(dialog.epochsBox()->value(), 1);
        dialog.batchSizeBox()->setValue(-5);
        QCOMPARE(dialog.batchSizeBox()->value(), 1);
        dialog.batchSizeBox()->setValue(10000000);
        QCOMPARE(dialog.batchSizeBox()->value(), 60000);
        dialog.seedBox()->setValue(-1);
        QCOMPARE(dialog.seedBox()->value(), 0);
        for (QDoubleSpinBox* beta : dialog.findChildren<QDoubleSpinBox*>()) {
            beta->setValue(0);
            QCOMPARE(beta->value(), 0.01);
        }
    }

    // vae-explorer's own flags: numbers that parse but mean nothing are refused with the flag.
    void launchFlagsRefuseBadNumbers()
    {
        const QString program = QStringLiteral("vae-explorer");
        const QString shot = QStringLiteral("--screenshot");
        const QString after = QStringLiteral("--screenshot-after");
        for (const char* bad : {"nan", "inf", "-1", "soon"}) {
            const CommandLineResult r =
                parseCommandLine({program, shot, QStringLiteral("x.png"), after, bad});
            QVERIFY2(!r.ok, bad);
            QCOMPARE(r.message, QStringLiteral("--screenshot-after needs a number of seconds ≥ 0, "
                                               "not \"%1\".")
                                    .arg(QString::fromUtf8(bad)));
        }
        for (const char* bad : {"0", "-3", "1e12", "many"}) {
            const CommandLineResult r =
                parseCommandLine({program, QStringLiteral("--epochs"), bad});
            QVERIFY2(!r.ok, bad);
            QVERIFY2(r.message.startsWith(QStringLiteral("--epochs needs a whole number")),
                     qPrintable(r.message));
        }
        const CommandLineResult r =
            parseCommandLine({program, QStringLiteral("--latent-dim"), QStringLiteral("0")});
        QVERIFY(!r.ok);
        QVERIFY(r.message.startsWith(QStringLiteral("--latent-dim needs a whole number")));
    }

    // Compare Models with a batch larger than the train subset: refused with the message, and the
    // comparison already open stays open and keeps its models.
    void refusedComparisonKeepsTheOpenOne()
    {
        VAE_REQUIRE_MNIST();
        MainWindow window(test::testOptions());
        window.show();
        VAE_WAIT_FOR_DATA(window);
        auto* tool = window.findChild<ComparisonTool*>(QStringLiteral("comparisonTool"));
        QVERIFY(tool);
        vae::TrainingConfig good = tinyConfig();
        good.trainSubset = 200;
        const QPointer<ComparisonWindow> open =
            tool->openComparison(good, *comparisonPreset(QStringLiteral("ae-vae")));
        QVERIFY2(open, qPrintable(window.lastErrorMessage()));
        open->stop();
        QTRY_VERIFY_WITH_TIMEOUT(!open->isTraining(), 30000);
        const auto before = open->model(0);

        vae::TrainingConfig bad = good;
        bad.batchSize = 201;
        const int errors = window.errorCount();
        QCOMPARE(tool->openComparison(bad, *comparisonPreset(QStringLiteral("beta"))), nullptr);
        QCOMPARE(window.errorCount(), errors + 1);
        QVERIFY2(window.lastErrorMessage().contains(
                     QStringLiteral("batch size 201 is larger than the training set (the train "
                                    "subset: 200 of 60000 images)")),
                 qPrintable(window.lastErrorMessage()));
        // A close() would have scheduled its deletion (WA_DeleteOnClose): run it now.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QVERIFY(open);
        QCOMPARE(tool->comparisonWindow(), open.data());
        QVERIFY(open->isVisible());
        QCOMPARE(open->model(0), before);
        open->close();
    }

    // MNIST is read once, into memory. Deleting, truncating or replacing the files afterwards
    // (garbage, a wrong magic number) changes nothing for this window: training, a restart, saving
    // and opening a model all work from the copy in memory. A window started afterwards (a new
    // session, or View ▸ Language's restart) names the damaged file and its problem, with Start
    // disabled.
    void datasetFilesChangedWhileRunning()
    {
        VAE_REQUIRE_MNIST();
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path source = vae::defaultDataDir();
        const std::filesystem::path copy = dir.path().toStdString();
        for (const char* name : {vae::kTrainImagesFile, vae::kTrainLabelsFile, vae::kTestImagesFile,
                                 vae::kTestLabelsFile})
            std::filesystem::copy_file(source / name, copy / name);

        LaunchOptions options = test::testOptions();
        options.dataDir = dir.path();
        MainWindow window(options);
        window.show();
        VAE_WAIT_FOR_DATA(window);
        const auto data = window.data();
        QCOMPARE(data->train.count, 60000);
        const std::vector<float> firstImage(data->train.pixels.begin(),
                                            data->train.pixels.begin() + 784);

        struct Damage {
            const char* what;
            std::function<void()> apply;
            const char* file;    ///< the file a fresh load must name
            const char* problem; ///< and its problem
        };
        auto write = [&copy](const char* name, const std::string& bytes) {
            std::ofstream out(copy / name, std::ios::binary | std::ios::trunc);
            out << bytes;
        };
        const std::vector<Damage> damages = {
            {"training images truncated",
             [&] { std::filesystem::resize_file(copy / vae::kTrainImagesFile, 1000000); },
             vae::kTrainImagesFile, "truncated"},
            {"training labels replaced with garbage",
             [&] { write(vae::kTrainLabelsFile, std::string(60008, '\x5a')); },
             vae::kTrainLabelsFile, "wrong magic number"},
            {"test images replaced with a labels file (wrong magic)",
             [&] {
                 std::filesystem::remove(copy / vae::kTestImagesFile);
                 std::filesystem::copy_file(source / vae::kTestLabelsFile,
                                            copy / vae::kTestImagesFile);
             },
             vae::kTestImagesFile, "wrong magic number"},
            {"test labels deleted", [&] { std::filesystem::remove(copy / vae::kTestLabelsFile); },
             vae::kTestLabelsFile, "is missing"},
        };

        QTemporaryDir models;
        int run = 0;
        for (const Damage& damage : damages) {
            // Restore the earlier damage's file: each case damages exactly one file.
            for (const char* name : {vae::kTrainImagesFile, vae::kTrainLabelsFile,
                                     vae::kTestImagesFile, vae::kTestLabelsFile}) {
                std::filesystem::remove(copy / name);
                std::filesystem::copy_file(source / name, copy / name);
            }
            damage.apply();

            // This window: train (a restart after the first case), save, open: all from memory.
            const int errors = window.errorCount();
            window.settingsPanel()->setConfig(tinyConfig());
            QVERIFY2(window.startTraining(), qPrintable(window.lastErrorMessage()));
            VAE_WAIT_FOR_RUN_END(window);
            QCOMPARE(window.trainer()->state(), vae::TrainerState::Finished);
            const vae::TrainingHistory history = window.history();
            QCOMPARE(history.epochs.size(), std::size_t(1));
            QVERIFY(std::isfinite(history.epochs[0].test.elbo));
            QVERIFY(history.epochs[0].test.elbo < 0);
            const QString file = models.filePath(QStringLiteral("m%1.safetensors").arg(++run));
            QVERIFY2(window.saveModel(file), qPrintable(window.lastErrorMessage()));
            window.decodeAt(kZ1, kZ2);
            const std::vector<float> trained = window.lastDecodedPixels();
            QVERIFY2(window.openModel(file), qPrintable(window.lastErrorMessage()));
            window.decodeAt(kZ1, kZ2);
            QCOMPARE(window.lastDecodedPixels(), trained);
            // The opened model encodes the test set from memory too.
            QTRY_VERIFY_WITH_TIMEOUT(window.latestLatent() != nullptr, 30000);
            QCOMPARE(window.errorCount(), errors);
            QCOMPARE(window.data(), data);
            QVERIFY(std::equal(firstImage.begin(), firstImage.end(), data->train.pixels.begin()));

            // A new window reads the files: the error names the file and the problem.
            MainWindow fresh(options);
            QSignalSpy failed(&fresh, &MainWindow::dataLoadFailed);
            QVERIFY2(failed.wait(30000), damage.what);
            const QString message = failed.front().front().toString();
            QVERIFY2(
                message.contains(QString::fromUtf8(damage.file)) &&
                    message.contains(QString::fromUtf8(damage.problem)),
                qPrintable(QStringLiteral("%1: %2").arg(QString::fromUtf8(damage.what), message)));
            QCOMPARE(fresh.lastErrorMessage(), message);
            QVERIFY(!fresh.hasData());
            QVERIFY(!fresh.startAction()->isEnabled());
            QVERIFY(!fresh.startTraining());
            QCOMPARE(fresh.trainer(), nullptr);
        }
    }
};

QTEST_MAIN(TestBadInput)
#include "test_bad_input.moc"
