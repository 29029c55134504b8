// Training ▸ Compare Models and the rate–distortion plane: models trained from one seed see the
// same batches; one click decodes the same z in every pane; the prior-sample grids share their z;
// the rate–distortion points are the step records' means; the Rate–Distortion dock traces the run.
// The ComparisonWindow is tested alone; the Compare Models and Rate–Distortion tools against a fake
// ToolContext (the tools, a latent plot and a session, no main window), except one test of the
// main window's own Training and Explore menus.

#include "faketoolcontext.h"
#include "guitestsupport.h"

#include "shell/commandline.h"
#include "tools/comparison/comparisondialog.h"
#include "tools/comparison/comparisontool.h"
#include "tools/comparison/comparisonwindow.h"
#include "widgets/decodedview.h"
#include "plots/latentplot.h"
#include "plots/ratedistortionplot.h"
#include "tools/ratedistortion/ratedistortiontool.h"
#include "shell/settingspanel.h"
#include "widgets/tilegridview.h"

#include <vae/dataset.h>
#include <vae/inference.h>
#include <vae/prior.h>

#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QPointer>
#include <QSignalSpy>
#include <QSpinBox>
#include <QToolBar>

#include <cmath>
#include <memory>
#include <vector>

using namespace vae::gui;

namespace {

using Kind = ComparedModel::Kind;

/// Mean (KL, reconstruction) of steps [from, to).
QPointF stepMean(const std::vector<vae::StepRecord>& steps, std::size_t from, std::size_t to)
{
    double kl = 0;
    double rec = 0;
    for (std::size_t i = from; i < to; ++i) {
        kl += steps[i].loss.kl;
        rec += steps[i].loss.reconstruction;
    }
    const double n = double(to - from);
    return {kl / n, rec / n};
}

bool near(double a, double b, double tolerance = 1e-9)
{
    return std::abs(a - b) <= tolerance * std::max(1.0, std::abs(b));
}

/// Checks that a trace's points are the means of consecutive blocks of `steps`.
void verifyTrace(const RateDistortionTrace& trace, const vae::TrainingHistory& history)
{
    const std::vector<vae::StepRecord> steps(history.steps.begin(), history.steps.end());
    const std::size_t block = std::size_t(trace.stepsPerPoint());
    QCOMPARE(trace.stepCount(), std::int64_t(steps.size()));
    QCOMPARE(trace.points().size(), steps.size() / block);
    for (std::size_t k = 0; k < trace.points().size(); ++k) {
        const QPointF expected = stepMean(steps, k * block, (k + 1) * block);
        QVERIFY2(near(trace.points()[k].x(), expected.x()) &&
                     near(trace.points()[k].y(), expected.y()),
                 qPrintable(QStringLiteral("point %1").arg(k)));
    }
    const std::size_t rest = steps.size() % block;
    QCOMPARE(trace.partial().has_value(), rest != 0);
    if (rest != 0) {
        const QPointF expected = stepMean(steps, steps.size() - rest, steps.size());
        QVERIFY(near(trace.partial()->x(), expected.x()));
        QVERIFY(near(trace.partial()->y(), expected.y()));
    }
    QCOMPARE(trace.epochPoints().size(), history.epochs.size());
    for (std::size_t e = 0; e < history.epochs.size(); ++e) {
        QCOMPARE(trace.epochPoints()[e].x(), history.epochs[e].test.kl);
        QCOMPARE(trace.epochPoints()[e].y(), history.epochs[e].test.reconstruction);
    }
}

} // namespace

class TestCompare final : public QObject {
    Q_OBJECT

private:
    std::shared_ptr<const vae::Dataset> m_data;

