// Autosave and recovery (Autosaver, RecoveryFiles, MainWindow's restore): the real vae-explorer
// is killed with SIGKILL while it trains on MNIST, and a window here restores its last autosave,
// at the autosave's step, and trains on; a clean exit, in process and of the real program, leaves
// no recovery file; a running instance's file is never offered; an unreadable recovery file is
// reported and deleted; a failed autosave is a status-bar message while training goes on.
//
// Every test writes into its own folder through VAE_EXPLORER_RECOVERY_DIR, and autosaves every
// second through VAE_EXPLORER_AUTOSAVE_SECONDS (the child processes get both).

#include "guitestsupport.h"

#include "plots/lossplot.h"
#include "session/autosave.h"
#include "session/recovery.h"
#include "session/session.h"
#include "shell/settingspanel.h"

#include <vae/checkpoint.h>

#include <QAbstractButton>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QProcess>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>

#include <signal.h>
#include <sys/types.h>

#include <memory>

using namespace vae::gui;

namespace {

constexpr int kChildTimeoutMs = 60000;

/// The recovery files (of any process) in `dir`: checkpoints, sidecars and locks.
QStringList recoveryFiles(const QString& dir)
{
    return QDir(dir).entryList({QStringLiteral("recovery-*")}, QDir::Files, QDir::Name);
}

QStringList filesEndingIn(const QString& dir, const QString& suffix)
{
    return QDir(dir).entryList({QStringLiteral("recovery-*") + suffix}, QDir::Files);
}

/// The "step" of a sidecar, or -1.
qint64 sidecarStep(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    return QJsonDocument::fromJson(file.readAll())
        .object()
        .value(QStringLiteral("step"))
        .toInteger(-1);
}

/// A run cheap enough for a busy machine, long enough to outlast the test.
vae::TrainingConfig tinyConfig()
{
    vae::TrainingConfig config = test::smallConfig(500, 32);
    config.trainSubset = 1000;
    config.hiddenSizes = {64};
    return config;
}

} // namespace

