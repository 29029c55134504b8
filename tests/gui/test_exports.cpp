// File ▸ Export for TensorBoard Projector (vectors.tsv, metadata.tsv) and Export Loss History
// (CSV): their formats, and that what they write equals the window's data.

#include "guitestsupport.h"

#include "session/historycsv.h"
#include "session/latentcsv.h"
#include "shell/settingspanel.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>

using namespace vae::gui;

namespace {

QStringList readLines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    QString text = QString::fromUtf8(file.readAll());
    if (text.endsWith(QLatin1Char('\n')))
        text.chop(1);
    return text.split(QLatin1Char('\n'));
}

/// Checks the loss CSV at `path` row by row against `history`.
void verifyHistoryCsv(const QString& path, const vae::TrainingHistory& history)
{
    const QStringList lines = readLines(path);
    QVERIFY(!lines.isEmpty());
    QCOMPARE(lines.front(),
             QStringLiteral("kind,step,epoch,reconstruction,kl,elbo,beta,learning_rate"));
    std::size_t step = 0;
    std::size_t train = 0;
    std::size_t test = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringList f = lines[i].split(QLatin1Char(','));
        QCOMPARE(f.size(), 8);
        if (f[0] == QLatin1String("step")) {
            QVERIFY(step < history.steps.size());
            const vae::StepRecord& r = history.steps[step++];
            QCOMPARE(f[1].toLongLong(), r.step);
            // Shortest round-trip text: the doubles read back exactly.
            QCOMPARE(f[2].toDouble(), r.epoch);
            QCOMPARE(f[3].toDouble(), r.loss.reconstruction);
            QCOMPARE(f[4].toDouble(), r.loss.kl);
            QCOMPARE(f[5].toDouble(), r.loss.elbo);
            QCOMPARE(f[6].toDouble(), r.beta);
            QCOMPARE(f[7].toDouble(), r.learningRate);
        } else {
            const bool isTrain = f[0] == QLatin1String("train");
            QVERIFY(isTrain || f[0] == QLatin1String("test"));
            std::size_t& index = isTrain ? train : test;
            QVERIFY(index < history.epochs.size());
            const vae::EpochSummary& e = history.epochs[index++];
            const vae::LossTerms& loss = isTrain ? e.train : e.test;
            // After the epoch's last step.
            QVERIFY(step > 0);
            QCOMPARE(f[1].toLongLong(), history.steps[step - 1].step);
            QVERIFY(history.steps[step - 1].epoch <= e.epoch - 1 + e.fraction + 1e-9);
            QCOMPARE(f[2].toDouble(), e.epoch - 1 + e.fraction);
            QCOMPARE(f[3].toDouble(), loss.reconstruction);
            QCOMPARE(f[4].toDouble(), loss.kl);
            QCOMPARE(f[5].toDouble(), loss.elbo);
            QVERIFY(f[6].isEmpty() && f[7].isEmpty());
        }
    }
    QCOMPARE(step, history.steps.size()); // one row per recorded step
    QCOMPARE(train, history.epochs.size());
    QCOMPARE(test, history.epochs.size());
}

} // namespace