    /// A comparison of `models` on the small config, trained to the end.
    std::unique_ptr<ComparisonWindow> trained(std::vector<ComparedModel> models, int epochs,
                                              int batch)
    {
        vae::TrainingConfig base = test::smallConfig(epochs, batch);
        auto window = std::make_unique<ComparisonWindow>(m_data, base, std::move(models));
        window->resize(1200, 800);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return nullptr;
        if (!window->start())
            return nullptr;
        if (!QTest::qWaitFor([&] { return !window->isTraining(); }, 50000))
            return nullptr; // the callers QVERIFY the window
        return window;
    }

private slots:
    void initTestCase()
    {
        test::initTestEnvironment();
        if (test::mnistAvailable())
            m_data = std::make_shared<const vae::Dataset>(vae::loadMnist(vae::defaultDataDir()));
    }

    // --- without MNIST -----------------------------------------------------------------------

    void traceAveragesBlocksOfSteps()
    {
        RateDistortionTrace trace(3);
        std::vector<vae::StepRecord> steps(7);
        for (std::size_t i = 0; i < steps.size(); ++i) {
            steps[i].step = std::int64_t(i + 1);
            steps[i].loss.kl = double(i);
            steps[i].loss.reconstruction = 100.0 + 2.0 * double(i);
        }
        // In two pieces, split inside a block: the blocks do not depend on how records arrive.
        trace.addSteps(std::span(steps).first(4));
        trace.addSteps(std::span(steps).subspan(4));
        QCOMPARE(trace.points().size(), std::size_t(2));
        QCOMPARE(trace.points()[0], QPointF(1.0, 102.0)); // steps 0, 1, 2
        QCOMPARE(trace.points()[1], QPointF(4.0, 108.0)); // steps 3, 4, 5
        QVERIFY(trace.partial().has_value());
        QCOMPARE(*trace.partial(), QPointF(6.0, 112.0));
        vae::EpochSummary epoch;
        epoch.test.kl = 5.5;
        epoch.test.reconstruction = 140.25;
        trace.addEpochs(std::span(&epoch, 1));
        QCOMPARE(trace.epochPoints().front(), QPointF(5.5, 140.25));
        trace.clear();
        QVERIFY(trace.points().empty() && !trace.partial() && trace.epochPoints().empty());
        QCOMPARE(trace.stepsPerPoint(), 3);
    }

    void isoElboLinesSpanTheView()
    {
        RateDistortionPlot plot;
        plot.xAxis->setRange(0, 10);
        plot.yAxis->setRange(140, 200);
        // D + R over the view runs from 140 to 210: steps of 20 (70 / 6 rounded up to 1-2-5).
        const std::vector<double> expected{140, 160, 180, 200};
        QCOMPARE(plot.isoElboLevels(), expected);
    }

    void presetsAndConfigs()
    {
        QCOMPARE(comparisonPresetNames(),
                 QStringList({QStringLiteral("ae-vae"), QStringLiteral("beta"),
                              QStringLiteral("beta-sweep")}));
        const auto aeVae = comparisonPreset(QStringLiteral("ae-vae"));
        QVERIFY(aeVae);
        QCOMPARE(aeVae->size(), std::size_t(2));
        QCOMPARE(aeVae->at(0).kind, Kind::Autoencoder);
        QCOMPARE(aeVae->at(1).kind, Kind::Vae);
        const auto sweep = comparisonPreset(QStringLiteral("beta-sweep"));
        QVERIFY(sweep);
        QCOMPARE(sweep->size(), std::size_t(3));
        QCOMPARE(sweep->at(0).beta, 0.5);
        QCOMPARE(sweep->at(2).beta, 4.0);
        QVERIFY(!comparisonPreset(QStringLiteral("nope")));

        vae::TrainingConfig base = test::smallConfig(2, 64);
        base.threads = 8;
        const vae::TrainingConfig two = comparisonConfig(base, {Kind::BetaVae, 4}, 2);
        QCOMPARE(two.threads, 4);
        QCOMPARE(two.beta, 4.0);
        QCOMPARE(two.seed, base.seed);
        QCOMPARE(two.epochs, base.epochs);
        base.threads = 2;
        QCOMPARE(comparisonConfig(base, {Kind::Vae, 1}, 3).threads, 1); // max(1, 2 / 3)
        QCOMPARE(comparisonConfig(base, {Kind::Vae, 7}, 2).beta, 1.0);  // a VAE's β is 1
        const vae::TrainingConfig ae = comparisonConfig(base, {Kind::Autoencoder, 1}, 2);
        QCOMPARE(ae.modelKind, std::string("autoencoder"));
        QVERIFY(ae.isAutoencoder());
        QCOMPARE(comparisonConfig(base, {Kind::BetaVae, 4}, 2).modelName(),
                 std::string("beta-vae"));
        QCOMPARE(comparisonConfig(base, {Kind::Vae, 1}, 2).modelName(), std::string("vae"));
    }

