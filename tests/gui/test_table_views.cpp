// A table's examples in the views (tests/fixtures/wine.csv: the UCI wine data, 13 columns): the
// feature profile shows the decoder's output un-standardised, under the table's column names, and
// stays readable for 150 columns; the Inspector overlays a row of the file and its reconstruction;
// the manifold grid colours the latent plane by one decoded column; and the tool set follows the
// data when it is replaced (image ↔ table).

#include "faketoolcontext.h"
#include "guitestsupport.h"

#include "tools/draw/drawtool.h"
#include "tools/inspector/pointinspector.h"
#include "tools/manifold/manifoldgrid.h"
#include "tools/manifold/manifoldtool.h"
#include "widgets/decodedview.h"
#include "widgets/featureprofile.h"
#include "widgets/tilegrid.h"
#include "widgets/tilegridview.h"

#include <vae/checkpoint.h>
#include <vae/inference.h>

#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolBar>

#include <cmath>
#include <memory>
#include <vector>

using namespace vae::gui;

namespace {

const QString kWine = QStringLiteral(VAE_FIXTURES_DIR "/wine.csv");

QString wineSpec()
{
    return QStringLiteral("csv:") + kWine + QStringLiteral(":label=cultivar");
}

/// The file's rows, each its 13 numbers (the label column left out).
std::vector<std::vector<double>> wineRows()
{
    QFile file(kWine);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(kWine));
    std::vector<std::vector<double>> rows;
    file.readLine(); // the header
    while (!file.atEnd()) {
        const QStringList cells =
            QString::fromUtf8(file.readLine()).trimmed().split(QLatin1Char(','));
        std::vector<double> row;
        for (int c = 0; c + 1 < cells.size(); ++c)
            row.push_back(cells[c].toDouble());
        rows.push_back(row);
    }
    return rows;
}

/// An untrained Gaussian model for `description`'s table (decodes vary with z).
std::shared_ptr<const vae::InferenceModel> tableModel(const vae::DataDescription& description)
{
    vae::TrainingConfig config = test::smallConfig(1, 32);
    config.inputSize = description.inputSize();
    config.hiddenSizes = {32};
    config.latentDim = 2;
    config.likelihood = vae::Likelihood::Gaussian;
    config.seed = 3;
    return vae::makeUntrainedModel(config, description);
}

/// Value x = v · scale + mean of column i, by hand (not through DataDescription::toOriginalUnits).
double original(const vae::DataDescription& d, std::size_t i, float v)
{
    return double(v) * double(d.featureScale[i]) + double(d.featureMean[i]);
}

bool close(double a, double b)
{
    return std::abs(a - b) <= 1e-4 * std::max(1.0, std::abs(b));
}

QStringList namesOf(const vae::DataDescription& d)
{
    QStringList names;
    for (const std::string& name : d.featureNames)
        names << QString::fromStdString(name);
    return names;
}

} // namespace

