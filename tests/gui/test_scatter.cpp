// The latent scatter draws each point where it belongs in its digit's colour, culls what lies
// outside the view, shows the training set on request; the loss plot samples long runs per pixel
// column; hidden or minimised plots do not redraw.

#include "guitestsupport.h"
#include "latentplottesting.h"

#include "plots/latentplot.h"
#include "plots/latentscatter.h"
#include "plots/lossplot.h"
#include "shell/settingspanel.h"

#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <cmath>
#include <memory>
#include <vector>

using namespace vae::gui;

namespace {

/// A snapshot whose test points are `points` with `labels`, and optionally training points.
std::shared_ptr<vae::LatentSnapshot> makeSnapshot(const std::vector<QPointF>& points,
                                                  const std::vector<std::uint8_t>& labels)
{
    auto snapshot = std::make_shared<vae::LatentSnapshot>();
    snapshot->posterior.count = static_cast<int>(points.size());
    snapshot->posterior.dim = 2;
    for (const QPointF& p : points) {
        snapshot->posterior.mu.push_back(float(p.x()));
        snapshot->posterior.mu.push_back(float(p.y()));
        snapshot->posterior.sigma.push_back(1.0f);
        snapshot->posterior.sigma.push_back(1.0f);
    }
    snapshot->labels = labels;
    return snapshot;
}

void addTrainingPoints(vae::LatentSnapshot& snapshot, const std::vector<QPointF>& points,
                       const std::vector<std::uint8_t>& labels)
{
    auto posterior = std::make_shared<vae::Posterior>();
    posterior->count = static_cast<int>(points.size());
    posterior->dim = 2;
    for (const QPointF& p : points) {
        posterior->mu.push_back(float(p.x()));
        posterior->mu.push_back(float(p.y()));
        posterior->sigma.push_back(1.0f);
        posterior->sigma.push_back(1.0f);
    }
    snapshot.trainPosterior = std::move(posterior);
    snapshot.trainLabels = std::make_shared<const std::vector<std::uint8_t>>(labels);
}

using test::pixelOf;
using test::prepare;
using test::render;

/// A plot with fixed axes (the view no longer follows the data).
void fixView(LatentPlot& plot, double half)
{
    plot.xAxis->setRange(-half, half);
    plot.yAxis->setRange(-half, half);
    // A wheel event or pan would do the same; resetView() would undo it.
    QWheelEvent wheel(QPointF(1, 1), plot.mapToGlobal(QPointF(1, 1)), QPoint(), QPoint(0, 0),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&plot, &wheel);
    plot.xAxis->setRange(-half, half);
    plot.yAxis->setRange(-half, half);
}

int channelDistance(QRgb a, QRgb b)
{
    return std::max({std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)),
                     std::abs(qBlue(a) - qBlue(b))});
}

} // namespace