    void dialogPresetsFillTheRows()
    {
        vae::TrainingConfig base = test::smallConfig(3, 64);
        base.seed = 11;
        ComparisonDialog dialog(base);
        // The default: autoencoder vs VAE.
        QCOMPARE(dialog.models(), *comparisonPreset(QStringLiteral("ae-vae")));
        dialog.applyPreset(QStringLiteral("beta-sweep"));
        QCOMPARE(dialog.models(), *comparisonPreset(QStringLiteral("beta-sweep")));
        dialog.presetBox()->setCurrentIndex(dialog.presetBox()->findData(QStringLiteral("beta")));
        QCOMPARE(dialog.models(), *comparisonPreset(QStringLiteral("beta")));
        dialog.epochsBox()->setValue(5);
        dialog.batchSizeBox()->setValue(32);
        const vae::TrainingConfig config = dialog.config();
        QCOMPARE(config.epochs, 5);
        QCOMPARE(config.batchSize, 32);
        QCOMPARE(config.seed, std::uint64_t(11));
        QCOMPARE(config.hiddenSizes, base.hiddenSizes);
    }

    void compareFlagIsParsed()
    {
        const QString program = QStringLiteral("vae-explorer");
        CommandLineResult ok =
            parseCommandLine({program, QStringLiteral("--compare"), QStringLiteral("ae-vae")});
        QVERIFY(ok.ok);
        QCOMPARE(ok.options.comparePreset, QStringLiteral("ae-vae"));
        CommandLineResult bad =
            parseCommandLine({program, QStringLiteral("--compare"), QStringLiteral("gan")});
        QVERIFY(!bad.ok);
        QVERIFY2(bad.message.contains(QStringLiteral("beta-sweep")), qPrintable(bad.message));
        QVERIFY(parseCommandLine({program}).options.comparePreset.isEmpty());
        QVERIFY(!parseCommandLine({program}).options.showRateDistortion);
        QVERIFY(parseCommandLine({program, QStringLiteral("--rate-distortion")})
                    .options.showRateDistortion);
    }

