// Closing the window, or opening a model, never loses a run or a trained model without asking
// (UnsavedWorkGuard): Save / Discard / Cancel, each branch with dialogs off (the preset answer)
// and the real dialogs once. Opening a model while training runs is refused with a message.

#include "guitestsupport.h"

#include "plots/lossplot.h"
#include "shell/settingspanel.h"
#include "shell/unsavedwork.h"

#include <vae/checkpoint.h>

#include <QAbstractButton>
#include <QApplication>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QMessageBox>
#include <QSignalSpy>
#include "plots/latentplot.h"

#include <QMenu>
#include <QTemporaryDir>
#include <QTimer>

#include <functional>

using namespace vae::gui;

namespace {

using Answer = UnsavedWorkGuard::Answer;

/// A window that has loaded MNIST; null (the test fails) if it could not.
std::unique_ptr<MainWindow> makeWindow(bool showDialogs = false)
{
    LaunchOptions options = test::testOptions();
    options.showDialogs = showDialogs;
    auto window = std::make_unique<MainWindow>(options);
    window->show();
    if (!QTest::qWaitFor([&] { return window->hasData(); }, 30000))
        return nullptr;
    return window;
}

UnsavedWorkGuard* guardOf(const MainWindow& window)
{
    return window.findChild<UnsavedWorkGuard*>();
}

/// A run cheap enough to start many times on a busy machine: 1,000 images, one hidden layer.
vae::TrainingConfig tinyConfig(int epochs)
{
    vae::TrainingConfig config = test::smallConfig(epochs, 32);
    config.trainSubset = 1000;
    config.hiddenSizes = {64};
    return config;
}

/// Trains a few steps and stops: the window then holds a trained, unsaved model.
bool trainAndStop(MainWindow& window)
{
    window.settingsPanel()->setConfig(tinyConfig(500));
    if (!window.startTraining())
        return false;
    if (!test::waitWhileTraining(
            window, [&] { return window.lossPlot()->stepCount() >= 3; }, 60000))
        return false;
    window.stopTraining();
    return !window.isTraining() && window.hasUnsavedModel();
}

/// Starts a run far longer than the test and waits until its steps arrive.
bool startLongRun(MainWindow& window)
{
    window.settingsPanel()->setConfig(tinyConfig(500));
    if (!window.startTraining())
        return false;
    return test::waitWhileTraining(
        window, [&] { return window.lossPlot()->stepCount() > 5; }, 60000);
}

/// The model's step in the checkpoint at `path`, or -1 if it cannot be read.
std::int64_t savedStep(const QString& path)
{
    try {
        return vae::loadCheckpoint(QFile::encodeName(path).toStdString()).model->step();
    } catch (const std::exception&) {
        return -1;
    }
}

/// Runs `act` on the next modal dialog of type T once it is on screen (polled from the event
/// loop that its exec() runs). `handled` becomes true when it ran.
template <typename T> void onNextModal(std::function<void(T*)> act, bool& handled)
{
    auto* timer = new QTimer;
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, [timer, act = std::move(act), &handled] {
        auto* dialog = qobject_cast<T*>(QApplication::activeModalWidget());
        if (!dialog || !dialog->isVisible())
            return;
        timer->stop();
        timer->deleteLater();
        handled = true;
        act(dialog);
    });
    timer->start();
}

} // namespace

