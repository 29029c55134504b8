// Explore ▸ Prior Samples: the panel shows the model's decodes of z ~ N(0, I) drawn with the seed
// shown (same seed, same pixels), resamples, marks the draws on the latent plot, and follows the
// model. Built against a fake ToolContext: the tool, a latent plot and a session, no main window.

#include "faketoolcontext.h"
#include "guitestsupport.h"

#include "plots/latentplot.h"
#include "tools/priorsamples/priorsamplestool.h"
#include "widgets/tilegridview.h"

#include <vae/checkpoint.h>
#include <vae/inference.h>
#include <vae/prior.h>

#include <QCheckBox>
#include <QDockWidget>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QToolBar>

#include <algorithm>
#include <utility>
#include <vector>

using namespace vae::gui;

namespace {

std::vector<std::pair<double, double>> sortedPairs(std::vector<std::pair<double, double>> pairs)
{
    std::sort(pairs.begin(), pairs.end());
    return pairs;
}

} // namespace

class TestPriorSamples final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString saveModel(int latentDim, std::uint64_t seed, const QString& name)
    {
        vae::TrainingConfig config = test::smallConfig(1, 64);
        config.latentDim = latentDim;
        config.seed = seed;
        const QString path = m_dir.filePath(name);
        vae::saveCheckpoint(path.toStdString(), *vae::makeUntrainedModel(config), {});
        return path;
    }

