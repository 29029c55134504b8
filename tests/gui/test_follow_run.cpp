// File ▸ Follow Run: the DDP example (examples/pytorch/train_ddp.py) trains with two processes
// under torchrun while the window follows its run folder; and the ways a followed folder can go
// wrong. Needs Debian's python3 with python3-torch, MNIST, and VAE_SOURCE_ROOT (set by CTest).

#include "guitestsupport.h"

#include "plots/lossplot.h"
#include "session/session.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QTemporaryDir>

#include <cmath>
#include <fstream>

using namespace vae::gui;

namespace {

QString sourceRoot() { return qEnvironmentVariable("VAE_SOURCE_ROOT"); }

void writeRunJson(const QString& folder)
{
    std::ofstream(QDir(folder).filePath(QStringLiteral("run.json")).toStdString())
        << R"({"format": "vae-explorer-run/1", "config": {"latent_dim": 2, "hidden_sizes": [32]},
               "data": {"name": "MNIST", "source": "mnist", "height": 28, "width": 28,
                        "channels": 1}})";
}

} // namespace

class TestFollowRun final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::initTestEnvironment(); }

    void followsATwoProcessDdpRunLive()
    {
        VAE_REQUIRE_MNIST();
        QVERIFY2(!sourceRoot().isEmpty(), "VAE_SOURCE_ROOT is not set (CTest sets it)");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString folder = dir.filePath(QStringLiteral("ddp"));

        MainWindow window(test::testOptions());
        window.show();
        VAE_WAIT_FOR_DATA(window);

        // 8 epochs of 32 steps on 4,096 images, a checkpoint every 32 steps; the short sleep
        // after each step keeps the run going while the window follows it.
        QProcess torchrun;
        torchrun.setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("OMP_NUM_THREADS"), QStringLiteral("1"));
        torchrun.setProcessEnvironment(env);
        torchrun.start(QStringLiteral("/usr/bin/python3"),
                       {QStringLiteral("-m"), QStringLiteral("torch.distributed.run"),
                        QStringLiteral("--redirects"), QStringLiteral("1"), QStringLiteral("--tee"),
                        QStringLiteral("1"), QStringLiteral("--standalone"),
                        QStringLiteral("--nproc_per_node=2"),
                        sourceRoot() + QStringLiteral("/examples/pytorch/train_ddp.py"),
                        QStringLiteral("--run"), folder, QStringLiteral("--epochs"),
                        QStringLiteral("8"), QStringLiteral("--train-subset"),
                        QStringLiteral("4096"), QStringLiteral("--test-subset"),
                        QStringLiteral("1000"), QStringLiteral("--hidden"),
                        QStringLiteral("256,128"), QStringLiteral("--checkpoint-every"),
                        QStringLiteral("32"), QStringLiteral("--step-delay"),
                        QStringLiteral("0.03")});
        QVERIFY2(torchrun.waitForStarted(10000), qPrintable(torchrun.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(folder + QStringLiteral("/run.json")), 60000);

        QVERIFY2(window.followRun(folder), qPrintable(window.lastErrorMessage()));
        QVERIFY(window.session().isFollowing());
        QVERIFY(window.windowTitle().contains(QStringLiteral("following ddp")));
        // Steps arrive while the run goes on.
        QTRY_VERIFY_WITH_TIMEOUT(window.lossPlot()->stepCount() > 0, 60000);
        QVERIFY2(torchrun.state() == QProcess::Running, "the run ended before any step was seen");
        // A checkpoint becomes the model; its test set is encoded for the scatter.
        QTRY_VERIFY_WITH_TIMEOUT(window.latestLatent() != nullptr, 60000);
        const auto first = window.latestLatent();
        QCOMPARE(int(first->posterior.count), 10000);
        QVERIFY(window.stateLabel()->text().contains(QStringLiteral("Following ddp")));
        // A newer checkpoint refreshes the scatter.
        QTRY_VERIFY_WITH_TIMEOUT(window.latestLatent()->step > first->step, 60000);
        const auto& later = window.latestLatent()->posterior;
        double moved = 0;
        for (std::size_t i = 0; i < later.mu.size(); ++i)
            moved = std::max(moved, double(std::abs(later.mu[i] - first->posterior.mu[i])));
        QVERIFY2(moved > 1e-3, qPrintable(QString::number(moved)));

        QVERIFY(torchrun.waitForFinished(240000));
        QVERIFY2(torchrun.exitCode() == 0, torchrun.readAll().right(3000).constData());
        constexpr int kSteps = 8 * 32;
        QTRY_VERIFY_WITH_TIMEOUT(window.model() && window.model()->step() == kSteps, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(
            window.stateLabel()->text().contains(QStringLiteral("ended (finished)")), 10000);
        QCOMPARE(window.lossPlot()->stepCount(), kSteps);
        QCOMPARE(window.session().followedHistory().epochs.size(), std::size_t(8));

        // The final checkpoint decodes a fixed z as PyTorch's decoder does.
        const std::vector<float> z{0.7f, -1.2f};
        const std::vector<float> ours = window.model()->decode(z);
        QProcess python;
        python.setProcessChannelMode(QProcess::MergedChannels);
        python.start(QStringLiteral("/usr/bin/python3"),
                     {QStringLiteral("-c"),
                      QStringLiteral(
                          "import sys, torch; sys.path.insert(0, sys.argv[1] + '/python')\n"
                          "import vae_explorer as v\n"
                          "state, meta = v.read_checkpoint(sys.argv[2])\n"
                          "c = meta['config']\n"
                          "m = v.MlpVae(c['input_size'], c['hidden_sizes'], c['latent_dim'])\n"
                          "m.load_state_dict(state)\n"
                          "with torch.no_grad():\n"
                          "    y = torch.sigmoid(m.decode(torch.tensor([[0.7, -1.2]])))[0]\n"
                          "print(','.join(repr(float(t)) for t in y))\n"),
                      sourceRoot(), folder + QStringLiteral("/model.safetensors")});
        QVERIFY(python.waitForFinished(60000));
        const QByteArray output = python.readAll();
        QVERIFY2(python.exitCode() == 0, output.constData());
        const QList<QByteArray> values = output.trimmed().split(',');
        QCOMPARE(values.size(), qsizetype(ours.size()));
        double worst = 0;
        for (qsizetype i = 0; i < values.size(); ++i)
            worst = std::max(worst, std::abs(values[i].toDouble() - double(ours[std::size_t(i)])));
        QVERIFY2(worst <= 1e-5, qPrintable(QString::number(worst)));

        // When the run has ended the model is the window's: it can be continued here.
        window.session().stopFollowing();
        QVERIFY(window.continueAction()->isEnabled());
    }

    void aFolderThatIsNotARunIsRefused()
    {
        MainWindow window(test::testOptions());
        QTemporaryDir dir;
        QVERIFY(!window.followRun(dir.path()));
        QVERIFY(window.lastErrorMessage().contains(QStringLiteral("run.json: no such file")));
        QVERIFY(!window.session().isFollowing());
    }

    void halfLinesWaitBadLinesAreNotedAndADeletedFolderEndsFollowing()
    {
        VAE_REQUIRE_MNIST(); // the window loads it: no error besides those the test causes
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("run"));
        QVERIFY(QDir().mkpath(folder));
        writeRunJson(folder);
        MainWindow window(test::testOptions());
        VAE_WAIT_FOR_DATA(window);
        QVERIFY2(window.followRun(folder), qPrintable(window.lastErrorMessage()));
        {
            QFile history(folder + QStringLiteral("/history.jsonl"));
            QVERIFY(history.open(QIODevice::WriteOnly));
            history.write(R"({"kind": "step", "step": 1, "epoch": 0.1, "reconstruction": 200, "kl": 2})"
                          "\n"
                          "garbage\n"
                          R"({"kind": "step", "step": 2, "epoch": 0.2, "reconst)");
        }
        QTRY_COMPARE_WITH_TIMEOUT(window.lossPlot()->stepCount(), 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            window.stateLabel()->text().contains(QStringLiteral("line 2: not a JSON record")), 10000);
        {
            QFile history(folder + QStringLiteral("/history.jsonl"));
            QVERIFY(history.open(QIODevice::Append));
            history.write(R"(ruction": 190, "kl": 3})" "\n");
        }
        QTRY_COMPARE_WITH_TIMEOUT(window.lossPlot()->stepCount(), 2, 10000);
        // A checkpoint that is not one (a writer that does not write atomically): noted, retried.
        {
            QFile junk(folder + QStringLiteral("/model.safetensors"));
            QVERIFY(junk.open(QIODevice::WriteOnly));
            junk.write("half a checkpoint");
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            window.stateLabel()->text().contains(QStringLiteral("not a safetensors file")), 15000);
        QCOMPARE(window.errorCount(), 0);
        QVERIFY(window.session().isFollowing());

        QVERIFY(QDir(folder).removeRecursively());
        QTRY_VERIFY_WITH_TIMEOUT(!window.session().isFollowing(), 10000);
        QCOMPARE(window.errorCount(), 1);
        QVERIFY(window.lastErrorMessage().contains(QStringLiteral("Following has stopped")));
    }
};

QTEST_MAIN(TestFollowRun)
#include "test_follow_run.moc"