class TestUnsaved final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        test::initTestEnvironment();
        VAE_REQUIRE_MNIST();
        QVERIFY(m_dir.isValid());
    }

    void nothingToLoseClosesWithoutAsking()
    {
        auto window = makeWindow();
        QVERIFY(window);
        UnsavedWorkGuard* guard = guardOf(*window);
        QVERIFY(guard);
        guard->setAnswer(Answer::Cancel); // would keep the window open, if it were asked
        QVERIFY(guard->question().isEmpty());
        QVERIFY(window->close());
        QCOMPARE(guard->questionCount(), 0);
    }

    void unsavedModelCancelKeepsTheWindow()
    {
        auto window = makeWindow();
        QVERIFY(window);
        QVERIFY(trainAndStop(*window));
        QVERIFY(window->hasUnsavedModel());
        UnsavedWorkGuard* guard = guardOf(*window);
        QSignalSpy asked(guard, &UnsavedWorkGuard::asked);
        guard->setAnswer(Answer::Cancel);
        QVERIFY(!window->close());
        QCOMPARE(asked.count(), 1);
        QVERIFY2(guard->lastQuestion().contains(QStringLiteral("has not been saved")),
                 qPrintable(guard->lastQuestion()));
        QVERIFY(window->isVisible());
        QVERIFY(window->trainer()); // the model is still there
        QVERIFY(window->hasUnsavedModel());
        QCOMPARE(window->trainer()->state(), vae::TrainerState::Stopped);
    }

    void unsavedModelSaveSavesThenCloses()
    {
        auto window = makeWindow();
        QVERIFY(window);
        QVERIFY(trainAndStop(*window));
        const std::int64_t trainedStep = window->trainer()->inference()->step();
        QCOMPARE(trainedStep, std::int64_t{window->lossPlot()->stepCount()});
        QVERIFY(trainedStep >= 3);
        UnsavedWorkGuard* guard = guardOf(*window);

        // The save dialog cancelled: nothing saved, the window stays.
        guard->setAnswer(Answer::Save, QString());
        QVERIFY(!window->close());
        QVERIFY(window->isVisible());
        QVERIFY(window->hasUnsavedModel());

        // The save fails (no such folder): the error is shown, the window and the model stay.
        const QString bad = m_dir.filePath(QStringLiteral("missing/model.safetensors"));
        const int errors = window->errorCount();
        guard->setAnswer(Answer::Save, bad);
        QVERIFY(!window->close());
        QCOMPARE(window->errorCount(), errors + 1);
        QVERIFY2(window->lastErrorMessage().contains(QStringLiteral("missing")),
                 qPrintable(window->lastErrorMessage()));
        QVERIFY(window->isVisible());
        QVERIFY(window->hasUnsavedModel());
        QVERIFY(!QFile::exists(bad));

        // Saved: the file holds the trained model, and the window closes.
        const QString path = m_dir.filePath(QStringLiteral("closed.safetensors"));
        guard->setAnswer(Answer::Save, path);
        QVERIFY(window->close());
        QCOMPARE(guard->questionCount(), 3);
        QVERIFY(!window->isVisible());
        QCOMPARE(window->modelFilePath(), path);
        QCOMPARE(savedStep(path), trainedStep);
    }

    void unsavedModelDiscardCloses()
    {
        auto window = makeWindow();
        QVERIFY(window);
        QVERIFY(trainAndStop(*window));
        UnsavedWorkGuard* guard = guardOf(*window);
        guard->setAnswer(Answer::Discard);
        QVERIFY(window->close());
        QCOMPARE(guard->questionCount(), 1);
        QVERIFY(!window->isVisible());
        QCOMPARE(window->trainer(), nullptr);
        QVERIFY(window->modelFilePath().isEmpty());
    }

    void closingWhileTrainingAsksAndCancelKeepsTraining()
    {
        auto window = makeWindow();
        QVERIFY(window);
        QVERIFY(startLongRun(*window));
        UnsavedWorkGuard* guard = guardOf(*window);
        vae::Trainer* trainer = window->trainer();
        guard->setAnswer(Answer::Cancel);
        QVERIFY(!window->close());
        QVERIFY2(guard->lastQuestion().contains(QStringLiteral("Training is running")),
                 qPrintable(guard->lastQuestion()));
        QVERIFY(window->isVisible());
        QCOMPARE(window->trainer(), trainer);
        QVERIFY(window->isTraining());
        // Training goes on.
        const auto steps = trainer->history().steps.size();
        QVERIFY(test::waitWhileTraining(
            *window, [&] { return trainer->history().steps.size() > steps + 5; }, 60000));

        // A cancelled save dialog also keeps training.
        guard->setAnswer(Answer::Save, QString());
        QVERIFY(!window->close());
        QVERIFY(window->isTraining());
        QCOMPARE(window->trainer(), trainer);
        window->stopTraining();
    }

    void closingWhileTrainingSaveStopsSavesAndCloses()
    {
        auto window = makeWindow();
        QVERIFY(window);
        QVERIFY(startLongRun(*window));
        window->togglePause(); // paused counts as a run too
        QTRY_COMPARE_WITH_TIMEOUT(window->trainer()->state(), vae::TrainerState::Paused, 5000);
        UnsavedWorkGuard* guard = guardOf(*window);
        const QString path = m_dir.filePath(QStringLiteral("running.safetensors"));
        guard->setAnswer(Answer::Save, path);
        QSignalSpy stateChanged(window.get(), &MainWindow::trainingStateChanged);
        QVERIFY(window->close());
        QVERIFY(!window->isVisible());
        QCOMPARE(window->trainer(), nullptr); // stopped and joined
        QVERIFY(stateChanged.count() >= 1);   // the stop was taken in before saving
        // The file holds the run's last weights: the step its loss curve ended at.
        const int shownSteps = window->lossPlot()->stepCount();
        QVERIFY(shownSteps > 5);
        QCOMPARE(savedStep(path), std::int64_t{shownSteps});
        QCOMPARE(window->modelFilePath(), path);
    }

    void closingWhileTrainingDiscardStopsAndCloses()
    {
        auto window = makeWindow();
        QVERIFY(window);
        QVERIFY(startLongRun(*window));
        guardOf(*window)->setAnswer(Answer::Discard);
        QVERIFY(window->close());
        QCOMPARE(guardOf(*window)->questionCount(), 1);
        QCOMPARE(window->trainer(), nullptr);
        QVERIFY(!window->isTraining());
    }

    void theDialogOffersSaveDiscardCancel()
    {
        auto window = makeWindow(/*showDialogs=*/true);
        QVERIFY(window);
        QVERIFY(trainAndStop(*window));

        // Cancel: the window stays.
        bool handled = false;
        QString text;
        onNextModal<QMessageBox>(
            [&](QMessageBox* box) {
                text = box->text();
                QCOMPARE(box->standardButtons(),
                         QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
                QCOMPARE(box->defaultButton(), box->button(QMessageBox::Save));
                box->button(QMessageBox::Cancel)->click();
            },
            handled);
        QVERIFY(!window->close());
        QVERIFY(handled);
        QVERIFY2(text.contains(QStringLiteral("has not been saved")), qPrintable(text));
        QVERIFY(window->isVisible());

        // Save, then cancel the save dialog: the window stays, nothing saved.
        bool fileDialogShown = false;
        handled = false;
        onNextModal<QMessageBox>(
            [&](QMessageBox* box) {
                onNextModal<QFileDialog>([](QFileDialog* dialog) { dialog->reject(); },
                                         fileDialogShown);
                box->button(QMessageBox::Save)->click();
            },
            handled);
        QVERIFY(!window->close());
        QVERIFY(handled);
        QVERIFY(fileDialogShown);
        QVERIFY(window->isVisible());
        QVERIFY(window->hasUnsavedModel());

        // Discard: closes.
        handled = false;
        onNextModal<QMessageBox>(
            [](QMessageBox* box) { box->button(QMessageBox::Discard)->click(); }, handled);
        QVERIFY(window->close());
        QVERIFY(handled);
        QVERIFY(!window->isVisible());
        QCOMPARE(guardOf(*window)->questionCount(), 3);
    }

    void openingWhileTrainingIsRefusedAndLosesNothing()
    {
        // A model file to open.
        const QString path = m_dir.filePath(QStringLiteral("to-open.safetensors"));
        std::int64_t firstSteps = 0;
        {
            auto first = makeWindow();
            QVERIFY(first);
            QVERIFY(trainAndStop(*first));
            firstSteps = first->lossPlot()->stepCount();
            QVERIFY(first->saveModel(path));
        }
        QCOMPARE(savedStep(path), std::int64_t{firstSteps});
        auto window = makeWindow();
        QVERIFY(window);
        QVERIFY(startLongRun(*window));
        vae::Trainer* trainer = window->trainer();
        const QString title = window->windowTitle();
        const int errors = window->errorCount();
        QVERIFY(!window->openModel(path));
        QCOMPARE(window->errorCount(), errors + 1);
        // The message names the file and says what to do.
        QVERIFY2(window->lastErrorMessage().contains(path), qPrintable(window->lastErrorMessage()));
        QVERIFY2(window->lastErrorMessage().contains(QStringLiteral("Stop training first")),
                 qPrintable(window->lastErrorMessage()));
        // Nothing lost: the same run goes on, its curve intact.
        QCOMPARE(window->trainer(), trainer);
        QVERIFY(window->isTraining());
        QCOMPARE(window->windowTitle(), title);
        QVERIFY(window->modelFilePath().isEmpty());
        const int shown = window->lossPlot()->stepCount();
        QVERIFY(test::waitWhileTraining(
            *window, [&] { return window->lossPlot()->stepCount() > shown + 5; }, 60000));
        QCOMPARE(guardOf(*window)->questionCount(), 0); // refused, not asked

        // Once stopped, opening asks about the unsaved run first.
        window->stopTraining();
        UnsavedWorkGuard* guard = guardOf(*window);
        guard->setAnswer(Answer::Cancel);
        QVERIFY(!window->openModel(path));
        QCOMPARE(guard->questionCount(), 1);
        QVERIFY2(guard->lastQuestion().contains(QStringLiteral("to-open.safetensors")),
                 qPrintable(guard->lastQuestion()));
        QCOMPARE(window->trainer(), trainer); // kept
        QVERIFY(window->hasUnsavedModel());

        const QString kept = m_dir.filePath(QStringLiteral("kept.safetensors"));
        const int stoppedSteps = window->lossPlot()->stepCount();
        guard->setAnswer(Answer::Save, kept);
        QVERIFY(window->openModel(path));
        QCOMPARE(savedStep(kept), std::int64_t{stoppedSteps}); // the run was saved first
        QCOMPARE(window->modelFilePath(), path);               // then replaced
        QCOMPARE(savedStep(path), std::int64_t{firstSteps});
        // An opened model is in its file: opening another one asks nothing.
        QVERIFY(window->openModel(kept));
        QCOMPARE(guard->questionCount(), 2);
    }

    void openingADatasetAsksAboutTheUnsavedRunAndRefusesWhileTraining()
    {
        auto window = makeWindow();
        QVERIFY(window);
        QVERIFY(startLongRun(*window));
        vae::Trainer* trainer = window->trainer();
        const int errors = window->errorCount();
        // Refused while training, with what to do; nothing changes.
        QVERIFY(!window->openDataset(QStringLiteral("fashion-mnist")));
        QCOMPARE(window->errorCount(), errors + 1);
        QVERIFY2(window->lastErrorMessage().contains(QStringLiteral("Stop training first")),
                 qPrintable(window->lastErrorMessage()));
        QCOMPARE(window->trainer(), trainer);
        QVERIFY(window->isTraining());
        // The menu says why its entries are disabled.
        QMenu* menu = window->datasetMenu();
        QMetaObject::invokeMethod(menu, "aboutToShow");
        for (QAction* action : menu->actions())
            QVERIFY(!action->isCheckable() || !action->isEnabled());

        window->stopTraining();
        QVERIFY(window->hasUnsavedModel());
        UnsavedWorkGuard* guard = guardOf(*window);
        QSignalSpy loaded(window.get(), &MainWindow::dataLoaded);
        // Cancel: the data loads, the question comes, and the run and its data stay.
        guard->setAnswer(Answer::Cancel);
        QVERIFY(window->openDataset(QStringLiteral("fashion-mnist")));
        QTRY_COMPARE_WITH_TIMEOUT(guard->questionCount(), 1, 30000);
        QVERIFY2(guard->lastQuestion().contains(QStringLiteral("Fashion-MNIST")),
                 qPrintable(guard->lastQuestion()));
        QCOMPARE(window->trainer(), trainer);
        QCOMPARE(window->data()->description.name, std::string("MNIST"));
        QCOMPARE(loaded.count(), 0);
        // Save: the run is saved first, then the data replaced and the run dropped.
        const QString kept = m_dir.filePath(QStringLiteral("before-fashion.safetensors"));
        const int steps = window->lossPlot()->stepCount();
        guard->setAnswer(Answer::Save, kept);
        QVERIFY(window->openDataset(QStringLiteral("fashion-mnist")));
        QVERIFY(loaded.wait(30000));
        QCOMPARE(savedStep(kept), std::int64_t{steps});
        QCOMPARE(window->data()->description.name, std::string("Fashion-MNIST"));
        QCOMPARE(window->trainer(), nullptr);
        QVERIFY(!window->hasUnsavedModel());
        QCOMPARE(window->latentPlot()->pointCount(), 0);
        QCOMPARE(window->lossPlot()->stepCount(), 0);
        QVERIFY(window->startAction()->isEnabled());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestUnsaved)
#include "test_unsaved.moc"