private slots:
    void initTestCase()
    {
        test::initTestEnvironment();
        QVERIFY(m_dir.isValid());
    }

    void panelActionIsInTheExploreMenuAndToolbar()
    {
        test::FakeToolContext context(test::testOptions());
        PriorSamplesTool* tool = context.add<PriorSamplesTool>();
        QVERIFY(context.exploreMenu().actions().contains(tool->panelAction()));
        QVERIFY(context.exploreToolBar().actions().contains(tool->panelAction()));
        QCOMPARE(tool->panelAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_P));
        QVERIFY(tool->panelAction()->isCheckable());
        QVERIFY(tool->dock()->isHidden());
        QCOMPARE(tool->seed(), PriorSamplesTool::kDefaultSeed);
        QVERIFY(tool->markersBox()->isChecked());
    }

    void sameSeedSamePixelsOtherSeedOthers()
    {
        test::FakeToolContext context(test::testOptions());
        PriorSamplesTool* tool = context.add<PriorSamplesTool>();
        context.hostWindow().show();
        QVERIFY(QTest::qWaitForWindowExposed(&context.hostWindow()));
        QVERIFY(context.session().openModel(saveModel(2, 21, QStringLiteral("s.safetensors"))));
        QVERIFY(tool->samples() == nullptr); // closed: nothing decoded
        QSignalSpy updated(tool, &PriorSamplesTool::samplesUpdated);
        tool->panelAction()->trigger();
        QVERIFY(tool->dock()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(tool->samples() != nullptr, 5000);

        // The draws of the seed shown, decoded by the model (decoded on this thread: exactly).
        const auto samplesFor = [&](int seed) {
            tool->seedBox()->setValue(seed);
            return tool->samples();
        };
        const auto first = samplesFor(5);
        QCOMPARE(tool->seed(), 5);
        QCOMPARE(first->count(), 64);
        QCOMPARE(first->z, vae::samplePrior(64, 2, 5));
        QCOMPARE(first->pixels, context.model()->decodeBatch(first->z, 64));
        QCOMPARE(first->image.size(), QSize(8 * 28, 8 * 28));
        QCOMPARE(tool->view()->grid(), first);

        const auto other = samplesFor(6);
        QVERIFY(other->z != first->z);
        int samePixels = 0;
        for (std::size_t i = 0; i < first->pixels.size(); ++i)
            samePixels += first->pixels[i] == other->pixels[i];
        QVERIFY2(samePixels < int(first->pixels.size() / 100),
                 qPrintable(QString::number(samePixels)));
        QVERIFY(other->image != first->image);

        const auto again = samplesFor(5);
        QVERIFY(again != first);                // decoded anew…
        QCOMPARE(again->pixels, first->pixels); // …to the same pixels
        QCOMPARE(again->image, first->image);

        // Resample: the next seed, in the box too.
        QTest::mouseClick(tool->resampleButton(), Qt::LeftButton);
        QCOMPARE(tool->seed(), 6);
        QCOMPARE(tool->seedBox()->value(), 6);
        QCOMPARE(tool->samples()->pixels, other->pixels);
    }

    void markersAreAtTheSampledZ()
    {
        test::FakeToolContext context(test::testOptions());
        PriorSamplesTool* tool = context.add<PriorSamplesTool>();
        context.hostWindow().show();
        QVERIFY(QTest::qWaitForWindowExposed(&context.hostWindow()));
        // A 3-D model: the markers show dims 0 and 1.
        QVERIFY(context.session().openModel(saveModel(3, 22, QStringLiteral("m.safetensors"))));
        tool->setPanelShown(true);
        QTRY_VERIFY_WITH_TIMEOUT(tool->samples() != nullptr, 5000);
        tool->setSeed(9);
        QCPGraph* markers = tool->markers();
        QVERIFY(markers->visible());
        QCOMPARE(markers->dataCount(), 64);
        QVERIFY(!context.plot()->legend->hasItemWithPlottable(markers));
        const std::vector<float> z = vae::samplePrior(64, 3, 9);
        std::vector<std::pair<double, double>> expected;
        for (int i = 0; i < 64; ++i)
            expected.emplace_back(z[std::size_t(i) * 3], z[std::size_t(i) * 3 + 1]);
        std::vector<std::pair<double, double>> shown;
        for (auto it = markers->data()->constBegin(); it != markers->data()->constEnd(); ++it)
            shown.emplace_back(it->key, it->value);
        QCOMPARE(sortedPairs(shown), sortedPairs(expected));

        // Drawn: a marker's ring is dark where the plot was white.
        LatentPlot* plot = context.plot();
        plot->xAxis->grid()->setVisible(false);
        plot->yAxis->grid()->setVisible(false);
        plot->xAxis->setRange(-4, 4);
        plot->yAxis->setRange(-4, 4);
        plot->replot(QCustomPlot::rpImmediateRefresh);
        const QImage image = plot->toPixmap(0, 0, 1.0).toImage();
        const QPointF centre = plot->latentToPixel(QPointF(expected[0].first, expected[0].second));
        int dark = 0;
        for (int dx = -4; dx <= 4; ++dx)
            for (int dy = -4; dy <= 4; ++dy)
                dark += qGray(image.pixel(centre.toPoint() + QPoint(dx, dy))) < 128;
        QVERIFY2(dark >= 6, qPrintable(QString::number(dark)));

        tool->markersBox()->click();
        QVERIFY(!tool->markersShown());
        QVERIFY(!markers->visible());
        tool->markersBox()->click();
        QVERIFY(markers->visible());
        // Closing the panel takes the markers away too.
        tool->panelAction()->trigger();
        QVERIFY(tool->dock()->isHidden());
        QVERIFY(!markers->visible());
    }

    void followsTheModel()
    {
        test::FakeToolContext context(test::testOptions());
        PriorSamplesTool* tool = context.add<PriorSamplesTool>();
        context.hostWindow().show();
        QVERIFY(QTest::qWaitForWindowExposed(&context.hostWindow()));
        QVERIFY(context.session().openModel(saveModel(2, 23, QStringLiteral("a.safetensors"))));
        tool->setPanelShown(true);
        QTRY_VERIFY_WITH_TIMEOUT(tool->samples() != nullptr, 5000);
        const auto before = tool->samples();
        QVERIFY(context.session().openModel(saveModel(2, 24, QStringLiteral("b.safetensors"))));
        QTRY_VERIFY_WITH_TIMEOUT(tool->samples()->model == context.model(), 5000);
        QCOMPARE(tool->samples()->z, before->z);            // same seed, same draws…
        QVERIFY(tool->samples()->pixels != before->pixels); // …another decoder
        QCOMPARE(tool->samples()->pixels, context.model()->decodeBatch(before->z, 64));
    }

    void settingsAreRemembered()
    {
        LaunchOptions options = test::testOptions();
        options.useSettings = true;
        {
            test::FakeToolContext context(options);
            PriorSamplesTool* tool = context.add<PriorSamplesTool>();
            tool->setSeed(77);
            tool->setMarkersShown(false);
        }
        {
            test::FakeToolContext context(options);
            PriorSamplesTool* tool = context.add<PriorSamplesTool>();
            QCOMPARE(tool->seed(), 77);
            QCOMPARE(tool->seedBox()->value(), 77);
            QVERIFY(!tool->markersShown());
            tool->setSeed(PriorSamplesTool::kDefaultSeed);
            tool->setMarkersShown(true);
        }
        options.priorSamples = true; // --prior-samples
        test::FakeToolContext context(options);
        QVERIFY(!context.add<PriorSamplesTool>()->dock()->isHidden());
    }
};

QTEST_MAIN(TestPriorSamples)
#include "test_prior_samples.moc"
