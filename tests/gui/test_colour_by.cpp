// Colour by: the latent scatter coloured by a known factor of the data (viridis with a colour bar
// over the factor's range, or the class palette with a legend for shapes' `shape`), the choices
// each dataset offers, factor columns in the latent CSV, and the Latent Dimensions panel's MIG
// against core's mutualInformationGap on the same means.

#include "guitestsupport.h"
#include "latentplottesting.h"

#include "plots/latentplot.h"
#include "plots/scattercolouring.h"
#include "session/latentcsv.h"
#include "shell/settingspanel.h"
#include "tools/dimensions/dimensionspanel.h"
#include "tools/dimensions/dimensionstool.h"
#include "tools/dimensions/migview.h"

#include <vae/disentanglement.h>
#include <vae/shapes.h>

#include <qcustomplot.h>

#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QTemporaryDir>
#include <QTextStream>

#include <cmath>
#include <memory>
#include <random>
#include <vector>

using namespace vae::gui;

namespace {

/// Test points at `points` with class labels and [n, 5] shapes factor indices.
std::shared_ptr<vae::LatentSnapshot> makeSnapshot(const std::vector<QPointF>& points,
                                                  const std::vector<std::uint8_t>& labels,
                                                  const std::vector<std::uint8_t>& factors)
{
    auto snapshot = std::make_shared<vae::LatentSnapshot>();
    snapshot->posterior.count = int(points.size());
    snapshot->posterior.dim = 2;
    for (const QPointF& p : points) {
        snapshot->posterior.mu.push_back(float(p.x()));
        snapshot->posterior.mu.push_back(float(p.y()));
        snapshot->posterior.sigma.push_back(1.0f);
        snapshot->posterior.sigma.push_back(1.0f);
    }
    snapshot->labels = labels;
    snapshot->factors = std::make_shared<const std::vector<std::uint8_t>>(factors);
    return snapshot;
}

QStringList itemsOf(const QComboBox* box)
{
    QStringList items;
    for (int i = 0; i < box->count(); ++i)
        items << box->itemText(i);
    return items;
}

using test::pixelOf;
using test::prepare;
using test::render;

ScatterColouring optionNamed(const QString& name)
{
    for (const ScatterColouring& option : ScatterColouring::optionsFor(vae::shapesDescription()))
        if (option.name == name)
            return option;
    return {};
}

} // namespace

