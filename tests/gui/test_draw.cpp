// Explore ▸ Draw: strokes land on the expected pixels, the drawing's posterior and reconstruction
// shown are exactly what the model computes, the latent-plot marker sits at μ with radii σ and 2σ,
// Clear empties the pad, and pictures are turned into MNIST-style digits (LeCun et al. 1998).
// Built against a fake ToolContext: the tool, a latent plot and a session, no main window.

#include "faketoolcontext.h"
#include "guitestsupport.h"

#include "widgets/decodedview.h"
#include "tools/draw/drawpad.h"
#include "tools/draw/drawtool.h"
#include "plots/latentplot.h"
#include "tools/draw/mnistpreprocess.h"
#include "plots/posteriorellipse.h"

#include <vae/checkpoint.h>
#include <vae/inference.h>

#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolBar>

#include <cmath>
#include <numeric>
#include <vector>

using namespace vae::gui;

namespace {

float padPixel(const DrawPad& pad, int row, int col)
{
    return pad.pixels()[static_cast<std::size_t>(row * DrawPad::kSide + col)];
}

/// A left-button stroke along row `row` from column `from` to column `to`, through every cell.
void drawRow(DrawPad* pad, int row, int from, int to)
{
    QTest::mousePress(pad, Qt::LeftButton, {}, pad->cellCentre(row, from).toPoint());
    for (int col = from + 1; col <= to; ++col)
        QTest::mouseMove(pad, pad->cellCentre(row, col).toPoint());
    QTest::mouseRelease(pad, Qt::LeftButton, {}, pad->cellCentre(row, to).toPoint());
}

double meanAbsDifference(const std::vector<float>& a, const std::vector<float>& b)
{
    double sum = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        sum += std::abs(double(a[i]) - double(b[i]));
    return sum / double(a.size());
}

/// An MNIST digit as a light-background picture: inverted, scaled up `scale`× (each pixel a
/// scale × scale square) and placed at (x, y) in a width × height white canvas.
QImage lightPicture(std::span<const float> digit, int scale, int x, int y, int width, int height)
{
    QImage image(width, height, QImage::Format_Grayscale8);
    image.fill(255);
    for (int r = 0; r < 28 * scale; ++r) {
        uchar* line = image.scanLine(y + r);
        for (int c = 0; c < 28 * scale; ++c)
            line[x + c] = static_cast<uchar>(
                255 - std::lround(255.0f *
                                  digit[static_cast<std::size_t>((r / scale) * 28 + c / scale)]));
    }
    return image;
}

} // namespace