class TestRecovery : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        test::initTestEnvironment();
        qputenv("VAE_EXPLORER_AUTOSAVE_SECONDS", "1");
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_recoveryDir = m_dir->filePath(QStringLiteral("recovery"));
        qputenv("VAE_EXPLORER_RECOVERY_DIR", QFile::encodeName(m_recoveryDir));
    }

    void killDuringTrainingThenRestore()
    {
        VAE_REQUIRE_MNIST();
        QProcess child;
        startChild(child, {QStringLiteral("--train")});

        QTRY_VERIFY_WITH_TIMEOUT(!filesEndingIn(m_recoveryDir, QStringLiteral(".json")).isEmpty(),
                                 kChildTimeoutMs);
        QCOMPARE(child.state(), QProcess::Running);
        {
            // A running instance's file is not another's to offer.
            MainWindow other(test::testOptions());
            QCOMPARE(other.pendingRecovery(), nullptr);
        }

        QCOMPARE(::kill(pid_t(child.processId()), SIGKILL), 0);
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        const QStringList checkpoints =
            filesEndingIn(m_recoveryDir, QStringLiteral(".safetensors"));
        const QStringList sidecars = filesEndingIn(m_recoveryDir, QStringLiteral(".json"));
        QCOMPARE(checkpoints.size(), 1);
        QCOMPARE(sidecars.size(), 1);
        const QString checkpointPath = QDir(m_recoveryDir).filePath(checkpoints.front());
        const qint64 savedStep = sidecarStep(QDir(m_recoveryDir).filePath(sidecars.front()));
        const vae::Checkpoint saved = vae::loadCheckpoint(checkpointPath.toStdString());
        const qint64 checkpointStep = saved.model->step();
        QVERIFY(saved.training.has_value()); // it can be continued exactly
        QVERIFY(savedStep > 0);
        // The sidecar is written after the checkpoint: a kill between the two leaves it one
        // autosave behind, never ahead.
        QVERIFY2(
            savedStep <= checkpointStep,
            qPrintable(
                QStringLiteral("sidecar %1, checkpoint %2").arg(savedStep).arg(checkpointStep)));

        MainWindow window(test::testOptions());
        window.show();
        const OrphanedRecovery* pending = window.pendingRecovery();
        QVERIFY(pending != nullptr);
        QCOMPARE(pending->info().step, savedStep);
        QCOMPARE(pending->info().datasetName, QStringLiteral("MNIST"));
        QVERIFY(window.restoreRecovery());
        QCOMPARE(window.pendingRecovery(), nullptr);
        QCOMPARE(window.model()->step(), checkpointStep);
        QCOMPARE(qint64(window.history().steps.back().step), checkpointStep);
        QVERIFY(window.hasUnsavedModel());
        QVERIFY(window.session().isRecovered());
        QVERIFY(window.session().modelFilePath().isEmpty());
        // Taken over: still recoverable should this window crash too.
        QVERIFY(!QFileInfo::exists(checkpointPath));
        QVERIFY(window.autosaver().files().exists());
        QCOMPARE(window.errorCount(), 0);

        // It trains on from there (File ▸ Continue Training), and its autosaves go on.
        VAE_WAIT_FOR_DATA(window);
        QVERIFY(window.continueTraining(10));
        QTRY_VERIFY_WITH_TIMEOUT(window.model()->step() > checkpointStep + 20, 60000);
        const vae::TrainingHistory history = window.history();
        QVERIFY(
            std::any_of(history.steps.begin(), history.steps.end(),
                        [&](const vae::StepRecord& r) { return r.step == checkpointStep + 1; }));
        QTRY_VERIFY_WITH_TIMEOUT(
            sidecarStep(window.autosaver().files().sidecarPath()) > checkpointStep, 30000);
        window.stopTraining();
        VAE_WAIT_FOR_RUN_END(window);

        // A clean exit (the unsaved-work question answered Discard) leaves nothing behind.
        QVERIFY(window.close());
        QCOMPARE(recoveryFiles(m_recoveryDir), QStringList());
    }

    void cleanCloseLeavesNoFile()
    {
        VAE_REQUIRE_MNIST();
        MainWindow window(test::testOptions());
        startTinyRunUntilItAutosaves(window);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(window.autosaver().files().exists());
        // The hold for the copy is not a pause anyone sees.
        QVERIFY(!window.session().pauseRequested());
        QVERIFY(window.isTraining());

        // Pausing writes the paused step.
        const int before = window.autosaver().savedCount();
        window.togglePause();
        QTRY_VERIFY_WITH_TIMEOUT(window.trainer()->isParked(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(window.autosaver().savedCount() > before, 10000);
        QCOMPARE(sidecarStep(window.autosaver().files().sidecarPath()),
                 qint64(window.trainer()->trainingState()->step));
        QCOMPARE(window.autosaver().failedCount(), 0);
        const Autosaver::Figures figures = *window.autosaver().lastFigures();
        qInfo("autosave: training held %.1f ms (stood still <= %.1f ms), GUI thread %.2f ms, "
              "written in %.1f ms, %.2f MB",
              figures.heldMs, figures.stoppedMs, figures.guiMs, figures.writeMs,
              double(figures.bytes) / 1e6);

        QVERIFY(window.close());
        QCOMPARE(recoveryFiles(m_recoveryDir), QStringList());
    }

    void savingTheEndedRunRemovesTheFile()
    {
        VAE_REQUIRE_MNIST();
        MainWindow window(test::testOptions());
        startTinyRunUntilItAutosaves(window);
        if (QTest::currentTestFailed())
            return;
        // Saved while it trains: the run goes on changing, so the recovery file stays.
        QVERIFY(window.saveModel(m_dir->filePath(QStringLiteral("during.safetensors"))));
        QVERIFY(window.autosaver().files().exists());
        window.stopTraining();
        VAE_WAIT_FOR_RUN_END(window);
        // The stopped run's last step is autosaved too, until it is saved.
        QTRY_VERIFY_WITH_TIMEOUT(!window.autosaver().isBusy(), 10000);
        QCOMPARE(sidecarStep(window.autosaver().files().sidecarPath()), window.model()->step());
        QVERIFY(window.saveModel(m_dir->filePath(QStringLiteral("after.safetensors"))));
        QVERIFY(!window.autosaver().files().exists());
        QCOMPARE(recoveryFiles(m_recoveryDir), QStringList());
    }

    void programExitLeavesNoFile()
    {
        VAE_REQUIRE_MNIST();
        // --screenshot quits through QApplication::exit(): the window is destroyed, not closed.
        QProcess child;
        startChild(child, {QStringLiteral("--train"), QStringLiteral("--screenshot"),
                           m_dir->filePath(QStringLiteral("shot.png")),
                           QStringLiteral("--screenshot-after"), QStringLiteral("10")});
        QTRY_VERIFY_WITH_TIMEOUT(!filesEndingIn(m_recoveryDir, QStringLiteral(".json")).isEmpty(),
                                 kChildTimeoutMs);
        QVERIFY(child.waitForFinished(kChildTimeoutMs));
        QCOMPARE(child.exitStatus(), QProcess::NormalExit);
        QCOMPARE(child.exitCode(), 0);
        QCOMPARE(recoveryFiles(m_recoveryDir), QStringList());
    }

    void questionAtStartRestores()
    {
        VAE_REQUIRE_MNIST();
        // A recovery file of a run trained here, left the way a killed instance leaves it.
        const QString base = QDir(m_recoveryDir).filePath(QStringLiteral("recovery-99999-4-x"));
        {
            MainWindow source(test::testOptions());
            VAE_WAIT_FOR_DATA(source);
            source.settingsPanel()->setConfig(tinyConfig());
            QVERIFY(source.startTraining());
            QTRY_VERIFY_WITH_TIMEOUT(source.autosaver().savedCount() >= 1, 30000);
            source.stopTraining();
            VAE_WAIT_FOR_RUN_END(source);
            QTRY_VERIFY_WITH_TIMEOUT(!source.autosaver().isBusy(), 10000);
            QVERIFY(QFile::copy(source.autosaver().files().checkpointPath(),
                                base + QStringLiteral(".safetensors")));
            QVERIFY(QFile::copy(source.autosaver().files().sidecarPath(),
                                base + QStringLiteral(".json")));
        }
        const qint64 step = sidecarStep(base + QStringLiteral(".json"));
        QVERIFY(step > 0);

        LaunchOptions options = test::testOptions();
        options.showDialogs = true;
        MainWindow window(options);
        window.show();
        QMessageBox* question = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (question = window.findChild<QMessageBox*>(QStringLiteral("recoveryQuestion"))) &&
                question->isVisible(),
            10000);
        QVERIFY2(question->text().contains(QLocale().toString(step)), qPrintable(question->text()));
        QVERIFY(question->text().contains(QStringLiteral("MNIST")));
        QVERIFY(!window.hasData() && !window.session().isLoadingData()); // waits for the answer
        QAbstractButton* restore = nullptr;
        for (QAbstractButton* button : question->buttons())
            if (button->text() == QStringLiteral("&Restore"))
                restore = button;
        QVERIFY(restore != nullptr);
        restore->click();
        QVERIFY(window.model() != nullptr);
        QCOMPARE(window.model()->step(), step);
        QVERIFY(window.hasUnsavedModel());
        QCOMPARE(window.stateLabel()->text(), QStringLiteral("Exploring the restored model"));
        VAE_WAIT_FOR_DATA(window);
        QVERIFY(window.continueAction()->isEnabled());
        QCOMPARE(window.errorCount(), 0);
    }

    void unreadableRecoveryFileIsReportedAndDeleted()
    {
        QVERIFY(QDir().mkpath(m_recoveryDir));
        const QString base = QDir(m_recoveryDir).filePath(QStringLiteral("recovery-99999-1-x"));
        writeFile(base + QStringLiteral(".safetensors"), "not a checkpoint");
        RecoveryInfo info;
        info.savedAt = QDateTime::currentDateTimeUtc();
        info.step = 42;
        info.datasetName = QStringLiteral("MNIST");
        writeFile(base + QStringLiteral(".json"), info.toJson());

        MainWindow window(test::testOptions());
        QVERIFY(window.pendingRecovery() != nullptr);
        QCOMPARE(window.pendingRecovery()->info().step, qint64(42));
        QVERIFY(!window.restoreRecovery());
        QCOMPARE(window.errorCount(), 1);
        QVERIFY2(window.lastErrorMessage().contains(QStringLiteral("recovery-")),
                 qPrintable(window.lastErrorMessage()));
        QVERIFY(window.model() == nullptr);
        QVERIFY(!window.hasUnsavedModel());
        QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("deleted")));
        QCOMPARE(recoveryFiles(m_recoveryDir), QStringList());
    }

    void unreadableSidecarStillOffersTheFile()
    {
        QVERIFY(QDir().mkpath(m_recoveryDir));
        const QString base = QDir(m_recoveryDir).filePath(QStringLiteral("recovery-99999-2-x"));
        writeFile(base + QStringLiteral(".safetensors"), "not a checkpoint either");
        writeFile(base + QStringLiteral(".json"), "{ not json");
        MainWindow window(test::testOptions());
        QVERIFY(window.pendingRecovery() != nullptr);
        QCOMPARE(window.pendingRecovery()->info().step, qint64(-1));
        QVERIFY(window.pendingRecovery()->info().savedAt.isValid()); // the file's time
        window.discardRecovery();
        QCOMPARE(window.pendingRecovery(), nullptr);
        QCOMPARE(recoveryFiles(m_recoveryDir), QStringList());
    }

    void keepForLaterOffersItAgain()
    {
        QVERIFY(QDir().mkpath(m_recoveryDir));
        const QString base = QDir(m_recoveryDir).filePath(QStringLiteral("recovery-99999-3-x"));
        writeFile(base + QStringLiteral(".safetensors"), "x");
        {
            MainWindow window(test::testOptions());
            QVERIFY(window.pendingRecovery() != nullptr);
            // Held while this window decides: a second instance starting now does not offer it.
            QVERIFY(RecoveryFiles::findOrphans(m_recoveryDir).empty());
            window.keepRecoveryForLater();
        }
        QCOMPARE(recoveryFiles(m_recoveryDir),
                 QStringList{QStringLiteral("recovery-99999-3-x.safetensors")});
        MainWindow window(test::testOptions());
        QVERIFY(window.pendingRecovery() != nullptr);
    }

    void failedAutosaveIsAStatusMessage()
    {
        VAE_REQUIRE_MNIST();
        // A folder that cannot be made (a file is in the way).
        writeFile(m_dir->filePath(QStringLiteral("file")), "x");
        qputenv("VAE_EXPLORER_RECOVERY_DIR",
                QFile::encodeName(m_dir->filePath(QStringLiteral("file/recovery"))));
        {
            MainWindow window(test::testOptions());
            window.show();
            VAE_WAIT_FOR_DATA(window);
            QSignalSpy failed(&window.autosaver(), &Autosaver::failed);
            window.settingsPanel()->setConfig(tinyConfig());
            QVERIFY(window.startTraining());
            QTRY_VERIFY_WITH_TIMEOUT(failed.count() >= 2, 30000);
            QVERIFY(
                window.statusBar()->currentMessage().startsWith(QStringLiteral("Autosave failed")));
            QVERIFY(window.isTraining());
            QCOMPARE(window.errorCount(), 0); // no dialog
            window.stopTraining();
        }
        // A write that fails (a folder where the checkpoint goes): reported from the worker.
        qputenv("VAE_EXPLORER_RECOVERY_DIR", QFile::encodeName(m_recoveryDir));
        MainWindow window(test::testOptions());
        window.show();
        VAE_WAIT_FOR_DATA(window);
        QVERIFY(QDir().mkpath(window.autosaver().files().checkpointPath()));
        QSignalSpy failed(&window.autosaver(), &Autosaver::failed);
        window.settingsPanel()->setConfig(tinyConfig());
        QVERIFY(window.startTraining());
        QTRY_VERIFY_WITH_TIMEOUT(failed.count() >= 1, 30000);
        QVERIFY2(failed.front().front().toString().contains(QStringLiteral("recovery-")),
                 qPrintable(failed.front().front().toString()));
        QVERIFY(window.isTraining());
        QCOMPARE(window.errorCount(), 0);
        window.stopTraining();
        VAE_WAIT_FOR_RUN_END(window);
        // No temporary file is left beside it.
        QCOMPARE(
            QDir(m_recoveryDir).entryList(QDir::Files | QDir::Hidden).filter(QStringLiteral("tmp")),
            QStringList());
    }