class TestColourBy final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        test::initTestEnvironment();
        QVERIFY(m_dir.isValid());
    }

    void shapesOffersTheClassAndEachFactor()
    {
        const QList<ScatterColouring> options =
            ScatterColouring::optionsFor(vae::shapesDescription());
        QCOMPARE(options.size(), 6);
        QCOMPARE(options[0].kind, ScatterColouring::Kind::Class);
        QCOMPARE(options[0].valueNames, (QStringList{"square", "ellipse", "heart"}));
        const QStringList names{"shape", "scale", "orientation", "position x", "position y"};
        for (int f = 0; f < 5; ++f) {
            QCOMPARE(options[f + 1].kind, ScatterColouring::Kind::Factor);
            QCOMPARE(options[f + 1].factor, f);
            QCOMPARE(options[f + 1].name, names[f]);
            QCOMPARE(options[f + 1].size, vae::kShapesFactorSizes[std::size_t(f)]);
            // Only the shape is categorical; the others are ordered, over their real values.
            QCOMPARE(options[f + 1].ordered, f != 0);
        }
        QCOMPARE(options[2].min, 0.5);
        QCOMPARE(options[2].max, 1.0);
        QCOMPARE(options[3].min, 0.0);
        QVERIFY(std::abs(options[3].max - 2 * M_PI) < 1e-12);
        QCOMPARE(options[4].max, 1.0);
        // MNIST: the class only; data without labels: one colour.
        const QList<ScatterColouring> mnist =
            ScatterColouring::optionsFor(vae::DataDescription::mnist());
        QCOMPARE(mnist.size(), 1);
        QCOMPARE(mnist[0].kind, ScatterColouring::Kind::Class);
        QCOMPARE(mnist[0].size, 10);
        vae::DataDescription table;
        table.width = 3;
        const QList<ScatterColouring> unlabelled = ScatterColouring::optionsFor(table);
        QCOMPARE(unlabelled.size(), 1);
        QCOMPARE(unlabelled[0].kind, ScatterColouring::Kind::Single);
        QCOMPARE(unlabelled[0].palette(), std::vector<QRgb>{ScatterColouring::singleColour().rgb()});
    }

    void anOrderedFactorMapsToViridisAtItsValue()
    {
        const ScatterColouring scale = optionNamed(QStringLiteral("scale"));
        QVERIFY(scale.ordered);
        // The ends of the map: viridis' dark violet and yellow.
        QCOMPARE(scale.colour(0), QColor(0x44, 0x01, 0x54));
        QCOMPARE(scale.colour(5), QColor(0xfd, 0xe7, 0x25));
        // Index 3 is scale 0.8, 3/5 of the way: between the stops at 0.5 (#21908c) and 0.625
        // (#27ad81), 0.8 of the way from the first, as QCustomPlot's gradient interpolates.
        QCOMPARE(scale.valueOf(3), 0.8);
        QCPColorGradient gradient = ScatterColouring::viridis();
        const QColor third = scale.colour(3);
        QCOMPARE(third.rgb(), gradient.color(0.8, QCPRange(0.5, 1.0)));
        QVERIFY(std::abs(third.red() - (0x21 + 0.8 * (0x27 - 0x21))) <= 1.5);
        QVERIFY(std::abs(third.green() - (0x90 + 0.8 * (0xad - 0x90))) <= 1.5);
        QVERIFY(std::abs(third.blue() - (0x8c + 0.8 * (0x81 - 0x8c))) <= 1.5);
        // Every index: the colour the bar shows at its value.
        const ScatterColouring orientation = optionNamed(QStringLiteral("orientation"));
        for (int v = 0; v < orientation.size; ++v)
            QCOMPARE(orientation.colour(v).rgb(),
                     gradient.color(orientation.valueOf(v), QCPRange(0, 2 * M_PI)));
        // Brighter with the value: viridis rises in luma.
        const auto luma = [](const QColor& c) {
            return 0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue();
        };
        for (int v = 1; v < orientation.size; ++v)
            QVERIFY(luma(orientation.colour(v)) > luma(orientation.colour(v - 1)));
    }

    void theScatterDrawsFactorColoursWithAColourBar()
    {
        LatentPlot plot;
        prepare(plot, 600, 400);
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        // Three points; factors (shape, scale, orientation, x, y) per point.
        const std::vector<QPointF> points{{0.0, 0.0}, {1.0, 1.0}, {-1.3, 0.7}};
        plot.setSnapshot(makeSnapshot(points, {0, 1, 2},
                                      {0, 5, 0, 31, 3,  //
                                       1, 0, 39, 0, 7,  //
                                       2, 3, 20, 16, 0}));
        plot.replotIfDirty();
        plot.xAxis->setRange(-2, 2);
        plot.yAxis->setRange(-2, 2);
        plot.stopFollowingData();

        const ScatterColouring scale = optionNamed(QStringLiteral("scale"));
        plot.setColouring(scale);
        plot.xAxis->setRange(-2, 2);
        plot.yAxis->setRange(-2, 2);
        QImage image = render(plot);
        QCOMPARE(plot.pointCount(), 3);
        QCOMPARE(image.pixel(pixelOf(plot, {0.0, 0.0})), scale.colour(5).rgb());
        QCOMPARE(image.pixel(pixelOf(plot, {1.0, 1.0})), scale.colour(0).rgb());
        QCOMPARE(image.pixel(pixelOf(plot, {-1.3, 0.7})), scale.colour(3).rgb());
        // The colour bar: visible, named after the factor, over its range; no legend.
        QVERIFY(plot.colourScale()->visible());
        QCOMPARE(plot.colourScale()->dataRange(), QCPRange(0.5, 1.0));
        QCOMPARE(plot.colourScale()->label(), QStringLiteral("scale"));
        QCOMPARE(plot.colourScale()->gradient(), ScatterColouring::viridis());
        QVERIFY(!plot.legend->visible());
        QVERIFY(plot.colourScale()->outerRect().width() > 0);
        // The bar is drawn: its top is the factor's largest value's colour, its bottom the least.
        const QRect bar = plot.colourScale()->axis()->axisRect()->rect();
        QVERIFY(bar.height() > 50);
        const QColor top = image.pixelColor(bar.center().x(), bar.top() + 1);
        const QColor bottom = image.pixelColor(bar.center().x(), bar.bottom() - 1);
        QVERIFY2(std::abs(top.red() - 0xfd) < 12 && std::abs(top.blue() - 0x25) < 12,
                 qPrintable(top.name()));
        QVERIFY2(std::abs(bottom.red() - 0x44) < 12 && std::abs(bottom.blue() - 0x54) < 12,
                 qPrintable(bottom.name()));

        // Position y: another column of the same indices.
        const ScatterColouring y = optionNamed(QStringLiteral("position y"));
        plot.setColouring(y);
        plot.xAxis->setRange(-2, 2);
        plot.yAxis->setRange(-2, 2);
        image = render(plot);
        QCOMPARE(image.pixel(pixelOf(plot, {0.0, 0.0})), y.colour(3).rgb());
        QCOMPARE(image.pixel(pixelOf(plot, {1.0, 1.0})), y.colour(7).rgb());
        QCOMPARE(image.pixel(pixelOf(plot, {-1.3, 0.7})), y.colour(0).rgb());
        QCOMPARE(plot.colourScale()->dataRange(), QCPRange(0.0, 1.0));
        QCOMPARE(plot.colourScale()->label(), QStringLiteral("position y"));

        // The shape: the class palette and a legend of the shapes' names, no bar.
        plot.setColouring(optionNamed(QStringLiteral("shape")));
        plot.xAxis->setRange(-2, 2);
        plot.yAxis->setRange(-2, 2);
        image = render(plot);
        QVERIFY(!plot.colourScale()->visible());
        QVERIFY(plot.legend->visible());
        QCOMPARE(plot.legend->itemCount(), 3);
        QCOMPARE(plot.graph(2)->name(), QStringLiteral("heart"));
        QCOMPARE(image.pixel(pixelOf(plot, {-1.3, 0.7})), LatentPlot::digitColor(2).rgb());
        QCOMPARE(image.pixel(pixelOf(plot, {1.0, 1.0})), LatentPlot::digitColor(1).rgb());

        // One colour: every point alike, no legend, no bar.
        ScatterColouring single;
        plot.setColouring(single);
        plot.xAxis->setRange(-2, 2);
        plot.yAxis->setRange(-2, 2);
        image = render(plot);
        for (const QPointF& p : points)
            QCOMPARE(image.pixel(pixelOf(plot, p)), ScatterColouring::singleColour().rgb());
        QVERIFY(!plot.legend->visible());
        QVERIFY(!plot.colourScale()->visible());
    }

    void theComboOffersWhatTheDataHas()
    {
        {
            VAE_REQUIRE_MNIST();
            MainWindow window(test::testOptions());
            window.show();
            VAE_WAIT_FOR_DATA(window);
            QCOMPARE(itemsOf(window.colourByBox()), QStringList{"class"});
            QVERIFY(!window.colourByBox()->isVisible()); // nothing to choose
            QCOMPARE(window.latentPlot()->colouring().kind, ScatterColouring::Kind::Class);
        }
        {
            LaunchOptions options = test::testOptions();
            options.dataset = QStringLiteral("shapes");
            MainWindow window(options);
            window.show();
            VAE_WAIT_FOR_DATA(window);
            QCOMPARE(itemsOf(window.colourByBox()),
                     (QStringList{"class", "shape", "scale", "orientation", "position x",
                                  "position y"}));
            QVERIFY(window.colourByBox()->isVisible());
            window.colourByBox()->setCurrentIndex(3);
            QCOMPARE(window.latentPlot()->colouring().name, QStringLiteral("orientation"));
            QVERIFY(window.latentPlot()->colouring().ordered);
            QVERIFY(window.setColourBy(QStringLiteral("Position X")));
            QCOMPARE(window.colourByBox()->currentIndex(), 4);
            QVERIFY(!window.setColourBy(QStringLiteral("colour")));
            QCOMPARE(window.colourByBox()->currentIndex(), 4);
        }
        {
            // A table without a label column: one colour, and its points are drawn.
            const QString path = m_dir.filePath(QStringLiteral("unlabelled.csv"));
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Text));
            QTextStream out(&file);
            out << "a,b,c\n";
            std::mt19937 random(3);
            std::normal_distribution<float> normal;
            for (int i = 0; i < 400; ++i)
                out << normal(random) << ',' << normal(random) << ',' << normal(random) << '\n';
            out.flush();
            file.close();
            LaunchOptions options = test::testOptions();
            options.dataset = QStringLiteral("csv:") + path;
            MainWindow window(options);
            window.show();
            VAE_WAIT_FOR_DATA(window);
            QVERIFY(window.data()->test.labels.empty());
            QCOMPARE(itemsOf(window.colourByBox()), QStringList{"one colour"});
            QVERIFY(!window.colourByBox()->isVisible());
            QCOMPARE(window.latentPlot()->colouring().kind, ScatterColouring::Kind::Single);
            vae::TrainingConfig config = test::smallConfig(1, 32);
            config.hiddenSizes = {16};
            config.trainSubset = 0;
            window.settingsPanel()->setConfig(config);
            QVERIFY2(window.startTraining(), qPrintable(window.lastErrorMessage()));
            VAE_WAIT_FOR_RUN_END(window);
            // Every test row is a point, though none has a label.
            QTRY_COMPARE_WITH_TIMEOUT(window.latentPlot()->pointCount(), window.data()->test.count,
                                      10000);
            QVERIFY(window.data()->test.count > 0);
            QCOMPARE(window.errorCount(), 0);
        }
    }

    void theLatentCsvCarriesTheFactors()
    {
        const auto snapshot = makeSnapshot({{0.5, -1.0}, {2.0, 0.25}}, {2, 0},
                                           {2, 1, 39, 4, 5,  //
                                            0, 5, 0, 31, 30});
        const std::vector<std::string> names{"shape", "scale", "orientation", "position x",
                                             "position y"};
        QString text;
        QTextStream out(&text);
        writeLatentCsv(out, *snapshot, names);
        out.flush();
        QCOMPARE(text.split(QLatin1Char('\n')),
                 (QStringList{"index,label,mu1,mu2,sigma1,sigma2,shape,scale,orientation,"
                              "position x,position y",
                              "0,2,0.5,-1,1,1,2,1,39,4,5", "1,0,2,0.25,1,1,0,5,0,31,30", ""}));
        // Without names (other data), the columns stay as they were.
        QString plain;
        QTextStream plainOut(&plain);
        writeLatentCsv(plainOut, *snapshot);
        plainOut.flush();
        QVERIFY(plain.startsWith(QStringLiteral("index,label,mu1,mu2,sigma1,sigma2\n0,2,")));
        // A name with a comma is quoted.
        QString quoted;
        QTextStream quotedOut(&quoted);
        const std::vector<std::string> odd{"a,b", "c", "d", "e", "f"};
        writeLatentCsv(quotedOut, *snapshot, odd);
        quotedOut.flush();
        QVERIFY(quoted.startsWith(QStringLiteral("index,label,mu1,mu2,sigma1,sigma2,\"a,b\",c,")));
    }

    void theMigShownIsCoresOnTheSameMeans()
    {
        // 3,000 points in 4 dimensions: z1 follows the scale, z3 position x, the others noise.
        constexpr int kCount = 3000;
        constexpr int kDim = 4;
        std::mt19937 random(11);
        std::normal_distribution<float> noise;
        auto snapshot = std::make_shared<vae::LatentSnapshot>();
        snapshot->step = 123;
        snapshot->posterior.count = kCount;
        snapshot->posterior.dim = kDim;
        std::vector<std::uint8_t> factors;
        for (int i = 0; i < kCount; ++i) {
            const int f[5] = {int(random() % 3), int(random() % 6), int(random() % 40),
                              int(random() % 32), int(random() % 32)};
            for (int v : f)
                factors.push_back(std::uint8_t(v));
            const float z[kDim] = {float(f[1]) + 0.2f * noise(random), noise(random),
                                   float(f[3]) + 0.3f * noise(random), noise(random)};
            for (float v : z) {
                snapshot->posterior.mu.push_back(v);
                snapshot->posterior.sigma.push_back(0.5f);
            }
        }
        snapshot->factors = std::make_shared<const std::vector<std::uint8_t>>(factors);
        const std::vector<int> sizes(vae::kShapesFactorSizes.begin(), vae::kShapesFactorSizes.end());
        const vae::MutualInformationGap expected =
            vae::mutualInformationGap(snapshot->posterior.mu, kCount, kDim, factors, sizes);

        DimensionsPanel panel;
        panel.resize(500, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(!panel.migBox()->isVisible()); // no factors: hidden
        panel.setFactors({"shape", "scale", "orientation", "position x", "position y"}, sizes);
        QVERIFY(panel.migBox()->isVisible());
        panel.setSnapshot(snapshot);
        panel.refresh();
        const MigView* view = panel.migView();
        QVERIFY(view->result().has_value());
        QCOMPARE(view->result()->mig, expected.mig);
        QCOMPARE(view->result()->gap, expected.gap);
        QCOMPARE(view->result()->bestDimension, (std::vector<int>{expected.bestDimension}));
        QCOMPARE(expected.bestDimension[1], 0); // scale in z1
        QCOMPARE(expected.bestDimension[3], 2); // position x in z3
        // The heat map: I / H per factor and dimension.
        for (int k = 0; k < 5; ++k)
            for (int j = 0; j < kDim; ++j)
                QCOMPARE(view->heatMap()->data()->cell(j, k),
                         expected.mutualInformation[std::size_t(k * kDim + j)] /
                             expected.factorEntropy[std::size_t(k)]);
        QVERIFY(view->scoreLabel()->text().contains(
            QStringLiteral("MIG %1").arg(QLocale().toString(expected.mig, 'f', 3))));
        QVERIFY(view->scoreLabel()->text().contains(QStringLiteral("scale: ")));
        qInfo("MIG of %d × %d means: %.2f ms", kCount, kDim, view->computeMilliseconds());

        // Data without factors again: hidden.
        panel.setFactors({}, {});
        QVERIFY(!panel.migBox()->isVisible());
    }

    void trainingOnShapesShowsTheMigOfTheLatestMeans()
    {
        LaunchOptions options = test::testOptions();
        options.dataset = QStringLiteral("shapes");
        options.showLatentDimensions = true;
        MainWindow window(options);
        window.resize(1200, 800);
        window.show();
        VAE_WAIT_FOR_DATA(window);
        vae::TrainingConfig config = test::smallConfig(1, 64);
        config.latentDim = 6;
        window.settingsPanel()->setConfig(config);
        QVERIFY(window.startTraining());
        VAE_WAIT_FOR_RUN_END(window);
        QTRY_VERIFY_WITH_TIMEOUT(window.latestLatent() && window.latestLatent()->posterior.dim == 6,
                                 10000);
        const auto latent = window.latestLatent();
        // The snapshot carries the test set's factors alongside its labels.
        QVERIFY(latent->factors);
        QCOMPARE(*latent->factors, window.data()->test.factors);
        auto* panel = window.findChild<DimensionsPanel*>();
        QVERIFY(panel);
        QVERIFY(panel->migBox()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(panel->migView()->result().has_value(), 10000);
        const std::vector<int> sizes(vae::kShapesFactorSizes.begin(), vae::kShapesFactorSizes.end());
        QTRY_COMPARE_WITH_TIMEOUT(
            panel->migView()->result()->mig,
            vae::mutualInformationGap(window.latestLatent()->posterior.mu,
                                      window.latestLatent()->posterior.count, 6,
                                      *window.latestLatent()->factors, sizes)
                .mig,
            10000);
        qInfo("MIG after one small epoch: %.3f (%.2f ms for %d × 6 means)",
              panel->migView()->result()->mig, panel->migView()->computeMilliseconds(),
              latent->posterior.count);
        QCOMPARE(window.errorCount(), 0);
    }
};

QTEST_MAIN(TestColourBy)
#include "test_colour_by.moc"
