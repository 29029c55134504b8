// bench_inspector: the point inspector's costs on real MNIST with a model trained for one epoch.
//  - hover lookup: PointIndex (grid) against a scan of every point, 10,000 test + 60,000 training
//    points in an 800×800 view fitted to them, cursor at random places and on random points;
//    and the whole PointInspector::pointAt() in a real (offscreen) window;
//  - index build time;
//  - the worst list (evaluateImages over the 10,000 test images) and the selected image's panel
//    (64-sample evaluateImages + encode + decode of one image).
//  - with --throughput: training speed in the window with the Inspector closed and open.
// Run on an idle machine: build/tests/benchmarks/gui/bench_inspector [--throughput]

#include "plots/latentplot.h"
#include "shell/mainwindow.h"
#include "plots/pointindex.h"
#include "tools/inspector/pointinspector.h"

#include <vae/checkpoint.h>
#include <vae/dataset.h>
#include <vae/inference.h>
#include <vae/trainer.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <numeric>
#include <random>
#include <vector>

using namespace vae::gui;
using Clock = std::chrono::steady_clock;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(p * double(v.size())))];
}

template <typename F> double milliseconds(F&& f)
{
    const auto t0 = Clock::now();
    f();
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

struct Bounds {
    double x0 = 1e30, x1 = -1e30, y0 = 1e30, y1 = -1e30;
    void add(const vae::Posterior& p)
    {
        for (int i = 0; i < p.count; ++i) {
            x0 = std::min(x0, double(p.mu[2 * i]));
            x1 = std::max(x1, double(p.mu[2 * i]));
            y0 = std::min(y0, double(p.mu[2 * i + 1]));
            y1 = std::max(y1, double(p.mu[2 * i + 1]));
        }
    }
};

} // namespace