class TestTableViews : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::initTestEnvironment(); }

    void decodedViewShowsTheDecoderOutputUnstandardisedUnderTheColumnNames()
    {
        test::FakeToolContext context(optionsFor(wineSpec()));
        context.session().loadData();
        QTRY_VERIFY_WITH_TIMEOUT(context.data() != nullptr, 30000);
        const vae::DataDescription& d = context.data()->description;
        QVERIFY(ExampleImage::isTable(d));
        QCOMPARE(d.inputSize(), 13);
        QVERIFY(d.standardised());
        const auto model = tableModel(d);

        DecodedView view;
        view.resize(420, 320);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const std::vector<float> z{0.7f, -1.2f};
        const std::vector<float> decoded = model->decode(z);
        view.setImage(decoded, ExampleImage::of(model->description()), z);
        QVERIFY(view.showsProfile());
        QVERIFY(view.image().isNull());
        FeatureProfile* profile = view.profile();
        QCOMPARE(profile->columnNames(), namesOf(d));
        QCOMPARE(profile->columnNames().value(12), QStringLiteral("proline"));
        QCOMPARE(profile->seriesCount(), 1);
        const std::vector<double> shown = profile->shownValues(0);
        QCOMPARE(shown.size(), std::size_t(13));
        for (std::size_t i = 0; i < shown.size(); ++i)
            QVERIFY2(close(shown[i], original(d, i, decoded[i])),
                     qPrintable(QStringLiteral("column %1: %2 vs %3")
                                    .arg(i)
                                    .arg(shown[i])
                                    .arg(original(d, i, decoded[i]))));
        // The hover text names the column and gives its value in original units.
        const QString tip = profile->toolTipText(12);
        QVERIFY2(tip.startsWith(QStringLiteral("proline\n")), qPrintable(tip));
        QVERIFY2(tip.contains(QLocale().toString(shown[12], 'g', 4)), qPrintable(tip));
        // Standardised, the bars are the decoder's own values.
        profile->setShowStandardised(true);
        QVERIFY(close(profile->shownValues(0)[4], double(decoded[4])));
        // The axis names the columns (slanted, every one of 13 fits in 420 pixels or every k-th).
        const QStringList labels = profile->axisLabels();
        QCOMPARE(labels.size(), 13);
        QCOMPARE(labels.value(0), QStringLiteral("alcohol"));
        // An image model: the canvas again, no profile.
        const auto mnist = vae::makeUntrainedModel(test::smallConfig(1, 32));
        view.setImage(mnist->decode(z), ExampleImage::of(mnist->description()), z);
        QVERIFY(!view.showsProfile());
        QCOMPARE(view.image().size(), QSize(28, 28));
    }

    void manyColumnsStayReadable()
    {
        vae::DataDescription d;
        d.name = "wide";
        d.height = 1;
        d.width = 150;
        d.values = vae::ValueKind::Real;
        for (int i = 0; i < d.width; ++i) {
            d.featureNames.push_back("measurement number " + std::to_string(i));
            d.featureMean.push_back(float(i));
            d.featureScale.push_back(2.0f);
        }
        FeatureProfile profile;
        profile.resize(600, 300);
        profile.show();
        QVERIFY(QTest::qWaitForWindowExposed(&profile));
        std::vector<float> values(150);
        for (int i = 0; i < 150; ++i)
            values[std::size_t(i)] = float(i % 7) - 3.0f;
        profile.setColumns(d);
        profile.setSeries({{QString(), values, Qt::blue, FeatureProfile::Style::Bars}});
        QTest::qWait(50); // the labels are thinned for the laid-out axis
        const QStringList labels = profile.axisLabels();
        QCOMPARE(labels.size(), 150);
        const auto written = labels.size() - labels.count(QString());
        QVERIFY2(written >= 5 && written <= 40, qPrintable(QString::number(written)));
        QCOMPARE(labels[0], QStringLiteral("measurement…")); // shortened; the tooltip has it all
        QVERIFY(profile.toolTipText(149).startsWith(QStringLiteral("measurement number 149\n")));
        QVERIFY(close(profile.shownValues(0)[149], (149 % 7 - 3) * 2.0 + 149));
        // Every bar is under its column: the column at a bar's pixel is that bar's.
        QCustomPlot* plot = profile.plot();
        const int x = int(std::lround(plot->xAxis->coordToPixel(97)));
        const int y = plot->axisRect()->center().y();
        QCOMPARE(profile.columnAt(QPoint(x, y)), 97);
    }

    void anEmptyProfileDoesNotKeepReplotting()
    {
        // Every DecodedView and TileGridView holds one, empty while the data are images: it once
        // relabelled and replotted itself for ever, which slowed every GUI test to a crawl.
        FeatureProfile profile;
        profile.resize(300, 200);
        profile.show();
        QVERIFY(QTest::qWaitForWindowExposed(&profile));
        profile.clear(QStringLiteral("nothing"));
        QTest::qWait(50);
        QSignalSpy replots(profile.plot(), &QCustomPlot::afterReplot);
        QTest::qWait(300);
        QVERIFY2(replots.count() <= 1, qPrintable(QString::number(replots.count())));
    }

    void inspectorOverlaysARowOfTheFileAndItsReconstruction()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        test::FakeToolContext context(optionsFor(wineSpec()));
        context.session().loadData();
        QTRY_VERIFY_WITH_TIMEOUT(context.data() != nullptr, 30000);
        const vae::DataDescription d = context.data()->description;
        const QString path = dir.filePath(QStringLiteral("wine.safetensors"));
        vae::saveCheckpoint(QFile::encodeName(path).toStdString(), *tableModel(d), {});
        auto* inspector = context.add<PointInspector>();
        QVERIFY(context.openWithData(path));
        QVERIFY(inspector->select({LatentScatter::TestSet, 5}));
        QTRY_VERIFY_WITH_TIMEOUT(inspector->shownModel() != nullptr, 10000);
        FeatureProfile* profile = inspector->profile();
        QVERIFY(!profile->isHidden());
        QCOMPARE(profile->seriesCount(), 2);
        // The input is row #5 of the test set as the file has it, in its own units.
        const std::vector<double> input = profile->shownValues(0);
        const std::vector<std::vector<double>> rows = wineRows();
        const bool found = std::any_of(rows.begin(), rows.end(), [&input](const auto& row) {
            for (std::size_t i = 0; i < row.size(); ++i)
                if (!close(input[i], row[i]))
                    return false;
            return true;
        });
        QVERIFY2(found, "the input profile is no row of wine.csv");
        // The reconstruction: the decoder's mean at μ, un-standardised.
        const auto& model = inspector->shownModel();
        const std::size_t per = 13;
        const std::vector<float> x(context.data()->test.pixels.begin() + 5 * per,
                                   context.data()->test.pixels.begin() + 6 * per);
        const std::vector<float> recon = model->decode(model->encode(x, 1).mu);
        const std::vector<double> shown = profile->shownValues(1);
        for (std::size_t i = 0; i < per; ++i)
            QVERIFY(close(shown[i], original(d, i, recon[i])));
        QCOMPARE(profile->toolTipText(0).section(QLatin1Char('\n'), 0, 0),
                 QStringLiteral("alcohol"));
    }

    void priorSamplesOfATableAreOneProfile()
    {
        vae::DataDescription d;
        d.height = 1;
        d.width = 4;
        d.values = vae::ValueKind::Real;
        d.featureNames = {"a", "b", "c", "d"};
        d.featureMean = {10, 20, 30, 40};
        d.featureScale = {1, 2, 3, 4};
        const auto model = tableModel(d);
        std::vector<float> z;
        for (int k = 0; k < 12; ++k)
            z.insert(z.end(), {0.3f * float(k) - 1.5f, 0.1f * float(k)});
        auto grid = std::make_shared<const TileGrid>(decodeTiles(model, z, 3, 4));
        QVERIFY(grid->image.isNull()); // a table's tiles are no image
        TileGridView view;
        view.setGrid(grid);
        QVERIFY(!view.profile()->isHidden());
        QCOMPARE(view.profile()->seriesCount(), 12);
        for (int k : {0, 7, 11})
            for (std::size_t i = 0; i < 4; ++i)
                QVERIFY(close(view.profile()->shownValues(k)[i],
                              original(d, i, grid->pixels[std::size_t(k) * 4 + i])));
    }

    void manifoldHeatMapCellsAreTheDecodedColumn()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        test::FakeToolContext context(optionsFor(wineSpec()));
        auto* tool = context.add<ManifoldTool>();
        context.session().loadData();
        QTRY_VERIFY_WITH_TIMEOUT(context.data() != nullptr, 30000);
        const vae::DataDescription d = context.data()->description;
        const QString path = dir.filePath(QStringLiteral("wine.safetensors"));
        vae::saveCheckpoint(QFile::encodeName(path).toStdString(), *tableModel(d), {});
        QVERIFY(context.openWithData(path));

        QComboBox* box = tool->columnBox();
        QCOMPARE(box->count(), 13);
        QCOMPARE(box->itemText(12), QStringLiteral("proline"));
        QVERIFY(box->isVisibleTo(context.hostWindow().findChild<QToolBar*>()));
        tool->setTilesPerSide(10);
        QSignalSpy updated(tool, &ManifoldTool::gridUpdated);
        tool->setGridShown(true);
        QVERIFY(updated.wait(10000));
        box->setCurrentIndex(12);
        QCOMPARE(tool->heatColumn(), 12);

        QCPColorMap* heat = tool->heatMap();
        QVERIFY(heat->visible());
        QCOMPARE(heat->data()->keySize(), 10);
        QCOMPARE(heat->data()->valueSize(), 10);
        QCOMPARE(tool->colourScale()->axis()->label(), QStringLiteral("proline"));
        const auto model = context.model();
        const auto check = [&](int column) {
            for (const auto& [c, j] : {std::pair{0, 0}, {3, 7}, {9, 9}, {6, 1}}) {
                double key = 0, value = 0;
                heat->data()->cellToCoord(c, j, &key, &value);
                const std::vector<float> point{float(key), float(value)};
                const std::vector<float> decoded = model->decode(point);
                const double expected =
                    original(d, std::size_t(column), decoded[std::size_t(column)]);
                const double cell = heat->data()->cell(c, j);
                if (!close(cell, expected))
                    return QStringLiteral("column %1 cell (%2, %3) at z = (%4, %5): %6 vs %7")
                        .arg(column)
                        .arg(c)
                        .arg(j)
                        .arg(key)
                        .arg(value)
                        .arg(cell)
                        .arg(expected);
            }
            return QString();
        };
        QString problem = check(12);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        // The cells cover the region shown: the outer cells' centres half a cell inside it.
        const QRectF region = tool->grid()->tiles().region;
        double key = 0, value = 0;
        heat->data()->cellToCoord(0, 0, &key, &value);
        QVERIFY(close(key, region.left() + region.width() / 20));
        QVERIFY(close(value, region.top() + region.height() / 20));
        // Another column: the same tiles, recoloured without decoding again.
        tool->setHeatColumn(0);
        QCOMPARE(updated.count(), 1);
        problem = check(0);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(tool->colourScale()->axis()->label(), QStringLiteral("alcohol"));
        // Export: the heat map's cells, 12 pixels each.
        const QString png = dir.filePath(QStringLiteral("heat.png"));
        QVERIFY2(tool->exportGrid(png), qPrintable(tool->lastError()));
        QCOMPARE(QImage(png).size(), QSize(10 * 12, 10 * 12));
        // Hidden, the heat map and its colour bar leave the plot.
        tool->setGridShown(false);
        QVERIFY(!heat->visible());
        QVERIFY(tool->colourScale()->layout() == nullptr);
    }

    void toolSetFollowsTheDataWhenItIsReplaced()
    {
        VAE_REQUIRE_MNIST();
        test::FakeToolContext context(optionsFor(QStringLiteral("mnist")));
        auto* draw = context.add<DrawTool>();
        auto* manifold = context.add<ManifoldTool>();
        context.hostWindow().show();
        QVERIFY(QTest::qWaitForWindowExposed(&context.hostWindow()));
        QSignalSpy loaded(&context, &ToolContext::dataLoaded);
        context.session().loadData();
        QVERIFY(loaded.wait(30000));
        QToolBar* bar = &context.exploreToolBar();
        QVERIFY(draw->action()->isVisible());
        QVERIFY(draw->isAvailable());
        QVERIFY(!manifold->columnBox()->isVisibleTo(bar));

        // A table: nothing to draw, and the manifold colours by a column.
        draw->dock()->show();
        QVERIFY(context.session().openDataset(wineSpec()));
        QVERIFY(loaded.wait(30000));
        QVERIFY(!draw->action()->isVisible());
        QVERIFY(!draw->isAvailable());
        QVERIFY(draw->dock()->isHidden());
        QVERIFY(manifold->columnBox()->isVisibleTo(bar));
        QCOMPARE(manifold->columnBox()->count(), 13);
        context.requestDrawing();
        QVERIFY(draw->dock()->isHidden());
        QVERIFY(!draw->loadImage(kWine));

        // Images again: the pad is back, the column box gone.
        QVERIFY(context.session().openDataset(QStringLiteral("mnist")));
        QVERIFY(loaded.wait(30000));
        QVERIFY(draw->action()->isVisible());
        QVERIFY(!manifold->columnBox()->isVisibleTo(bar));
        QCOMPARE(manifold->columnBox()->count(), 0);
    }

private:
    static LaunchOptions optionsFor(const QString& dataset)
    {
        LaunchOptions options = test::testOptions();
        options.dataset = dataset;
        return options;
    }
};

QTEST_MAIN(TestTableViews)
#include "test_table_views.moc"
