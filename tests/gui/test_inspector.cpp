// The point inspector: hover tooltips name the point under the cursor (test and training sets),
// a plain click selects it and the dock shows exactly what evaluateImages() computes for it, the
// worst list is the top of the same computation over all 10,000 test images, picking a row selects
// and pans; all of it follows training and opened models. PointIndex agrees with a full scan.
// Built against a fake ToolContext: the Inspector, a latent plot and a session with the model
// trained in initTestCase, no main window. One test, inspectOptionSelectsAtLaunch, keeps a real
// MainWindow: the whole launch path (the shell opens --open's file and loads MNIST, the Inspector
// acts on --inspect).

#include "faketoolcontext.h"
#include "guitestsupport.h"

#include "shell/commandline.h"
#include "plots/latentplot.h"
#include "plots/pointindex.h"
#include "tools/inspector/pointinspector.h"
#include "tools/inspector/selectionring.h"

#include <QMouseEvent>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <span>
#include <vector>

using namespace vae::gui;
using Ref = PointInspector::PointRef;

namespace {

void sendMouse(QWidget* widget, QEvent::Type type, QPointF pos, Qt::MouseButton button,
               Qt::MouseButtons buttons, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QMouseEvent event(type, pos, widget->mapToGlobal(pos), button, buttons, modifiers);
    QApplication::sendEvent(widget, &event);
}

QPointF muOf(const vae::Posterior& posterior, int i)
{
    const std::size_t row = std::size_t(i) * std::size_t(posterior.dim);
    return {posterior.mu[row], posterior.dim > 1 ? posterior.mu[row + 1] : 0.0};
}

/// Lays the plot out for its current size, so pixel ↔ latent mapping is what the screen shows.
void settle(LatentPlot* plot)
{
    QApplication::processEvents();
    plot->replot(QCustomPlot::rpImmediateRefresh);
}

/// A point of `own` whose own pixel (rounded, as a mouse position is) has it as the nearest point
/// of `own` within the pick radius, and no point of `others` within the radius: hovering there
/// must name it. Searched from index `from` on; -1 if none.
int pickablePoint(const LatentPlot& plot, const vae::Posterior& own, const vae::Posterior* others,
                  int from = 0)
{
    const QRect area = plot.axisRect()->rect().adjusted(10, 10, -10, -10);
    const auto nearestDistance = [&](const vae::Posterior& set, QPointF at, int skip) {
        double best = std::numeric_limits<double>::infinity();
        int bestIndex = -1;
        for (int j = 0; j < set.count; ++j) {
            const QPointF d = plot.latentToPixel(muOf(set, j)) - at;
            const double distance = std::hypot(d.x(), d.y());
            if (j != skip && distance < best) {
                best = distance;
                bestIndex = j;
            }
        }
        return std::pair(best, bestIndex);
    };
    for (int i = from; i < own.count; ++i) {
        const QPoint pixel = plot.latentToPixel(muOf(own, i)).toPoint();
        if (!area.contains(pixel))
            continue;
        const QPointF at(pixel);
        const QPointF self = plot.latentToPixel(muOf(own, i)) - at;
        const double selfDistance = std::hypot(self.x(), self.y());
        // Clear winners only, so float rounding between the two computations cannot flip it.
        if (nearestDistance(own, at, i).first < selfDistance + 0.5)
            continue;
        if (others && nearestDistance(*others, at, -1).first <= PointInspector::kPickRadius + 0.5)
            continue;
        return i;
    }
    return -1;
}

/// A pixel of the axis rect with no test point within twice the pick radius.
std::optional<QPoint> emptyPixel(const LatentPlot& plot, const vae::Posterior& points)
{
    const QRect area = plot.axisRect()->rect().adjusted(5, 5, -5, -5);
    for (int y = area.top(); y < area.bottom(); y += 7) {
        for (int x = area.left(); x < area.right(); x += 7) {
            bool empty = true;
            for (int j = 0; j < points.count && empty; ++j) {
                const QPointF d = plot.latentToPixel(muOf(points, j)) - QPointF(x, y);
                empty = std::hypot(d.x(), d.y()) > 2 * PointInspector::kPickRadius;
            }
            if (empty)
                return QPoint(x, y);
        }
    }
    return std::nullopt;
}

std::span<const float> testImage(const ToolContext& context, int index)
{
    return std::span(context.data()->test.pixels).subspan(std::size_t(index) * 784, 784);
}

/// What the shell does for View ▸ Show Training Set.
void showTrainingSet(test::FakeToolContext& context, bool show)
{
    context.plot()->setShowTrainingSet(show);
    context.session().setIncludeTrainingSet(show);
}

} // namespace

