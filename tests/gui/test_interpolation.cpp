// Interpolation paths: Shift+click endpoints (free or snapped to a test image), the decoded strip,
// handle drags, linear vs spherical, live refresh while training, opened models, export, and the
// --interpolate launch option.
// Built against a fake ToolContext: the tool, a latent plot and a session (trained in the test),
// no main window; clicks on the plot decode, as the shell makes them do. One test,
// closingWithARefreshPendingIsSafe, keeps a real MainWindow: it is about ~MainWindow's teardown.

#include "faketoolcontext.h"
#include "guitestsupport.h"

#include "widgets/decodedview.h"
#include "tools/interpolation/interpolationoverlay.h"
#include "tools/interpolation/interpolationstrip.h"
#include "tools/interpolation/interpolationtool.h"
#include "plots/latentplot.h"
#include "shell/commandline.h"
#include "shell/settingspanel.h"

#include <vae/interpolation.h>

#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QImage>
#include <QMainWindow>
#include <QMenu>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QToolBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace vae::gui;

namespace {

void sendMouse(QWidget* widget, QEvent::Type type, QPointF pos, Qt::MouseButton button,
               Qt::MouseButtons buttons, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QMouseEvent event(type, pos, widget->mapToGlobal(pos), button, buttons, modifiers);
    QApplication::sendEvent(widget, &event);
}

/// Pixel distance from `pixel` to the nearest test point on the plot.
double nearestPointDistance(const LatentPlot* plot, const vae::Posterior& posterior,
                            const QPointF& pixel)
{
    double best = 1e300;
    for (int i = 0; i < posterior.count; ++i) {
        const float* mu = posterior.mu.data() + std::size_t(i) * std::size_t(posterior.dim);
        const QPointF p = plot->latentToPixel(QPointF(mu[0], mu[1]));
        best = std::min(best, std::hypot(p.x() - pixel.x(), p.y() - pixel.y()));
    }
    return best;
}

/// A pixel of the axis rect near `wanted` (a fraction of its width and height) with no test point
/// within 3 × the snapping distance, so a Shift+click there sets a free point.
QPoint emptyPixel(const LatentPlot* plot, const vae::Posterior& posterior, QPointF wanted)
{
    const QRect area = plot->axisRect()->rect();
    const QPoint start(area.left() + int(wanted.x() * area.width()),
                       area.top() + int(wanted.y() * area.height()));
    for (int radius = 0; radius < area.width(); radius += 6) {
        for (int dx = -radius; dx <= radius; dx += 6) {
            for (const int dy : {-radius, radius}) {
                const QPoint p = start + QPoint(dx, dy);
                if (area.adjusted(20, 20, -20, -20).contains(p) &&
                    nearestPointDistance(plot, posterior, p) > 3 * InterpolationTool::kSnapPixels)
                    return p;
            }
        }
    }
    return start;
}

/// One pixel of the current view, in latent units (the larger of the two axes).
double unitsPerPixel(const LatentPlot* plot)
{
    return std::max(plot->xAxis->range().size() / plot->axisRect()->width(),
                    plot->yAxis->range().size() / plot->axisRect()->height());
}

/// The strip shows exactly what `model` decodes along the tool's path.
void verifyStrip(const InterpolationTool& tool, const vae::InferenceModel& model)
{
    const std::vector<float> z =
        vae::interpolate(tool.endpoint(0)->z, tool.endpoint(1)->z, tool.count(), tool.kind());
    QCOMPARE(tool.pathZ(), z);
    const std::vector<float> expected = model.decodeBatch(z, tool.count());
    QCOMPARE(tool.pixels(), expected); // every float of every image
    QCOMPARE(tool.decodeModel().get(), &model);
    const InterpolationStrip* strip = tool.strip();
    QCOMPARE(strip->count(), tool.count());
    for (const int i : {0, tool.count() / 2, tool.count() - 1}) {
        const QImage& image = strip->image(i);
        QCOMPARE(image.size(), QSize(28, 28));
        for (const int p : {0, 200, 406, 600, 783})
            QCOMPARE(int(image.constScanLine(p / 28)[p % 28]),
                     ExampleImage::level(expected[std::size_t(i * 784 + p)]));
    }
    // On screen, every image is a whole-number enlargement.
    if (strip->isVisible()) {
        const QRect first = strip->imageRect(0);
        QCOMPARE(first.width() % 28, 0);
        QVERIFY(first.width() >= 28);
    }
}

/// The fake context with the Interpolation tool, shown, clicks on the plot decoding.
InterpolationTool* addTool(test::FakeToolContext& context)
{
    auto* tool = context.add<InterpolationTool>();
    QObject::connect(context.plot(), &LatentPlot::pointPicked, &context, &ToolContext::decodeAt);
    context.hostWindow().show();
    return tool;
}

void loadData(test::FakeToolContext& context)
{
    context.session().loadData();
    QTRY_VERIFY_WITH_TIMEOUT(context.data() != nullptr, 30000);
}

void trainOneEpoch(test::FakeToolContext& context, int latentDim = 2)
{
    loadData(context);
    if (QTest::currentTestFailed())
        return;
    vae::TrainingConfig config = test::smallConfig(1, 64);
    config.latentDim = latentDim;
    QVERIFY(context.session().startTraining(config, false));
    QTRY_VERIFY_WITH_TIMEOUT(context.runEnded(), 60000);
    QCOMPARE(context.plot()->pointCount(), 10000);
    context.plot()->replot();
}

} // namespace

