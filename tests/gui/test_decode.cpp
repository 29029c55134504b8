// (c) Clicking the latent plot decodes exactly the z under the cursor; dragging, panning,
// zooming and fitting the view behave as documented.

#include "guitestsupport.h"

#include "widgets/decodedview.h"
#include "plots/latentplot.h"
#include "shell/settingspanel.h"

#include <QMouseEvent>
#include <QSignalSpy>
#include <QWheelEvent>

#include <cmath>
#include <vector>

using namespace vae::gui;

namespace {

void sendMouse(QWidget* widget, QEvent::Type type, QPointF pos, Qt::MouseButton button,
               Qt::MouseButtons buttons)
{
    QMouseEvent event(type, pos, widget->mapToGlobal(pos), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(widget, &event);
}

/// Checks that the window shows exactly what `model` decodes at (z1, z2): the stored pixels, the
/// unscaled image and the enlarged image on screen.
void verifyShownDecode(const MainWindow& window, const vae::InferenceModel& model, float z1,
                       float z2)
{
    const std::vector<float> z{z1, z2};
    QCOMPARE(window.lastDecodedZ(), z);
    const std::vector<float> expected = model.decode(z);
    QCOMPARE(expected.size(), std::size_t{784});
    QCOMPARE(window.lastDecodedPixels(), expected); // all 784 floats, exactly

    const QImage& image = window.decodedView()->image();
    QCOMPARE(image.size(), QSize(28, 28));
    QCOMPARE(image.format(), QImage::Format_Grayscale8);
    for (int r = 0; r < 28; ++r)
        for (int c = 0; c < 28; ++c)
            QCOMPARE(int(image.constScanLine(r)[c]),
                     ExampleImage::level(expected[static_cast<std::size_t>(r * 28 + c)]));

    // On screen: the centre of every model pixel's square has that pixel's grey.
    const QRect target = window.decodedView()->imageRect();
    QVERIFY(target.width() >= 28 * 6);
    QCOMPARE(target.width() % 28, 0);
    const QImage shown = window.decodedView()->canvas()->grab().toImage();
    const double scale = shown.width() / double(window.decodedView()->canvas()->width());
    const int cell = target.width() / 28;
    for (int r = 0; r < 28; ++r) {
        for (int c = 0; c < 28; ++c) {
            const QPoint centre(int((target.x() + c * cell + cell / 2) * scale),
                                int((target.y() + r * cell + cell / 2) * scale));
            QCOMPARE(qGray(shown.pixel(centre)),
                     ExampleImage::level(expected[static_cast<std::size_t>(r * 28 + c)]));
        }
    }
    QVERIFY(window.decodedView()->coordinatesText().startsWith(QStringLiteral("z = (")));
}

} // namespace

class TestDecode final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        test::initTestEnvironment();
        VAE_REQUIRE_MNIST();
    }

    void clickDecodesTheLatentPointUnderTheCursor()
    {
        MainWindow window(test::testOptions());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        VAE_WAIT_FOR_DATA(window);
        window.settingsPanel()->setConfig(test::smallConfig(500, 32));
        QVERIFY(window.startTraining());
        // Before any click the origin is decoded, so the panel is never empty.
        QVERIFY(!window.decodedView()->image().isNull());
        QCOMPARE(window.lastDecodedZ(), (std::vector<float>{0.0f, 0.0f}));
        QTRY_COMPARE_WITH_TIMEOUT(window.latentPlot()->pointCount(), 10000, 30000);

        LatentPlot* plot = window.latentPlot();
        const QRect area = plot->axisRect()->rect();
        const QPoint pixel = area.center() + QPoint(area.width() / 5, -area.height() / 7);
        const auto z1 = static_cast<float>(plot->xAxis->pixelToCoord(pixel.x()));
        const auto z2 = static_cast<float>(plot->yAxis->pixelToCoord(pixel.y()));
        QSignalSpy decodedSpy(&window, &MainWindow::decoded);
        QTest::mouseClick(plot, Qt::LeftButton, {}, pixel);
        QCOMPARE(decodedSpy.count(), 1);
        const auto model = window.lastDecodeModel();
        QVERIFY(model);
        verifyShownDecode(window, *model, z1, z2);
        // The crosshair marks the decoded point.
        QCOMPARE(plot->marker(), QPointF(plot->xAxis->pixelToCoord(pixel.x()),
                                         plot->yAxis->pixelToCoord(pixel.y())));

        // While training, a new weight snapshot re-decodes the same point.
        QTRY_VERIFY_WITH_TIMEOUT(window.lastDecodeModel() != model, 10000);
        const auto newer = window.lastDecodeModel();
        QVERIFY(newer->step() > model->step());
        verifyShownDecode(window, *newer, z1, z2);
        window.stopTraining();
        QVERIFY(!window.isTraining());
    }

    void dragDecodesContinuouslyAndViewControlsWork()
    {
        MainWindow window(test::testOptions());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        VAE_WAIT_FOR_DATA(window);
        window.settingsPanel()->setConfig(test::smallConfig(1, 32));
        QVERIFY(window.startTraining());
        VAE_WAIT_FOR_RUN_END(window);
        QCOMPARE(window.latentPlot()->pointCount(), 10000);
        LatentPlot* plot = window.latentPlot();
        plot->replot();
        QVERIFY(plot->followsData());
        const auto model = window.model();

        // Press and drag: every move decodes the point under the cursor.
        const QPointF start = plot->axisRect()->rect().center();
        QSignalSpy decodedSpy(&window, &MainWindow::decoded);
        sendMouse(plot, QEvent::MouseButtonPress, start, Qt::LeftButton, Qt::LeftButton);
        for (int i = 1; i <= 5; ++i) {
            const QPointF pos = start + QPointF(12.0 * i, 7.0 * i);
            sendMouse(plot, QEvent::MouseMove, pos, Qt::NoButton, Qt::LeftButton);
            verifyShownDecode(window, *model, float(plot->xAxis->pixelToCoord(pos.x())),
                              float(plot->yAxis->pixelToCoord(pos.y())));
        }
        sendMouse(plot, QEvent::MouseButtonRelease, start + QPointF(60, 35), Qt::LeftButton,
                  Qt::NoButton);
        QCOMPARE(decodedSpy.count(), 6);
        // A move without a button held decodes nothing.
        sendMouse(plot, QEvent::MouseMove, start, Qt::NoButton, Qt::NoButton);
        QCOMPARE(decodedSpy.count(), 6);

        // Right-drag pans by the dragged distance and decodes nothing.
        const QCPRange x0 = plot->xAxis->range();
        const QCPRange y0 = plot->yAxis->range();
        const double unitsPerPixelX = x0.size() / plot->axisRect()->width();
        const double unitsPerPixelY = y0.size() / plot->axisRect()->height();
        sendMouse(plot, QEvent::MouseButtonPress, start, Qt::RightButton, Qt::RightButton);
        sendMouse(plot, QEvent::MouseMove, start + QPointF(50, 30), Qt::NoButton, Qt::RightButton);
        sendMouse(plot, QEvent::MouseButtonRelease, start + QPointF(50, 30), Qt::RightButton,
                  Qt::NoButton);
        QCOMPARE(decodedSpy.count(), 6);
        QVERIFY(std::abs(plot->xAxis->range().lower - (x0.lower - 50 * unitsPerPixelX)) <
                1e-6 * x0.size());
        QVERIFY(std::abs(plot->yAxis->range().lower - (y0.lower + 30 * unitsPerPixelY)) <
                1e-6 * y0.size());
        QVERIFY(!plot->followsData());

        // Double-click fits the view to all points again.
        QTest::mouseDClick(plot, Qt::LeftButton, {}, start.toPoint());
        QVERIFY(plot->followsData());
        const LatentScatter* scatter = plot->scatter();
        for (int i = 0; i < scatter->pointCount(LatentScatter::TestSet); ++i) {
            const QPointF z = scatter->point(LatentScatter::TestSet, i);
            QVERIFY(plot->xAxis->range().contains(z.x()));
            QVERIFY(plot->yAxis->range().contains(z.y()));
        }

        // The wheel zooms in around the cursor.
        plot->replot();
        const double widthBefore = plot->xAxis->range().size();
        const QPointF centre = plot->axisRect()->rect().center();
        QWheelEvent wheel(centre, plot->mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(plot, &wheel);
        QVERIFY(plot->xAxis->range().size() < widthBefore);
        QVERIFY(!plot->followsData());
    }

    void largerLatentSpacesDecodeWithTheOtherDimsAtZero()
    {
        MainWindow window(test::testOptions());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        VAE_WAIT_FOR_DATA(window);
        vae::TrainingConfig config = test::smallConfig(1, 64);
        config.latentDim = 4;
        window.settingsPanel()->setConfig(config);
        QVERIFY(window.startTraining());
        VAE_WAIT_FOR_RUN_END(window);
        QCOMPARE(window.latentPlot()->pointCount(), 10000);
        window.decodeAt(0.5, -0.25);
        QCOMPARE(window.lastDecodedZ(), (std::vector<float>{0.5f, -0.25f, 0.0f, 0.0f}));
        QCOMPARE(window.lastDecodedPixels(),
                 window.lastDecodeModel()->decode(window.lastDecodedZ()));
        // The scatter shows dims 0 and 1 of μ.
        const auto& posterior = window.latestLatent()->posterior;
        QCOMPARE(posterior.dim, 4);
        const LatentScatter* scatter = window.latentPlot()->scatter();
        QCOMPARE(scatter->point(LatentScatter::TestSet, 0),
                 QPointF(posterior.mu[0], posterior.mu[1]));
        QCOMPARE(scatter->point(LatentScatter::TestSet, 9999),
                 QPointF(posterior.mu[9999 * 4], posterior.mu[9999 * 4 + 1]));
    }
};

QTEST_MAIN(TestDecode)
#include "test_decode.moc"
