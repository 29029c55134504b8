// (a) The window opens, shows its panels, and reacts correctly to present or missing data.

#include "guitestsupport.h"

#include "../session/imagefolderfixture.h"

#include "plots/latentplot.h"
#include "plots/lossplot.h"
#include "session/session.h"
#include "shell/dataloadindicator.h"
#include "shell/settingspanel.h"
#include "widgets/decodedview.h"

#include <vae/checkpoint.h>
#include <vae/inference.h>

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QToolButton>

#include <algorithm>

using namespace vae::gui;

class TestMainWindow final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::initTestEnvironment(); }

    void opensAndShows()
    {
        MainWindow window(test::testOptions());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.isVisible());
        // The dataset's name joins the title once it is loaded.
        QTRY_COMPARE_WITH_TIMEOUT(window.windowTitle(), QStringLiteral("MNIST — VAE Explorer"),
                                  60000);
        // The icon really comes from the resources compiled into vae_gui.
        QVERIFY(QFile::exists(QStringLiteral(":/vae-explorer.png")));
        QVERIFY(QFile::exists(QStringLiteral(":/vae-explorer.svg")));
        QVERIFY(QFile::exists(QStringLiteral(":/vae-explorer.desktop")));
        QVERIFY(!window.windowIcon().pixmap(64).isNull());
        QVERIFY(window.latentPlot()->isVisible());
        QVERIFY(window.lossPlot()->isVisible());
        QVERIFY(window.decodedView()->isVisible());
        QVERIFY(window.settingsPanel()->isVisible());
        QVERIFY(window.progressBar()->isVisible());
        // Every panel has real room, not a collapsed sliver.
        QVERIFY(window.latentPlot()->width() > 300 && window.latentPlot()->height() > 200);
        QVERIFY(window.lossPlot()->height() > 150);
        QVERIFY(window.decodedView()->imageRect().isNull()); // no model yet: a hint instead
        // Nothing to pause, stop or save before training.
        QVERIFY(!window.pauseAction()->isEnabled());
        QVERIFY(!window.stopAction()->isEnabled());
        QVERIFY(!window.saveAction()->isEnabled());
        QCOMPARE(window.trainer(), nullptr);
        // The settings show TrainingConfig's defaults.
        QCOMPARE(window.settingsPanel()->toConfig(), vae::TrainingConfig{});
        QCOMPARE(window.latentPlot()->xAxis->label(), QStringLiteral("z₁"));
        QCOMPARE(window.lossPlot()->xAxis->label(), QStringLiteral("epoch"));
        QCOMPARE(window.lossPlot()->yAxis->label(), QStringLiteral("nats per example"));
    }

    void startEnabledOnceDataLoaded()
    {
        VAE_REQUIRE_MNIST();
        MainWindow window(test::testOptions());
        QSignalSpy loaded(&window, &MainWindow::dataLoaded);
        window.show();
        QVERIFY(loaded.wait(30000));
        QVERIFY(window.hasData());
        QCOMPARE(window.data()->train.count, 60000);
        QCOMPARE(window.data()->test.count, 10000);
        QVERIFY(window.startAction()->isEnabled());
        QCOMPARE(window.errorCount(), 0);
    }

    void theLegendAndTitleNameTheDatasetsClasses()
    {
        LaunchOptions options = test::testOptions();
        options.dataset = QStringLiteral("fashion-mnist");
        MainWindow window(options);
        QSignalSpy loaded(&window, &MainWindow::dataLoaded);
        window.show();
        QVERIFY(loaded.wait(30000));
        QCOMPARE(window.errorCount(), 0);
        QCOMPARE(window.windowTitle(), QStringLiteral("Fashion-MNIST — VAE Explorer"));
        const QCPLegend* legend = window.latentPlot()->legend;
        QCOMPARE(legend->itemCount(), 10);
        const auto name = [legend](int i) {
            return static_cast<QCPPlottableLegendItem*>(legend->item(i))->plottable()->name();
        };
        QCOMPARE(name(0), QStringLiteral("T-shirt/top"));
        QCOMPARE(name(7), QStringLiteral("Sneaker"));
        QCOMPARE(name(9), QStringLiteral("Ankle boot"));
        QVERIFY(legend->visible());
    }

    void openDatasetKeepsAFittingModelAndAFailedLoadChangesNothing()
    {
        VAE_REQUIRE_MNIST();
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("mnist-model.safetensors"));
        vae::saveCheckpoint(QFile::encodeName(path).toStdString(),
                            *vae::makeUntrainedModel(test::smallConfig(1, 32)), {});
        MainWindow window(test::testOptions());
        QSignalSpy loaded(&window, &MainWindow::dataLoaded);
        window.show();
        QVERIFY(loaded.wait(30000));
        QVERIFY(window.openModel(path));
        QTRY_COMPARE_WITH_TIMEOUT(window.latentPlot()->pointCount(), 10000, 30000);

        // The menu lists the built-ins, the loaded one checked.
        QMenu* menu = window.datasetMenu();
        QMetaObject::invokeMethod(menu, "aboutToShow");
        QStringList specs;
        QString checked;
        for (QAction* action : menu->actions()) {
            if (!action->isCheckable())
                continue;
            specs << action->data().toString();
            if (action->isChecked())
                checked = action->data().toString();
        }
        QCOMPARE(specs, (QStringList{"mnist", "fashion-mnist", "binarized-mnist:dynamic",
                                     "binarized-mnist:static", "shapes"}));
        QCOMPARE(checked, QStringLiteral("mnist"));

        // Unknown data: an error naming it, and the MNIST data, model and points stay.
        const int errors = window.errorCount();
        QVERIFY(window.openDataset(QStringLiteral("no-such-data")));
        QTRY_COMPARE_WITH_TIMEOUT(window.errorCount(), errors + 1, 30000);
        QVERIFY2(window.lastErrorMessage().contains(QStringLiteral("no-such-data")),
                 qPrintable(window.lastErrorMessage()));
        QCOMPARE(window.data()->description.name, std::string("MNIST"));
        QCOMPARE(window.latentPlot()->pointCount(), 10000);
        QCOMPARE(window.modelFilePath(), path);

        // Fashion-MNIST has MNIST's size: the opened model stays and encodes the new test set.
        const auto before = window.latestLatent();
        QVERIFY(window.openDataset(QStringLiteral("fashion-mnist")));
        QVERIFY(loaded.wait(30000));
        QCOMPARE(window.data()->description.name, std::string("Fashion-MNIST"));
        QCOMPARE(window.modelFilePath(), path);
        QTRY_VERIFY_WITH_TIMEOUT(window.latestLatent() && window.latestLatent() != before, 30000);
        QCOMPARE(window.latestLatent()->labels, window.data()->test.labels);
        QTRY_COMPARE_WITH_TIMEOUT(window.latentPlot()->pointCount(), 10000, 30000);
        QCOMPARE(window.windowTitle(),
                 QStringLiteral("mnist-model.safetensors — Fashion-MNIST — VAE Explorer"));
        QCOMPARE(window.recentDatasets().value(0), QStringLiteral("fashion-mnist"));
        QMetaObject::invokeMethod(menu, "aboutToShow");
        for (QAction* action : menu->actions())
            if (action->isChecked())
                QCOMPARE(action->data().toString(), QStringLiteral("fashion-mnist"));
    }

    void aFolderOfColourImagesTrainsAndDecodesInColour()
    {
        // Two classes of 12 × 12 RGB pictures: reddish squares on the left, bluish on the right.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (const QString& name : {QStringLiteral("blue"), QStringLiteral("red")}) {
            QVERIFY(QDir(dir.path()).mkpath(name));
            for (int i = 0; i < 40; ++i) {
                QImage image(12, 12, QImage::Format_RGB888);
                image.fill(Qt::black);
                const QColor colour = name == QLatin1String("red") ? QColor(200 + i, 40, 30)
                                                                    : QColor(30, 60, 180 + i);
                const int x = name == QLatin1String("red") ? 1 : 6;
                for (int y = 2 + i % 4; y < 8 + i % 4; ++y)
                    for (int dx = 0; dx < 5; ++dx)
                        image.setPixelColor(x + dx, y, colour);
                QVERIFY(image.save(QStringLiteral("%1/%2/%3.png").arg(dir.path(), name).arg(i)));
            }
        }
        qputenv("VAE_EXPLORER_NO_CACHE", "1");
        MainWindow window(test::testOptions());
        QSignalSpy loaded(&window, &MainWindow::dataLoaded);
        window.show();
        QVERIFY(loaded.wait(30000));
        QVERIFY(window.openDataset(QStringLiteral("folder:") + dir.path()));
        QVERIFY(loaded.wait(30000));
        qunsetenv("VAE_EXPLORER_NO_CACHE");
        const vae::DataDescription& d = window.data()->description;
        QCOMPARE(d.channels, 3);
        QCOMPARE(d.height, 12);
        QCOMPARE(d.classNames, (std::vector<std::string>{"blue", "red"}));
        QCOMPARE(window.data()->train.count + window.data()->test.count, 80);
        const auto name = [&window](int i) {
            return static_cast<QCPPlottableLegendItem*>(window.latentPlot()->legend->item(i))
                ->plottable()
                ->name();
        };
        QCOMPARE(window.latentPlot()->legend->itemCount(), 2);
        QCOMPARE(name(1), QStringLiteral("red"));
        // File ▸ Open Dataset lists it under Recent by the folder's name, checked.
        const QString spec = QStringLiteral("folder:") + dir.path();
        QCOMPARE(window.recentDatasets().value(0), spec);
        QMetaObject::invokeMethod(window.datasetMenu(), "aboutToShow");
        const QList<QAction*> actions = window.datasetMenu()->actions();
        const auto entry = std::find_if(actions.begin(), actions.end(), [&spec](QAction* a) {
            return a->data().toString() == spec;
        });
        QVERIFY(entry != actions.end());
        QVERIFY((*entry)->isChecked());
        QCOMPARE((*entry)->text(), QStringLiteral("%1 (folder)").arg(QFileInfo(dir.path()).fileName()));

        vae::TrainingConfig config = test::smallConfig(20, 8);
        config.hiddenSizes = {64};
        config.trainSubset = 0; // all 72 training images
        window.settingsPanel()->setConfig(config);
        QVERIFY2(window.startTraining(), qPrintable(window.lastErrorMessage()));
        VAE_WAIT_FOR_RUN_END(window);
        QCOMPARE(window.trainer()->state(), vae::TrainerState::Finished);
        QCOMPARE(window.trainer()->config().inputSize, 12 * 12 * 3);
        QTRY_COMPARE_WITH_TIMEOUT(window.latentPlot()->pointCount(), window.data()->test.count,
                                  10000);
        // The decoded image is the model's colour picture, each pixel its three channel means.
        const QImage& image = window.decodedView()->image();
        QCOMPARE(image.size(), QSize(12, 12));
        QCOMPARE(image.format(), QImage::Format_RGB888);
        const std::vector<float>& pixels = window.lastDecodedPixels();
        QCOMPARE(pixels.size(), std::size_t(12 * 12 * 3));
        QCOMPARE(image.pixel(3, 5), qRgb(ExampleImage::level(pixels[(5 * 12 + 3) * 3]),
                                         ExampleImage::level(pixels[(5 * 12 + 3) * 3 + 1]),
                                         ExampleImage::level(pixels[(5 * 12 + 3) * 3 + 2])));
    }

    void aFolderLoadShowsItsCountAndCancelKeepsEverything()
    {
        VAE_REQUIRE_MNIST();
        QTemporaryDir dir;
        QVERIFY(vae::test::makeImageFolder(dir.path(), 4000));
        qputenv("VAE_EXPLORER_NO_CACHE", "1");
        MainWindow window(test::testOptions());
        QSignalSpy loaded(&window, &MainWindow::dataLoaded);
        window.show();
        QVERIFY(loaded.wait(30000));
        const auto mnist = window.data();
        DataLoadIndicator* indicator = window.loadIndicator();
        QVERIFY(!indicator->isVisible());
        QVERIFY(window.startAction()->isEnabled());

        QVERIFY(window.openDataset(QStringLiteral("folder:") + dir.path()));
        // Start waits for the new data; the indicator appears after its delay with the count.
        QVERIFY(!window.startAction()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(indicator->isVisible() && indicator->progressBar()->value() > 0,
                                 30000);
        QProgressBar* bar = indicator->progressBar();
        QCOMPARE(bar->maximum(), 4000);
        QVERIFY2(bar->text().endsWith(QStringLiteral(" / 4,000 images")), qPrintable(bar->text()));
        QVERIFY(bar->value() < 4000);
        // The window answers while the folder decodes: a menu opens, the other data is shown.
        QMetaObject::invokeMethod(window.datasetMenu(), "aboutToShow");
        for (QAction* action : window.datasetMenu()->actions())
            QVERIFY(!action->isEnabled() || action->isSeparator());

        QTest::mouseClick(indicator->cancelButton(), Qt::LeftButton);
        QVERIFY(!indicator->isVisible());
        QVERIFY(!window.session().isLoadingData());
        QVERIFY(window.startAction()->isEnabled());
        QVERIFY(QThreadPool::globalInstance()->waitForDone(5000));
        QCoreApplication::processEvents();
        QCOMPARE(window.data(), mnist);
        QCOMPARE(window.windowTitle(), QStringLiteral("MNIST — VAE Explorer"));
        QCOMPARE(window.errorCount(), 0);
        QCOMPARE(loaded.count(), 1);
        qunsetenv("VAE_EXPLORER_NO_CACHE");
    }

    void missingDataShowsErrorAndDisablesStart()
    {
        QTemporaryDir empty;
        QVERIFY(empty.isValid());
        LaunchOptions options = test::testOptions();
        options.dataDir = empty.path();
        MainWindow window(options);
        QSignalSpy failed(&window, &MainWindow::dataLoadFailed);
        window.show();
        QVERIFY(failed.wait(10000));
        // The message names the directory and how to fetch the data.
        QVERIFY2(window.lastErrorMessage().contains(empty.path()),
                 qPrintable(window.lastErrorMessage()));
        QVERIFY2(window.lastErrorMessage().contains(QStringLiteral("fetch"), Qt::CaseInsensitive),
                 qPrintable(window.lastErrorMessage()));
        QVERIFY(!window.hasData());
        QVERIFY(!window.startAction()->isEnabled());
        QVERIFY(window.isVisible());
        // Start through the API is refused too, with a message.
        QVERIFY(!window.startTraining());
        QCOMPARE(window.trainer(), nullptr);
        QCOMPARE(window.errorCount(), 2);
    }

    void missingDataDialogIsShown()
    {
        QTemporaryDir empty;
        LaunchOptions options = test::testOptions();
        options.dataDir = empty.path();
        options.showDialogs = true;
        MainWindow window(options);
        QSignalSpy failed(&window, &MainWindow::dataLoadFailed);
        window.show();
        QVERIFY(failed.wait(10000));
        QMessageBox* box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((box = window.findChild<QMessageBox*>()) && box->isVisible(),
                                 5000);
        QVERIFY(box->text().contains(empty.path()));
        box->accept();
        QVERIFY(window.isVisible());
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_mainwindow.moc"