class TestScatter final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        test::initTestEnvironment();
        QVERIFY(m_dir.isValid());
    }

    void drawsEachPointInItsColourAndNothingElsewhere()
    {
        LatentPlot plot;
        prepare(plot, 500, 400);
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        const std::vector<QPointF> points{{0.0, 0.0}, {1.0, 1.0}, {-1.3, 0.7}};
        plot.setSnapshot(makeSnapshot(points, {3, 7, 0}));
        plot.replotIfDirty();
        QCOMPARE(plot.pointCount(), 3);
        fixView(plot, 2.0);
        const QImage image = render(plot);
        QCOMPARE(plot.scatter()->drawnPointCount(), 3);

        QCOMPARE(image.pixel(pixelOf(plot, {0.0, 0.0})), LatentPlot::digitColor(3).rgb());
        QCOMPARE(image.pixel(pixelOf(plot, {1.0, 1.0})), LatentPlot::digitColor(7).rgb());
        QCOMPARE(image.pixel(pixelOf(plot, {-1.3, 0.7})), LatentPlot::digitColor(0).rgb());
        // Between the points, and a few pixels beside one: the background.
        const QRgb white = qRgb(255, 255, 255);
        QCOMPARE(image.pixel(pixelOf(plot, {0.5, -1.0})), white);
        QCOMPARE(image.pixel(pixelOf(plot, {-1.0, -1.5})), white);
        QCOMPARE(image.pixel(pixelOf(plot, {0.0, 0.0}) + QPoint(4, 0)), white);
        QCOMPARE(image.pixel(pixelOf(plot, {0.0, 0.0}) + QPoint(0, -4)), white);
    }

    void trainingPointsAreLighterAndUnderTheTestPoints()
    {
        LatentPlot plot;
        prepare(plot, 500, 400);
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        auto snapshot = makeSnapshot({{0.0, 0.0}}, {2});
        // One training point alone, one under the test point.
        addTrainingPoints(*snapshot, {{1.0, -1.0}, {0.0, 0.0}}, {5, 9});
        plot.setSnapshot(snapshot);
        plot.replotIfDirty();
        QCOMPARE(plot.pointCount(), 1); // the training set is hidden by default
        plot.setShowTrainingSet(true);
        QCOMPARE(plot.pointCount(), 3);
        fixView(plot, 2.0);
        const QImage image = render(plot);
        QCOMPARE(plot.scatter()->drawnPointCount(), 3);

        QCOMPARE(image.pixel(pixelOf(plot, {0.0, 0.0})), LatentPlot::digitColor(2).rgb());
        // A lone training point: its colour at kTrainingOpacity over white.
        const QColor color = LatentPlot::digitColor(5);
        const double alpha = LatentScatter::kTrainingOpacity;
        const QRgb expected = qRgb(int(std::lround(alpha * color.red() + (1 - alpha) * 255)),
                                   int(std::lround(alpha * color.green() + (1 - alpha) * 255)),
                                   int(std::lround(alpha * color.blue() + (1 - alpha) * 255)));
        QVERIFY2(channelDistance(image.pixel(pixelOf(plot, {1.0, -1.0})), expected) <= 2,
                 qPrintable(QColor(image.pixel(pixelOf(plot, {1.0, -1.0}))).name()));

        plot.setShowTrainingSet(false);
        QCOMPARE(plot.pointCount(), 1);
        const QImage hidden = render(plot);
        QCOMPARE(hidden.pixel(pixelOf(plot, {1.0, -1.0})), qRgb(255, 255, 255));
    }

    void onlyVisiblePointsAreDrawn()
    {
        LatentPlot plot;
        prepare(plot, 500, 500);
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        // An 11 × 11 grid on the integers −5 … 5.
        std::vector<QPointF> grid;
        std::vector<std::uint8_t> labels;
        for (int x = -5; x <= 5; ++x) {
            for (int y = -5; y <= 5; ++y) {
                grid.emplace_back(x, y);
                labels.push_back(std::uint8_t((x + y + 10) % 10));
            }
        }
        plot.setSnapshot(makeSnapshot(grid, labels));
        plot.replotIfDirty();
        render(plot);
        QCOMPARE(plot.scatter()->drawnPointCount(), 121); // fitted: all in view
        fixView(plot, 2.5);
        const QImage image = render(plot);
        QCOMPARE(plot.scatter()->drawnPointCount(), 25); // −2 … 2 on both axes
        QCOMPARE(image.pixel(pixelOf(plot, {2.0, -2.0})), LatentPlot::digitColor(0).rgb());
        // Panned past every point: nothing drawn.
        plot.xAxis->setRange(20, 30);
        render(plot);
        QCOMPARE(plot.scatter()->drawnPointCount(), 0);
        // The labels ≥ 10 of other data sets are skipped, not drawn in a wrong colour.
        plot.setSnapshot(makeSnapshot({{0.0, 0.0}, {0.5, 0.5}}, {3, 12}));
        plot.resetView();
        plot.replotIfDirty();
        QCOMPARE(plot.pointCount(), 1);
    }

    void exportsPngAndPdf()
    {
        LatentPlot plot;
        prepare(plot, 600, 500);
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        std::vector<QPointF> points;
        std::vector<std::uint8_t> labels;
        // One point apart from the rest, whose colour the PNG must show.
        points.emplace_back(4.0, 4.0);
        labels.push_back(6);
        for (int i = 1; i < 30000; ++i) {
            points.emplace_back(std::sin(i * 0.37) * (i % 97) / 30.0,
                                std::cos(i * 0.11) * (i % 89) / 30.0);
            labels.push_back(std::uint8_t(i % 10));
        }
        plot.setSnapshot(makeSnapshot(std::vector<QPointF>(points.begin(), points.begin() + 500),
                                      std::vector<std::uint8_t>(labels.begin(), labels.begin() + 500)));
        plot.replotIfDirty();
        // Few points: ellipses in the PDF. Many: an image, so the file stays small.
        const QString small = m_dir.filePath(QStringLiteral("small.pdf"));
        QVERIFY(plot.savePdf(small));
        QCOMPARE(plot.scatter()->drawnPointCount(), 500);
        plot.setSnapshot(makeSnapshot(points, labels));
        plot.replotIfDirty();
        const QString large = m_dir.filePath(QStringLiteral("large.pdf"));
        QVERIFY(plot.savePdf(large));
        QCOMPARE(plot.scatter()->drawnPointCount(), 30000);
        QVERIFY(QFileInfo(large).size() < 5'000'000);
        QFile pdf(large);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QCOMPARE(pdf.read(5), QByteArray("%PDF-"));
        const QString png = m_dir.filePath(QStringLiteral("latent.png"));
        QVERIFY(plot.savePng(png, 0, 0, 2.0)); // twice the resolution: discs scale along
        const QImage image(png);
        QCOMPARE(image.size(), plot.size() * 2);
        const QPointF p = plot.latentToPixel(points[0]) * 2;
        QCOMPARE(image.pixel(int(p.x()), int(p.y())) & 0xffffff,
                 LatentPlot::digitColor(labels[0]).rgb() & 0xffffff);
    }

    void lossPlotSamplesLongRunsPerPixelColumn()
    {
        LossPlot plot;
        plot.resize(600, 300);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        constexpr int kSteps = 100000;
        constexpr int kStepsPerEpoch = 500;
        plot.clear(kSteps / kStepsPerEpoch);
        std::vector<vae::StepRecord> steps;
        for (int s = 1; s <= kSteps; ++s) {
            vae::StepRecord record;
            record.step = s;
            record.epoch = double(s) / kStepsPerEpoch;
            // A saw tooth: the per-column means must stay within its range.
            record.loss.reconstruction = 100 + (s % 50);
            record.loss.kl = 5;
            record.loss.elbo = -(record.loss.reconstruction + record.loss.kl);
            steps.push_back(record);
        }
        plot.addSteps(steps);
        QCOMPARE(plot.stepCount(), kSteps);
        plot.replotIfDirty(true);
        QVERIFY(!plot.isDirty());
        const QCPGraph* line = plot.stepGraph(LossPlot::Reconstruction);
        QVERIFY(line->dataCount() > 300);
        QVERIFY(line->dataCount() <= int(plot.width() * plot.devicePixelRatioF()) + 2);
        double minimum = 1e9, maximum = -1e9;
        for (int i = 0; i < kSteps; ++i) {
            minimum = std::min(minimum, plot.stepValue(LossPlot::Reconstruction, i));
            maximum = std::max(maximum, plot.stepValue(LossPlot::Reconstruction, i));
        }
        for (const QCPGraphData& point : *line->data()) {
            QVERIFY(point.value >= minimum - 1e-9 && point.value <= maximum + 1e-9);
            QVERIFY(point.key > 0 && point.key <= kSteps / kStepsPerEpoch);
        }
        QCOMPARE(line->data()->at(0)->key, plot.stepKey(0));
        QCOMPARE((line->data()->constEnd() - 1)->key, plot.stepKey(kSteps - 1));
        // The KL line is flat at 5: every column's mean is 5.
        for (const QCPGraphData& point : *plot.stepGraph(LossPlot::Kl)->data())
            QVERIFY(std::abs(point.value - 5.0) < 1e-9);

        // Replots are held back for the minimum interval unless forced.
        plot.setMinimumReplotInterval(60000);
        plot.addSteps({steps.back()});
        plot.replotIfDirty();
        QVERIFY(plot.isDirty());
        plot.replotIfDirty(true);
        QVERIFY(!plot.isDirty());
    }

    void lossPlotDrawsBucketsAndStaysBounded()
    {
        LossPlot plot;
        plot.resize(600, 300);
        // A history of 1,000 steps kept as 100 recent ones and 8 buckets of 100 and one of 100
        // (width doubles from 1 to 128 as they merge): one point per bucket, at its mean.
        vae::TrainingHistory history;
        history.steps = vae::StepHistory(/*recentCapacity=*/100, /*maxBuckets=*/8);
        for (int s = 1; s <= 1000; ++s)
            history.steps.push_back({s, s / 100.0, {100.0 + s % 10, 5.0, -105.0 - s % 10}});
        const auto& buckets = history.steps.buckets();
        QVERIFY(!buckets.empty() && buckets.size() <= 8);
        plot.setHistory(history, 10);
        QCOMPARE(std::size_t(plot.stepCount()), buckets.size() + history.steps.size());
        for (std::size_t b = 0; b < buckets.size(); ++b) {
            QCOMPARE(plot.stepKey(int(b)), buckets[b].lastEpoch);
            QCOMPARE(plot.stepValue(LossPlot::Reconstruction, int(b)),
                     buckets[b].mean.reconstruction);
        }
        // Past kMaxPoints points, adjacent ones merge: memory stays bounded.
        std::vector<vae::StepRecord> steps;
        for (std::size_t s = 1; s <= LossPlot::kMaxPoints + 10; ++s)
            steps.push_back({std::int64_t(1000 + s), 10.0 + double(s) / 1e5, {100, 5, -105}});
        plot.addSteps(steps);
        QVERIFY(std::size_t(plot.stepCount()) <= LossPlot::kMaxPoints);
        QVERIFY(std::size_t(plot.stepCount()) > LossPlot::kMaxPoints / 2);
        QCOMPARE(plot.stepValue(LossPlot::Kl, plot.stepCount() - 1), 5.0); // means of flat 5s
        for (int i = 1; i < plot.stepCount(); ++i)
            QVERIFY(plot.stepKey(i) >= plot.stepKey(i - 1)); // still sorted
    }

    void lossPlotOfATimeBudgetRunFollowsTheData()
    {
        // A run bounded by its time budget alone plans kMaxEpochs: the x axis must follow the
        // data, not span 100,000 epochs.
        LossPlot plot;
        plot.resize(600, 300);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        plot.clear(vae::TrainingConfig::kMaxEpochs);
        std::vector<vae::StepRecord> steps;
        for (int s = 1; s <= 250; ++s) {
            vae::StepRecord record;
            record.step = s;
            record.epoch = double(s) / 100; // 2.5 epochs
            record.loss.reconstruction = 150;
            record.loss.kl = 5;
            record.loss.elbo = -155;
            steps.push_back(record);
        }
        plot.addSteps(steps);
        plot.replotIfDirty(true);
        QCOMPARE(plot.xAxis->range().lower, 0.0);
        QVERIFY2(std::abs(plot.xAxis->range().upper - 3 * 1.02) < 1e-9,
                 qPrintable(QString::number(plot.xAxis->range().upper)));
        // A planned number of epochs still sets the axis before the data reaches it.
        plot.clear(10);
        plot.addSteps(steps);
        plot.replotIfDirty(true);
        QVERIFY(std::abs(plot.xAxis->range().upper - 10 * 1.02) < 1e-9);
    }

    void minimisedWindowDoesNotReplot()
    {
        VAE_REQUIRE_MNIST();
        MainWindow window(test::testOptions());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        VAE_WAIT_FOR_DATA(window);
        window.showMinimized();
        QTRY_VERIFY(window.isMinimized());
        QSignalSpy lossReplots(window.lossPlot(), &QCustomPlot::afterReplot);
        QSignalSpy latentReplots(window.latentPlot(), &QCustomPlot::afterReplot);
        window.settingsPanel()->setConfig(test::smallConfig(1, 32));
        QVERIFY(window.startTraining());
        VAE_WAIT_FOR_RUN_END(window);
        QTest::qWait(100);
        QCOMPARE(latentReplots.count(), 0);
        QCOMPARE(lossReplots.count(), 0);
        QVERIFY(window.lossPlot()->isDirty());
        QCOMPARE(window.lossPlot()->stepCount(), (2000 + 31) / 32);
        window.showNormal();
        QTRY_VERIFY(!window.isMinimized());
        QTRY_VERIFY(latentReplots.count() >= 1);
        QTRY_VERIFY(lossReplots.count() >= 1);
        QVERIFY(!window.lossPlot()->isDirty());
        QCOMPARE(window.latentPlot()->pointCount(), 10000);
    }

    void trainingSetToggleWhileTrainingAndAfter()
    {
        VAE_REQUIRE_MNIST();
        MainWindow window(test::testOptions());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        VAE_WAIT_FOR_DATA(window);
        // View menu entry with a shortcut.
        QAction* action = window.showTrainingSetAction();
        QVERIFY(action->isCheckable());
        QVERIFY(!action->isChecked());
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_T));

        window.settingsPanel()->setConfig(test::smallConfig(200, 32));
        QVERIFY(window.startTraining());
        QTRY_COMPARE_WITH_TIMEOUT(window.latentPlot()->pointCount(), 10000, 30000);
        action->trigger(); // on: the trainer's next snapshots carry the 2,000 training images
        QVERIFY(window.showsTrainingSet());
        QTRY_COMPARE_WITH_TIMEOUT(window.latentPlot()->pointCount(), 12000, 30000);
        const auto latent = window.latestLatent();
        QVERIFY(latent->trainPosterior);
        QCOMPARE(latent->trainPosterior->count, 2000);
        // Training points come from the same snapshot, in training-set order.
        const LatentScatter* scatter = window.latentPlot()->scatter();
        QCOMPARE(scatter->point(LatentScatter::TrainingSet, 1999),
                 QPointF(latent->trainPosterior->mu[2 * 1999],
                         latent->trainPosterior->mu[2 * 1999 + 1]));
        QCOMPARE(scatter->label(LatentScatter::TrainingSet, 0), int(window.data()->train.labels[0]));
        action->trigger(); // off
        QCOMPARE(window.latentPlot()->pointCount(), 10000);

        // Stopped while hidden: switching it on encodes the training set off the GUI thread.
        window.stopTraining();
        QSignalSpy latentSpy(&window, &MainWindow::latentUpdated);
        window.setShowTrainingSet(true);
        QTRY_COMPARE_WITH_TIMEOUT(window.latestLatent()->trainStep, window.model()->step(), 30000);
        QCOMPARE(window.latentPlot()->pointCount(), 12000);
        QCOMPARE(window.latestLatent()->trainPosterior->count, 2000);
        QVERIFY(latentSpy.count() >= 1);
        QCOMPARE(window.errorCount(), 0);
    }

    void openedModelShowsItsTrainingSetAndTheChoiceIsRemembered()
    {
        VAE_REQUIRE_MNIST();
        const QString model = m_dir.filePath(QStringLiteral("model.safetensors"));
        {
            MainWindow window(test::testOptions());
            window.show();
            VAE_WAIT_FOR_DATA(window);
            window.settingsPanel()->setConfig(test::smallConfig(1, 64));
            QVERIFY(window.startTraining());
            VAE_WAIT_FOR_RUN_END(window);
            QVERIFY(window.saveModel(model));
        }
        // Settings on (test mode keeps them away from the user's): the choice survives a restart.
        LaunchOptions options = test::testOptions();
        options.useSettings = true;
        QSettings().remove(QStringLiteral("view/showTrainingSet"));
        {
            MainWindow window(options);
            window.show();
            QVERIFY(!window.showsTrainingSet());
            window.setShowTrainingSet(true);
            window.close();
        }
        options.openFile = model;
        MainWindow window(options);
        window.show();
        QVERIFY(window.showsTrainingSet());
        VAE_WAIT_FOR_DATA(window);
        // Test set first, then the 2,000 training images the model was trained on.
        QTRY_COMPARE_WITH_TIMEOUT(window.latentPlot()->pointCount(), 12000, 30000);
        const auto latent = window.latestLatent();
        const vae::Posterior expected =
            window.model()->encode(std::span(window.data()->train.pixels).first(2000 * 784), 2000);
        // Encoded on a pool thread with its own BLAS threading: equal up to float rounding.
        QCOMPARE(latent->trainPosterior->mu.size(), expected.mu.size());
        for (std::size_t i = 0; i < expected.mu.size(); ++i)
            QVERIFY2(std::abs(latent->trainPosterior->mu[i] - expected.mu[i]) < 1e-4f,
                     qPrintable(QString::number(i)));
        window.setShowTrainingSet(false);
        window.close();
        QVERIFY(!QSettings().value(QStringLiteral("view/showTrainingSet")).toBool());
        QCOMPARE(window.errorCount(), 0);
    }
};

QTEST_MAIN(TestScatter)
#include "test_scatter.moc"