class TestInterpolation final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        test::initTestEnvironment();
        QVERIFY(m_dir.isValid());
    }

    void actionsAndShortcut()
    {
        test::FakeToolContext context(test::testOptions());
        InterpolationTool* tool = addTool(context);
        QMainWindow& window = context.hostWindow();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!tool->panelShown());
        QVERIFY(!tool->overlay()->visible());
        QAction* show = tool->showAction();
        QCOMPARE(show->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_I));
        QVERIFY(context.exploreMenu().actions().contains(show));
        QVERIFY(context.exploreMenu().actions().contains(tool->exportAction()));
        QVERIFY(context.exploreToolBar().actions().contains(show));
        QVERIFY(!tool->exportAction()->isEnabled());
        QCOMPARE(tool->dock()->windowTitle(), QStringLiteral("Interpolation"));

        // Ctrl+I shows the panel, and again hides it.
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_I, Qt::ControlModifier);
        QTRY_VERIFY(tool->panelShown());
        QVERIFY(tool->dock()->isVisible());
        QVERIFY(tool->overlay()->visible());
        QCOMPARE(tool->count(), InterpolationTool::kDefaultCount);
        QCOMPARE(tool->count(), 10);
        QTRY_VERIFY(!tool->strip()->message().isEmpty()); // says what to do
        QTest::keyClick(&window, Qt::Key_I, Qt::ControlModifier);
        QTRY_VERIFY(!tool->panelShown());
        QVERIFY(!tool->overlay()->visible());
    }

    void shiftClicksDragsAndExport()
    {
        VAE_REQUIRE_MNIST();
        test::FakeToolContext context(test::testOptions());
        InterpolationTool* tool = addTool(context);
        QVERIFY(QTest::qWaitForWindowExposed(&context.hostWindow()));
        trainOneEpoch(context);
        if (QTest::currentTestFailed())
            return;
        LatentPlot* plot = context.plot();
        const auto model = context.model();
        QVERIFY(model);
        const vae::Posterior& posterior = context.latestLatent()->posterior;

        const QPoint p1 = emptyPixel(plot, posterior, {0.2, 0.2});
        const QPointF z1 = plot->pixelToLatent(p1);
        double tolerance = unitsPerPixel(plot);

        QSignalSpy decoded(&context, &ToolContext::decoded);
        QSignalSpy stripUpdated(tool, &InterpolationTool::stripUpdated);
        QTest::mouseClick(plot, Qt::LeftButton, Qt::ShiftModifier, p1);
        // The first Shift+click opens the panel and sets A; it does not decode in the main panel.
        QVERIFY(tool->panelShown());
        QVERIFY(tool->endpoint(0));
        QVERIFY(!tool->endpoint(1));
        QVERIFY(!tool->endpoint(0)->testImage);
        QVERIFY(std::abs(tool->endpoint(0)->z[0] - z1.x()) <= tolerance);
        QVERIFY(std::abs(tool->endpoint(0)->z[1] - z1.y()) <= tolerance);
        QVERIFY(tool->pixels().empty());

        // The panel took room from the plot: the second point is picked in the new geometry.
        plot->replot();
        const QPoint p2 = emptyPixel(plot, posterior, {0.8, 0.25});
        const QPointF z2 = plot->pixelToLatent(p2);
        tolerance = unitsPerPixel(plot);
        QTest::mouseClick(plot, Qt::LeftButton, Qt::ShiftModifier, p2);
        QVERIFY(tool->endpoint(1));
        QVERIFY(std::abs(tool->endpoint(1)->z[0] - z2.x()) <= tolerance);
        QVERIFY(std::abs(tool->endpoint(1)->z[1] - z2.y()) <= tolerance);
        QCOMPARE(decoded.count(), 0);
        QVERIFY(stripUpdated.count() >= 1);
        QCOMPARE(tool->kind(), vae::InterpolationKind::Linear);
        verifyStrip(*tool, *model);
        QVERIFY(tool->exportAction()->isEnabled());
        // The handles sit where the clicks were.
        QVERIFY(QLineF(*tool->handlePixel(0), plot->latentToPixel(z1)).length() <= 1.0);
        QVERIFY(QLineF(*tool->handlePixel(1), p2).length() <= 1.0);
        QCOMPARE(int(tool->overlay()->samples().size()), 10);
        QVERIFY(tool->describe(0).startsWith(QStringLiteral("z = (")));

        // Spherical: another path, other images.
        const std::vector<float> linearZ = tool->pathZ();
        const std::vector<float> linearPixels = tool->pixels();
        tool->kindBox()->setCurrentIndex(
            tool->kindBox()->findData(int(vae::InterpolationKind::Spherical)));
        QCOMPARE(tool->kind(), vae::InterpolationKind::Spherical);
        verifyStrip(*tool, *model);
        float largest = 0;
        for (std::size_t k = 0; k < linearZ.size(); ++k)
            largest = std::max(largest, std::abs(linearZ[k] - tool->pathZ()[k]));
        QVERIFY2(largest > 0.05f, qPrintable(QString::number(largest)));
        QVERIFY(tool->pixels() != linearPixels);
        // The overlay's curve bends: its middle is off the chord.
        const auto& curve = tool->overlay()->curve();
        const QPointF mid = curve[curve.size() / 2];
        const QPointF chordMid = (curve.front() + curve.back()) / 2;
        QVERIFY(QLineF(mid, chordMid).length() > 0.01);

        // Fewer images.
        tool->countBox()->setValue(5);
        QCOMPARE(tool->count(), 5);
        verifyStrip(*tool, *model);

        // Hovering a handle shows an open hand.
        sendMouse(plot, QEvent::MouseMove, *tool->handlePixel(1), Qt::NoButton, Qt::NoButton);
        QCOMPARE(plot->cursor().shape(), Qt::OpenHandCursor);
        sendMouse(plot, QEvent::MouseMove, *tool->handlePixel(1) + QPointF(40, 40), Qt::NoButton,
                  Qt::NoButton);
        QCOMPARE(plot->cursor().shape(), Qt::CrossCursor);

        // Dragging B (pressed a little off its centre) moves it by the mouse's motion, live.
        const QPointF handleB = *tool->handlePixel(1);
        const QPointF press = handleB + QPointF(3, -2);
        stripUpdated.clear();
        sendMouse(plot, QEvent::MouseButtonPress, press, Qt::LeftButton, Qt::LeftButton);
        for (int step = 1; step <= 4; ++step) {
            const QPointF offset(-10.0 * step, 8.0 * step);
            sendMouse(plot, QEvent::MouseMove, press + offset, Qt::NoButton, Qt::LeftButton);
            const QPointF expected = plot->pixelToLatent(handleB + offset);
            QVERIFY(std::abs(tool->endpoint(1)->z[0] - expected.x()) <= 1e-4 * tolerance + 1e-6);
            QVERIFY(std::abs(tool->endpoint(1)->z[1] - expected.y()) <= 1e-4 * tolerance + 1e-6);
            QCOMPARE(stripUpdated.count(), step);
            verifyStrip(*tool, *model);
        }
        sendMouse(plot, QEvent::MouseButtonRelease, press + QPointF(-40, 32), Qt::LeftButton,
                  Qt::NoButton);
        QCOMPARE(decoded.count(), 0); // the drag neither decoded nor moved the crosshair
        QVERIFY(QLineF(*tool->handlePixel(1), handleB + QPointF(-40, 32)).length() <= 1.0);

        // A plain click away from the handles still decodes, and leaves the path alone.
        const std::vector<float> endpointA = tool->endpoint(0)->z;
        const QPoint elsewhere = plot->axisRect()->rect().center() + QPoint(0, 60);
        QTest::mouseClick(plot, Qt::LeftButton, {}, elsewhere);
        QCOMPARE(decoded.count(), 1);
        QCOMPARE(tool->endpoint(0)->z, endpointA);

        // Export: PNG at 1:1 with a gap between images; PDF; anything else is refused.
        const QString png = m_dir.filePath(QStringLiteral("strip.png"));
        QVERIFY2(tool->exportStrip(png), qPrintable(context.errors().join('\n')));
        const QImage image(png);
        const int gap = InterpolationTool::kExportGap;
        QCOMPARE(image.size(), QSize(5 * 28 + 4 * gap, 28));
        for (int i = 0; i < 5; ++i) {
            for (const int p : {0, 350, 783}) {
                const QPoint at(i * (28 + gap) + p % 28, p / 28);
                QCOMPARE(qGray(image.pixel(at)),
                         ExampleImage::level(tool->pixels()[std::size_t(i * 784 + p)]));
            }
        }
        QCOMPARE(qGray(image.pixel(28, 0)), 255); // the gap
        QCOMPARE(tool->stripImage(3).size(), QSize(3 * (5 * 28 + 4 * gap), 3 * 28));
        const QString pdf = m_dir.filePath(QStringLiteral("strip.pdf"));
        QVERIFY2(tool->exportStrip(pdf), qPrintable(context.errors().join('\n')));
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        QCOMPARE(pdfFile.read(5), QByteArray("%PDF-"));
        QVERIFY(context.messages().contains(QStringLiteral("Exported %1").arg(pdf)));
        const qsizetype errors = context.errors().size();
        QVERIFY(!tool->exportStrip(m_dir.filePath(QStringLiteral("strip.bmp"))));
        QCOMPARE(context.errors().size(), errors + 1);

        // The exported latent plot carries the path: without the overlay it is another picture.
        const QString latent = m_dir.filePath(QStringLiteral("latent.png"));
        QVERIFY(plot->savePng(latent));
        const QString bare = m_dir.filePath(QStringLiteral("latent-bare.png"));
        tool->overlay()->setVisible(false);
        QVERIFY(plot->savePng(bare));
        tool->overlay()->setVisible(true);
        QVERIFY(!QImage(latent).isNull());
        QCOMPARE(QImage(latent).size(), QImage(bare).size());
        QVERIFY(QImage(latent) != QImage(bare));

        // A third Shift+click starts over: A only.
        QTest::mouseClick(plot, Qt::LeftButton, Qt::ShiftModifier, p2);
        QVERIFY(tool->endpoint(0));
        QVERIFY(!tool->endpoint(1));
        QVERIFY(std::abs(tool->endpoint(0)->z[0] - z2.x()) <= tolerance);
        QVERIFY(tool->pixels().empty());
        QVERIFY(!tool->exportAction()->isEnabled());

        // A quick second Shift+click arrives as a double click: it sets B and does not refit the
        // view (a plain double click would).
        QWheelEvent wheel(plot->axisRect()->rect().center(),
                          plot->mapToGlobal(plot->axisRect()->rect().center()), QPoint(),
                          QPoint(0, -120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(plot, &wheel);
        QVERIFY(!plot->followsData());
        const QPointF zA = plot->pixelToLatent(p1);
        // (Ctrl too, so it sets the point under the cursor even if the zoom brought a test point
        // near it.)
        sendMouse(plot, QEvent::MouseButtonDblClick, p1, Qt::LeftButton, Qt::LeftButton,
                  Qt::ShiftModifier | Qt::ControlModifier);
        sendMouse(plot, QEvent::MouseButtonRelease, p1, Qt::LeftButton, Qt::NoButton,
                  Qt::ShiftModifier | Qt::ControlModifier);
        QVERIFY(!plot->followsData());
        QVERIFY(tool->endpoint(1));
        QVERIFY(std::abs(tool->endpoint(1)->z[0] - zA.x()) <= unitsPerPixel(plot));
        verifyStrip(*tool, *model);
        QCOMPARE(decoded.count(), 1);

        // Swap and clear.
        const std::vector<float> a = tool->endpoint(0)->z;
        const std::vector<float> b = tool->endpoint(1)->z;
        tool->swapEndpoints();
        QCOMPARE(tool->endpoint(0)->z, b);
        QCOMPARE(tool->endpoint(1)->z, a);
        verifyStrip(*tool, *model);
        tool->clearEndpoints();
        QVERIFY(!tool->endpoint(0) && !tool->endpoint(1));
        QVERIFY(tool->overlay()->curve().empty());
        QVERIFY(!tool->handlePixel(0));
    }

    void shiftClickOnATestPointSnapsToItsMean()
    {
        VAE_REQUIRE_MNIST();
        test::FakeToolContext context(test::testOptions());
        InterpolationTool* tool = addTool(context);
        QVERIFY(QTest::qWaitForWindowExposed(&context.hostWindow()));
        constexpr int kDim = 4;
        trainOneEpoch(context, kDim);
        if (QTest::currentTestFailed())
            return;
        LatentPlot* plot = context.plot();
        const auto model = context.model();
        const auto latent = context.latestLatent();
        const vae::Posterior& posterior = latent->posterior;
        QCOMPARE(posterior.dim, kDim);

        // Two pixels off test image 17's point: the nearest point to that pixel is the snap.
        const int target = 17;
        const float* muTarget = posterior.mu.data() + target * kDim;
        const QPointF pixel =
            plot->latentToPixel(QPointF(muTarget[0], muTarget[1])) + QPointF(2, 0);
        QVERIFY(plot->axisRect()->rect().contains(pixel.toPoint()));
        int nearest = -1;
        double best = 1e300;
        for (int i = 0; i < posterior.count; ++i) {
            const float* mu = posterior.mu.data() + std::size_t(i) * kDim;
            const QPointF p = plot->latentToPixel(QPointF(mu[0], mu[1]));
            const double d = std::hypot(p.x() - pixel.toPoint().x(), p.y() - pixel.toPoint().y());
            if (d < best) {
                best = d;
                nearest = i;
            }
        }
        QVERIFY(best <= InterpolationTool::kSnapPixels);
        QTest::mouseClick(plot, Qt::LeftButton, Qt::ShiftModifier, pixel.toPoint());
        QVERIFY(tool->endpoint(0));
        QCOMPARE(tool->endpoint(0)->testImage, std::optional<int>(nearest));
        const std::vector<float> mu(posterior.mu.begin() + nearest * kDim,
                                    posterior.mu.begin() + (nearest + 1) * kDim);
        QCOMPARE(tool->endpoint(0)->z, mu); // all four dimensions
        const int label = context.data()->test.labels[std::size_t(nearest)];
        QCOMPARE(tool->endpoint(0)->label, label);
        QCOMPARE(tool->describe(0),
                 QStringLiteral("test image #%1 (digit %2)").arg(nearest).arg(label));

        // Ctrl+Shift+click never snaps: a free point, dimensions ≥ 2 at 0.
        QTest::mouseClick(plot, Qt::LeftButton, Qt::ShiftModifier | Qt::ControlModifier,
                          pixel.toPoint());
        QVERIFY(tool->endpoint(1));
        QVERIFY(!tool->endpoint(1)->testImage);
        const QPointF z = plot->pixelToLatent(pixel.toPoint());
        QCOMPARE(tool->endpoint(1)->z,
                 (std::vector<float>{float(z.x()), float(z.y()), 0.0f, 0.0f}));
        verifyStrip(*tool, *model);

        // Dragging the image endpoint makes it a free point that keeps the image's other dims.
        const QPointF handle = *tool->handlePixel(0);
        sendMouse(plot, QEvent::MouseButtonPress, handle, Qt::LeftButton, Qt::LeftButton);
        sendMouse(plot, QEvent::MouseMove, handle + QPointF(25, 25), Qt::NoButton, Qt::LeftButton);
        sendMouse(plot, QEvent::MouseButtonRelease, handle + QPointF(25, 25), Qt::LeftButton,
                  Qt::NoButton);
        QVERIFY(!tool->endpoint(0)->testImage);
        const QPointF moved = plot->pixelToLatent(handle + QPointF(25, 25));
        QCOMPARE(tool->endpoint(0)->z,
                 (std::vector<float>{float(moved.x()), float(moved.y()), mu[2], mu[3]}));
        verifyStrip(*tool, *model);
    }

    void followsTrainingAndImageEndpointsFollowTheirImage()
    {
        VAE_REQUIRE_MNIST();
        test::FakeToolContext context(test::testOptions());
        InterpolationTool* tool = addTool(context);
        QVERIFY(QTest::qWaitForWindowExposed(&context.hostWindow()));
        loadData(context);
        QVERIFY(context.session().startTraining(test::smallConfig(500, 32), false));
        QTRY_VERIFY_WITH_TIMEOUT(context.latestLatent() != nullptr, 30000);
        tool->setPanelShown(true);
        QVERIFY(tool->setEndpointToTestImage(0, 5));
        tool->setEndpoint(1, {1.5f, -1.0f});
        QVERIFY(!tool->pixels().empty());
        const auto first = tool->decodeModel();

        // New weights re-decode the strip; the image endpoint moves to image 5's new μ.
        QSignalSpy updated(tool, &InterpolationTool::stripUpdated);
        QTRY_VERIFY_WITH_TIMEOUT(tool->decodeModel() != first && tool->decodeModel() != nullptr,
                                 10000);
        QTRY_VERIFY_WITH_TIMEOUT(context.latestLatent()->step > first->step(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(tool->endpoint(0)->z,
                                  (std::vector<float>{context.latestLatent()->posterior.mu[10],
                                                      context.latestLatent()->posterior.mu[11]}),
                                  10000);
        QCOMPARE(tool->endpoint(0)->testImage, std::optional<int>(5));

        // Throttled: while training goes on, at most one refresh per kModelRefreshMs. Waits for
        // two refreshes rather than a fixed time, so a slow (loaded) machine only takes longer.
        updated.clear();
        QElapsedTimer clock;
        clock.start();
        QTest::qWait(2000);
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() >= 2, 30000);
        const qint64 elapsed = clock.elapsed();
        QVERIFY2(updated.count() <= elapsed / InterpolationTool::kModelRefreshMs + 1,
                 qPrintable(QString::number(updated.count())));

        // The strip is what the model it names decodes.
        context.session().togglePause();
        QTest::qWait(600);
        tool->refreshNow();
        verifyStrip(*tool, *tool->decodeModel());

        // Closed panel: nothing decoded.
        tool->setPanelShown(false);
        updated.clear();
        QTest::qWait(700);
        QCOMPARE(updated.count(), 0);
        context.session().stopTraining();
    }

    void openedModelAndLaunchEndpoints()
    {
        VAE_REQUIRE_MNIST();
        const QString path = m_dir.filePath(QStringLiteral("model.safetensors"));
        {
            test::FakeToolContext context(test::testOptions());
            context.hostWindow().show();
            trainOneEpoch(context);
            if (QTest::currentTestFailed())
                return;
            QVERIFY(context.session().saveModel(path));
        }
        LaunchOptions options = test::testOptions();
        LaunchEndpoint image;
        image.testImage = 3;
        LaunchEndpoint point;
        point.z1 = 1.5;
        point.z2 = -0.5;
        options.interpolate = std::array<LaunchEndpoint, 2>{image, point};
        options.interpolateSpherical = true;
        test::FakeToolContext context(options);
        InterpolationTool* tool = addTool(context);
        QSignalSpy latent(&context, &ToolContext::latentUpdated);
        // What the shell does with --open at launch: open the file, then load MNIST.
        QVERIFY(context.session().openModel(path));
        context.session().loadData();
        QVERIFY(QTest::qWaitForWindowExposed(&context.hostWindow()));
        QVERIFY(tool->panelShown());
        QCOMPARE(tool->kind(), vae::InterpolationKind::Spherical);
        QVERIFY(tool->endpoint(1));
        QCOMPARE(tool->endpoint(1)->z, (std::vector<float>{1.5f, -0.5f}));
        // Image 3's μ once the opened model has encoded the test set.
        QVERIFY(latent.wait(30000));
        QTRY_VERIFY(tool->endpoint(0).has_value());
        QCOMPARE(tool->endpoint(0)->testImage, std::optional<int>(3));
        const auto& mu = context.latestLatent()->posterior.mu;
        QCOMPARE(tool->endpoint(0)->z, (std::vector<float>{mu[6], mu[7]}));
        QCOMPARE(tool->decodeModel(), context.model());
        verifyStrip(*tool, *context.model());
    }

    // In a real MainWindow: this is about the window's teardown order.
    void closingWithARefreshPendingIsSafe()
    {
        VAE_REQUIRE_MNIST();
        auto* window = new MainWindow(test::testOptions());
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        VAE_WAIT_FOR_DATA(*window);
        window->settingsPanel()->setConfig(test::smallConfig(500, 32));
        QVERIFY(window->startTraining());
        InterpolationTool* tool = window->findChild<InterpolationTool*>();
        QVERIFY(tool);
        tool->setEndpoint(0, {-1.0f, 0.0f});
        tool->setEndpoint(1, {1.0f, 1.0f});
        tool->setPanelShown(true);
        // A new model right after a refresh: the throttle holds its decode back.
        tool->refreshNow();
        emit window->modelChanged();
        QPointer<InterpolationTool> alive(tool);
        // ~QWidget closes the window (hiding the dock) after MainWindow's members are gone: the
        // tool must not decode then.
        delete window;
        QVERIFY(alive.isNull());
    }

    void launchOptionParsing()
    {
        const QString program = QStringLiteral("vae-explorer");
        CommandLineResult r = parseCommandLine(
            {program, QStringLiteral("--interpolate"), QStringLiteral("-1,0.5:#7")});
        QVERIFY2(r.ok, qPrintable(r.message));
        QVERIFY(r.options.interpolate);
        const auto& ends = *r.options.interpolate;
        QVERIFY(!ends[0].testImage);
        QCOMPARE(ends[0].z1, -1.0);
        QCOMPARE(ends[0].z2, 0.5);
        QCOMPARE(ends[1].testImage, std::optional<int>(7));
        r = parseCommandLine({program, QStringLiteral("--interpolate=#3:#2")});
        QVERIFY(r.ok);
        QCOMPARE((*r.options.interpolate)[0].testImage, std::optional<int>(3));
        QVERIFY(!r.options.interpolateSpherical);
        r = parseCommandLine({program, QStringLiteral("--interpolate=#3:0,0:slerp")});
        QVERIFY(r.ok);
        QVERIFY(r.options.interpolateSpherical);
        QCOMPARE((*r.options.interpolate)[1].z1, 0.0);
        QVERIFY(!parseCommandLine({program}).options.interpolate);
        for (const char* bad :
             {"1,2", "1,2:3", "#x:#2", "#-1:#2", "1,2,3:4,5", "a,b:1,2", "#1:#2:cubic"}) {
            r = parseCommandLine({program, QStringLiteral("--interpolate"), QLatin1String(bad)});
            QVERIFY2(!r.ok, bad);
            QVERIFY(r.message.contains(QStringLiteral("--interpolate")));
        }
    }
};

QTEST_MAIN(TestInterpolation)
#include "test_interpolation.moc"