private:
    /// Shows `window`, starts tinyConfig() on MNIST and waits for its first autosave.
    void startTinyRunUntilItAutosaves(MainWindow& window)
    {
        window.show();
        VAE_WAIT_FOR_DATA(window);
        window.settingsPanel()->setConfig(tinyConfig());
        QVERIFY(window.startTraining());
        QTRY_VERIFY_WITH_TIMEOUT(window.autosaver().savedCount() >= 1, 30000);
    }

    void startChild(QProcess& child, const QStringList& arguments)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("VAE_EXPLORER_RECOVERY_DIR"), m_recoveryDir);
        env.insert(QStringLiteral("VAE_EXPLORER_AUTOSAVE_SECONDS"), QStringLiteral("1"));
        // Its settings (and what it would save at exit) in the test's folder, not the user's.
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir->filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("VAE_EXPLORER_DATA"),
                   QString::fromStdString(vae::defaultDataDir().string()));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::ForwardedChannels);
        child.start(QStringLiteral(VAE_EXPLORER_BINARY), arguments);
        QVERIFY(child.waitForStarted(10000));
    }

    static void writeFile(const QString& path, const QByteArray& bytes)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(bytes), qint64(bytes.size()));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_recoveryDir;
};

QTEST_MAIN(TestRecovery)
#include "test_recovery.moc"