int main(int argc, char* argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);

    const auto data = std::make_shared<const vae::Dataset>(vae::loadMnist(vae::defaultDataDir()));
    vae::TrainingConfig config;
    config.epochs = 1;
    config.seed = 1;
    vae::Trainer trainer(config, data);
    trainer.setLatentSnapshots(false);
    std::printf("training one epoch of the default model…\n");
    trainer.start();
    trainer.wait();
    const auto model = trainer.inference();
    const vae::Posterior test = model->encode(data->test.pixels, data->test.count);
    const vae::Posterior train = model->encode(data->train.pixels, data->train.count);

    // Index build.
    PointIndex testIndex;
    PointIndex trainIndex;
    std::vector<double> buildTest;
    std::vector<double> buildTrain;
    for (int r = 0; r < 21; ++r) {
        buildTest.push_back(
            milliseconds([&] { testIndex.build(test.mu, 2, test.count, data->test.labels, 10); }));
        buildTrain.push_back(milliseconds(
            [&] { trainIndex.build(train.mu, 2, train.count, data->train.labels, 10); }));
    }
    std::printf("index build: 10,000 test points %.2f ms, 60,000 training points %.2f ms "
                "(medians of 21)\n",
                median(buildTest), median(buildTrain));

    // Lookups in an 800×800 view fitted to all 70,000 points, radius 5 pixels, test set first.
    Bounds b;
    b.add(test);
    b.add(train);
    const double unitsX = (b.x1 - b.x0) / 800.0;
    const double unitsY = (b.y1 - b.y0) / 800.0;
    std::mt19937 random(5);
    std::uniform_real_distribution<double> ux(b.x0, b.x1);
    std::uniform_real_distribution<double> uy(b.y0, b.y1);
    std::uniform_int_distribution<int> pick(0, train.count - 1);
    constexpr int kQueries = 20000;
    for (const bool onPoints : {false, true}) {
        std::vector<std::pair<double, double>> where;
        for (int q = 0; q < kQueries; ++q) {
            if (onPoints) {
                const int i = pick(random);
                where.emplace_back(train.mu[2 * i], train.mu[2 * i + 1]);
            } else {
                where.emplace_back(ux(random), uy(random));
            }
        }
        std::vector<double> grid;
        std::vector<double> scan;
        int mismatches = 0;
        for (const auto& [x, y] : where) {
            std::optional<PointIndex::Hit> a;
            std::optional<PointIndex::Hit> c;
            const auto t0 = Clock::now();
            a = testIndex.nearest(x, y, unitsX, unitsY, 5);
            if (!a)
                a = trainIndex.nearest(x, y, unitsX, unitsY, 5);
            const auto t1 = Clock::now();
            c = testIndex.nearestByScan(x, y, unitsX, unitsY, 5);
            if (!c)
                c = trainIndex.nearestByScan(x, y, unitsX, unitsY, 5);
            const auto t2 = Clock::now();
            grid.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
            scan.push_back(std::chrono::duration<double, std::micro>(t2 - t1).count());
            mismatches += (a.has_value() != c.has_value() || (a && a->index != c->index)) ? 1 : 0;
        }
        std::printf("lookup, 70,000 points, cursor %s: grid median %.2f µs (p99 %.2f), full scan "
                    "median %.1f µs (p99 %.1f); %d disagreements in %d\n",
                    onPoints ? "on random training points" : "anywhere in the view", median(grid),
                    percentile(grid, 0.99), median(scan), percentile(scan, 0.99), mismatches,
                    kQueries);
    }

    // The same through the window: PointInspector::pointAt() on an opened model, training set
    // shown.
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("m.safetensors"));
        vae::saveCheckpoint(QFile::encodeName(path).toStdString(), *model, trainer.history());
        LaunchOptions options;
        options.showDialogs = false;
        options.useSettings = false;
        options.openFile = path;
        options.showTrainingSet = true;
        MainWindow window(options);
        window.resize(1400, 900);
        window.show();
        (void)QTest::qWaitForWindowExposed(&window);
        QElapsedTimer wait;
        wait.start();
        while ((!window.latestLatent() || !window.latestLatent()->trainPosterior) &&
               wait.elapsed() < 60000)
            QTest::qWait(50);
        QTest::qWait(200);
        LatentPlot* plot = window.latentPlot();
        plot->replot(QCustomPlot::rpImmediateRefresh);
        auto* inspector = window.findChild<PointInspector*>();
        const QRect area = plot->axisRect()->rect();
        std::uniform_int_distribution<int> px(area.left(), area.right());
        std::uniform_int_distribution<int> py(area.top(), area.bottom());
        (void)inspector->pointAt(area.center()); // builds the indexes
        std::vector<double> times;
        int hits = 0;
        for (int q = 0; q < kQueries; ++q) {
            hits += inspector->pointAt(QPointF(px(random), py(random))) ? 1 : 0;
            times.push_back(inspector->lastLookupMicroseconds());
        }
        std::printf("PointInspector::pointAt in the window (%d×%d axis rect, 70,000 points): "
                    "median %.2f µs, p99 %.2f µs; %d%% of random pixels hit a point\n",
                    area.width(), area.height(), median(times), percentile(times, 0.99),
                    100 * hits / kQueries);
    }

    // The worst list and the panel.
    for (const int samples : {1, 4}) {
        std::vector<double> ms;
        for (int r = 0; r < 5; ++r)
            ms.push_back(milliseconds([&] {
                (void)model->evaluateImages(data->test.pixels, data->test.count, samples, 1);
            }));
        std::printf("evaluateImages, 10,000 test images, %d sample(s): median %.0f ms (min %.0f, "
                    "5 runs)\n",
                    samples, median(ms), *std::min_element(ms.begin(), ms.end()));
    }
    // How much one draw per image moves the ranking: the top 100 from one draw (seed 1) against
    // the top 100 from 16 draws, and the spread of one image's single-draw values.
    {
        const auto topOf = [](const std::vector<vae::LossTerms>& terms) {
            std::vector<int> order(terms.size());
            std::iota(order.begin(), order.end(), 0);
            std::partial_sort(order.begin(), order.begin() + 100, order.end(), [&](int a, int b) {
                return terms[std::size_t(a)].reconstruction > terms[std::size_t(b)].reconstruction;
            });
            order.resize(100);
            std::sort(order.begin(), order.end());
            return order;
        };
        const auto one = model->evaluateImages(data->test.pixels, data->test.count, 1, 1);
        const auto many = model->evaluateImages(data->test.pixels, data->test.count, 16, 1);
        const std::vector<int> a = topOf(one);
        const std::vector<int> b = topOf(many);
        std::vector<int> common;
        std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
        double mean = 0;
        for (const auto& t : many)
            mean += t.reconstruction / double(many.size());
        double hundredth = 1e30;
        for (const int i : b)
            hundredth = std::min(hundredth, many[std::size_t(i)].reconstruction);
        // Single-draw spread of the worst image's term, over 64 seeds.
        const int probe = b.front();
        const std::span<const float> x =
            std::span(data->test.pixels).subspan(std::size_t(probe) * 784, 784);
        std::vector<double> draws;
        for (std::uint64_t seed = 0; seed < 64; ++seed)
            draws.push_back(model->evaluateImages(x, 1, 1, seed).front().reconstruction);
        double m = 0;
        for (const double d : draws)
            m += d / double(draws.size());
        double var = 0;
        for (const double d : draws)
            var += (d - m) * (d - m) / double(draws.size() - 1);
        std::printf("worst 100, one draw vs 16 draws: %zu in common; test mean %.1f nats, 100th "
                    "worst %.1f nats; one image's single-draw std %.1f nats\n",
                    common.size(), mean, hundredth, std::sqrt(var));
    }

    std::vector<double> panel;
    for (int r = 0; r < 51; ++r) {
        const std::span<const float> x =
            std::span(data->test.pixels).subspan(std::size_t(r) * 784, 784);
        panel.push_back(milliseconds([&] {
            (void)model->evaluateImages(x, 1, PointInspector::kInspectSamples,
                                        PointInspector::kInspectSeed);
            const vae::Posterior q = model->encode(x, 1);
            (void)model->decode(q.mu);
        }));
    }
    std::printf("selected image (64-sample evaluateImages + encode + decode): median %.2f ms, "
                "p99 %.2f ms\n",
                median(panel), percentile(panel, 0.99));

    // --throughput: training speed in the window with the Inspector closed and open (a selected
    // image refreshed per model snapshot, the worst list re-ranked every 5 s), alternating.
    if (app.arguments().contains(QStringLiteral("--throughput"))) {
        constexpr int kWarmupMs = 4000;
        constexpr int kMeasureMs = 20000;
        for (int round = 0; round < 2; ++round) {
            for (const bool open : {false, true}) {
                LaunchOptions options;
                options.showDialogs = false;
                options.useSettings = false;
                MainWindow window(options);
                window.resize(1400, 900);
                window.show();
                (void)QTest::qWaitForWindowExposed(&window);
                while (!window.hasData())
                    QTest::qWait(50);
                auto* inspector = window.findChild<PointInspector*>();
                inspector->setVisible(open);
                window.startTraining();
                QTest::qWait(kWarmupMs);
                if (open)
                    inspector->select({LatentScatter::TestSet, 3});
                const std::int64_t step0 = window.trainer()->history().steps.back().step;
                const auto t0 = Clock::now();
                QTest::qWait(kMeasureMs);
                const std::int64_t step1 = window.trainer()->history().steps.back().step;
                const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
                std::printf("training in the window, Inspector %s: %.0f samples/s (%.1f ms per "
                            "ranking)\n",
                            open ? "open  " : "closed", double(step1 - step0) * 128.0 / seconds,
                            open ? inspector->worstListMilliseconds() : 0.0);
                window.stopTraining();
            }
        }
    }
    return 0;
}
