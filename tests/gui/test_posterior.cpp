// Explore ▸ Posterior and Explore ▸ Importance-Weighted Bound on a model trained here: the heat map
// is the core's posterior grid for the selected image, the displayed numbers are the core's
// evidence decomposition and satisfy log p(x) = ELBO + KL(q ‖ p(z|x)) and ELBO = −reconstruction −
// KL(q ‖ p(z)) to 0.01 nat, a newer request supersedes a running one, and the IWAE panel shows the
// core's L_k for the same images and seed, rising with k and staying under the quadrature line.
// Built against a fake ToolContext: each test has the tool(s) it is about, a latent plot and a
// session with the models trained in initTestCase, no main window. The Posterior and Draw tools
// share one context where the Posterior examines the drawing.

#include "faketoolcontext.h"
#include "guitestsupport.h"

#include "shell/commandline.h"
#include "tools/draw/drawpad.h"
#include "tools/draw/drawtool.h"
#include "tools/iwae/iwaetool.h"
#include "plots/latentplot.h"
#include "tools/posterior/posteriorcontours.h"
#include "plots/posteriorellipse.h"
#include "tools/posterior/posteriortool.h"

#include <vae/likelihood.h>

#include <QLocale>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>

#include <cmath>
#include <span>
#include <vector>

using namespace vae::gui;

namespace {

/// A displayed number ("−97.80", typographic minus, the locale's digits) as a double.
double parseShown(QString text)
{
    text.replace(QChar(0x2212), QLatin1Char('-'));
    bool ok = false;
    const double value = QLocale().toDouble(text, &ok);
    if (!ok)
        qWarning("not a number: %s", qPrintable(text));
    return ok ? value : std::nan("");
}

std::span<const float> testImage(const ToolContext& context, int index)
{
    const vae::ImageSet& test = context.data()->test;
    const std::size_t perImage = std::size_t(test.pixelsPerImage());
    return std::span(test.pixels).subspan(std::size_t(index) * perImage, perImage);
}

vae::EvidenceOptions toolOptions()
{
    vae::EvidenceOptions options;
    options.grid.resolution = PosteriorTool::kGridResolution;
    options.samples = PosteriorTool::kSamples;
    options.seed = PosteriorTool::kSeed;
    return options;
}

} // namespace

