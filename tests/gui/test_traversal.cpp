// Latent dimensions > 2 (issue 4, item 5): the traversal panel (sliders, live decode, grid and its
// PNG export), the KL-per-dimension bars with the active-unit count, and the latent plot's
// projection choice. Values are checked against vae::InferenceModel and vae/latent_stats.h. The
// panels are tested alone, the tools against a fake ToolContext (the tools, a latent plot and a
// session, no main window); one test is of the main window (--latent-dim sets its settings panel).

#include "faketoolcontext.h"
#include "guitestsupport.h"

#include "shell/commandline.h"
#include "widgets/decodedview.h"
#include "tools/dimensions/dimensionspanel.h"
#include "tools/dimensions/dimensionstool.h"
#include "plots/latentplot.h"
#include "shell/settingspanel.h"
#include "tools/traversal/traversalpanel.h"
#include "tools/traversal/traversaltool.h"

#include <vae/checkpoint.h>
#include <vae/latent_stats.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QToolBar>

#include <cmath>
#include <vector>

using namespace vae::gui;

namespace {

std::shared_ptr<const vae::InferenceModel> untrainedModel(int latentDim)
{
    vae::TrainingConfig config;
    config.latentDim = latentDim;
    config.hiddenSizes = vae::TrainingConfig::defaultHiddenSizes(latentDim);
    config.seed = 11;
    return vae::makeUntrainedModel(config);
}

/// Every pixel of `image` (28×28 tiles at `origin`) shows `pixels` [784] as DecodedView does.
void verifyTile(const QImage& image, QPoint origin, const float* pixels)
{
    for (int r = 0; r < 28; ++r)
        for (int c = 0; c < 28; ++c)
            QCOMPARE(qGray(image.pixel(origin.x() + c, origin.y() + r)),
                     ExampleImage::level(pixels[r * 28 + c]));
}

/// Checks the grid against one batched decode of traversalGrid(z) and its image tile by tile.
void verifyGrid(TraversalPanel& panel, const vae::InferenceModel& model)
{
    panel.updateGrid();
    const int dim = model.latentDim();
    const int steps = panel.steps();
    const std::vector<float> grid = vae::traversalGrid(panel.z(), dim, steps, -3.0, 3.0);
    const std::vector<float> expected = model.decodeBatch(grid, dim * steps);
    QCOMPARE(panel.gridPixels(), expected);
    const QImage& image = panel.gridImage();
    QCOMPARE(image.size(), QSize(steps * 28, dim * 28));
    for (int d = 0; d < dim; ++d)
        for (int s = 0; s < steps; ++s)
            verifyTile(image, QPoint(s * 28, d * 28),
                       expected.data() + std::size_t(d * steps + s) * 784);
}

std::shared_ptr<vae::LatentSnapshot> handMadeSnapshot()
{
    auto snapshot = std::make_shared<vae::LatentSnapshot>();
    snapshot->step = 42;
    snapshot->posterior.count = 2;
    snapshot->posterior.dim = 3;
    // dim 1: μ = ±1, σ = 0.5 (active); dim 2: the prior (KL 0); dim 3: a hair off (0.005 nats).
    snapshot->posterior.mu = {1.0f, 0.0f, 0.1f, -1.0f, 0.0f, -0.1f};
    snapshot->posterior.sigma = {0.5f, 1.0f, 1.0f, 0.5f, 1.0f, 1.0f};
    snapshot->labels = {3, 7};
    return snapshot;
}

} // namespace

