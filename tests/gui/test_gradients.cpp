// Explore ▸ Gradient Estimators (issue 5, item 5): the panel's bars, ratio and figures against a
// direct vae::compareGradientEstimators call with the same model, images and seed, during a short
// training; the menu action, the --gradients flag, Recompute, and nothing computed while hidden.
// Built against a fake ToolContext (the tool, a latent plot and a session, no main window), except
// one test of the main window's own Explore menu.

#include "faketoolcontext.h"
#include "guitestsupport.h"

#include "shell/commandline.h"
#include "tools/gradients/gradientpanel.h"
#include "tools/gradients/gradienttool.h"

#include <vae/gradient_estimators.h>

#include <qcustomplot.h>

#include <QDockWidget>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

#include <cmath>

using namespace vae::gui;

namespace {

bool near(double a, double b, double relative)
{
    return std::abs(a - b) <= relative * std::max(std::abs(a), std::abs(b));
}

/// The panel's figures, bars and text against a direct core computation.
void verifyAgainstCore(const ToolContext& context, GradientPanel& panel)
{
    QVERIFY(panel.hasResult());
    const vae::GradientComparison& shown = panel.result();
    const int n = panel.imageCount();
    QCOMPARE(shown.count, n);
    QCOMPARE(shown.draws, panel.drawCount());
    vae::GradientEstimatorOptions options;
    options.draws = panel.drawCount();
    options.seed = GradientPanel::kSeed;
    const std::vector<float>& pixels = context.data()->test.pixels;
    const vae::GradientComparison direct = vae::compareGradientEstimators(
        *panel.resultModel(), std::span<const float>(pixels.data(), std::size_t(n) * 784), n,
        options);
    QCOMPARE(shown.step, direct.step);
    // The same computation; threads may split the GEMMs differently, so allow rounding.
    constexpr double kTolerance = 1e-5;
    QVERIFY2(near(shown.reparameterization.totalVariance, direct.reparameterization.totalVariance,
                  kTolerance),
             qPrintable(QStringLiteral("%1 vs %2")
                            .arg(shown.reparameterization.totalVariance)
                            .arg(direct.reparameterization.totalVariance)));
    QVERIFY(
        near(shown.scoreFunction.totalVariance, direct.scoreFunction.totalVariance, kTolerance));
    QVERIFY(near(shown.scoreFunctionBaseline.totalVariance,
                 direct.scoreFunctionBaseline.totalVariance, kTolerance));
    QVERIFY(near(shown.varianceRatio, direct.varianceRatio, kTolerance));
    QVERIFY(
        near(shown.reparameterization.meanNorm, direct.reparameterization.meanNorm, kTolerance));

    // The bars are the three variances, on a log axis that holds them.
    const double values[3] = {direct.reparameterization.totalVariance,
                              direct.scoreFunction.totalVariance,
                              direct.scoreFunctionBaseline.totalVariance};
    QCOMPARE(panel.plot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
    for (int i = 0; i < 3; ++i) {
        QCPBars* bars = panel.bars(i);
        QCOMPARE(bars->data()->size(), 1);
        QCOMPARE(bars->data()->begin()->key, double(i + 1));
        QVERIFY(near(bars->data()->begin()->value, values[i], kTolerance));
        QVERIFY(panel.plot()->yAxis->range().contains(values[i]));
    }
    // The ratio as text, in the panel's format.
    const QString ratio = GradientPanel::formatFactor(shown.varianceRatio);
    QVERIFY(!ratio.isEmpty());
    QVERIFY2(panel.ratioLabel()->text().contains(ratio + QStringLiteral("×")),
             qPrintable(panel.ratioLabel()->text()));
    QVERIFY(panel.detailsLabel()->text().contains(
        QLocale().toString(shown.reparameterization.totalVariance, 'g', 3)));
}

} // namespace

class TestGradients final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::initTestEnvironment(); }

    void flagAndAction()
    {
        const CommandLineResult parsed =
            parseCommandLine({QStringLiteral("vae-explorer"), QStringLiteral("--gradients")});
        QVERIFY(parsed.ok);
        QVERIFY(parsed.options.showGradients);
        QVERIFY(!parseCommandLine({QStringLiteral("vae-explorer")}).options.showGradients);

        test::FakeToolContext context(test::testOptions());
        GradientTool* tool = context.add<GradientTool>();
        QDockWidget* dock = tool->dock();
        QVERIFY(dock);
        QCOMPARE(dock->objectName(), QStringLiteral("gradientsDock")); // its saved place's name
        QCOMPARE(dock->findChild<GradientPanel*>(), tool->panel());
        QVERIFY(dock->isHidden());
        QAction* toggle = dock->toggleViewAction();
        QVERIFY(context.exploreMenu().actions().contains(toggle));
        QVERIFY(context.exploreToolBar().actions().contains(toggle));
        QCOMPARE(toggle->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_G));
        QVERIFY(tool->panel()->ratioLabel()->text().isEmpty());
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QCOMPARE(GradientPanel::formatFactor(24567.8), QStringLiteral("24,600"));
        QCOMPARE(GradientPanel::formatFactor(1234.5, 2), QStringLiteral("1,200"));
        QCOMPARE(GradientPanel::formatFactor(5.4217), QStringLiteral("5.42"));

        // The tool reads --gradients from the launch options.
        LaunchOptions options = test::testOptions();
        options.showGradients = true;
        test::FakeToolContext shown(options);
        QVERIFY(!shown.add<GradientTool>()->dock()->isHidden());
    }

    /// Window test (the main window's own Explore menu): the shell creates the tool, and its dock
    /// is found by its saved place's name.
    void mainWindowExploreMenuHoldsTheDock()
    {
        MainWindow window(test::testOptions());
        auto* dock = window.findChild<QDockWidget*>(QStringLiteral("gradientsDock"));
        QVERIFY(dock);
        QVERIFY(dock->isHidden());
        QVERIFY(dock->findChild<GradientPanel*>() != nullptr);
        QVERIFY(window.exploreMenu()->actions().contains(dock->toggleViewAction()));
    }

    void panelMatchesCoreDuringTraining()
    {
        VAE_REQUIRE_MNIST();
        LaunchOptions options = test::testOptions();
        options.showGradients = true;
        test::FakeToolContext context(options);
        GradientPanel* panel = context.add<GradientTool>()->panel();
        context.hostWindow().resize(1400, 900);
        context.hostWindow().show();
        context.session().loadData();
        QTRY_VERIFY_WITH_TIMEOUT(context.data() != nullptr, 30000);
        panel->imagesBox()->setValue(16);
        panel->drawsBox()->setValue(40);
        QCOMPARE(panel->resultCount(), 0); // no model yet
        QVERIFY(context.session().startTraining(test::smallConfig(3, 64), false));
        // The first model is taken at once, while training runs.
        QTRY_VERIFY_WITH_TIMEOUT(panel->hasResult(), 60000);
        qInfo("first result at step %lld: ratio %.1f, %.0f ms (training: %s)",
              static_cast<long long>(panel->result().step), panel->result().varianceRatio,
              panel->lastMs(), context.isTraining() ? "running" : "over");
        verifyAgainstCore(context, *panel);
        QTRY_VERIFY_WITH_TIMEOUT(context.runEnded(), 60000);
        // Then it catches up with the final model at once (no throttle once training is over),
        // and shows the same as the core for it.
        QTRY_VERIFY_WITH_TIMEOUT(panel->resultModel() == context.model(), 30000);
        QVERIFY(panel->result().step > 0);
        verifyAgainstCore(context, *panel);
        QVERIFY2(panel->result().varianceRatio > 10.0,
                 qPrintable(QString::number(panel->result().varianceRatio)));

        // Recompute: the same figures again (fixed seed), one more result.
        const int before = panel->resultCount();
        const double ratio = panel->result().varianceRatio;
        QTest::mouseClick(panel->recomputeButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(panel->resultCount(), before + 1, 30000);
        QVERIFY(near(panel->result().varianceRatio, ratio, 1e-5));

        // Another batch size recomputes with it.
        panel->imagesBox()->setValue(8);
        QTRY_COMPARE_WITH_TIMEOUT(panel->result().count, 8, 30000);
        verifyAgainstCore(context, *panel);
    }

    void nothingComputedWhileHidden()
    {
        VAE_REQUIRE_MNIST();
        test::FakeToolContext context(test::testOptions());
        GradientTool* tool = context.add<GradientTool>();
        GradientPanel* panel = tool->panel();
        context.hostWindow().show();
        context.session().loadData();
        QTRY_VERIFY_WITH_TIMEOUT(context.data() != nullptr, 30000);
        panel->imagesBox()->setValue(8);
        panel->drawsBox()->setValue(20);
        QVERIFY(context.session().startTraining(test::smallConfig(1, 64), false));
        QTRY_VERIFY_WITH_TIMEOUT(context.runEnded(), 60000);
        QCOMPARE(panel->resultCount(), 0);
        // Shown: it catches up with the newest model.
        tool->dock()->toggleViewAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(panel->resultModel() == context.model(), 30000);
        QCOMPARE(panel->resultCount(), 1);
        verifyAgainstCore(context, *panel);
    }
};

QTEST_MAIN(TestGradients)
#include "test_gradients.moc"