class TestInspector final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_model; ///< trained here for one epoch, opened by the tests

    struct Inspecting {
        std::unique_ptr<test::FakeToolContext> context; ///< null if the model did not open
        PointInspector* inspector = nullptr;
    };

    /// A fake context with the Inspector, the trained model opened and its test set on the plot.
    /// Clicks on the plot decode, as the shell makes them do.
    Inspecting inspecting(LaunchOptions options = test::testOptions())
    {
        Inspecting result{std::make_unique<test::FakeToolContext>(std::move(options)), nullptr};
        result.inspector = result.context->add<PointInspector>();
        QObject::connect(result.context->plot(), &LatentPlot::pointPicked, result.context.get(),
                         &ToolContext::decodeAt);
        if (!result.context->openWithData(m_model))
            result.context.reset();
        return result;
    }

private slots:
    void initTestCase()
    {
        test::initTestEnvironment();
        QVERIFY(m_dir.isValid());
        VAE_REQUIRE_MNIST();
        m_model = m_dir.filePath(QStringLiteral("model.safetensors"));
        test::FakeToolContext context(test::testOptions());
        context.hostWindow().show(); // the plot takes snapshots in while on screen
        QVERIFY(QTest::qWaitForWindowExposed(&context.hostWindow()));
        context.session().loadData();
        QTRY_VERIFY_WITH_TIMEOUT(context.data() != nullptr, 30000);
        QVERIFY(context.session().startTraining(test::smallConfig(1, 64), false));
        QTRY_VERIFY_WITH_TIMEOUT(context.runEnded(), 60000);
        QCOMPARE(context.plot()->pointCount(), 10000);
        QVERIFY(context.session().saveModel(m_model));
    }

    void pointIndexAgreesWithAFullScan()
    {
        std::mt19937 random(3);
        std::normal_distribution<float> normal;
        constexpr int kCount = 20000;
        std::vector<float> mu(kCount * 2);
        std::vector<std::uint8_t> labels(kCount);
        for (int i = 0; i < kCount; ++i) {
            mu[std::size_t(2 * i)] = 3.0f * normal(random);
            mu[std::size_t(2 * i + 1)] = 0.5f * normal(random);
            labels[std::size_t(i)] = std::uint8_t(i % 11); // label 10: not drawn, not found
        }
        mu[0] = std::numeric_limits<float>::quiet_NaN(); // skipped, not a crash
        PointIndex index;
        index.build(mu, 2, kCount, labels, 10);
        int drawable = 0;
        for (int i = 1; i < kCount; ++i)
            drawable += labels[std::size_t(i)] < 10 ? 1 : 0;
        QCOMPARE(index.size(), drawable);
        std::uniform_real_distribution<double> where(-12.0, 12.0);
        int found = 0;
        for (int q = 0; q < 5000; ++q) {
            const double x = where(random);
            const double y = where(random) / 4;
            // Anisotropic pixels, as on a wide plot of a tall cloud.
            const auto grid = index.nearest(x, y, 0.01, 0.003, 5.0);
            const auto scan = index.nearestByScan(x, y, 0.01, 0.003, 5.0);
            QCOMPARE(grid.has_value(), scan.has_value());
            if (grid) {
                ++found;
                QCOMPARE(grid->index, scan->index);
                QCOMPARE(grid->distance, scan->distance);
                QVERIFY(labels[std::size_t(grid->index)] < 10);
                QVERIFY(grid->distance <= 5.0);
            }
        }
        QVERIFY2(found > 500, qPrintable(QString::number(found)));
        // A point queried at its own place is found at distance 0.
        const auto self = index.nearest(mu[2], mu[3], 0.01, 0.01, 1.0);
        QVERIFY(self);
        QCOMPARE(self->index, 1);
        QCOMPARE(self->distance, 0.0);
        // All points on one line (a 1-D latent space) still index.
        PointIndex line;
        line.build(std::span(mu).first(200), 1, 200, labels, 10);
        QVERIFY(line.size() > 150);
        QVERIFY(line.nearest(mu[5], 0.0, 0.01, 0.01, 1.0).has_value());
    }

    void namesTheClassesAsTheDataDoes()
    {
        // MNIST's classes are its digits; Fashion-MNIST's have names.
        test::FakeToolContext mnist(test::testOptions());
        QSignalSpy mnistLoaded(&mnist, &ToolContext::dataLoaded);
        mnist.session().loadData();
        QVERIFY(mnistLoaded.wait(30000));
        QCOMPARE(mnist.classLabel(7), QStringLiteral("digit 7"));
        LaunchOptions options = test::testOptions();
        options.dataset = QStringLiteral("fashion-mnist");
        test::FakeToolContext fashion(options);
        QSignalSpy fashionLoaded(&fashion, &ToolContext::dataLoaded);
        fashion.session().loadData();
        QVERIFY(fashionLoaded.wait(30000));
        QCOMPARE(fashion.classLabel(7), QStringLiteral("Sneaker"));
        QCOMPARE(fashion.classLabel(0), QStringLiteral("T-shirt/top"));
        // A label the data does not name.
        QCOMPARE(fashion.classLabel(12), QStringLiteral("class 12"));
    }

    void hoverShowsIndexLabelMuAndSigma()
    {
        const auto [context, inspector] = inspecting();
        QVERIFY(context);
        LatentPlot* plot = context->plot();
        QCOMPARE(plot->pointCount(), 10000);
        settle(plot);
        const auto snapshot = context->latestLatent();
        const int i = pickablePoint(*plot, snapshot->posterior, nullptr);
        QVERIFY(i >= 0);
        const QPoint pixel = plot->latentToPixel(muOf(snapshot->posterior, i)).toPoint();
        QCOMPARE(inspector->pointAt(pixel), std::optional(Ref{LatentScatter::TestSet, i}));

        sendMouse(plot, QEvent::MouseMove, pixel, Qt::NoButton, Qt::NoButton);
        QTRY_VERIFY(QToolTip::isVisible());
        const QString text = QToolTip::text();
        const int label = snapshot->labels[std::size_t(i)];
        QVERIFY2(text.contains(QStringLiteral("Test image #%1 ").arg(i)), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("digit %1").arg(label)), qPrintable(text));
        const QLocale locale;
        const QString mu =
            QStringLiteral("μ = (%1, %2)")
                .arg(locale.toString(double(snapshot->posterior.mu[2 * i]), 'f', 3),
                     locale.toString(double(snapshot->posterior.mu[2 * i + 1]), 'f', 3));
        const QString sigma =
            QStringLiteral("σ = (%1, %2)")
                .arg(locale.toString(double(snapshot->posterior.sigma[2 * i]), 'f', 3),
                     locale.toString(double(snapshot->posterior.sigma[2 * i + 1]), 'f', 3));
        QVERIFY2(text.contains(mu), qPrintable(text + " / " + mu));
        QVERIFY2(text.contains(sigma), qPrintable(text + " / " + sigma));
        QVERIFY(inspector->lastLookupMicroseconds() > 0);

        // Away from every point the tip goes; with Shift held (another tool's) none comes.
        const std::optional<QPoint> empty = emptyPixel(*plot, snapshot->posterior);
        QVERIFY(empty);
        QVERIFY(!inspector->pointAt(*empty));
        sendMouse(plot, QEvent::MouseMove, *empty, Qt::NoButton, Qt::NoButton);
        QTRY_VERIFY(!QToolTip::isVisible());
        sendMouse(plot, QEvent::MouseMove, pixel, Qt::NoButton, Qt::NoButton, Qt::ShiftModifier);
        QTest::qWait(50);
        QVERIFY(!QToolTip::isVisible());
    }

    void hoverFindsTrainingPointsWhenShown()
    {
        const auto [context, inspector] = inspecting();
        QVERIFY(context);
        LatentPlot* plot = context->plot();
        showTrainingSet(*context, true);
        QTRY_VERIFY_WITH_TIMEOUT(context->latestLatent()->trainPosterior != nullptr, 30000);
        settle(plot);
        const auto snapshot = context->latestLatent();
        const vae::Posterior& train = *snapshot->trainPosterior;
        const int i = pickablePoint(*plot, train, &snapshot->posterior);
        QVERIFY(i >= 0);
        const QPoint pixel = plot->latentToPixel(muOf(train, i)).toPoint();
        QCOMPARE(inspector->pointAt(pixel), std::optional(Ref{LatentScatter::TrainingSet, i}));
        sendMouse(plot, QEvent::MouseMove, pixel, Qt::NoButton, Qt::NoButton);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(QStringLiteral("Training image #%1 ").arg(i)),
                 qPrintable(QToolTip::text()));
        QVERIFY(QToolTip::text().contains(
            QStringLiteral("digit %1").arg(int((*snapshot->trainLabels)[std::size_t(i)]))));
        sendMouse(plot, QEvent::MouseMove, QPointF(1, 1), Qt::NoButton, Qt::NoButton);

        // Hidden again: the training points are not found any more. (The view is held still:
        // following the data it would refit to the test set alone, which can bring a test point
        // under `pixel`.)
        plot->stopFollowingData();
        showTrainingSet(*context, false);
        QCOMPARE(plot->latentToPixel(muOf(train, i)).toPoint(), pixel);
        QVERIFY(!inspector->pointAt(pixel));
    }

    void clickSelectsThePointAndTheDockShowsItsTerms()
    {
        const auto [context, inspector] = inspecting();
        QVERIFY(context);
        LatentPlot* plot = context->plot();
        settle(plot);
        const auto snapshot = context->latestLatent();

        // With the Inspector closed a click only decodes.
        QVERIFY(!inspector->isVisible());
        int i = pickablePoint(*plot, snapshot->posterior, nullptr);
        QSignalSpy decodedClosed(context.get(), &ToolContext::decoded);
        QTest::mouseClick(plot, Qt::LeftButton, {},
                          plot->latentToPixel(muOf(snapshot->posterior, i)).toPoint());
        QVERIFY(!inspector->selection());
        QCOMPARE(decodedClosed.count(), 1);
        QVERIFY(!context->selectedPoint());

        // The Explore menu's action opens it.
        QVERIFY(context->exploreMenu().actions().contains(inspector->inspectorAction()));
        QCOMPARE(inspector->inspectorAction()->shortcut(),
                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
        inspector->inspectorAction()->trigger();
        QTRY_VERIFY(inspector->isVisible());
        settle(plot); // the dock took width from the plot
        i = pickablePoint(*plot, snapshot->posterior, nullptr);
        QVERIFY(i >= 0);
        const QPoint pixel = plot->latentToPixel(muOf(snapshot->posterior, i)).toPoint();
        QSignalSpy decoded(context.get(), &ToolContext::decoded);
        QSignalSpy selected(inspector, &PointInspector::selectionChanged);
        QTest::mouseClick(plot, Qt::LeftButton, {}, pixel);
        QCOMPARE(inspector->selection(), std::optional(Ref{LatentScatter::TestSet, i}));
        QCOMPARE(selected.count(), 1);
        // The selection is the context's: the image other tools examine.
        QCOMPARE(context->selectedPoint(), std::optional(Ref{LatentScatter::TestSet, i}));
        // The click still decoded the clicked z.
        QCOMPARE(decoded.count(), 1);
        QCOMPARE(context->lastDecodedZ()[0], float(plot->xAxis->pixelToCoord(pixel.x())));

        // The numbers are evaluateImages() for that image under the model shown.
        const auto model = inspector->shownModel();
        QCOMPARE(model, context->model());
        const vae::LossTerms expected =
            model
                ->evaluateImages(testImage(*context, i), 1, PointInspector::kInspectSamples,
                                 PointInspector::kInspectSeed)
                .front();
        QVERIFY(inspector->shownTerms());
        QCOMPARE(inspector->shownTerms()->reconstruction, expected.reconstruction);
        QCOMPARE(inspector->shownTerms()->kl, expected.kl);
        QCOMPARE(inspector->shownTerms()->elbo, expected.elbo);
        QCOMPARE(expected.elbo, -(expected.reconstruction + expected.kl));
        const QLocale locale;
        const QString shown = inspector->shownText();
        for (const double value : {expected.reconstruction, expected.kl, expected.elbo})
            QVERIFY2(shown.contains(locale.toString(value, 'f', 2)), qPrintable(shown));
        QVERIFY(shown.contains(QStringLiteral("Test image #%1 ").arg(i)));
        QVERIFY(shown.contains(QStringLiteral("64 draws of ε")));
        // The reconstruction is the decoded posterior mean.
        const vae::Posterior q = model->encode(testImage(*context, i), 1);
        QCOMPARE(inspector->shownReconstruction(), model->decode(q.mu));

        // The ring marks it.
        QVERIFY(inspector->ring()->visible());
        QCOMPARE(inspector->ring()->center->coords(), muOf(snapshot->posterior, i));

        // Shift+click belongs to another tool, and a drag is not a click: neither selects.
        const int j = pickablePoint(*plot, snapshot->posterior, nullptr, i + 1);
        QVERIFY(j > i);
        const QPoint other = plot->latentToPixel(muOf(snapshot->posterior, j)).toPoint();
        QTest::mouseClick(plot, Qt::LeftButton, Qt::ShiftModifier, other);
        QCOMPARE(inspector->selection(), std::optional(Ref{LatentScatter::TestSet, i}));
        sendMouse(plot, QEvent::MouseButtonPress, other, Qt::LeftButton, Qt::LeftButton);
        sendMouse(plot, QEvent::MouseMove, other + QPoint(30, 0), Qt::NoButton, Qt::LeftButton);
        sendMouse(plot, QEvent::MouseButtonRelease, other + QPoint(30, 0), Qt::LeftButton,
                  Qt::NoButton);
        QCOMPARE(inspector->selection(), std::optional(Ref{LatentScatter::TestSet, i}));
        // A plain click on it does (the drag panned nothing, but find j's pixel again anyway).
        QApplication::processEvents();
        const QPoint onJ = plot->latentToPixel(muOf(snapshot->posterior, j)).toPoint();
        QTest::mouseClick(plot, Qt::LeftButton, {}, onJ);
        QCOMPARE(inspector->selection(), std::optional(Ref{LatentScatter::TestSet, j}));
        QCOMPARE(inspector->ring()->center->coords(), muOf(snapshot->posterior, j));

        // Closing the dock hides the ring.
        inspector->inspectorAction()->trigger();
        QTRY_VERIFY(!inspector->isVisible());
        QVERIFY(!inspector->ring()->visible());
        inspector->inspectorAction()->trigger();
        QTRY_VERIFY(inspector->isVisible());
        QVERIFY(inspector->ring()->visible());
    }

    void worstListIsTheTopOfAllTestImages()
    {
        const auto [context, inspector] = inspecting();
        QVERIFY(context);
        inspector->show();
        QTRY_VERIFY_WITH_TIMEOUT(inspector->worstListSource() == context->model(), 30000);
        const std::vector<WorstEntry>& list = inspector->worstList();
        QCOMPARE(int(list.size()), PointInspector::kWorstCount);
        for (std::size_t k = 1; k < list.size(); ++k)
            QVERIFY(list[k - 1].terms.reconstruction >= list[k].terms.reconstruction);

        // The same computation here, over all 10,000 test images.
        const vae::ImageSet& test = context->data()->test;
        const std::vector<vae::LossTerms> all = context->model()->evaluateImages(
            test.pixels, test.count, PointInspector::kWorstSamples, PointInspector::kWorstSeed);
        std::vector<double> reconstruction;
        for (const vae::LossTerms& t : all)
            reconstruction.push_back(t.reconstruction);
        std::sort(reconstruction.begin(), reconstruction.end(), std::greater<>());
        // Another thread may split the GEMMs differently: allow float rounding, nothing more.
        const auto close = [](double a, double b) { return std::abs(a - b) <= 1e-4 * std::abs(b); };
        QVERIFY2(close(list.front().terms.reconstruction, reconstruction.front()),
                 qPrintable(QStringLiteral("%1 vs %2")
                                .arg(list.front().terms.reconstruction)
                                .arg(reconstruction.front())));
        for (std::size_t k = 0; k < list.size(); ++k) {
            QVERIFY(close(list[k].terms.reconstruction, reconstruction[k]));
            const vae::LossTerms& own = all[std::size_t(list[k].index)];
            QVERIFY(close(list[k].terms.reconstruction, own.reconstruction));
            QCOMPARE(list[k].label, int(test.labels[std::size_t(list[k].index)]));
            QCOMPARE(list[k].terms.elbo, -(list[k].terms.reconstruction + list[k].terms.kl));
        }
        // The worst images really are bad: well above the test-set mean.
        const double mean = std::accumulate(reconstruction.begin(), reconstruction.end(), 0.0) /
                            double(reconstruction.size());
        QVERIFY(list.back().terms.reconstruction > mean + 20);

        // The table shows them in that order.
        QAbstractItemModel* table = inspector->worstTable()->model();
        QCOMPARE(table->rowCount(), PointInspector::kWorstCount);
        QCOMPARE(table->index(0, WorstListModel::IndexColumn).data().toInt(), list[0].index);
        QCOMPARE(table->index(99, WorstListModel::RankColumn).data().toInt(), 100);
    }

    void selectingARowSelectsThePointAndPansToIt()
    {
        const auto [context, inspector] = inspecting();
        QVERIFY(context);
        LatentPlot* plot = context->plot();
        inspector->show();
        QTRY_VERIFY_WITH_TIMEOUT(inspector->worstListSource() == context->model(), 30000);
        // Zoom far away from every point (a wheel event first: the view stops following data).
        QWheelEvent wheel(QPointF(1, 1), plot->mapToGlobal(QPointF(1, 1)), QPoint(), QPoint(0, 0),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(plot, &wheel);
        plot->xAxis->setRange(50, 51);
        plot->yAxis->setRange(50, 51);

        const WorstEntry entry = inspector->worstList()[5];
        QSignalSpy inspected(inspector, &PointInspector::inspected);
        inspector->worstTable()->selectRow(5);
        QCOMPARE(inspector->selection(), std::optional(Ref{LatentScatter::TestSet, entry.index}));
        QVERIFY(inspected.count() >= 1);
        QVERIFY(
            inspector->shownText().contains(QStringLiteral("Test image #%1 ").arg(entry.index)));
        QCOMPARE(context->selectedPoint(), std::optional(Ref{LatentScatter::TestSet, entry.index}));
        const QPointF z = muOf(context->latestLatent()->posterior, entry.index);
        QCOMPARE(inspector->ring()->center->coords(), z);
        QVERIFY(plot->xAxis->range().contains(z.x()));
        QVERIFY(plot->yAxis->range().contains(z.y()));
        QCOMPARE(plot->xAxis->range().size(), 1.0); // panned, not zoomed

        // Selecting that point from the scatter selects its row; another point clears the row.
        inspector->select(Ref{LatentScatter::TestSet, inspector->worstList()[7].index});
        QCOMPARE(inspector->worstTable()->selectionModel()->selectedRows().size(), 1);
        QCOMPARE(inspector->worstTable()->selectionModel()->selectedRows().front().row(), 7);
        plot->resetView();
    }

    void followsTrainingAndOpenedModels()
    {
        const auto [context, inspector] = inspecting();
        QVERIFY(context);
        Session& session = context->session();
        inspector->show();
        QVERIFY(inspector->select(Ref{LatentScatter::TestSet, 42}));
        const QString path = m_dir.filePath(QStringLiteral("saved.safetensors"));
        QVERIFY(session.saveModel(path));
        const auto saved = context->model();

        // While training, the panel and the list follow the newer models.
        QVERIFY(session.startTraining(test::smallConfig(500, 32), false));
        QTRY_VERIFY_WITH_TIMEOUT(inspector->shownModel() && inspector->shownModel()->step() > 20,
                                 20000);
        QTRY_VERIFY_WITH_TIMEOUT(
            inspector->worstListSource() && inspector->worstListSource()->step() > 0, 20000);
        QCOMPARE(inspector->selection(), std::optional(Ref{LatentScatter::TestSet, 42}));
        session.stopTraining();
        QVERIFY(!context->isTraining());
        // The final model gets its list at once.
        QTRY_VERIFY_WITH_TIMEOUT(inspector->worstListSource() == context->model(), 20000);
        QCOMPARE(inspector->shownModel(), context->model());

        // An opened model: same.
        QVERIFY(session.openModel(path));
        QTRY_VERIFY_WITH_TIMEOUT(context->latestLatent() != nullptr, 30000);
        QCOMPARE(inspector->shownModel(), context->model());
        QCOMPARE(inspector->shownModel()->step(), saved->step());
        const vae::LossTerms expected =
            context->model()
                ->evaluateImages(testImage(*context, 42), 1, PointInspector::kInspectSamples,
                                 PointInspector::kInspectSeed)
                .front();
        QCOMPARE(inspector->shownTerms()->reconstruction, expected.reconstruction);
        QTRY_VERIFY_WITH_TIMEOUT(inspector->worstListSource() == context->model(), 30000);
        QCOMPARE(inspector->ring()->center->coords(), muOf(context->latestLatent()->posterior, 42));
    }

    void inspectOptionSelectsOnceTheSnapshotIsThere()
    {
        LaunchOptions options = test::testOptions();
        options.inspectIndex = 12;
        const auto [context, inspector] = inspecting(options);
        QVERIFY(context);
        QTRY_VERIFY_WITH_TIMEOUT(inspector->selection().has_value(), 30000);
        QCOMPARE(inspector->selection(), std::optional(Ref{LatentScatter::TestSet, 12}));
        QCOMPARE(context->selectedPoint(), std::optional(Ref{LatentScatter::TestSet, 12}));
        QVERIFY(inspector->isVisible());
        QVERIFY(inspector->shownTerms());
    }

    // End to end in the real window: the shell opens --open's file and loads MNIST, and the
    // Inspector acts on --inspect once the test set is encoded.
    void inspectOptionSelectsAtLaunch()
    {
        const QString program = QStringLiteral("vae-explorer");
        CommandLineResult r =
            parseCommandLine({program, QStringLiteral("--inspect"), QStringLiteral("12")});
        QVERIFY(r.ok);
        QCOMPARE(r.options.inspectIndex, std::optional(12));
        QVERIFY(!parseCommandLine({program, QStringLiteral("--inspect"), QStringLiteral("-1")}).ok);
        QVERIFY(!parseCommandLine({program, QStringLiteral("--inspect"), QStringLiteral("x")}).ok);
        QVERIFY(!parseCommandLine({program}).options.inspectIndex);

        LaunchOptions options = test::testOptions();
        options.inspectIndex = 12;
        options.openFile = m_model;
        MainWindow window(options);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        PointInspector* inspector = window.findChild<PointInspector*>();
        QTRY_VERIFY_WITH_TIMEOUT(inspector->selection().has_value(), 30000);
        QCOMPARE(inspector->selection(), std::optional(Ref{LatentScatter::TestSet, 12}));
        QVERIFY(inspector->isVisible());
        QVERIFY(inspector->shownTerms());
    }
};

QTEST_MAIN(TestInspector)
#include "test_inspector.moc"