class TestTraversal final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::initTestEnvironment(); }

    void movingASliderChangesItsDimensionAndDecodesZ()
    {
        const auto model = untrainedModel(8);
        TraversalPanel panel;
        panel.resize(600, 800);
        panel.setModel(model);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QCOMPARE(panel.sliderCount(), 8);
        QCOMPARE(panel.z(), std::vector<float>(8, 0.0f));
        QCOMPARE(panel.decodedPixels(), model->decode(panel.z()));

        QSignalSpy changed(&panel, &TraversalPanel::zChanged);
        panel.slider(3)->setValue(150); // 1.50
        QCOMPARE(changed.count(), 1);
        std::vector<float> expected(8, 0.0f);
        expected[3] = 1.5f;
        QCOMPARE(panel.z(), expected);
        QCOMPARE(panel.valueLabel(3)->text(), QLocale().toString(1.5, 'f', 2));
        const std::vector<float> pixels = model->decode(expected);
        QCOMPARE(panel.decodedPixels(), pixels);
        QVERIFY(pixels != model->decode(std::vector<float>(8, 0.0f))); // z[3] matters
        const QImage& shown = panel.decodedView()->image();
        QCOMPARE(shown.size(), QSize(28, 28));
        verifyTile(shown, QPoint(0, 0), pixels.data());

        panel.slider(7)->setValue(-300);
        expected[7] = -3.0f;
        QCOMPARE(panel.z(), expected);
        QCOMPARE(panel.decodedPixels(), model->decode(expected));

        // From zero / from the selected point (clamped to the sliders' range).
        panel.setSelectedPoint({0.25f, -0.5f, 4.0f, 0, 0, 0, 0, 1.0f});
        panel.resetToSelected();
        QCOMPARE(panel.z(), (std::vector<float>{0.25f, -0.5f, 3.0f, 0, 0, 0, 0, 1.0f}));
        QCOMPARE(panel.slider(2)->value(), 300);
        QCOMPARE(panel.decodedPixels(), model->decode(panel.z()));
        panel.resetToZero();
        QCOMPARE(panel.z(), std::vector<float>(8, 0.0f));
    }

    void gridRowsAreOneBatchedDecodeOfTheTraversal()
    {
        const auto model = untrainedModel(8);
        TraversalPanel panel;
        panel.resize(600, 900);
        panel.setModel(model);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setZ({0.5f, -1.0f, 0, 0.25f, 0, 0, 2.0f, 0});
        QCOMPARE(panel.steps(), 9);
        verifyGrid(panel, *model);
        // The timer keeps the grid up to date after a slider move.
        QSignalSpy updated(&panel, &TraversalPanel::gridUpdated);
        panel.slider(0)->setValue(-120);
        QVERIFY(updated.wait(2000));
        verifyGrid(panel, *model);
        panel.setSteps(5);
        verifyGrid(panel, *model);
    }

    void exportedGridIsStepsBy28TimesDimsBy28()
    {
        const auto model = untrainedModel(8);
        TraversalPanel panel;
        panel.setModel(model);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("grid.png"));
        QVERIFY(panel.exportGrid(path));
        QImage saved(path);
        QCOMPARE(saved.size(), QSize(9 * 28, 8 * 28)); // tiles edge to edge, no gaps
        QCOMPARE(saved.convertToFormat(QImage::Format_Grayscale8), panel.gridImage());
        verifyGrid(panel, *model);
        // Nothing to export without a model; an unwritable path fails with a message.
        TraversalPanel empty;
        QVERIFY(!empty.exportGrid(dir.filePath(QStringLiteral("none.png"))));
        QVERIFY(!empty.errorString().isEmpty());
        QVERIFY(!panel.exportGrid(dir.filePath(QStringLiteral("missing/dir/grid.png"))));
    }

    void worksForTwoAndOneDimensions()
    {
        for (int dim : {2, 1}) {
            const auto model = untrainedModel(dim);
            TraversalPanel panel;
            panel.setModel(model);
            QCOMPARE(panel.sliderCount(), dim);
            panel.slider(dim - 1)->setValue(-75);
            std::vector<float> expected(std::size_t(dim), 0.0f);
            expected[std::size_t(dim - 1)] = -0.75f;
            QCOMPARE(panel.z(), expected);
            QCOMPARE(panel.decodedPixels(), model->decode(expected));
            verifyGrid(panel, *model);
        }
        // Another latent size rebuilds the sliders; a null model clears the panel.
        TraversalPanel panel;
        panel.setModel(untrainedModel(2));
        panel.setModel(untrainedModel(20));
        QCOMPARE(panel.sliderCount(), 20);
        QCOMPARE(panel.z().size(), std::size_t(20));
        panel.setModel(nullptr);
        QCOMPARE(panel.sliderCount(), 0);
        QVERIFY(panel.gridImage().isNull());
    }

    void klBarsAreTheClosedFormPerDimension()
    {
        DimensionsPanel panel;
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const auto snapshot = handMadeSnapshot();
        panel.setSnapshot(snapshot);
        const std::vector<double> expected = vae::klPerDimension(snapshot->posterior);
        QCOMPARE(panel.klPerDimension(), expected);
        // By hand: ½(1 + 0.25 − 1 − ln 0.25) = 0.125 + ln 2; 0; ½(0.01) = 0.005.
        QVERIFY(std::abs(expected[0] - (0.125 + std::log(2.0))) < 1e-6);
        QCOMPARE(expected[1], 0.0);
        QVERIFY(std::abs(expected[2] - 0.005) < 1e-6);
        QCOMPARE(panel.activeUnitCount(), 1);
        QCOMPARE(panel.activeBars()->data()->size(), 1);
        QCOMPARE(panel.activeBars()->data()->at(0)->key, 1.0);
        QCOMPARE(panel.activeBars()->data()->at(0)->value, expected[0]);
        QCOMPARE(panel.inactiveBars()->data()->size(), 2);
        QCOMPARE(panel.inactiveBars()->data()->at(1)->key, 3.0);
        QCOMPARE(panel.inactiveBars()->data()->at(1)->value, expected[2]);
        QVERIFY2(
            panel.activeUnitsLabel()->text().startsWith(QStringLiteral("Active units: 1 of 3")),
            qPrintable(panel.activeUnitsLabel()->text()));
        // 3 dimensions: the projection controls are on.
        QVERIFY(panel.modeBox()->isEnabled());
        QCOMPARE(panel.xBox()->count(), 3);
    }

    void toolsFollowTheOpenedModelAndItsSnapshot()
    {
        VAE_REQUIRE_MNIST();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("untrained8.safetensors"));
        vae::saveCheckpoint(path.toStdString(), *untrainedModel(8), {});

        // Both tools in one context: each follows the session's model and snapshot.
        test::FakeToolContext context(test::testOptions());
        auto* traversalTool = context.add<TraversalTool>();
        auto* dimensionsTool = context.add<DimensionsTool>();
        context.hostWindow().show();
        QVERIFY(QTest::qWaitForWindowExposed(&context.hostWindow()));
        TraversalPanel* traversal = traversalTool->panel();
        DimensionsPanel* dimensions = dimensionsTool->panel();
        QVERIFY(traversal && dimensions);
        QStringList explore;
        for (QAction* action : context.exploreMenu().actions())
            explore << action->text();
        QVERIFY2(explore.contains(QStringLiteral("&Traversal")), qPrintable(explore.join(',')));
        QVERIFY(explore.contains(QStringLiteral("Latent &Dimensions")));
        QStringList toolbar;
        for (QAction* action : context.exploreToolBar().actions())
            toolbar << action->text();
        QVERIFY2(toolbar.contains(QStringLiteral("&Traversal")), qPrintable(toolbar.join(',')));
        QVERIFY(toolbar.contains(QStringLiteral("Latent &Dimensions")));
        QCOMPARE(traversalTool->toggleAction(), traversalTool->dock()->toggleViewAction());
        QCOMPARE(traversalTool->toggleAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
        QCOMPARE(dimensionsTool->dock()->toggleViewAction()->shortcut(),
                 QKeySequence(Qt::CTRL | Qt::Key_K));

        context.session().loadData();
        QTRY_VERIFY_WITH_TIMEOUT(context.data() != nullptr, 30000);
        QSignalSpy latent(&context, &ToolContext::latentUpdated);
        QVERIFY(context.session().openModel(path));
        QTRY_VERIFY_WITH_TIMEOUT(latent.count() > 0, 30000);
        QCOMPARE(context.latestLatent()->posterior.dim, 8);

        // Traversal: opening the dock starts from the point the context decoded last.
        context.decodeAt(0.5, -1.25);
        QDockWidget* traversalDock = traversalTool->dock();
        QCOMPARE(traversal->parentWidget(), traversalDock);
        traversalDock->toggleViewAction()->trigger();
        QVERIFY(traversalDock->isVisible());
        QCOMPARE(traversal->model(), context.model());
        QCOMPARE(traversal->z(), context.lastDecodedZ());
        traversal->slider(4)->setValue(200);
        QCOMPARE(traversal->z()[4], 2.0f);
        QCOMPARE(traversal->decodedPixels(), context.model()->decode(traversal->z()));
        verifyGrid(*traversal, *context.model());

        // KL bars of the session's snapshot.
        QDockWidget* dimensionsDock = dimensionsTool->dock();
        QCOMPARE(dimensions->parentWidget(), dimensionsDock);
        dimensionsDock->toggleViewAction()->trigger();
        QVERIFY(dimensionsDock->isVisible());
        const std::vector<double> kl = vae::klPerDimension(context.latestLatent()->posterior);
        QCOMPARE(dimensions->klPerDimension(), kl);
        const int active = vae::activeUnits(kl);
        QCOMPARE(dimensions->activeUnitCount(), active);
        QCOMPARE(dimensions->activeBars()->data()->size() +
                     dimensions->inactiveBars()->data()->size(),
                 8);
        QVERIFY(dimensions->activeUnitsLabel()->text().startsWith(
            QStringLiteral("Active units: %1 of 8").arg(active)));
    }

    /// Window test (a launch flag handled by the shell: --latent-dim sets the main window's
    /// settings panel), with the parsing of the panels' flags and the real Explore menu.
    void commandLineOpensThePanelsAndSetsTheLatentSize()
    {
        const auto parse = [](QStringList args) {
            args.prepend(QStringLiteral("vae-explorer"));
            return parseCommandLine(args);
        };
        CommandLineResult r =
            parse({QStringLiteral("--latent-dim"), QStringLiteral("20"),
                   QStringLiteral("--traversal"), QStringLiteral("--latent-dimensions"),
                   QStringLiteral("--projection"), QStringLiteral("3,5")});
        QVERIFY(r.ok);
        QCOMPARE(r.options.latentDim, std::optional<int>(20));
        QVERIFY(r.options.showTraversal && r.options.showLatentDimensions);
        QVERIFY(r.options.projection);
        QCOMPARE(r.options.projection->xDim, 2);
        QCOMPARE(r.options.projection->yDim, 4);
        r = parse({QStringLiteral("--projection"), QStringLiteral("PCA")});
        QVERIFY(r.ok);
        QCOMPARE(r.options.projection->mode, ProjectionSettings::Mode::Pca);
        QVERIFY(!parse({QStringLiteral("--projection"), QStringLiteral("3")}).ok);
        QVERIFY(!parse({QStringLiteral("--latent-dim"), QStringLiteral("0")}).ok);

        LaunchOptions options = test::testOptions();
        options.latentDim = 20;
        options.showTraversal = true;
        MainWindow window(options);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.settingsPanel()->latentDimBox()->value(), 20);
        auto* traversal = window.findChild<TraversalPanel*>();
        QVERIFY(traversal);
        QVERIFY(traversal->isVisible());
        QVERIFY(!window.findChild<DimensionsPanel*>()->isVisible());
        QStringList explore;
        for (QAction* action : window.exploreMenu()->actions())
            explore << action->text();
        QVERIFY2(explore.contains(QStringLiteral("&Traversal")), qPrintable(explore.join(',')));
        QVERIFY(explore.contains(QStringLiteral("Latent &Dimensions")));
    }

    void flagsOpenThePanels()
    {
        // Each tool reads its own flag from the launch options.
        LaunchOptions options = test::testOptions();
        options.showTraversal = true;
        {
            test::FakeToolContext context(options);
            auto* traversal = context.add<TraversalTool>();
            auto* dimensions = context.add<DimensionsTool>();
            context.hostWindow().show();
            QVERIFY(QTest::qWaitForWindowExposed(&context.hostWindow()));
            QVERIFY(traversal->panel()->isVisible());
            QVERIFY(traversal->toggleAction()->isChecked());
            QVERIFY(!dimensions->panel()->isVisible());
        }
        options.showTraversal = false;
        options.showLatentDimensions = true;
        test::FakeToolContext context(options);
        auto* traversal = context.add<TraversalTool>();
        auto* dimensions = context.add<DimensionsTool>();
        context.hostWindow().show();
        QVERIFY(QTest::qWaitForWindowExposed(&context.hostWindow()));
        QVERIFY(!traversal->panel()->isVisible());
        QVERIFY(dimensions->panel()->isVisible());
    }

    void projectionShowsChosenDimensionsOrPcaAndPicksFullZ()
    {
        VAE_REQUIRE_MNIST();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("untrained8.safetensors"));
        vae::saveCheckpoint(path.toStdString(), *untrainedModel(8), {});
        test::FakeToolContext context(test::testOptions());
        auto* tool = context.add<DimensionsTool>();
        context.hostWindow().show();
        QVERIFY(QTest::qWaitForWindowExposed(&context.hostWindow()));
        context.session().loadData();
        QTRY_VERIFY_WITH_TIMEOUT(context.data() != nullptr, 30000);
        QSignalSpy latent(&context, &ToolContext::latentUpdated);
        QVERIFY(context.session().openModel(path));
        QTRY_VERIFY_WITH_TIMEOUT(latent.count() > 0, 30000);
        DimensionsPanel* dimensions = tool->panel();
        tool->dock()->show();
        QTRY_COMPARE(dimensions->xBox()->count(), 8);
        const vae::Posterior& posterior = context.latestLatent()->posterior;
        const LatentScatter* scatter = context.plot()->scatter();

        // Default: dims 1 and 2, the others 0 (as before).
        context.decodeAt(0.1, 0.2);
        QCOMPARE(context.lastDecodedZ(), (std::vector<float>{0.1f, 0.2f, 0, 0, 0, 0, 0, 0}));

        // Two chosen dimensions: z₃ across, z₆ up.
        dimensions->xBox()->setCurrentIndex(2);
        dimensions->yBox()->setCurrentIndex(5);
        QCOMPARE(context.plot()->projection().xDim, 2);
        QCOMPARE(context.plot()->xAxis->label(), QStringLiteral("z₃"));
        for (int i : {0, 1234, 9999})
            QCOMPARE(scatter->point(LatentScatter::TestSet, i),
                     QPointF(posterior.mu[std::size_t(i * 8 + 2)],
                             posterior.mu[std::size_t(i * 8 + 5)]));
        context.decodeAt(0.5, -0.25);
        QCOMPARE(context.lastDecodedZ(), (std::vector<float>{0, 0, 0.5f, 0, 0, -0.25f, 0, 0}));
        QCOMPARE(context.lastDecodedPixels(), context.model()->decode(context.lastDecodedZ()));

        // The other dimensions from the nearest test point: clicking right on point 1234 gives
        // its μ, with the shown dimensions as picked.
        dimensions->othersFromNearestBox()->setChecked(true);
        const QPointF onPoint = scatter->point(LatentScatter::TestSet, 1234);
        const auto nearest = context.plot()->projector().nearestTestPoint(onPoint);
        QVERIFY(nearest);
        context.decodeAt(onPoint.x(), onPoint.y());
        std::vector<float> expected(posterior.mu.begin() + std::ptrdiff_t(*nearest) * 8,
                                    posterior.mu.begin() + std::ptrdiff_t(*nearest) * 8 + 8);
        QCOMPARE(context.lastDecodedZ(), expected);

        // PCA: the scatter shows the projection, and a picked z projects back onto the pick.
        dimensions->modeBox()->setCurrentIndex(1);
        QCOMPARE(context.plot()->projection().mode, ProjectionSettings::Mode::Pca);
        const vae::PcaProjection pca = vae::pcaProjection(posterior.mu, posterior.count, 8);
        for (int i : {0, 4321}) {
            const QPointF shown = scatter->point(LatentScatter::TestSet, i);
            QCOMPARE(shown.x(), double(pca.coordinates[std::size_t(2 * i)]));
            QCOMPARE(shown.y(), double(pca.coordinates[std::size_t(2 * i + 1)]));
        }
        QVERIFY(context.plot()->xAxis->label().startsWith(QStringLiteral("PC 1")));
        for (bool nearestOthers : {true, false}) {
            dimensions->othersFromNearestBox()->setChecked(nearestOthers);
            context.decodeAt(0.3, -0.2);
            const std::vector<float> back = vae::projectPoints(pca, context.lastDecodedZ(), 1, 8);
            QVERIFY(std::abs(back[0] - 0.3f) < 1e-4f);
            QVERIFY(std::abs(back[1] + 0.2f) < 1e-4f);
            QCOMPARE(context.lastDecodedPixels(), context.model()->decode(context.lastDecodedZ()));
        }
    }
};

QTEST_MAIN(TestTraversal)
#include "test_traversal.moc"
