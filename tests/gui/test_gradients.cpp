// Explore ▸ Gradient Estimators (issue 5, item 5): the panel's bars, ratio and figures against a
// direct vae::compareGradientEstimators call with the same model, images and seed, during a short
// training; the menu action, the --gradients flag, Recompute, and nothing computed while hidden.

#include "guitestsupport.h"

#include "shell/commandline.h"
#include "tools/gradients/gradientpanel.h"
#include "tools/gradients/gradienttool.h"
#include "shell/settingspanel.h"

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

QDockWidget* dockOf(MainWindow& window)
{
    return window.findChild<QDockWidget*>(QStringLiteral("gradientsDock"));
}

GradientPanel* panelOf(MainWindow& window)
{
    return dockOf(window)->findChild<GradientPanel*>();
}

bool near(double a, double b, double relative)
{
    return std::abs(a - b) <= relative * std::max(std::abs(a), std::abs(b));
}

/// The panel's figures, bars and text against a direct core computation.
void verifyAgainstCore(MainWindow& window, GradientPanel& panel)
{
    QVERIFY(panel.hasResult());
    const vae::GradientComparison& shown = panel.result();
    const int n = panel.imageCount();
    QCOMPARE(shown.count, n);
    QCOMPARE(shown.draws, panel.drawCount());
    vae::GradientEstimatorOptions options;
    options.draws = panel.drawCount();
    options.seed = GradientPanel::kSeed;
    const std::vector<float>& pixels = window.data()->test.pixels;
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

        MainWindow window(test::testOptions());
        QDockWidget* dock = dockOf(window);
        QVERIFY(dock);
        QVERIFY(dock->isHidden());
        QAction* toggle = dock->toggleViewAction();
        QVERIFY(window.exploreMenu()->actions().contains(toggle));
        QCOMPARE(toggle->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_G));
        QVERIFY(panelOf(window)->ratioLabel()->text().isEmpty());
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QCOMPARE(GradientPanel::formatFactor(24567.8), QStringLiteral("24,600"));
        QCOMPARE(GradientPanel::formatFactor(1234.5, 2), QStringLiteral("1,200"));
        QCOMPARE(GradientPanel::formatFactor(5.4217), QStringLiteral("5.42"));

        LaunchOptions options = test::testOptions();
        options.showGradients = true;
        MainWindow shown(options);
        QVERIFY(!dockOf(shown)->isHidden());
    }

    void panelMatchesCoreDuringTraining()
    {
        VAE_REQUIRE_MNIST();
        LaunchOptions options = test::testOptions();
        options.showGradients = true;
        MainWindow window(options);
        window.resize(1400, 900);
        window.show();
        VAE_WAIT_FOR_DATA(window);
        GradientPanel* panel = panelOf(window);
        panel->imagesBox()->setValue(16);
        panel->drawsBox()->setValue(40);
        QCOMPARE(panel->resultCount(), 0); // no model yet
        window.settingsPanel()->setConfig(test::smallConfig(3, 64));
        QVERIFY(window.startTraining());
        // The first model is taken at once, while training runs.
        QTRY_VERIFY_WITH_TIMEOUT(panel->hasResult(), 60000);
        qInfo("first result at step %lld: ratio %.1f, %.0f ms (training: %s)",
              static_cast<long long>(panel->result().step), panel->result().varianceRatio,
              panel->lastMs(), window.isTraining() ? "running" : "over");
        verifyAgainstCore(window, *panel);
        VAE_WAIT_FOR_RUN_END(window);
        // Then it catches up with the final model at once (no throttle once training is over),
        // and shows the same as the core for it.
        QTRY_VERIFY_WITH_TIMEOUT(panel->resultModel() == window.model(), 30000);
        QVERIFY(panel->result().step > 0);
        verifyAgainstCore(window, *panel);
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
        verifyAgainstCore(window, *panel);
    }

    void nothingComputedWhileHidden()
    {
        VAE_REQUIRE_MNIST();
        MainWindow window(test::testOptions());
        window.show();
        VAE_WAIT_FOR_DATA(window);
        GradientPanel* panel = panelOf(window);
        panel->imagesBox()->setValue(8);
        panel->drawsBox()->setValue(20);
        window.settingsPanel()->setConfig(test::smallConfig(1, 64));
        QVERIFY(window.startTraining());
        VAE_WAIT_FOR_RUN_END(window);
        QCOMPARE(panel->resultCount(), 0);
        // Shown: it catches up with the newest model.
        dockOf(window)->toggleViewAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(panel->resultModel() == window.model(), 30000);
        QCOMPARE(panel->resultCount(), 1);
        verifyAgainstCore(window, *panel);
    }
};

QTEST_MAIN(TestGradients)
#include "test_gradients.moc"