class TestDraw final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        test::initTestEnvironment();
        QVERIFY(m_dir.isValid());
        // An untrained model is enough to check that what is shown is what the model computes;
        // opening it from a file exercises the "opened model" path.
        vae::TrainingConfig config = test::smallConfig(1, 64);
        config.latentDim = 2;
        m_modelFile = m_dir.filePath(QStringLiteral("untrained.safetensors"));
        vae::saveCheckpoint(m_modelFile.toStdString(), *vae::makeUntrainedModel(config), {});
    }

    void actionIsInTheExploreMenuAndToolbar()
    {
        test::FakeToolContext context(test::testOptions());
        DrawTool* tool = context.add<DrawTool>();
        context.hostWindow().show();
        QVERIFY(context.exploreMenu().actions().contains(tool->action()));
        QVERIFY(context.exploreToolBar().actions().contains(tool->action()));
        QCOMPARE(tool->action()->shortcut(), QKeySequence(QStringLiteral("Ctrl+D")));
        QVERIFY(!tool->dock()->isVisible());
        tool->action()->trigger();
        QVERIFY(tool->dock()->isVisible());
        QCOMPARE(tool->ellipse()->layer()->name(),
                 QString::fromLatin1(PosteriorEllipse::kLayerName));
        // Above the scatter's layer.
        QVERIFY(tool->ellipse()->layer()->index() >
                context.plot()->scatter()->layer()->index());
    }

    void strokeSetsTheExpectedPixels()
    {
        test::FakeToolContext context(test::testOptions());
        DrawTool* tool = context.add<DrawTool>();
        context.hostWindow().show();
        tool->action()->trigger();
        DrawPad* pad = tool->pad();
        QVERIFY(QTest::qWaitForWindowExposed(&context.hostWindow()));
        QVERIFY(pad->cellSize() >= 6);
        QVERIFY(pad->isEmpty());
        tool->brushBox()->setValue(2);
        QCOMPARE(pad->brushSize(), 2);

        QSignalSpy changed(pad, &DrawPad::changed);
        drawRow(pad, 10, 5, 20);
        QVERIFY(changed.count() >= 2);
        // Brush 2 (radius 1): full ink on the stroke's centre line, 2/3 one pixel off it, none
        // from 2 pixels off (brushValue: (r + 1 − d) / 1.5).
        for (int col = 5; col <= 20; ++col) {
            QCOMPARE(padPixel(*pad, 10, col), 1.0f);
            QCOMPARE(padPixel(*pad, 9, col), DrawPad::brushValue(1.0, 2));
            QCOMPARE(padPixel(*pad, 11, col), DrawPad::brushValue(1.0, 2));
            QCOMPARE(padPixel(*pad, 8, col), 0.0f);
            QCOMPARE(padPixel(*pad, 12, col), 0.0f);
        }
        QVERIFY(std::abs(DrawPad::brushValue(1.0, 2) - 2.0f / 3.0f) < 1e-6f);
        QCOMPARE(padPixel(*pad, 10, 4), DrawPad::brushValue(1.0, 2)); // one before the start
        QCOMPARE(padPixel(*pad, 10, 3), 0.0f);
        QCOMPARE(padPixel(*pad, 10, 21), DrawPad::brushValue(1.0, 2));
        QCOMPARE(padPixel(*pad, 10, 22), 0.0f);
        const double ink = std::accumulate(pad->pixels().begin(), pad->pixels().end(), 0.0);
        // 16 full pixels, 2 × 18 at 2/3 along the sides and the two ends, plus the corners'
        // fringe (brushValue(√2) = 0.39 at the four diagonal cells).
        QVERIFY2(std::abs(ink - (16 + 2 * 16 * 2.0 / 3 + 2 * 2.0 / 3 +
                                 4 * DrawPad::brushValue(std::sqrt(2.0), 2))) < 1e-3,
                 qPrintable(QString::number(ink)));

        // On screen: the centre of a drawn cell is white, of an empty one black.
        const QImage shown = pad->grab().toImage();
        const double scale = shown.width() / double(pad->width());
        QCOMPARE(qGray(shown.pixel((pad->cellCentre(10, 12) * scale).toPoint())), 255);
        QCOMPARE(qGray(shown.pixel((pad->cellCentre(2, 12) * scale).toPoint())), 0);

        // The right button erases with the same brush.
        QTest::mousePress(pad, Qt::RightButton, {}, pad->cellCentre(10, 12).toPoint());
        QTest::mouseRelease(pad, Qt::RightButton, {}, pad->cellCentre(10, 12).toPoint());
        QCOMPARE(padPixel(*pad, 10, 12), 0.0f);
        QCOMPARE(padPixel(*pad, 10, 11), 1.0f - DrawPad::brushValue(1.0, 2));

        // Clear zeroes every pixel, and the marker leaves the plot.
        QTest::mouseClick(tool->clearButton(), Qt::LeftButton);
        QVERIFY(pad->isEmpty());
        for (const float v : pad->pixels())
            QCOMPARE(v, 0.0f);
        tool->encodeNow();
        QVERIFY(!tool->ellipse()->visible());
        QVERIFY(tool->encodedPixels().empty());
    }

    void encodingShowsExactlyWhatTheModelComputes()
    {
        test::FakeToolContext context(test::testOptions());
        DrawTool* tool = context.add<DrawTool>();
        context.hostWindow().show();
        QVERIFY2(context.session().openModel(m_modelFile), qPrintable(context.errors().join('\n')));
        tool->action()->trigger();
        QVERIFY(QTest::qWaitForWindowExposed(&context.hostWindow()));
        DrawPad* pad = tool->pad();
        tool->brushBox()->setValue(3);
        QTRY_COMPARE(tool->encodeCount(), 0); // an empty pad is not encoded
        drawRow(pad, 6, 8, 19);
        QTest::mousePress(pad, Qt::LeftButton, {}, pad->cellCentre(6, 19).toPoint());
        for (int row = 7; row <= 22; ++row)
            QTest::mouseMove(pad, pad->cellCentre(row, 19 - (row - 6) / 2).toPoint());
        QTest::mouseRelease(pad, Qt::LeftButton, {}, pad->cellCentre(22, 11).toPoint());

        // The throttle encodes the latest drawing shortly after the last move: the two strokes'
        // 30 mouse events, sent without the event loop running in between, cost one encode.
        QTRY_VERIFY_WITH_TIMEOUT(tool->encodedPixels() == pad->pixels(), 2000);
        QCOMPARE(tool->encodeCount(), 1);
        QCOMPARE(tool->encodedModel(), context.model());
        const vae::InferenceModel& model = *context.model();
        const vae::Posterior expected = model.encode(pad->pixels(), 1);
        QCOMPARE(tool->posterior().mu, expected.mu);
        QCOMPARE(tool->posterior().sigma, expected.sigma);
        const std::vector<float> reconstruction = model.decode(expected.mu);
        QCOMPARE(tool->reconstruction(), reconstruction);
        const QImage& image = tool->reconstructionImage();
        QCOMPARE(image.size(), QSize(28, 28));
        for (int r = 0; r < 28; ++r)
            for (int c = 0; c < 28; ++c)
                QCOMPARE(
                    int(image.constScanLine(r)[c]),
                    ExampleImage::level(reconstruction[static_cast<std::size_t>(r * 28 + c)]));
        const QLocale locale;
        const QString text = tool->numbersText();
        for (int d = 0; d < 2; ++d) {
            QVERIFY2(text.contains(locale.toString(double(expected.mu[d]), 'f', 3)),
                     qPrintable(text));
            QVERIFY2(text.contains(locale.toString(double(expected.sigma[d]), 'f', 3)),
                     qPrintable(text));
        }

        // The marker: centred at μ, the ellipses' half-axes σ and 2σ (in latent units and on
        // screen).
        PosteriorEllipse* ellipse = tool->ellipse();
        QVERIFY(ellipse->visible());
        QCOMPARE(ellipse->mean(), QPointF(expected.mu[0], expected.mu[1]));
        QCOMPARE(ellipse->sigma(), QPointF(expected.sigma[0], expected.sigma[1]));
        LatentPlot* plot = context.plot();
        for (const double k : {1.0, 2.0}) {
            const QRectF r = ellipse->ellipseRect(k);
            const QPointF topLeft = plot->latentToPixel(QPointF(
                expected.mu[0] - k * expected.sigma[0], expected.mu[1] + k * expected.sigma[1]));
            const QPointF bottomRight = plot->latentToPixel(QPointF(
                expected.mu[0] + k * expected.sigma[0], expected.mu[1] - k * expected.sigma[1]));
            QVERIFY(std::abs(r.left() - topLeft.x()) < 1e-6);
            QVERIFY(std::abs(r.top() - topLeft.y()) < 1e-6);
            QVERIFY(std::abs(r.right() - bottomRight.x()) < 1e-6);
            QVERIFY(std::abs(r.bottom() - bottomRight.y()) < 1e-6);
            const QPointF centre = plot->latentToPixel(QPointF(expected.mu[0], expected.mu[1]));
            QVERIFY(std::abs(r.center().x() - centre.x()) < 1e-6);
            QVERIFY(std::abs(r.center().y() - centre.y()) < 1e-6);
        }

        // Hiding the dock takes the marker off the plot; showing it again re-encodes.
        tool->action()->trigger();
        QTRY_VERIFY(!ellipse->visible());
        tool->action()->trigger();
        QTRY_VERIFY(ellipse->visible());
        QCOMPARE(tool->posterior().mu, expected.mu);
    }

    void reencodesWhileTraining()
    {
        VAE_REQUIRE_MNIST();
        test::FakeToolContext context(test::testOptions());
        DrawTool* tool = context.add<DrawTool>();
        context.hostWindow().show();
        context.session().loadData();
        QTRY_VERIFY_WITH_TIMEOUT(context.data() != nullptr, 30000);
        tool->action()->trigger();
        drawRow(tool->pad(), 14, 6, 21);
        QCOMPARE(context.drawing(), tool->pad()->pixels()); // what other tools examine
        QVERIFY(context.session().startTraining(test::smallConfig(3, 64), false));
        // Every new snapshot (~250 ms) is re-encoded: the encoding follows the model.
        QTRY_VERIFY_WITH_TIMEOUT(context.model() && context.model()->step() > 0 &&
                                     tool->encodedModel() == context.model(),
                                 30000);
        const std::shared_ptr<const vae::InferenceModel> first = tool->encodedModel();
        QTRY_VERIFY_WITH_TIMEOUT(tool->encodedModel() && tool->encodedModel() != first, 30000);
        const std::shared_ptr<const vae::InferenceModel> model = tool->encodedModel();
        QCOMPARE(tool->posterior().mu, model->encode(tool->pad()->pixels(), 1).mu);
        QCOMPARE(tool->reconstruction(), model->decode(tool->posterior().mu));
        context.session().stopTraining();
        QTRY_VERIFY_WITH_TIMEOUT(context.runEnded(), 60000);
    }

    // --- MNIST-style preprocessing --------------------------------------------------------------

    void preprocessingCentresAndScales()
    {
        // A synthetic light-background picture: a dark 60 × 30 bar off-centre in 200 × 150.
        std::vector<float> grey(200 * 150, 0.9f);
        for (int y = 20; y < 80; ++y)
            for (int x = 130; x < 160; ++x)
                grey[static_cast<std::size_t>(y * 200 + x)] = 0.1f;
        const std::vector<float> out = toMnistStyle(grey, 200, 150);
        QCOMPARE(out.size(), std::size_t{784});
        const InkBox box = inkBoundingBox(out, 28, 28, 0.0f);
        QCOMPARE(box.height, 20); // the longer side fills the 20-pixel box
        QCOMPARE(box.width, 10);  // aspect ratio kept
        const CentreOfMass com = centreOfMass(out, 28, 28);
        QVERIFY(std::abs(com.x - kMnistCentre) <= 0.5);
        QVERIFY(std::abs(com.y - kMnistCentre) <= 0.5);
        QCOMPARE(*std::max_element(out.begin(), out.end()), 1.0f);

        // Blank or uniform pictures have no ink.
        const std::vector<float> blank = toMnistStyle(std::vector<float>(50 * 40, 1.0f), 50, 40);
        QVERIFY(std::all_of(blank.begin(), blank.end(), [](float v) { return v == 0.0f; }));

        // Area resampling keeps the mean.
        const std::vector<float> ramp = [] {
            std::vector<float> v(30 * 17);
            for (std::size_t i = 0; i < v.size(); ++i)
                v[i] = float(i % 7) / 6.0f;
            return v;
        }();
        const std::vector<float> small = resampleArea(ramp, 30, 17, 11, 5);
        const double meanIn = std::accumulate(ramp.begin(), ramp.end(), 0.0) / double(ramp.size());
        const double meanOut =
            std::accumulate(small.begin(), small.end(), 0.0) / double(small.size());
        QVERIFY(std::abs(meanIn - meanOut) < 1e-5);
    }

    void realDigitsComeBackMnistStyle()
    {
        VAE_REQUIRE_MNIST();
        const vae::ImageSet test = vae::loadImageSet(vae::defaultDataDir() / vae::kTestImagesFile,
                                                     vae::defaultDataDir() / vae::kTestLabelsFile);
        constexpr int kDigits = 1000;
        double worstRoundTrip = 0, sumRoundTrip = 0, worstPicture = 0, sumPicture = 0;
        for (int i = 0; i < kDigits; ++i) {
            const std::span<const float> digit(test.pixels.data() + std::size_t(i) * 784, 784);
            const std::vector<float> original(digit.begin(), digit.end());

            // Scaled up 3×, dark on light, far off-centre: back to an MNIST digit.
            const QImage picture =
                lightPicture(digit, 3, 17 + (i % 5) * 40, 9 + (i % 3) * 30, 300, 200);
            const std::vector<float> fromPicture = DrawTool::imageToMnist(picture);
            const CentreOfMass com = centreOfMass(fromPicture, 28, 28);
            QVERIFY2(std::abs(com.x - kMnistCentre) <= 0.5 && std::abs(com.y - kMnistCentre) <= 0.5,
                     qPrintable(QStringLiteral("digit %1: centre of mass (%2, %3)")
                                    .arg(i)
                                    .arg(com.x)
                                    .arg(com.y)));
            const InkBox box = inkBoundingBox(fromPicture, 28, 28, 0.0f);
            QVERIFY(box.width <= 20 && box.height <= 20);
            QVERIFY(std::max(box.width, box.height) >= 19);
            const double pictureDiff = meanAbsDifference(fromPicture, original);
            worstPicture = std::max(worstPicture, pictureDiff);
            sumPicture += pictureDiff;

            // An MNIST digit is already MNIST-style: it comes back close to itself.
            const double roundTrip = meanAbsDifference(toMnistStyle(original, 28, 28), original);
            worstRoundTrip = std::max(worstRoundTrip, roundTrip);
            sumRoundTrip += roundTrip;
        }
        qInfo("MNIST round trip, mean |Δ| per pixel over %d test digits: mean %.5f, worst %.5f",
              kDigits, sumRoundTrip / kDigits, worstRoundTrip);
        qInfo("3x light-background picture, mean |Δ| per pixel: mean %.5f, worst %.5f",
              sumPicture / kDigits, worstPicture);
        QVERIFY(sumRoundTrip / kDigits < 0.002);
        QVERIFY(worstRoundTrip < 0.01);
        QVERIFY(sumPicture / kDigits < 0.002);
        QVERIFY(worstPicture < 0.01);
    }

    void loadImageFileIntoThePad()
    {
        VAE_REQUIRE_MNIST();
        const vae::ImageSet test = vae::loadImageSet(vae::defaultDataDir() / vae::kTestImagesFile,
                                                     vae::defaultDataDir() / vae::kTestLabelsFile);
        const std::span<const float> digit(test.pixels.data(), 784);
        const QString file = m_dir.filePath(QStringLiteral("seven.png"));
        QVERIFY(lightPicture(digit, 4, 50, 20, 240, 160).save(file));

        test::FakeToolContext context(test::testOptions());
        DrawTool* tool = context.add<DrawTool>();
        context.hostWindow().show();
        QVERIFY2(context.session().openModel(m_modelFile), qPrintable(context.errors().join('\n')));
        QVERIFY(!tool->dock()->isVisible());
        QVERIFY2(tool->loadImage(file), qPrintable(tool->lastError()));
        QVERIFY(tool->dock()->isVisible());
        QCOMPARE(tool->pad()->pixels(), DrawTool::imageToMnist(QImage(file)));
        QTRY_VERIFY_WITH_TIMEOUT(tool->encodedPixels() == tool->pad()->pixels(), 2000);
        QCOMPARE(tool->posterior().mu, context.model()->encode(tool->pad()->pixels(), 1).mu);

        // Dropping an image file on the pad loads it the same way.
        QTest::mouseClick(tool->clearButton(), Qt::LeftButton);
        QVERIFY(tool->pad()->isEmpty());
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(file)});
        const QPoint centre = tool->pad()->rect().center();
        QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(tool->pad(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(tool->pad(), &drop);
        QCOMPARE(tool->pad()->pixels(), DrawTool::imageToMnist(QImage(file)));

        const std::vector<float> before = tool->pad()->pixels();
        QVERIFY(!tool->loadImage(m_dir.filePath(QStringLiteral("missing.png"))));
        QVERIFY(!tool->lastError().isEmpty());
        QVERIFY(context.messages().contains(tool->lastError())); // said in the status bar
        QCOMPARE(tool->pad()->pixels(), before);
    }

    void transparentBackgroundsBecomeBackground()
    {
        // Black ink on transparent, and white ink on transparent: both are ink.
        for (const QColor ink : {QColor(Qt::black), QColor(Qt::white)}) {
            QImage image(60, 60, QImage::Format_ARGB32);
            image.fill(Qt::transparent);
            for (int y = 10; y < 50; ++y)
                for (int x = 25; x < 35; ++x)
                    image.setPixelColor(x, y, ink);
            const std::vector<float> out = DrawTool::imageToMnist(image);
            const InkBox box = inkBoundingBox(out, 28, 28, 0.5f);
            QCOMPARE(box.height, 20);
            QCOMPARE(box.width, 5);
        }
    }

private:
    QTemporaryDir m_dir;
    QString m_modelFile;
};

QTEST_MAIN(TestDraw)
#include "test_draw.moc"