/// The GUI computes on a worker thread, whose BLAS may split sums differently from the test
/// thread's: equal up to ~1e-10 relative, not to the last bit.
// Shown vs core values use 1e-4 nats: the panel's worker thread and the test thread can sum in a
// different order (BLAS threading), which moves means of ~150 nats by ~1e-6.
#define VERIFY_CLOSE(actual, expected, tolerance)                                                  \
    QVERIFY2(std::abs(double(actual) - double(expected)) <= (tolerance),                           \
             qPrintable(QStringLiteral("%1 = %2, expected %3")                                     \
                            .arg(QStringLiteral(#actual))                                          \
                            .arg(double(actual), 0, 'g', 12)                                       \
                            .arg(double(expected), 0, 'g', 12)))

class TestPosterior final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_model2d; ///< trained here for one short epoch, opened by the tests
    QString m_model3d; ///< the same with a 3-D latent space

    /// Trains smallConfig(1, 64) with `latentDim` in a session and saves the final model.
    void trainAndSave(int latentDim, const QString& path)
    {
        test::FakeToolContext context(test::testOptions());
        context.session().loadData();
        QTRY_VERIFY_WITH_TIMEOUT(context.data() != nullptr, 30000);
        vae::TrainingConfig config = test::smallConfig(1, 64);
        config.latentDim = latentDim;
        QVERIFY(context.session().startTraining(config, false));
        QTRY_VERIFY_WITH_TIMEOUT(context.runEnded(), 60000);
        QVERIFY(context.model());
        QCOMPARE(context.model()->latentDim(), latentDim);
        QVERIFY(context.session().saveModel(path));
    }

private slots:
    void initTestCase()
    {
        test::initTestEnvironment();
        QVERIFY(m_dir.isValid());
        VAE_REQUIRE_MNIST();
        m_model2d = m_dir.filePath(QStringLiteral("trained2d.safetensors"));
        m_model3d = m_dir.filePath(QStringLiteral("trained3d.safetensors"));
        trainAndSave(2, m_model2d);
        trainAndSave(3, m_model3d);
    }

    void launchFlags()
    {
        const CommandLineResult ok =
            parseCommandLine({QStringLiteral("vae-explorer"), QStringLiteral("--posterior"),
                              QStringLiteral("12"), QStringLiteral("--iwae")});
        QVERIFY(ok.ok);
        QCOMPARE(ok.options.posteriorIndex, std::optional<int>(12));
        QVERIFY(ok.options.showIwae);
        const CommandLineResult bad = parseCommandLine(
            {QStringLiteral("vae-explorer"), QStringLiteral("--posterior"), QStringLiteral("x")});
        QVERIFY(!bad.ok);
        QVERIFY(bad.message.contains(QStringLiteral("--posterior")));
    }

    void contoursOfAGaussianAreItsSigmaEllipses()
    {
        // N(0, diag(1, 0.25)) on a 200 × 200 grid over [−4, 4]²: the contours holding 39.3 % and
        // 86.5 % of the mass are the 1σ and 2σ ellipses.
        constexpr int kN = 200;
        constexpr double kStep = 8.0 / kN;
        constexpr double kFirst = -4 + kStep / 2;
        const double s1 = 1.0;
        const double s2 = 0.5;
        std::vector<double> density(std::size_t(kN) * kN);
        for (int r = 0; r < kN; ++r)
            for (int c = 0; c < kN; ++c) {
                const double z1 = kFirst + c * kStep;
                const double z2 = kFirst + r * kStep;
                density[std::size_t(r * kN + c)] =
                    std::exp(-0.5 * (z1 * z1 / (s1 * s1) + z2 * z2 / (s2 * s2))) /
                    (2 * M_PI * s1 * s2);
            }
        for (const auto& [mass, k] : {std::pair{DensityContours::kOneSigmaMass, 1.0},
                                      std::pair{DensityContours::kTwoSigmaMass, 2.0}}) {
            const double level = DensityContours::levelForMass(density, mass);
            const double expected = std::exp(-0.5 * k * k) / (2 * M_PI * s1 * s2);
            QVERIFY2(std::abs(level / expected - 1) < 0.02, qPrintable(QString::number(level)));
            const std::vector<QLineF> segments =
                DensityContours::trace(density, kN, level, kFirst, kFirst, kStep, kStep);
            QVERIFY(segments.size() > 100);
            for (const QLineF& segment : segments) {
                const double radius = std::hypot(segment.x1() / s1, segment.y1() / s2);
                QVERIFY2(std::abs(radius - k) < 0.02 * k, qPrintable(QString::number(radius)));
            }
            // One closed line.
            const std::vector<QPolygonF> lines = DensityContours::chain(segments);
            QCOMPARE(int(lines.size()), 1);
            QCOMPARE(lines.front().front(), lines.front().back());
            QVERIFY(lines.front().size() > 100);
        }
    }

    void heatMapAndNumbersAreTheCoresForTheSelectedImage()
    {
        test::FakeToolContext context(test::testOptions());
        PosteriorTool* tool = context.add<PosteriorTool>();
        QVERIFY(context.openWithData(m_model2d));
        QCOMPARE(context.model()->latentDim(), 2);
        QSignalSpy updated(tool, &PosteriorTool::updated);
        constexpr int kIndex = 7;
        QVERIFY(tool->selectTestImage(kIndex));
        QVERIFY(tool->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(tool->shown() && tool->shownPoint() &&
                                     tool->shownPoint()->index == kIndex && !tool->isComputing(),
                                 60000);
        QCOMPARE(tool->shownModel(), context.model());
        const std::span<const float> x = testImage(context, kIndex);
        QVERIFY(
            std::equal(x.begin(), x.end(), tool->shownPixels().begin(), tool->shownPixels().end()));

        // The core's numbers for this image and model, with the panel's options (deterministic).
        const vae::EvidenceDecomposition core =
            vae::evidenceDecomposition(*context.model(), x, toolOptions());
        const vae::EvidenceDecomposition& shown = *tool->shown();
        VERIFY_CLOSE(shown.logEvidence, core.logEvidence, 1e-4);
        VERIFY_CLOSE(shown.elbo, core.elbo, 1e-4);
        VERIFY_CLOSE(shown.reconstruction, core.reconstruction, 1e-4);
        VERIFY_CLOSE(shown.klPrior, core.klPrior, 1e-4);
        VERIFY_CLOSE(shown.klPosterior, core.klPosterior, 1e-4);
        QCOMPARE(shown.samples, PosteriorTool::kSamples);

        // The heat map holds p(z|x) = exp(log density) of every cell of the core's grid, and
        // covers the grid's region.
        const vae::PosteriorGrid& grid = core.grid;
        QCOMPARE(grid.resolution, PosteriorTool::kGridResolution);
        QCPColorMapData* data = tool->heatMap()->data();
        QCOMPARE(data->keySize(), grid.resolution);
        QCOMPARE(data->valueSize(), grid.resolution);
        QVERIFY(tool->heatMap()->visible());
        const int n = grid.resolution;
        const double dx = (grid.region.z1Max - grid.region.z1Min) / n;
        const double dy = (grid.region.z2Max - grid.region.z2Min) / n;
        QVERIFY(std::abs(data->keyRange().lower - (grid.region.z1Min + dx / 2)) < 1e-9);
        QVERIFY(std::abs(data->keyRange().upper - (grid.region.z1Max - dx / 2)) < 1e-9);
        QVERIFY(std::abs(data->valueRange().lower - (grid.region.z2Min + dy / 2)) < 1e-9);
        QVERIFY(std::abs(data->valueRange().upper - (grid.region.z2Max - dy / 2)) < 1e-9);
        double mass = 0;
        double worst = 0;
        for (int r = 0; r < n; ++r) {
            for (int c = 0; c < n; ++c) {
                const double expected = std::exp(grid.logDensity[std::size_t(r * n + c)]);
                worst = std::max(worst, std::abs(data->cell(c, r) - expected) /
                                            std::max(expected, 1e-300));
                mass += data->cell(c, r) * grid.cellArea;
            }
        }
        // The tool's grid and this one are computed apart (another thread, other row blocks in
        // the decoder's matrix products): log densities agree to ~1e-5 nats, as the numbers
        // above, not to the last bit (4.6e-5 was measured on an AMD EPYC's OpenBLAS kernels).
        QVERIFY2(worst < 1e-4, qPrintable(QStringLiteral("relative difference %1").arg(worst)));
        QVERIFY2(std::abs(mass - 1.0) < 1e-6, qPrintable(QString::number(mass))); // a density
        // q(z|x)'s ellipses: the encoder's μ and σ.
        const vae::Posterior q = context.model()->encode(x, 1);
        QVERIFY(tool->ellipse()->visible());
        QCOMPARE(tool->ellipse()->mean(), QPointF(grid.qMu[0], grid.qMu[1]));
        QCOMPARE(tool->ellipse()->sigma(), QPointF(grid.qSigma[0], grid.qSigma[1]));
        for (int j = 0; j < 2; ++j) {
            QVERIFY(std::abs(grid.qMu[std::size_t(j)] - q.mu[std::size_t(j)]) < 1e-5);
            QVERIFY(std::abs(grid.qSigma[std::size_t(j)] - q.sigma[std::size_t(j)]) < 1e-5);
        }

        // The displayed numbers: the core's, rounded to 2 decimals, and the identities hold.
        const double lpx = parseShown(tool->cellText(PosteriorTool::LogEvidence));
        const double elbo = parseShown(tool->cellText(PosteriorTool::Elbo));
        const double gap = parseShown(tool->cellText(PosteriorTool::KlPosterior));
        const double elbo2 = parseShown(tool->cellText(PosteriorTool::Elbo2));
        const double rec = parseShown(tool->cellText(PosteriorTool::Reconstruction));
        const double klPrior = parseShown(tool->cellText(PosteriorTool::KlPrior));
        constexpr double kRounding = 0.005 + 1e-9;
        QVERIFY(std::abs(lpx - core.logEvidence) <= kRounding);
        QVERIFY(std::abs(elbo - core.elbo) <= kRounding);
        QVERIFY(std::abs(gap - core.klPosterior) <= kRounding);
        QVERIFY(std::abs(elbo2 - core.elbo) <= kRounding);
        QVERIFY(std::abs(rec + core.reconstruction) <= kRounding);
        QVERIFY(std::abs(klPrior - core.klPrior) <= kRounding);
        QVERIFY2(std::abs(lpx - (elbo + gap)) <= 0.01 + 1e-9, qPrintable(tool->shownText()));
        QVERIFY2(std::abs(elbo2 - (rec - klPrior)) <= 0.01 + 1e-9, qPrintable(tool->shownText()));
        // The bound: log p(x) ≥ ELBO up to the Monte-Carlo error.
        QVERIFY(gap > -4 * core.elboStdError - 0.01);
        QVERIFY(tool->shownText().contains(QStringLiteral("%1 × %1").arg(n)));
        QVERIFY(tool->lastMilliseconds() > 0);
        QVERIFY(updated.count() >= 1);
    }

    void aNewerRequestSupersedesARunningOne()
    {
        test::FakeToolContext context(test::testOptions());
        PosteriorTool* tool = context.add<PosteriorTool>();
        QVERIFY(context.openWithData(m_model2d));
        QVERIFY(tool->selectTestImage(0));
        QTRY_VERIFY_WITH_TIMEOUT(
            tool->shownPoint() && tool->shownPoint()->index == 0 && !tool->isComputing(), 60000);
        std::vector<int> shownIndices;
        connect(tool, &PosteriorTool::updated, this, [&] {
            shownIndices.push_back(tool->shownPoint() ? tool->shownPoint()->index : -1);
        });
        const int applied = tool->appliedCount();
        const int dropped = tool->droppedCount();
        QVERIFY(tool->selectTestImage(1));
        QTRY_VERIFY_WITH_TIMEOUT(tool->isComputing(), 10000); // image 1 is being computed…
        QVERIFY(tool->selectTestImage(2));                    // …when image 2 is asked for
        QTRY_VERIFY_WITH_TIMEOUT(
            tool->shownPoint() && tool->shownPoint()->index == 2 && !tool->isComputing(), 60000);
        QTest::qWait(200);
        tool->disconnect(this);
        // Image 1's result never reached the screen: only image 2's was shown.
        QCOMPARE(shownIndices, std::vector<int>{2});
        QCOMPARE(tool->appliedCount(), applied + 1);
        QCOMPARE(tool->droppedCount(), dropped + 1);
        const vae::EvidenceDecomposition core =
            vae::evidenceDecomposition(*context.model(), testImage(context, 2), toolOptions());
        VERIFY_CLOSE(tool->shown()->logEvidence, core.logEvidence, 1e-4);
    }

    // A link between two tools: the Posterior examines the Draw tool's drawing (both on one
    // context, as in the window).
    void theDrawingIsUsedWhenChosen()
    {
        test::FakeToolContext context(test::testOptions());
        PosteriorTool* tool = context.add<PosteriorTool>();
        DrawTool* draw = context.add<DrawTool>();
        QVERIFY(context.openWithData(m_model2d));
        tool->show();
        QVERIFY(!draw->dock()->isVisible());
        const std::span<const float> x = testImage(context, 5);
        draw->pad()->setPixels(x);
        tool->setSource(PosteriorTool::Source::Drawing);
        QVERIFY(draw->dock()->isVisible()); // choosing the drawing opens the Draw tool
        const std::vector<float> drawn = draw->pad()->pixels();
        QCOMPARE(context.drawing(), drawn); // the drawing reached the context
        QTRY_VERIFY_WITH_TIMEOUT(tool->shown() && !tool->shownPoint() &&
                                     tool->shownPixels() == drawn && !tool->isComputing(),
                                 60000);
        const vae::EvidenceDecomposition core =
            vae::evidenceDecomposition(*context.model(), drawn, toolOptions());
        VERIFY_CLOSE(tool->shown()->logEvidence, core.logEvidence, 1e-4);
        VERIFY_CLOSE(tool->shown()->elbo, core.elbo, 1e-4);
        QVERIFY(tool->shownText().startsWith(QStringLiteral("Your drawing")));
    }

    void importanceWeightedBoundsAreTheCoresAndRiseTowardsTheQuadrature()
    {
        test::FakeToolContext context(test::testOptions());
        IwaeTool* tool = context.add<IwaeTool>();
        QVERIFY(context.openWithData(m_model2d));
        tool->show();
        constexpr int kImages = 8;
        tool->setImageCount(kImages);
        QSignalSpy finished(tool, &IwaeTool::finished);
        QVERIFY(tool->compute());
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 120000);
        const std::vector<IwaeTool::Row>& rows = tool->rows();
        QCOMPARE(int(rows.size()), int(IwaeTool::kSamples.size()) + 1); // + the quadrature line
        QCOMPARE(tool->resultModel(), context.model());
        QCOMPARE(tool->progressBar()->value(), tool->progressBar()->maximum());

        const vae::ImageSet& test = context.data()->test;
        const std::span<const float> x = std::span(test.pixels).first(std::size_t(kImages) * 784);
        const vae::InferenceModel& model = *context.model();
        for (std::size_t i = 0; i < IwaeTool::kSamples.size(); ++i) {
            const IwaeTool::Row& row = rows[i];
            QCOMPARE(row.k, IwaeTool::kSamples[i]);
            QCOMPARE(row.images, kImages);
            vae::ImportanceWeightedOptions options;
            options.k = row.k;
            options.seed = IwaeTool::kSeed;
            // k = 1000 on a prefix (image i's draws do not depend on the others): the first 3.
            const int n = row.k >= 1000 ? 3 : kImages;
            const vae::ImportanceWeightedResult core =
                vae::importanceWeightedBound(model, x.first(std::size_t(n) * 784), n, options);
            // Same draws; a shorter batch may round the decoder's sums differently (~1e-7).
            for (int j = 0; j < n; ++j)
                QVERIFY2(std::abs(row.perImage[std::size_t(j)] - core.perImage[std::size_t(j)]) <
                             1e-4,
                         qPrintable(QStringLiteral("k = %1, image %2: %3 vs %4")
                                        .arg(row.k)
                                        .arg(j)
                                        .arg(row.perImage[std::size_t(j)], 0, 'f', 6)
                                        .arg(core.perImage[std::size_t(j)], 0, 'f', 6)));
            if (n == kImages) {
                VERIFY_CLOSE(row.mean, core.mean, 1e-4);
                VERIFY_CLOSE(row.stdError, core.stdError, 1e-4);
            }
        }
        // The quadrature line: log p(x) of posteriorGrid() with the panel's grid, per image.
        const IwaeTool::Row& quadrature = rows.back();
        QCOMPARE(quadrature.k, 0);
        QCOMPARE(int(quadrature.perImage.size()), kImages);
        vae::PosteriorGridOptions gridOptions;
        gridOptions.resolution = IwaeTool::kQuadratureResolution;
        gridOptions.coarseResolution = IwaeTool::kQuadratureCoarseResolution;
        for (const int j : {0, kImages - 1}) {
            const vae::PosteriorGrid grid =
                vae::posteriorGrid(model, x.subspan(std::size_t(j) * 784, 784), gridOptions);
            VERIFY_CLOSE(quadrature.perImage[std::size_t(j)], grid.logEvidence, 1e-4);
        }
        double sum = 0;
        for (const double v : quadrature.perImage)
            sum += v;
        QVERIFY(std::abs(quadrature.mean - sum / kImages) < 1e-9);

        // L_1 ≤ L_10 ≤ L_100 ≤ L_1000 ≤ log p(x) in expectation. The estimates are paired (the
        // same images), so each comparison allows 4 standard errors of the mean per-image
        // difference (+ 0.02 nat): where q covers the posterior poorly, one image's L_100 can
        // land above its L_1000 by chance (heavy-tailed importance weights).
        auto pairedTolerance = [](const std::vector<double>& a, const std::vector<double>& b) {
            const std::size_t n = std::min(a.size(), b.size());
            double sum = 0, sumSq = 0;
            for (std::size_t j = 0; j < n; ++j) {
                const double d = a[j] - b[j];
                sum += d;
                sumSq += d * d;
            }
            const double meanD = sum / double(n);
            const double var = n > 1 ? (sumSq - double(n) * meanD * meanD) / double(n - 1) : 0.0;
            return 4 * std::sqrt(std::max(0.0, var) / double(n)) + 0.02;
        };
        for (std::size_t i = 1; i < IwaeTool::kSamples.size(); ++i) {
            const double tolerance = pairedTolerance(rows[i].perImage, rows[i - 1].perImage);
            QVERIFY2(rows[i].mean >= rows[i - 1].mean - tolerance,
                     qPrintable(QStringLiteral("L_%1 = %2 < L_%3 = %4 (tolerance %5)")
                                    .arg(rows[i].k)
                                    .arg(rows[i].mean)
                                    .arg(rows[i - 1].k)
                                    .arg(rows[i - 1].mean)
                                    .arg(tolerance)));
        }
        QVERIFY2(rows[0].mean < rows[3].mean, "L_1000 should be above the ELBO");
        for (std::size_t i = 0; i < IwaeTool::kSamples.size(); ++i) {
            const double tolerance = pairedTolerance(rows[i].perImage, quadrature.perImage);
            QVERIFY2(rows[i].mean <= quadrature.mean + tolerance,
                     qPrintable(QStringLiteral("L_%1 = %2 > log p(x) = %3")
                                    .arg(rows[i].k)
                                    .arg(rows[i].mean)
                                    .arg(quadrature.mean)));
        }

        // What is displayed: the table and the plot hold these values.
        QTableWidget* table = tool->table();
        QCOMPARE(table->rowCount(), int(rows.size()));
        for (int r = 0; r < table->rowCount(); ++r)
            QVERIFY(std::abs(parseShown(table->item(r, 1)->text()) - rows[std::size_t(r)].mean) <=
                    0.005 + 1e-9);
        QCPGraph* graph = tool->plot()->graph(0);
        QCOMPARE(graph->dataCount(), int(IwaeTool::kSamples.size()));
        for (int i = 0; i < graph->dataCount(); ++i) {
            QCOMPARE(graph->data()->at(i)->key, double(rows[std::size_t(i)].k));
            QCOMPARE(graph->data()->at(i)->value, rows[std::size_t(i)].mean);
        }
    }

    void cancelStopsTheComputation()
    {
        test::FakeToolContext context(test::testOptions());
        IwaeTool* tool = context.add<IwaeTool>();
        QVERIFY(context.openWithData(m_model2d));
        tool->setImageCount(10000);
        QSignalSpy finished(tool, &IwaeTool::finished);
        QVERIFY(tool->compute());
        QTRY_VERIFY_WITH_TIMEOUT(tool->progressBar()->value() > 0 || !tool->rows().empty(), 30000);
        tool->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 20000);
        QVERIFY(!tool->isRunning());
        QVERIFY(tool->rows().size() < IwaeTool::kSamples.size() + 1);
        QVERIFY(tool->statusText().contains(QStringLiteral("Cancelled")) || tool->rows().empty());
    }

    void aHigherDimensionalLatentDisablesTheGrid()
    {
        test::FakeToolContext context(test::testOptions());
        PosteriorTool* tool = context.add<PosteriorTool>();
        QVERIFY(context.openWithData(m_model2d));
        QVERIFY(tool->selectTestImage(3));
        QTRY_VERIFY_WITH_TIMEOUT(tool->shown() && !tool->isComputing(), 60000);
        // A run with a 3-D latent space replaces the shown model.
        vae::TrainingConfig config = test::smallConfig(1, 64);
        config.latentDim = 3;
        QVERIFY(context.session().startTraining(config, false));
        QTRY_VERIFY_WITH_TIMEOUT(context.runEnded(), 60000);
        QCOMPARE(context.model()->latentDim(), 3);
        QTRY_VERIFY_WITH_TIMEOUT(!tool->shown() && !tool->isComputing(), 60000);
        QVERIFY(tool->shownText().contains(QStringLiteral("D = 3")));
        QVERIFY(!tool->heatMap()->visible());
        QVERIFY(!tool->ellipse()->visible());
    }

    void aHigherDimensionalLatentKeepsTheBound()
    {
        test::FakeToolContext context(test::testOptions());
        IwaeTool* iwae = context.add<IwaeTool>();
        QVERIFY(context.openWithData(m_model3d));
        QCOMPARE(context.model()->latentDim(), 3);
        iwae->setImageCount(4);
        QSignalSpy finished(iwae, &IwaeTool::finished);
        QVERIFY(iwae->compute());
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);
        QCOMPARE(iwae->resultModel(), context.model());
        // The four bounds, and no quadrature line.
        QCOMPARE(int(iwae->rows().size()), int(IwaeTool::kSamples.size()));
        QVERIFY(iwae->rows().back().k == 1000);
        QVERIFY(iwae->rows().back().mean >= iwae->rows().front().mean - 0.05);
        QVERIFY(iwae->statusText().contains(QStringLiteral("2-D")));
    }
};

QTEST_MAIN(TestPosterior)
#include "test_posterior.moc"