class TestExports final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        test::initTestEnvironment();
        QVERIFY(m_dir.isValid());
    }

    void projectorFormat()
    {
        vae::LatentSnapshot snapshot;
        snapshot.posterior.count = 2;
        snapshot.posterior.dim = 3;
        snapshot.posterior.mu = {0.5f, -1.25f, 0.1f, 3.0f, 1e-8f, -7.0f};
        snapshot.posterior.sigma = {1, 1, 1, 1, 1, 1};
        snapshot.labels = {7, 2};
        QString vectors;
        QTextStream out(&vectors);
        writeProjectorVectors(out, snapshot);
        out.flush();
        // No header; the shortest text that reads back as the same float (0.1, not 0.100000001).
        QCOMPARE(vectors, QStringLiteral("0.5\t-1.25\t0.1\n3\t1e-08\t-7\n"));
        QString metadata;
        QTextStream meta(&metadata);
        writeProjectorMetadata(meta, snapshot);
        meta.flush();
        // Two columns, so a header row (the projector reads a single column without one).
        QCOMPARE(metadata, QStringLiteral("index\tlabel\n0\t7\n1\t2\n"));
    }

    void historyFormat()
    {
        vae::TrainingHistory history;
        history.steps = {{1, 0.5, {150.25, 3.5, -153.75}, 1.0, 0.001},
                         {2, 1.0, {140.0, 4.0, -144.0}, 0.5, 0.002},
                         {3, 1.5, {130.0, 5.0, -135.0}, 1.0, 0.0015}};
        vae::EpochSummary epoch;
        epoch.epoch = 1;
        epoch.train = {145.0, 3.75, -148.75};
        epoch.test = {141.5, 4.25, -145.75};
        history.epochs = {epoch};
        epoch.epoch = 2;
        epoch.fraction = 0.5; // cut short by a time budget
        history.epochs.push_back(epoch);
        QString text;
        QTextStream out(&text);
        writeLossHistoryCsv(out, history);
        out.flush();
        QCOMPARE(text, QStringLiteral("kind,step,epoch,reconstruction,kl,elbo,beta,learning_rate\n"
                                      "step,1,0.5,150.25,3.5,-153.75,1,0.001\n"
                                      "step,2,1,140,4,-144,0.5,0.002\n"
                                      "train,2,1,145,3.75,-148.75,,\n"
                                      "test,2,1,141.5,4.25,-145.75,,\n"
                                      "step,3,1.5,130,5,-135,1,0.0015\n"
                                      "train,3,1.5,145,3.75,-148.75,,\n"
                                      "test,3,1.5,141.5,4.25,-145.75,,\n"));
    }

    void historyFormatWithBuckets()
    {
        // Two recent steps and two buckets: steps 1–2 merged (means), then step 3 alone.
        vae::TrainingHistory history;
        history.steps = vae::StepHistory(/*recentCapacity=*/2, /*maxBuckets=*/2);
        history.steps.push_back({1, 0.25, {100, 2, -102}, 1.0, 0.001});
        history.steps.push_back({2, 0.5, {110, 4, -114}, 0.5, 0.001});
        history.steps.push_back({3, 0.75, {120, 6, -126}, 1.0, 0.002});
        history.steps.push_back({4, 1.0, {130, 8, -138}, 1.0, 0.002});
        history.steps.push_back({5, 1.25, {140, 10, -150}, 1.0, 0.002});
        QCOMPARE(history.steps.buckets().size(), std::size_t(2));
        vae::EpochSummary epoch;
        epoch.epoch = 1;
        epoch.train = {125.0, 5.0, -130.0};
        epoch.test = {121.5, 4.5, -126.0};
        history.epochs = {epoch};
        QString text;
        QTextStream out(&text);
        writeLossHistoryCsv(out, history);
        out.flush();
        QCOMPARE(text, QStringLiteral("kind,step,epoch,reconstruction,kl,elbo,beta,learning_rate\n"
                                      "bucket,2,0.5,105,3,-108,0.75,0.001\n"
                                      "bucket,3,0.75,120,6,-126,1,0.002\n"
                                      "step,4,1,130,8,-138,1,0.002\n"
                                      "train,4,1,125,5,-130,,\n"
                                      "test,4,1,121.5,4.5,-126,,\n"
                                      "step,5,1.25,140,10,-150,1,0.002\n"));
    }

    void exportsFromATrainedAndAnOpenedModel()
    {
        VAE_REQUIRE_MNIST();
        MainWindow window(test::testOptions());
        window.show();
        VAE_WAIT_FOR_DATA(window);
        // Nothing yet: errors, no files.
        const QString early = m_dir.filePath(QStringLiteral("early"));
        QVERIFY(!window.exportProjector(early));
        QVERIFY(!window.exportLossHistory(m_dir.filePath(QStringLiteral("early.csv"))));
        QCOMPARE(window.errorCount(), 2);
        QVERIFY(!QFile::exists(QDir(early).filePath(QStringLiteral("vectors.tsv"))));

        vae::TrainingConfig config = test::smallConfig(2, 64);
        config.latentDim = 3;
        window.settingsPanel()->setConfig(config);
        QVERIFY(window.startTraining());
        VAE_WAIT_FOR_RUN_END(window);

        // Projector: a directory (created) with the two TSV files and a config naming them.
        const QString dir = m_dir.filePath(QStringLiteral("projector/run1"));
        QVERIFY2(window.exportProjector(dir), qPrintable(window.lastErrorMessage()));
        const QStringList vectors = readLines(QDir(dir).filePath(QStringLiteral("vectors.tsv")));
        const QStringList metadata = readLines(QDir(dir).filePath(QStringLiteral("metadata.tsv")));
        QCOMPARE(vectors.size(), 10000);
        QCOMPARE(metadata.size(), 10001);
        QCOMPARE(metadata.front(), QStringLiteral("index\tlabel"));
        const vae::Posterior& posterior = window.latestLatent()->posterior;
        const std::vector<std::uint8_t>& labels = window.data()->test.labels;
        for (int i = 0; i < 10000; ++i) {
            const QStringList v = vectors[i].split(QLatin1Char('\t'));
            QCOMPARE(v.size(), 3);
            for (int k = 0; k < 3; ++k)
                QCOMPARE(v[k].toFloat(), posterior.mu[std::size_t(i * 3 + k)]);
            const QStringList m = metadata[i + 1].split(QLatin1Char('\t'));
            QCOMPARE(m.size(), 2);
            QCOMPARE(m[0].toInt(), i);
            QCOMPARE(m[1].toInt(), int(labels[std::size_t(i)]));
        }
        QFile config2(QDir(dir).filePath(QStringLiteral("projector_config.pbtxt")));
        QVERIFY(config2.open(QIODevice::ReadOnly));
        const QByteArray pbtxt = config2.readAll();
        QVERIFY(pbtxt.contains("tensor_path: \"vectors.tsv\""));
        QVERIFY(pbtxt.contains("metadata_path: \"metadata.tsv\""));

        // Loss history: one row per recorded step, values equal to the history.
        const vae::TrainingHistory history = window.history();
        QCOMPARE(history.steps.size(), std::size_t(2 * ((2000 + 63) / 64)));
        QCOMPARE(history.epochs.size(), std::size_t(2));
        const QString csv = m_dir.filePath(QStringLiteral("loss-history.csv"));
        QVERIFY2(window.exportLossHistory(csv), qPrintable(window.lastErrorMessage()));
        verifyHistoryCsv(csv, history);

        // An opened model exports its stored history.
        const QString model = m_dir.filePath(QStringLiteral("model.safetensors"));
        QVERIFY(window.saveModel(model));
        LaunchOptions options = test::testOptions();
        options.openFile = model;
        MainWindow opened(options);
        QVERIFY2(opened.errorCount() == 0, qPrintable(opened.lastErrorMessage()));
        QCOMPARE(opened.trainer(), nullptr);
        QCOMPARE(opened.history().steps.size(), history.steps.size());
        const QString csv2 = m_dir.filePath(QStringLiteral("opened-history.csv"));
        QVERIFY2(opened.exportLossHistory(csv2), qPrintable(opened.lastErrorMessage()));
        verifyHistoryCsv(csv2, opened.history());
    }
};

QTEST_MAIN(TestExports)
#include "test_exports.moc"
