// Model kinds (autoencoder, VAE, β-VAE) and live changes of β / the KL schedule from the settings
// panel, marked on the loss plot.

#include "guitestsupport.h"

#include "widgets/decodedview.h"
#include "tools/gradients/gradientpanel.h"
#include "tools/gradients/gradienttool.h"
#include "plots/latentplot.h"
#include "plots/lossplot.h"
#include "tools/posterior/posteriortool.h"
#include "shell/settingspanel.h"

#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSignalSpy>

#include <algorithm>
#include <cmath>

using namespace vae::gui;

namespace {

void choose(QComboBox* box, const QString& data)
{
    const int index = box->findData(data);
    QVERIFY(index >= 0);
    box->setCurrentIndex(index);
    emit box->activated(index); // what a user's choice emits
}

/// Saves the widget to $VAE_SCREENSHOT_DIR/name when that is set (README figures).
void saveScreenshot(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("VAE_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(widget->grab().save(QDir(dir).filePath(name)));
}

} // namespace

class TestModelKinds final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::initTestEnvironment(); }

    void modelChoiceFollowsBeta()
    {
        SettingsPanel panel;
        QCOMPARE(panel.modelKindBox()->currentData().toString(), QStringLiteral("vae"));
        choose(panel.modelKindBox(), QStringLiteral("beta-vae"));
        QCOMPARE(panel.betaBox()->value(), vae::TrainingConfig::kBetaVaePreset);
        QCOMPARE(panel.toConfig().modelKind, std::string("vae"));
        QCOMPARE(panel.toConfig().modelName(), std::string("beta-vae"));
        choose(panel.modelKindBox(), QStringLiteral("vae"));
        QCOMPARE(panel.betaBox()->value(), 1.0);
        panel.betaBox()->setValue(0.25); // a VAE with β ≠ 1 is a β-VAE
        QCOMPARE(panel.modelKindBox()->currentData().toString(), QStringLiteral("beta-vae"));

        choose(panel.modelKindBox(), QStringLiteral("autoencoder"));
        QCOMPARE(panel.toConfig().modelKind, std::string("autoencoder"));
        QVERIFY(!panel.betaBox()->isEnabled()); // no KL term to weigh
        QVERIFY(!panel.klScheduleBox()->isEnabled());

        vae::TrainingConfig config;
        config.klSchedule = "cyclical";
        config.klWarmupEpochs = 3;
        panel.setConfig(config);
        QCOMPARE(panel.modelKindBox()->currentData().toString(), QStringLiteral("vae"));
        QCOMPARE(panel.toConfig().klSchedule, std::string("cyclical"));
        QCOMPARE(panel.toConfig().klWarmupEpochs, 3.0);
        QVERIFY(panel.klEpochsBox()->isEnabled());
        QVERIFY(panel.explanationLabel()->text().contains(QStringLiteral("β·KL")));

        // While training the kind is fixed; β and the schedule stay editable.
        panel.setTrainingLocked(true);
        QVERIFY(!panel.modelKindBox()->isEnabled());
        QVERIFY(panel.betaBox()->isEnabled());
        QVERIFY(panel.klScheduleBox()->isEnabled());
        QVERIFY(panel.klEpochsBox()->isEnabled());
    }

    void liveChangesApplyFromTheNextStepAndAreMarked()
    {
        VAE_REQUIRE_MNIST();
        MainWindow window(test::testOptions());
        window.show();
        VAE_WAIT_FOR_DATA(window);
        // 2,000 images in batches of 64: 32 steps per epoch. The run is far longer than the test
        // (3,200 steps): each change is made while training is paused, so the step it takes
        // effect at does not depend on how fast this machine trains; the run is stopped at the
        // end.
        constexpr int kStepsPerEpoch = 32;
        window.settingsPanel()->setConfig(test::smallConfig(100, 64));
        QVERIFY(window.startTraining());
        SettingsPanel* panel = window.settingsPanel();
        auto pauseNow = [&] {
            window.togglePause();
            QTRY_COMPARE_WITH_TIMEOUT(window.trainer()->state(), vae::TrainerState::Paused, 30000);
        };
        QTRY_VERIFY_WITH_TIMEOUT(window.trainer()->history().steps.size() >= 2, 30000);
        pauseNow();

        panel->betaBox()->setValue(0.5);
        window.togglePause(); // resume
        QTRY_COMPARE_WITH_TIMEOUT(window.trainer()->history().changes.size(), std::size_t{1},
                                  30000);
        pauseNow();
        panel->klEpochsBox()->setValue(2.0); // still constant: no change to record
        choose(panel->klScheduleBox(), QStringLiteral("linear"));
        window.togglePause(); // resume
        QTRY_COMPARE_WITH_TIMEOUT(window.trainer()->history().changes.size(), std::size_t{2},
                                  30000);
        QTRY_VERIFY_WITH_TIMEOUT(window.trainer()->history().steps.size() >=
                                     std::size_t(window.trainer()->history().changes[1].step) + 1,
                                 30000);
        window.stopTraining();
        VAE_WAIT_FOR_RUN_END(window);

        const vae::TrainingHistory history = window.trainer()->history();
        QVERIFY(history.steps.size() < std::size_t{100 * kStepsPerEpoch}); // stopped early
        QCOMPARE(history.changes.size(), std::size_t{2});
        const vae::SettingChange& beta = history.changes[0];
        QCOMPARE(beta.setting, std::string("beta"));
        QCOMPARE(beta.from, std::string("1"));
        QCOMPARE(beta.to, std::string("0.5"));
        const auto kb = static_cast<std::size_t>(beta.step);
        QVERIFY(kb >= 2);
        QCOMPARE(history.steps[kb - 2].beta, 1.0); // the step before used the old β
        QCOMPARE(history.steps[kb - 1].beta, 0.5);
        QCOMPARE(beta.epoch, double(kb - 1) / kStepsPerEpoch);

        const vae::SettingChange& schedule = history.changes[1];
        QCOMPARE(schedule.setting, std::string("kl_schedule"));
        QCOMPARE(schedule.from, std::string("constant"));
        QCOMPARE(schedule.to, std::string("linear 2"));
        const auto ks = static_cast<std::size_t>(schedule.step);
        QCOMPARE(history.steps[ks - 2].beta, 0.5);
        // Linear over N = 2 epochs from the epoch the step starts at.
        const double e = double(ks - 1) / kStepsPerEpoch;
        QVERIFY(std::abs(history.steps[ks - 1].beta - 0.5 * std::min(1.0, e / 2.0)) < 1e-12);
        const double last = (double(history.steps.size()) - 1) / kStepsPerEpoch;
        QVERIFY(std::abs(history.steps.back().beta - 0.5 * std::min(1.0, last / 2.0)) < 1e-12);

        // One marker per change, at the epoch it took effect: between the steps before and at it.
        LossPlot* plot = window.lossPlot();
        QCOMPARE(plot->changeMarkers().size(), std::size_t{2});
        for (std::size_t i = 0; i < 2; ++i) {
            const LossPlot::ChangeMarker& marker = plot->changeMarkers()[i];
            const vae::SettingChange& change = history.changes[i];
            const auto k = static_cast<std::size_t>(change.step);
            QCOMPARE(marker.step, change.step);
            QCOMPARE(marker.line->point1->key(), change.epoch);
            QCOMPARE(marker.line->point2->key(), change.epoch);
            QVERIFY(marker.line->point1->key() >= history.steps[k - 2].epoch);
            QVERIFY(marker.line->point1->key() < history.steps[k - 1].epoch);
            QCOMPARE(marker.label->position->key(), change.epoch);
        }
        QCOMPARE(plot->changeMarkers()[0].label->text(), QStringLiteral("β 1 → 0.5"));
        QCOMPARE(plot->changeMarkers()[1].label->text(), QStringLiteral("KL constant → linear 2"));
        // On screen: the line's pixel column is the epoch's.
        plot->replotIfDirty(true);
        plot->replot();
        const QPointF pixel = plot->changeMarkers()[0].line->point1->pixelPosition();
        QVERIFY(std::abs(pixel.x() - plot->xAxis->coordToPixel(beta.epoch)) < 0.5);
        QVERIFY(pixel.x() > plot->axisRect()->left() && pixel.x() < plot->axisRect()->right());
        saveScreenshot(plot, QStringLiteral("lossplot-markers.png"));

        // A reloaded history (as from a checkpoint) brings the markers back.
        plot->setHistory(history, 2);
        QCOMPARE(plot->changeMarkers().size(), std::size_t{2});
        QCOMPARE(window.errorCount(), 0);
    }

    void autoencoderTrainsFromTheGui()
    {
        VAE_REQUIRE_MNIST();
        MainWindow window(test::testOptions());
        window.show();
        VAE_WAIT_FOR_DATA(window);
        window.settingsPanel()->setConfig(test::smallConfig(1, 64));
        choose(window.settingsPanel()->modelKindBox(), QStringLiteral("autoencoder"));
        QVERIFY(window.startTraining());
        QVERIFY(!window.settingsPanel()->modelKindBox()->isEnabled());
        VAE_WAIT_FOR_RUN_END(window);
        QCOMPARE(window.trainer()->state(), vae::TrainerState::Finished);
        QVERIFY(window.trainer()->config().isAutoencoder());

        const vae::TrainingHistory history = window.trainer()->history();
        QCOMPARE(history.steps.size(), std::size_t{32}); // ceil(2000 / 64)
        for (const vae::StepRecord& s : history.steps) {
            QCOMPARE(s.loss.kl, 0.0);
            QCOMPARE(s.beta, 0.0);
        }
        // The scatter shows the codes z = μ; every σ is 0, and drawing them is fine.
        QTRY_COMPARE_WITH_TIMEOUT(window.latentPlot()->pointCount(), 10000, 5000);
        const auto latent = window.latestLatent();
        QVERIFY(latent);
        QVERIFY(std::all_of(latent->posterior.sigma.begin(), latent->posterior.sigma.end(),
                            [](float s) { return s == 0.0f; }));
        const QPointF first = window.latentPlot()->scatter()->point(LatentScatter::TestSet, 0);
        QCOMPARE(first.x(), double(latent->posterior.mu[0]));
        QCOMPARE(first.y(), double(latent->posterior.mu[1]));
        QVERIFY(std::isfinite(first.x()) && std::isfinite(first.y()));
        const QImage shot = window.grab().toImage();
        QVERIFY(!shot.isNull());
        QVERIFY(!window.decodedView()->image().isNull());

        // The loss plot shows the reconstruction only.
        LossPlot* plot = window.lossPlot();
        QVERIFY(plot->isAutoencoder());
        QVERIFY(plot->stepGraph(LossPlot::Reconstruction)->visible());
        QVERIFY(!plot->stepGraph(LossPlot::Kl)->visible());
        QVERIFY(!plot->stepGraph(LossPlot::NegativeElbo)->visible());
        QCOMPARE(plot->testGraph(LossPlot::Reconstruction)->data()->at(0)->value,
                 history.epochs.back().test.reconstruction);
        saveScreenshot(&window, QStringLiteral("autoencoder-window.png"));
        QCOMPARE(window.errorCount(), 0);

        // The panels built on q(z|x) say why they have nothing to show, instead of failing.
        auto* posterior = window.findChild<PosteriorTool*>();
        QVERIFY(posterior);
        QVERIFY(posterior->selectTestImage(0));
        QTRY_VERIFY_WITH_TIMEOUT(posterior->shownText().contains(QStringLiteral("autoencoder")),
                                 5000);
        QVERIFY(!posterior->shown());
        auto* gradientsDock = window.findChild<QDockWidget*>(QStringLiteral("gradientsDock"));
        QVERIFY(gradientsDock);
        auto* gradients = gradientsDock->findChild<GradientPanel*>();
        QVERIFY(gradients);
        QSignalSpy failed(gradients, &GradientPanel::failed);
        gradientsDock->show();
        gradients->recompute();
        QTRY_VERIFY_WITH_TIMEOUT(failed.count() >= 1, 30000);
        QVERIFY2(gradients->lastError().contains(QStringLiteral("autoencoder")),
                 qPrintable(gradients->lastError()));
        QCOMPARE(window.errorCount(), 0); // no dialog: the panels say it themselves
    }
};

QTEST_MAIN(TestModelKinds)
#include "test_model_kinds.moc"
