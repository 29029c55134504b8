// Explore ▸ Manifold Grid and Prior Quantile Manifold: the tiles are the decoder's output at the
// tile centres, cover the region shown, follow zoom, tile count and model, export at 28 px per
// tile, lie under the scatter; and how long a refresh takes on the default model. Built against a
// fake ToolContext (the tool, a latent plot and a session, no main window), except one test of the
// main window's own Explore menu and toolbar.

#include "faketoolcontext.h"
#include "guitestsupport.h"

#include "widgets/decodedview.h"
#include "plots/latentplot.h"
#include "shell/commandline.h"
#include "tools/manifold/manifoldgrid.h"
#include "tools/manifold/manifoldtool.h"
#include "widgets/tilegridview.h"

#include <vae/checkpoint.h>
#include <vae/inference.h>
#include <vae/prior.h>

#include <QDockWidget>
#include <QElapsedTimer>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

using namespace vae::gui;

namespace {

constexpr int kSide = 28;

/// A small untrained model (decodes vary with z; no MNIST needed).
std::shared_ptr<const vae::InferenceModel> untrainedModel(int latentDim, std::uint64_t seed)
{
    vae::TrainingConfig config = test::smallConfig(1, 64);
    config.latentDim = latentDim;
    config.seed = seed;
    return vae::makeUntrainedModel(config);
}

/// The window's manifold tool (MainWindow creates exactly one; only the window test looks for it).
ManifoldTool* toolOf(const MainWindow& window)
{
    auto* tool = window.findChild<ManifoldTool*>();
    if (tool == nullptr)
        qFatal("MainWindow has no ManifoldTool");
    return tool;
}

/// Stops the plot from following the data (as a wheel event does) and sets the view.
void setView(LatentPlot& plot, QCPRange x, QCPRange y)
{
    QWheelEvent wheel(QPointF(1, 1), plot.mapToGlobal(QPointF(1, 1)), QPoint(), QPoint(0, 0),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&plot, &wheel);
    plot.xAxis->setRange(x);
    plot.yAxis->setRange(y);
    plot.replot();
}

QRectF viewOf(const LatentPlot& plot)
{
    return QRectF(QPointF(plot.xAxis->range().lower, plot.yAxis->range().lower),
                  QPointF(plot.xAxis->range().upper, plot.yAxis->range().upper));
}

/// Largest difference between two arrays of decoded means. The tiles are decoded on a pool thread,
/// where BLAS may split the products differently: equal up to float rounding.
float maxDifference(const std::vector<float>& a, const std::vector<float>& b)
{
    if (a.size() != b.size())
        return INFINITY;
    float worst = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        worst = std::max(worst, std::abs(a[i] - b[i]));
    return worst;
}

/// Checks that `grid` holds model's decodes at `expectedXY` (n×n (z₁, z₂) pairs), and its image
/// their grey levels.
void verifyTiles(const TileGrid& grid, const vae::InferenceModel& model,
                 const std::vector<float>& expectedXY, int n)
{
    QCOMPARE(grid.rows, n);
    QCOMPARE(grid.cols, n);
    QCOMPARE(grid.count(), n * n);
    const std::vector<float> z = vae::embedInLatent(expectedXY, model.latentDim());
    QCOMPARE(grid.z, z);
    const std::vector<float> expected = model.decodeBatch(z, n * n);
    const float worst = maxDifference(grid.pixels, expected);
    QVERIFY2(worst < 1e-5f, qPrintable(QString::number(worst)));
    QCOMPARE(grid.image.size(), QSize(n * kSide, n * kSide));
    for (const int tile : {0, n - 1, n * n / 2, n * n - 1}) {
        const int r = tile / n;
        const int c = tile % n;
        for (const int y : {0, 9, 14, 20}) {
            for (const int x : {0, 13, 14, 27}) {
                const float p = grid.pixels[std::size_t(tile) * 784 + std::size_t(y * kSide + x)];
                QCOMPARE(qGray(grid.image.pixel(c * kSide + x, r * kSide + y)),
                         ExampleImage::level(p));
            }
        }
    }
}

/// Opens a checkpoint in the context's session; when it has loaded MNIST, waits for the test
/// set's encoding, which refits the latent view (so that a view set afterwards stays).
void openSettled(test::FakeToolContext& context, const QString& path)
{
    QVERIFY(context.session().openModel(path));
    if (context.data() != nullptr)
        QTRY_VERIFY_WITH_TIMEOUT(context.latestLatent() != nullptr, 30000);
}

#define VAE_OPEN(context, path)                                                                    \
    do {                                                                                           \
        openSettled(context, path);                                                                \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

class TestManifold final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    /// Saves `model` as a checkpoint and returns its path.
    QString saveModel(const vae::InferenceModel& model, const QString& name)
    {
        const QString path = m_dir.filePath(name);
        vae::saveCheckpoint(path.toStdString(), model, {});
        return path;
    }

private slots:
    void initTestCase()
    {
        test::initTestEnvironment();
        QVERIFY(m_dir.isValid());
    }

    void actionsAreInTheExploreMenuAndToolbar()
    {
        test::FakeToolContext context(test::testOptions());
        ManifoldTool* tool = context.add<ManifoldTool>();
        QVERIFY(context.exploreMenu().actions().contains(tool->gridAction()));
        QVERIFY(context.exploreMenu().actions().contains(tool->quantileAction()));
        QVERIFY(context.exploreMenu().actions().contains(tool->exportAction()));
        QVERIFY(context.exploreToolBar().actions().contains(tool->gridAction()));
        QVERIFY(context.exploreToolBar().actions().contains(tool->quantileAction()));
        QVERIFY(context.exploreToolBar().isAncestorOf(tool->toolBarTilesBox()));
        QVERIFY(!context.exploreToolBar().actions().contains(tool->exportAction())); // menu only
        QCOMPARE(tool->gridAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_M));
        QCOMPARE(tool->quantileAction()->shortcut(),
                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
        QVERIFY(tool->gridAction()->isCheckable());
        QVERIFY(!tool->isGridShown()); // off by default
        QCOMPARE(tool->tilesPerSide(), ManifoldTool::kDefaultTiles);
        QCOMPARE(tool->toolBarTilesBox()->text(), QStringLiteral("20×20"));
        QCOMPARE(tool->toolBarTilesBox()->minimum(), 8);
        QCOMPARE(tool->toolBarTilesBox()->maximum(), 40);
        // Nothing decoded or drawn without a model.
        tool->setGridShown(true);
        QCOMPARE(tool->grid()->tileCount(), 0);
        QVERIFY(!tool->exportGrid(m_dir.filePath(QStringLiteral("none.png"))));
    }

    /// Window test (the main window's own Explore menu and toolbar): the shell creates the tool
    /// and puts its actions and tile box where the fake context's test above finds them.
    void mainWindowExploreMenuAndToolbarHoldTheTool()
    {
        MainWindow window(test::testOptions());
        ManifoldTool* tool = toolOf(window);
        QVERIFY(window.exploreMenu()->actions().contains(tool->gridAction()));
        QVERIFY(window.exploreMenu()->actions().contains(tool->quantileAction()));
        QVERIFY(window.exploreMenu()->actions().contains(tool->exportAction()));
        QVERIFY(window.exploreToolBar()->actions().contains(tool->gridAction()));
        QVERIFY(window.exploreToolBar()->actions().contains(tool->quantileAction()));
        QVERIFY(window.exploreToolBar()->isAncestorOf(tool->toolBarTilesBox()));
        QVERIFY(!tool->isGridShown());
    }

    void commandLineFlagsOpenTheTools()
    {
        const QString program = QStringLiteral("vae-explorer");
        CommandLineResult r = parseCommandLine({program});
        QVERIFY(r.ok);
        QVERIFY(!r.options.manifoldGrid.has_value()); // the saved setting decides
        QVERIFY(!r.options.quantileManifold);
        QVERIFY(!r.options.priorSamples);
        r = parseCommandLine({program, QStringLiteral("--manifold"),
                              QStringLiteral("--quantile-manifold"),
                              QStringLiteral("--prior-samples")});
        QVERIFY(r.ok);
        QCOMPARE(r.options.manifoldGrid, std::optional<bool>(true));
        QVERIFY(r.options.quantileManifold);
        QVERIFY(r.options.priorSamples);

        // The tool reads its flags from the launch options.
        LaunchOptions options = test::testOptions();
        options.quantileManifold = true;
        test::FakeToolContext context(options);
        ManifoldTool* tool = context.add<ManifoldTool>();
        QVERIFY(!tool->quantileDock()->isHidden());
        QVERIFY(!tool->isGridShown());
    }

    void gridTilesAreTheDecodesAtTheTileCentres()
    {
        test::FakeToolContext context(test::testOptions());
        ManifoldTool* tool = context.add<ManifoldTool>();
        context.hostWindow().show();
        QVERIFY(QTest::qWaitForWindowExposed(&context.hostWindow()));
        const auto model = untrainedModel(2, 11);
        VAE_OPEN(context, saveModel(*model, QStringLiteral("m2.safetensors")));
        LatentPlot* plot = context.plot();
        setView(*plot, QCPRange(-2.0, 3.0), QCPRange(-1.5, 1.0));

        QSignalSpy updated(tool, &ManifoldTool::gridUpdated);
        tool->gridAction()->trigger();
        QVERIFY(tool->isGridShown());
        QTRY_VERIFY_WITH_TIMEOUT(tool->grid()->tileCount() == 400 &&
                                     tool->grid()->tiles().region == viewOf(*plot),
                                 10000);
        const ManifoldGrid::Tiles& tiles = tool->grid()->tiles();
        QCOMPARE(tiles.grid->model, context.model());
        verifyTiles(*tiles.grid, *context.model(), vae::planeGrid(-2.0, 3.0, -1.5, 1.0, 20), 20);
        // Tile centres: the first is half a cell in from the top-left corner, the last half a
        // cell in from the bottom-right one.
        QCOMPARE(tiles.grid->latentPoint(0), QPointF(-2.0 + 0.125, 1.0 - 0.0625));
        QCOMPARE(tiles.grid->latentPoint(399), QPointF(3.0 - 0.125, -1.5 + 0.0625));

        // Drawn where the axes put the tile centres, muted, at the plot's pixel size.
        const QRect area = plot->axisRect()->rect();
        QCOMPARE(tiles.overlay.size(), area.size());
        for (const int tile : {0, 21, 399}) {
            const QRectF square = tool->grid()->tileRect(tile);
            const QPointF centre = plot->latentToPixel(tiles.grid->latentPoint(tile));
            QVERIFY2(std::abs(square.center().x() - centre.x()) <= 1.0 &&
                         std::abs(square.center().y() - centre.y()) <= 1.0,
                     qPrintable(QStringLiteral("tile %1").arg(tile)));
            QVERIFY(square.width() >= 8);
        }
        // Off: the tiles go, and nothing more is decoded.
        tool->gridAction()->trigger();
        QVERIFY(!tool->isGridShown());
        QCOMPARE(tool->grid()->tileCount(), 0);
        const int refreshes = tool->gridRefreshCount();
        plot->xAxis->setRange(-1, 1);
        QTest::qWait(3 * ManifoldTool::kViewDelayMs);
        QCOMPARE(tool->gridRefreshCount(), refreshes);
    }

    void colourDataOfAnySizeDrawsEveryChannel()
    {
        // An untrained model of 12 × 10 RGB examples: the decoded view, the tile grid and the
        // manifold overlay draw each channel of each pixel where it belongs.
        vae::DataDescription description;
        description.name = "RGB 12×10";
        description.source = "test";
        description.height = 12;
        description.width = 10;
        description.channels = 3;
        vae::TrainingConfig config = test::smallConfig(1, 32);
        config.inputSize = description.inputSize();
        const std::shared_ptr<const vae::InferenceModel> model =
            vae::makeUntrainedModel(config, description);
        const ExampleImage shape = ExampleImage::of(model->description());
        QCOMPARE(shape.values(), 360);
        QVERIFY(shape.isColour());
        const auto rgbAt = [&shape](std::span<const float> pixels, int x, int y) {
            const std::size_t i = (std::size_t(y) * std::size_t(shape.cols) + std::size_t(x)) * 3;
            return qRgb(ExampleImage::level(pixels[i]), ExampleImage::level(pixels[i + 1]),
                        ExampleImage::level(pixels[i + 2]));
        };

        const std::vector<float> z{0.3f, -0.7f};
        const std::vector<float> pixels = model->decode(z);
        QCOMPARE(pixels.size(), std::size_t(360));
        DecodedView view;
        view.setImage(pixels, shape, z);
        QCOMPARE(view.image().size(), QSize(10, 12));
        QCOMPARE(view.image().format(), QImage::Format_RGB888);
        bool colourful = false;
        for (int y = 0; y < 12; ++y)
            for (int x = 0; x < 10; ++x) {
                QCOMPARE(view.image().pixel(x, y), rgbAt(pixels, x, y));
                const QRgb rgb = view.image().pixel(x, y);
                colourful = colourful || qRed(rgb) != qGreen(rgb) || qGreen(rgb) != qBlue(rgb);
            }
        QVERIFY(colourful); // three channels, not one grey level copied

        // A 2 × 2 grid: tile (r, c) at (c·10, r·12), each the decode of its own z.
        const std::vector<float> zs{-1.f, 1.f, 1.f, 1.f, -1.f, -1.f, 1.f, -1.f};
        const TileGrid grid = decodeTiles(model, zs, 2, 2);
        QCOMPARE(grid.image.size(), QSize(20, 24));
        for (int tile = 0; tile < 4; ++tile) {
            const std::vector<float> expected =
                model->decode(std::span(zs).subspan(std::size_t(tile) * 2, 2));
            QCOMPARE(grid.image.pixel((tile % 2) * 10 + 3, (tile / 2) * 12 + 5),
                     rgbAt(expected, 3, 5));
        }

        // The overlay enlarges each tile; an output pixel that lies inside one source pixel shows
        // that pixel's colour, faded half way towards the paper.
        const QImage overlay = ManifoldGrid::composeOverlay(grid, QSize(240, 240));
        const QRectF square = ManifoldGrid::squareInCell(QSizeF(240, 240), 2, 0, 0);
        const double side = square.width();
        const int sx = 4, sy = 7; // a source pixel of tile 0
        const int ox = int(std::floor((sx + 0.5) * side / 10.0));
        const int oy = int(std::floor((sy + 0.5) * side / 12.0));
        const QRgb shown = overlay.pixel(int(square.left()) + ox, int(square.top()) + oy);
        const std::size_t i = (std::size_t(sy) * 10 + std::size_t(sx)) * 3;
        const auto faded = [](float p) {
            return int(std::lround(0.5 * (ManifoldGrid::kPaperGrey + 255.0 * std::clamp(p, 0.f, 1.f))));
        };
        QVERIFY(std::abs(qRed(shown) - faded(grid.pixels[i])) <= 1);
        QVERIFY(std::abs(qGreen(shown) - faded(grid.pixels[i + 1])) <= 1);
        QVERIFY(std::abs(qBlue(shown) - faded(grid.pixels[i + 2])) <= 1);
    }

    void zoomAndPanMoveTheTilesToTheNewView()
    {
        test::FakeToolContext context(test::testOptions());
        ManifoldTool* tool = context.add<ManifoldTool>();
        context.hostWindow().show();
        QVERIFY(QTest::qWaitForWindowExposed(&context.hostWindow()));
        VAE_OPEN(context, saveModel(*untrainedModel(2, 12), QStringLiteral("z.safetensors")));
        LatentPlot* plot = context.plot();
        setView(*plot, QCPRange(-3, 3), QCPRange(-3, 3));
        tool->setGridShown(true);
        QTRY_VERIFY_WITH_TIMEOUT(tool->grid()->tiles().region == viewOf(*plot), 10000);

        // Zoom in with the wheel around the centre of the axes.
        const QPointF centre = plot->axisRect()->rect().center();
        QWheelEvent wheel(centre, plot->mapToGlobal(centre), QPoint(), QPoint(0, 240), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(plot, &wheel);
        const QRectF zoomed = viewOf(*plot);
        QVERIFY(zoomed.width() < 5.0 && zoomed.height() < 5.0);
        QTRY_VERIFY_WITH_TIMEOUT(tool->grid()->tiles().region == zoomed, 10000);
        verifyTiles(
            *tool->grid()->tiles().grid, *context.model(),
            vae::planeGrid(zoomed.left(), zoomed.right(), zoomed.top(), zoomed.bottom(), 20), 20);
        // The tiles cover the new view: centres half a cell in from its edges.
        const double dx = zoomed.width() / 20;
        QVERIFY(std::abs(tool->grid()->tiles().grid->latentPoint(0).x() -
                         (zoomed.left() + dx / 2)) < 1e-5);
        QVERIFY(std::abs(tool->grid()->tiles().grid->latentPoint(19).x() -
                         (zoomed.right() - dx / 2)) < 1e-5);

        // Pan with the right button: until the new tiles come, the old ones move with the view.
        const QPoint from = plot->axisRect()->rect().center();
        QTest::mousePress(plot, Qt::RightButton, {}, from);
        QTest::mouseMove(plot, from + QPoint(60, -30));
        QTest::mouseRelease(plot, Qt::RightButton, {}, from + QPoint(60, -30));
        const QRectF panned = viewOf(*plot);
        QVERIFY(panned.left() < zoomed.left());
        QTRY_VERIFY_WITH_TIMEOUT(tool->grid()->tiles().region == panned, 10000);
        QCOMPARE(tool->grid()->tiles().overlay.size(), plot->axisRect()->rect().size());
    }

    void tileCountAndQuantilePanel()
    {
        test::FakeToolContext context(test::testOptions());
        ManifoldTool* tool = context.add<ManifoldTool>();
        context.hostWindow().show();
        QVERIFY(QTest::qWaitForWindowExposed(&context.hostWindow()));
        VAE_OPEN(context, saveModel(*untrainedModel(2, 13), QStringLiteral("q.safetensors")));
        setView(*context.plot(), QCPRange(-3, 3), QCPRange(-3, 3));
        tool->setGridShown(true);
        QTRY_COMPARE_WITH_TIMEOUT(tool->grid()->tileCount(), 400, 10000);

        tool->toolBarTilesBox()->setValue(8);
        QCOMPARE(tool->tilesPerSide(), 8);
        QCOMPARE(tool->panelTilesBox()->value(), 8); // the two boxes agree
        QTRY_COMPARE_WITH_TIMEOUT(tool->grid()->tileCount(), 64, 10000);
        verifyTiles(*tool->grid()->tiles().grid, *context.model(), vae::planeGrid(-3, 3, -3, 3, 8),
                    8);
        tool->setTilesPerSide(100);
        QCOMPARE(tool->tilesPerSide(), 40);
        QTRY_COMPARE_WITH_TIMEOUT(tool->grid()->tileCount(), 1600, 10000);
        tool->setTilesPerSide(3);
        QCOMPARE(tool->tilesPerSide(), 8);

        // The quantile panel: closed, nothing decoded; opened, the grid at Φ⁻¹((i + ½)/n).
        QVERIFY(tool->quantileGrid() == nullptr);
        tool->quantileAction()->trigger();
        QVERIFY(tool->quantileDock()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(tool->quantileGrid() != nullptr, 10000);
        verifyTiles(*tool->quantileGrid(), *context.model(), vae::priorQuantileGrid(8), 8);
        QCOMPARE(
            tool->quantileGrid()->latentPoint(0),
            QPointF(float(vae::normalQuantile(1.0 / 16)), float(vae::normalQuantile(15.0 / 16))));
        // The panel's view shows it, and names each tile's z on hover.
        TileGridView* view = tool->quantileView();
        QVERIFY(view->isVisible());
        QVERIFY(!view->imageRect().isEmpty());
        QCOMPARE(view->tileAt(view->imageRect().topLeft() + QPoint(1, 1)), 0);
        QCOMPARE(view->tileAt(view->imageRect().bottomRight() - QPoint(1, 1)), 63);
        tool->panelTilesBox()->setValue(12);
        QCOMPARE(tool->toolBarTilesBox()->value(), 12);
        QTRY_COMPARE_WITH_TIMEOUT(tool->quantileGrid()->count(), 144, 10000);
        verifyTiles(*tool->quantileGrid(), *context.model(), vae::priorQuantileGrid(12), 12);
    }

    void exportWritesTwentyEightPixelsPerTile()
    {
        test::FakeToolContext context(test::testOptions());
        ManifoldTool* tool = context.add<ManifoldTool>();
        context.hostWindow().show();
        QVERIFY(QTest::qWaitForWindowExposed(&context.hostWindow()));
        VAE_OPEN(context, saveModel(*untrainedModel(2, 14), QStringLiteral("e.safetensors")));
        setView(*context.plot(), QCPRange(-1, 2), QCPRange(0, 4));
        tool->setTilesPerSide(15);

        const QString plane = m_dir.filePath(QStringLiteral("manifold.png"));
        QVERIFY2(tool->exportGrid(plane), qPrintable(tool->lastError()));
        const QImage image(plane);
        QCOMPARE(image.size(), QSize(15 * kSide, 15 * kSide));
        const std::vector<float> z = vae::planeGrid(-1, 2, 0, 4, 15);
        const std::vector<float> expected = context.model()->decodeBatch(z, 225);
        // Tile (3, 7), pixel (14, 10): white ink on black, as MNIST.
        const int tile = 3 * 15 + 7;
        QCOMPARE(qGray(image.pixel(7 * kSide + 10, 3 * kSide + 14)),
                 ExampleImage::level(expected[std::size_t(tile) * 784 + 14 * kSide + 10]));

        const QString quantiles = m_dir.filePath(QStringLiteral("quantiles.png"));
        QVERIFY2(tool->exportQuantileGrid(quantiles), qPrintable(tool->lastError()));
        QCOMPARE(QImage(quantiles).size(), QSize(15 * kSide, 15 * kSide));

        QVERIFY(!tool->exportGrid(m_dir.filePath(QStringLiteral("missing/dir/x.png"))));
        QVERIFY(tool->lastError().contains(QStringLiteral("x.png")));
    }

    void tilesLieUnderTheScatterPoints()
    {
        LatentPlot plot;
        plot.resize(500, 400);
        plot.xAxis->grid()->setVisible(false);
        plot.yAxis->grid()->setVisible(false);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        auto snapshot = std::make_shared<vae::LatentSnapshot>();
        snapshot->posterior = {1, 2, {0.1f, 0.2f}, {1.0f, 1.0f}};
        snapshot->labels = {3};
        plot.setSnapshot(snapshot);
        plot.replotIfDirty();
        setView(plot, QCPRange(-1, 1), QCPRange(-1, 1));

        auto* grid = new ManifoldGrid(plot.xAxis, plot.yAxis);
        QCOMPARE(grid->layer()->name(), QStringLiteral("manifold"));
        QVERIFY(grid->layer()->index() < plot.layer(QStringLiteral("main"))->index());
        const auto model = untrainedModel(2, 15);
        constexpr int n = 4;
        auto tiles = std::make_shared<const TileGrid>(
            decodeTiles(model, vae::planeGrid(-1, 1, -1, 1, n), n, n));
        const QSize size = plot.axisRect()->rect().size();
        grid->setTiles({tiles, viewOf(plot), ManifoldGrid::composeOverlay(*tiles, size)});
        plot.replot(QCustomPlot::rpImmediateRefresh);
        const QImage shown = plot.toPixmap(0, 0, 1.0).toImage();

        // The point is drawn in its colour over the tile under it.
        const QPointF point = plot.latentToPixel(QPointF(0.1, 0.2));
        QCOMPARE(QColor(shown.pixel(point.toPoint())), LatentPlot::digitColor(3));
        // Inside each tile's square: its decoded means, muted. Checked at the centre of the image
        // of the tile's pixels (0, 0) and (27, 27), where the smooth scaling does not mix in
        // other pixels.
        for (int tile = 0; tile < n * n; ++tile) {
            const QRectF square = grid->tileRect(tile);
            QCOMPARE(square.width(), square.height());
            const double cell = square.width() / kSide;
            for (const int k : {0, kSide - 1}) {
                const QPointF at = square.topLeft() + QPointF((k + 0.5) * cell, (k + 0.5) * cell);
                const float mean =
                    tiles->pixels[std::size_t(tile) * 784 + std::size_t(k * kSide + k)];
                const int grey = qGray(shown.pixel(at.toPoint()));
                QVERIFY2(std::abs(grey - ManifoldGrid::mutedGrey(mean)) <= 2,
                         qPrintable(QStringLiteral("tile %1 pixel %2: %3 vs %4")
                                        .arg(tile)
                                        .arg(k)
                                        .arg(grey)
                                        .arg(ManifoldGrid::mutedGrey(mean))));
            }
            // Between tiles along the longer side: the plot's white background.
            QCOMPARE(shown.pixel(QPoint(int(square.left()) - 2, int(square.center().y()))),
                     qRgb(255, 255, 255));
        }
        // The muted scale: paper for 0, kInkGrey for 1, darker for more ink.
        QCOMPARE(ManifoldGrid::mutedGrey(0.0f), ManifoldGrid::kPaperGrey);
        QCOMPARE(ManifoldGrid::mutedGrey(1.0f), ManifoldGrid::kInkGrey);
        QVERIFY(ManifoldGrid::mutedGrey(0.7f) < ManifoldGrid::mutedGrey(0.3f));
        // After a zoom the old image is scaled to where its region lies now.
        const int scaled = grid->scaledDrawCount();
        plot.xAxis->scaleRange(0.5);
        plot.replot(QCustomPlot::rpImmediateRefresh);
        QCOMPARE(grid->scaledDrawCount(), scaled + 1);
        QCOMPARE(grid->tileRect(0).width(), 2 * grid->tileRect(0).height());
    }

    void followsTheModelAndNotesExtraDimensions()
    {
        test::FakeToolContext context(test::testOptions());
        ManifoldTool* tool = context.add<ManifoldTool>();
        context.hostWindow().show();
        QVERIFY(QTest::qWaitForWindowExposed(&context.hostWindow()));
        VAE_OPEN(context, saveModel(*untrainedModel(2, 16), QStringLiteral("a.safetensors")));
        setView(*context.plot(), QCPRange(-3, 3), QCPRange(-3, 3));
        tool->setGridShown(true);
        tool->setQuantilePanelShown(true);
        QTRY_VERIFY_WITH_TIMEOUT(tool->grid()->tileCount() == 400 && tool->quantileGrid(), 10000);
        const QString plainTip = context.plot()->toolTip();
        QVERIFY(!plainTip.contains(QStringLiteral("Manifold")));

        // A 4-D model: the tiles are decoded at (z₁, z₂, 0, 0), and the tooltip says so.
        VAE_OPEN(context, saveModel(*untrainedModel(4, 17), QStringLiteral("b.safetensors")));
        setView(*context.plot(), QCPRange(-3, 3), QCPRange(-3, 3));
        QTRY_VERIFY_WITH_TIMEOUT(tool->grid()->tiles().grid->model == context.model() &&
                                     tool->grid()->tiles().region == viewOf(*context.plot()) &&
                                     tool->quantileGrid()->model == context.model(),
                                 10000);
        const TileGrid& tiles = *tool->grid()->tiles().grid;
        QCOMPARE(tiles.dim, 4);
        for (int i = 0; i < tiles.count(); ++i) {
            QCOMPARE(tiles.z[std::size_t(i) * 4 + 2], 0.0f);
            QCOMPARE(tiles.z[std::size_t(i) * 4 + 3], 0.0f);
        }
        verifyTiles(tiles, *context.model(), vae::planeGrid(-3, 3, -3, 3, 20), 20);
        verifyTiles(*tool->quantileGrid(), *context.model(), vae::priorQuantileGrid(20), 20);
        QVERIFY2(context.plot()->toolTip().contains(QStringLiteral("other 2 dimensions are 0")),
                 qPrintable(context.plot()->toolTip()));
        tool->setGridShown(false);
        QCOMPARE(context.plot()->toolTip(), plainTip);
    }

    void refreshesWhileTrainingAtMostOnceASecond()
    {
        VAE_REQUIRE_MNIST();
        test::FakeToolContext context(test::testOptions());
        ManifoldTool* tool = context.add<ManifoldTool>();
        context.hostWindow().show();
        context.session().loadData();
        QTRY_VERIFY_WITH_TIMEOUT(context.data() != nullptr, 30000);
        tool->setGridShown(true);
        QSignalSpy models(&context, &ToolContext::modelChanged);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(context.session().startTraining(test::smallConfig(2, 64), false));
        QTRY_VERIFY_WITH_TIMEOUT(context.runEnded(), 60000);
        const double seconds = clock.elapsed() / 1000.0;
        // The grid ends on the final model (the last refresh may still be on its way).
        QTRY_VERIFY_WITH_TIMEOUT(tool->grid()->tileCount() == 400 &&
                                     tool->grid()->tiles().grid->model == context.model(),
                                 10000);
        QVERIFY(context.model()->step() > 0);
        const int refreshes = tool->gridRefreshCount();
        qInfo("training %.1f s: %lld model changes, %d grid refreshes (last %.1f ms)", seconds,
              static_cast<long long>(models.count()), refreshes, tool->lastGridRefreshMs());
        QVERIFY(refreshes >= 2);
        // Throttled: at most one refresh per kMinModelIntervalMs for model changes, plus those
        // for the view fitting itself to the first and last snapshots.
        QVERIFY2(refreshes <= seconds * 1000 / ManifoldTool::kMinModelIntervalMs + 4,
                 qPrintable(QString::number(refreshes)));
    }

    void settingsAreRemembered()
    {
        LaunchOptions options = test::testOptions();
        options.useSettings = true;
        {
            test::FakeToolContext context(options);
            ManifoldTool* tool = context.add<ManifoldTool>();
            tool->setGridShown(true);
            tool->setTilesPerSide(12);
        }
        {
            test::FakeToolContext context(options);
            ManifoldTool* tool = context.add<ManifoldTool>();
            QVERIFY(tool->isGridShown());
            QVERIFY(tool->gridAction()->isChecked());
            QCOMPARE(tool->tilesPerSide(), 12);
            QCOMPARE(tool->toolBarTilesBox()->value(), 12);
            tool->setGridShown(false);
            tool->setTilesPerSide(ManifoldTool::kDefaultTiles);
        }
        QSettings settings;
        QCOMPARE(settings.value(QStringLiteral("explore/manifoldGrid")).toBool(), false);
        // --manifold turns it on whatever was saved.
        options.manifoldGrid = true;
        test::FakeToolContext context(options);
        ManifoldTool* tool = context.add<ManifoldTool>();
        QVERIFY(tool->isGridShown());
        tool->setGridShown(false);
    }

    /// The figures for docs/performance.md (decode + image build on the default model), and the
    /// bound they must keep: while training the grid refreshes at most every kMinModelIntervalMs,
    /// so a refresh must take a small part of that interval (measured 8.8 / 33.5 ms for 20² / 40²
    /// tiles; the bound is a quarter of the interval, scaled for sanitized builds).
    void refreshTakesASmallPartOfTheModelInterval()
    {
        const auto model = vae::makeUntrainedModel(vae::TrainingConfig{});
        QCOMPARE(model->config().hiddenSizes, (std::vector<int>{512, 256, 256}));
        const QSize pixels(800, 800);
        for (const int n : {20, 40}) {
            std::vector<double> decode;
            std::vector<double> tileImage;
            std::vector<double> overlayImage;
            std::vector<double> total;
            for (int repeat = 0; repeat < 15; ++repeat) {
                QElapsedTimer timer;
                timer.start();
                const std::vector<float> z = vae::planeGrid(-3, 3, -3, 3, n);
                TileGrid grid = decodeTiles(model, vae::embedInLatent(z, 2), n, n);
                QElapsedTimer compose;
                compose.start();
                const QImage overlay = ManifoldGrid::composeOverlay(grid, pixels);
                const double composeMs = double(compose.nsecsElapsed()) / 1e6;
                total.push_back(double(timer.nsecsElapsed()) / 1e6);
                decode.push_back(grid.decodeMs);
                tileImage.push_back(grid.imageMs);
                overlayImage.push_back(composeMs);
                QCOMPARE(overlay.size(), pixels);
            }
            qInfo(
                "manifold refresh %dx%d tiles (default model, 800x800 px overlay): decode %.2f ms, "
                "tile image %.2f ms, overlay %.2f ms, total %.2f ms (median of 15)",
                n, n, median(decode), median(tileImage), median(overlayImage), median(total));
            QVERIFY2(median(total) < vae::test::scaledMs(ManifoldTool::kMinModelIntervalMs) / 4.0,
                     qPrintable(QStringLiteral("%1 ms").arg(median(total))));
        }
    }
};

QTEST_MAIN(TestManifold)
#include "test_manifold.moc"