    /// Window test (the main window's own menus): Compare Models… is in the menu that holds
    /// Start, Rate–Distortion in the Explore menu.
    void compareActionIsInTheTrainingMenu()
    {
        MainWindow window(test::testOptions());
        auto* tool = window.findChild<ComparisonTool*>();
        QVERIFY(tool != nullptr);
        QCOMPARE(tool->action()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
        bool inTrainingMenu = false;
        for (QObject* object : window.startAction()->associatedObjects()) {
            if (auto* menu = qobject_cast<QMenu*>(object))
                inTrainingMenu = inTrainingMenu || menu->actions().contains(tool->action());
        }
        QVERIFY(inTrainingMenu);
        auto* rd = window.findChild<RateDistortionTool*>();
        QVERIFY(rd != nullptr);
        QVERIFY(window.exploreMenu()->actions().contains(rd->panelAction()));
        QCOMPARE(rd->panelAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    }

    void toolsPutTheirActionsInTheirMenus()
    {
        test::FakeToolContext context(test::testOptions());
        auto* tool = context.add<ComparisonTool>();
        auto* rd = context.add<RateDistortionTool>();
        QCOMPARE(tool->action()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
        QVERIFY(context.trainingMenu().actions().contains(tool->action()));
        QVERIFY(!context.exploreMenu().actions().contains(tool->action()));
        QVERIFY(context.exploreMenu().actions().contains(rd->panelAction()));
        QVERIFY(context.exploreToolBar().actions().contains(rd->panelAction()));
        QCOMPARE(rd->panelAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
        QVERIFY(rd->dock()->isHidden());
        QVERIFY(tool->comparisonWindow() == nullptr);

        // Without MNIST there is nothing to compare: the tool says so and opens nothing.
        tool->action()->trigger();
        QCOMPARE(context.errors().size(), 1);
        QVERIFY2(context.errors().front().startsWith(QStringLiteral("Cannot compare models")),
                 qPrintable(context.errors().front()));
        QVERIFY(tool->openComparison(test::smallConfig(1, 64),
                                     *comparisonPreset(QStringLiteral("ae-vae"))) == nullptr);
        QCOMPARE(context.errors().size(), 2);
        QVERIFY(tool->comparisonWindow() == nullptr);

        // --rate-distortion shows the dock.
        LaunchOptions options = test::testOptions();
        options.showRateDistortion = true;
        test::FakeToolContext shown(options);
        QVERIFY(!shown.add<RateDistortionTool>()->dock()->isHidden());
    }

    // --- with MNIST ----------------------------------------------------------------------------

    void sameSeedSameBatches()
    {
        VAE_REQUIRE_MNIST();
        // Two identical configs: same seed ⇒ same weights, batches and ε ⇒ identical runs.
        auto same = trained({{Kind::Vae, 1}, {Kind::Vae, 1}}, 1, 100);
        QVERIFY(same);
        QVERIFY(!same->isTraining());
        const vae::TrainingHistory& a = same->history(0);
        const vae::TrainingHistory& b = same->history(1);
        QCOMPARE(a.steps.size(), std::size_t(20)); // 2,000 images / 100
        QCOMPARE(b.steps.size(), a.steps.size());
        for (std::size_t i = 0; i < a.steps.size(); ++i) {
            QCOMPARE(b.steps[i].step, a.steps[i].step);
            QCOMPARE(b.steps[i].epoch, a.steps[i].epoch);
            QCOMPARE(b.steps[i].loss.reconstruction, a.steps[i].loss.reconstruction);
            QCOMPARE(b.steps[i].loss.kl, a.steps[i].loss.kl);
        }
        QCOMPARE(a.epochs.size(), std::size_t(1));
        QCOMPARE(b.epochs.front().test.elbo, a.epochs.front().test.elbo);
        QCOMPARE(same->config(0).threads, same->config(1).threads);
        QCOMPARE(same->config(0).threads,
                 std::max(1, test::smallConfig(1, 100).effectiveThreads() / 2));

        // β = 1 vs β = 4: the steps align, and the first step — same weights, same batch, same
        // ε, before any update — has the same loss terms; after it the objectives part ways.
        auto beta = trained({{Kind::Vae, 1}, {Kind::BetaVae, 4}}, 1, 100);
        QVERIFY(beta);
        const vae::TrainingHistory& v = beta->history(0);
        const vae::TrainingHistory& w = beta->history(1);
        QCOMPARE(w.steps.size(), v.steps.size());
        for (std::size_t i = 0; i < v.steps.size(); ++i) {
            QCOMPARE(w.steps[i].step, v.steps[i].step);
            QCOMPARE(w.steps[i].epoch, v.steps[i].epoch);
        }
        QCOMPARE(v.steps.front().beta, 1.0);
        QCOMPARE(w.steps.front().beta, 4.0);
        QCOMPARE(w.steps.front().loss.reconstruction, v.steps.front().loss.reconstruction);
        QCOMPARE(w.steps.front().loss.kl, v.steps.front().loss.kl);
        QVERIFY(w.steps.back().loss.kl != v.steps.back().loss.kl);
        // β = 4 pays more for rate: by the end it spends less of it.
        QVERIFY2(w.epochs.front().test.kl < v.epochs.front().test.kl,
                 qPrintable(QStringLiteral("KL β=4 %1, β=1 %2")
                                .arg(w.epochs.front().test.kl)
                                .arg(v.epochs.front().test.kl)));
    }

    void linkedPanesDecodeTheSameZAndShareSamples()
    {
        VAE_REQUIRE_MNIST();
        auto window = trained({{Kind::Vae, 1}, {Kind::BetaVae, 4}}, 2, 50);
        QVERIFY(window);
        QCOMPARE(window->paneCount(), 2);
        // The two models differ (else "same z, each model's decode" would prove little).
        QVERIFY(window->model(0) != window->model(1));

        // One click in the second pane's latent plane.
        LatentPlot* plot = window->latentPlot(1);
        const QRect area = plot->axisRect()->rect();
        const QPoint click(area.left() + area.width() * 3 / 10, area.top() + area.height() * 2 / 3);
        const QPointF picked = plot->pixelToLatent(click);
        QSignalSpy decoded(window.get(), &ComparisonWindow::decoded);
        QTest::mouseClick(plot, Qt::LeftButton, {}, click);
        QCOMPARE(decoded.count(), 1);
        QCOMPARE(window->marker(), picked);
        for (int i = 0; i < window->paneCount(); ++i) {
            const std::vector<float> z{float(picked.x()), float(picked.y())};
            QCOMPARE(window->decodedZ(i), z);
            QCOMPARE(window->decodedModel(i), window->model(i));
            QCOMPARE(window->decodedPixels(i), window->model(i)->decode(z));
            QCOMPARE(window->decodedView(i)->image(),
                     ExampleImage{}.toQImage(window->decodedPixels(i)));
            QCOMPARE(window->latentPlot(i)->marker(), picked);
        }
        // Different models, same z: different images.
        QVERIFY(window->decodedPixels(0) != window->decodedPixels(1));

        // A drag in the first pane keeps decoding in both.
        LatentPlot* first = window->latentPlot(0);
        const QPoint from = first->axisRect()->rect().center();
        const QPoint to = from + QPoint(25, -15);
        QTest::mousePress(first, Qt::LeftButton, {}, from);
        QMouseEvent move(QEvent::MouseMove, QPointF(to), first->mapToGlobal(QPointF(to)),
                         Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(first, &move);
        QTest::mouseRelease(first, Qt::LeftButton, {}, to);
        const QPointF dragged = first->pixelToLatent(to);
        QCOMPARE(window->marker(), dragged);
        QCOMPARE(window->latentPlot(1)->marker(), dragged);
        QCOMPARE(window->decodedPixels(1), window->model(1)->decode(std::vector<float>{
                                               float(dragged.x()), float(dragged.y())}));

        // The prior samples: the same z in every pane, each decoded by its own model.
        const int seed = window->sampleSeed();
        const std::vector<float> z = vae::samplePrior(ComparisonWindow::kSamples, 2, seed);
        for (int i = 0; i < window->paneCount(); ++i) {
            QVERIFY(window->samples(i) != nullptr);
            QCOMPARE(window->samples(i)->z, z);
            QCOMPARE(window->samples(i)->model, window->model(i));
            QCOMPARE(window->samples(i)->pixels,
                     window->model(i)->decodeBatch(z, ComparisonWindow::kSamples));
            QCOMPARE(window->samplesView(i)->grid(), window->samples(i));
        }
        window->resample();
        QCOMPARE(window->sampleSeed(), seed + 1);
        const std::vector<float> next = vae::samplePrior(ComparisonWindow::kSamples, 2, seed + 1);
        QVERIFY(next != z);
        QCOMPARE(window->samples(0)->z, next);
        QCOMPARE(window->samples(1)->z, next);

        // Same axes: equal ranges; a zoom in one pane is followed by the other.
        QVERIFY(window->linkedAxes());
        QCOMPARE(window->latentPlot(0)->xAxis->range(), window->latentPlot(1)->xAxis->range());
        QCOMPARE(window->latentPlot(0)->yAxis->range(), window->latentPlot(1)->yAxis->range());
        const QPoint centre = first->axisRect()->rect().center();
        QWheelEvent wheel(QPointF(centre), first->mapToGlobal(QPointF(centre)), QPoint(),
                          QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        const double before = first->xAxis->range().size();
        QApplication::sendEvent(first, &wheel);
        QVERIFY(first->xAxis->range().size() < before * 0.99);
        QVERIFY(!first->followsData());
        QCOMPARE(window->latentPlot(1)->xAxis->range(), first->xAxis->range());
        QCOMPARE(window->latentPlot(1)->yAxis->range(), first->yAxis->range());
        // Unlinked: each pane fits its own data again.
        window->setLinkedAxes(false);
        QVERIFY(first->followsData());
        QVERIFY(window->latentPlot(0)->xAxis->range() != window->latentPlot(1)->xAxis->range() ||
                window->latentPlot(0)->yAxis->range() != window->latentPlot(1)->yAxis->range());

        // The rate–distortion curves are the step records' block means, one per model.
        RateDistortionPlot* rd = window->rateDistortionPlot();
        QCOMPARE(rd->curveCount(), 2);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(window->history(i).steps.size(), std::size_t(80)); // 2 × 2,000 / 50
            verifyTrace(rd->trace(i), window->history(i));
            if (QTest::currentTestFailed())
                return;
        }
        // The pane titles carry the test figures of the last epoch.
        const vae::EpochSummary& last = window->history(1).epochs.back();
        QVERIFY2(window->statsLabel(1)->text().contains(QLocale().toString(last.test.kl, 'f', 1)),
                 qPrintable(window->statsLabel(1)->text()));
    }

    void autoencoderHasNoRate()
    {
        VAE_REQUIRE_MNIST();
        auto window = trained(*comparisonPreset(QStringLiteral("ae-vae")), 3, 50);
        QVERIFY(window);
        QVERIFY(window->config(0).isAutoencoder());
        QVERIFY(!window->config(1).isAutoencoder());
        // Same batches whatever the kind: the steps align.
        QCOMPARE(window->history(0).steps.size(), window->history(1).steps.size());
        for (std::size_t i = 0; i < window->history(0).steps.size(); ++i)
            QCOMPARE(window->history(0).steps[i].epoch, window->history(1).steps[i].epoch);
        // The autoencoder reports no KL: it sits at rate 0 in the plane.
        for (const vae::StepRecord& step : window->history(0).steps)
            QCOMPARE(step.loss.kl, 0.0);
        QCOMPARE(window->history(0).epochs.back().test.kl, 0.0);
        for (const QPointF& p : window->rateDistortionPlot()->trace(0).points())
            QCOMPARE(p.x(), 0.0);
        QVERIFY(window->history(1).epochs.back().test.kl > 1.0);
        QVERIFY2(window->statsLabel(0)->text().contains(
                     QStringLiteral("KL %1").arg(QLocale().toString(0.0, 'f', 1))),
                 qPrintable(window->statsLabel(0)->text()));
    }

    void convModelsCompareWithTheDatasShape()
    {
        // The settings' config need not carry the data's shape (the window sets it from the
        // data, as the main window's Start does): a conv base whose input size is stale still
        // trains two conv panes on the data's 28 × 28 images.
        VAE_REQUIRE_MNIST();
        vae::TrainingConfig base = test::smallConfig(1, 64);
        base.architecture = "conv";
        base.convChannels = {4, 8};
        base.hiddenSizes = {32};
        base.threads = 1;
        base.inputSize = 4096;
        base.imageHeight = 64;
        base.imageWidth = 64;
        auto window = std::make_unique<ComparisonWindow>(m_data, base,
                                                         *comparisonPreset(QStringLiteral("beta")));
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QVERIFY(window->start());
        QVERIFY(QTest::qWaitFor([&] { return !window->isTraining(); }, 60000));
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(window->config(i).architecture, std::string("conv"));
            QCOMPARE(window->config(i).inputSize, 784);
            QCOMPARE(window->config(i).imageHeight, 28);
            QVERIFY(!window->history(i).epochs.empty());
            QVERIFY(std::isfinite(window->history(i).epochs.back().test.elbo));
        }
    }

    void compareFlagOpensTheComparisonOnceDataIsLoaded()
    {
        VAE_REQUIRE_MNIST();
        LaunchOptions options = test::testOptions();
        options.comparePreset = QStringLiteral("beta");
        test::FakeToolContext context(options);
        vae::TrainingConfig settings = test::smallConfig(1, 100);
        settings.seed = 23;
        context.setTrainingSettings(settings);
        auto* tool = context.add<ComparisonTool>();
        QVERIFY(tool->comparisonWindow() == nullptr);
        context.session().loadData();
        QTRY_VERIFY_WITH_TIMEOUT(context.data() != nullptr, 30000);
        // Opened with the preset's models and the user's training settings, and started.
        QPointer<ComparisonWindow> first = tool->comparisonWindow();
        QVERIFY(first);
        QVERIFY(first->isVisible());
        QCOMPARE(first->paneCount(), int(comparisonPreset(QStringLiteral("beta"))->size()));
        for (int i = 0; i < first->paneCount(); ++i) {
            QCOMPARE(first->comparedModel(i), comparisonPreset(QStringLiteral("beta"))->at(i));
            QCOMPARE(first->config(i).seed, std::uint64_t(23));
            QCOMPARE(first->config(i).trainSubset, settings.trainSubset);
        }
        QVERIFY(first->isTraining());
        // Another comparison replaces it (closed, its trainers stopped).
        ComparisonWindow* second =
            tool->openComparison(settings, *comparisonPreset(QStringLiteral("ae-vae")));
        QVERIFY(second);
        QCOMPARE(tool->comparisonWindow(), second);
        QTRY_VERIFY(first.isNull());
        QVERIFY(second->config(0).isAutoencoder());
        second->close();
        QTRY_VERIFY(tool->comparisonWindow() == nullptr);
        QVERIFY2(context.errors().isEmpty(), qPrintable(context.errors().join(QLatin1Char('\n'))));
    }

    void dockTracesTheRun()
    {
        VAE_REQUIRE_MNIST();
        test::FakeToolContext context(test::testOptions());
        auto* tool = context.add<RateDistortionTool>();
        context.hostWindow().show();
        QVERIFY(QTest::qWaitForWindowExposed(&context.hostWindow()));
        tool->panelAction()->trigger();
        QVERIFY(tool->dock()->isVisible());
        context.session().loadData();
        QTRY_VERIFY_WITH_TIMEOUT(context.data() != nullptr, 30000);
        QVERIFY(context.session().startTraining(test::smallConfig(1, 64), false));
        QTRY_VERIFY_WITH_TIMEOUT(context.runEnded(), 60000);
        const vae::TrainingHistory history = context.history();
        QCOMPARE(history.steps.size(), std::size_t(32)); // ⌈2,000 / 64⌉
        verifyTrace(tool->plot()->trace(0), history);
        if (QTest::currentTestFailed())
            return;
        // A second run starts a new curve.
        QVERIFY(context.session().startTraining(test::smallConfig(1, 64), false));
        QTRY_VERIFY_WITH_TIMEOUT(context.runEnded(), 60000);
        verifyTrace(tool->plot()->trace(0), context.history());
    }
};

QTEST_MAIN(TestCompare)
#include "test_compare.moc"
