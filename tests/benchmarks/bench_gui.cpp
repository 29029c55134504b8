// GUI performance figures (issue 3, parts 2 and 4). Not a test: it prints one figure per line as
// `name=value unit` and always exits 0 unless something it needs is missing.
//
//   bench_gui [--pairs N] [--clicks N] [--threads N] [--repeats N] [--only SECTION[,SECTION…]]
//
// Sections: throughput, clicks, scatter, loss (all by default).
//
// Needs MNIST in vae::defaultDataDir(). Runs offscreen (QT_QPA_PLATFORM=offscreen unless set).
// On a 2-core machine every figure is sensitive to other processes: run it on an idle machine.

#include "widgets/decodedview.h"
#include "plots/latentplot.h"
#include "plots/lossplot.h"
#include "shell/mainwindow.h"
#include "shell/settingspanel.h"

#include <vae/dataset.h>
#include <vae/inference.h>
#include <vae/trainer.h>

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QMouseEvent>
#include <QStandardPaths>
#include <QTest>

#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <memory>
#include <random>
#include <string>
#include <vector>

using namespace vae::gui;

namespace {

QElapsedTimer g_sinceStart;
int g_repeats = 30; ///< replots per figure (--repeats), more for profiling
int g_threads = 0;  ///< training threads (--threads); 0 = all cores, the default

void figure(const char* name, double value, const char* unit, int decimals = 2)
{
    std::printf("%s=%.*f %s\n", name, decimals, value, unit);
    std::fflush(stdout);
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    // Nearest rank: the p99 of 200 samples is the 198th smallest.
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * double(values.size())));
    return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

double median(const std::vector<double>& values) { return percentile(values, 50); }

long statusKb(const char* key)
{
    std::ifstream status("/proc/self/status");
    std::string line;
    const std::string prefix = std::string(key) + ":";
    while (std::getline(status, line)) {
        if (line.rfind(prefix, 0) == 0)
            return std::strtol(line.c_str() + prefix.size(), nullptr, 10);
    }
    return -1;
}

/// Milliseconds since exec, from /proc/self/stat's start time (clock ticks after boot): includes
/// loading the shared libraries (LibTorch is large) before main().
double msSinceProcessStart()
{
    std::ifstream statFile("/proc/self/stat");
    std::string text((std::istreambuf_iterator<char>(statFile)), std::istreambuf_iterator<char>());
    const auto close = text.rfind(')');
    if (close == std::string::npos)
        return -1;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    for (int i = 3; i <= 22 && fields >> field; ++i) {
    }
    const double startSeconds = std::stod(field) / double(sysconf(_SC_CLK_TCK));
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    return 1000.0 * (double(now.tv_sec) + 1e-9 * double(now.tv_nsec) - startSeconds);
}

/// CPU time of the calling thread, in seconds.
double threadCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_THREAD, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           1e-6 * double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

template <class F>
std::vector<double> timeRepeatedly(int repeats, F&& f)
{
    std::vector<double> ms;
    QElapsedTimer timer;
    for (int i = 0; i < repeats; ++i) {
        timer.start();
        f();
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    return ms;
}

vae::TrainingConfig benchConfig(int epochs)
{
    vae::TrainingConfig config; // the defaults: 784-512-256-2, batch 128, all cores
    config.epochs = epochs;
    config.threads = g_threads;
    return config;
}

struct EpochFigures {
    double samplesPerSecond = 0; ///< as the trainer reports it (training steps only)
    double wallSeconds = 0;      ///< start() to the end of the run, snapshots and test pass included
    double guiCpuSeconds = 0;    ///< GUI-thread CPU time during the run
    std::shared_ptr<const vae::InferenceModel> model; ///< the weights after the epoch
};

EpochFigures headlessEpoch(const std::shared_ptr<const vae::Dataset>& data, bool includeTrain)
{
    vae::Trainer trainer(benchConfig(1), data);
    trainer.setLatentIncludesTrain(includeTrain);
    QElapsedTimer wall;
    wall.start();
    trainer.start();
    trainer.wait();
    EpochFigures figures;
    figures.wallSeconds = double(wall.nsecsElapsed()) / 1e9;
    const vae::TrainingHistory history = trainer.history();
    if (!history.epochs.empty())
        figures.samplesPerSecond = history.epochs.back().samplesPerSecond;
    figures.model = trainer.inference();
    return figures;
}

EpochFigures guiEpoch(MainWindow& window)
{
    window.settingsPanel()->setConfig(benchConfig(1));
    const double cpu0 = threadCpuSeconds();
    QElapsedTimer wall;
    wall.start();
    if (!window.startTraining())
        return {};
    while (window.isTraining() || !window.startAction()->isEnabled())
        QTest::qWait(5);
    EpochFigures figures;
    figures.wallSeconds = double(wall.nsecsElapsed()) / 1e9;
    figures.guiCpuSeconds = threadCpuSeconds() - cpu0;
    const vae::TrainingHistory history = window.trainer()->history();
    if (!history.epochs.empty())
        figures.samplesPerSecond = history.epochs.back().samplesPerSecond;
    return figures;
}

std::shared_ptr<const vae::LatentSnapshot> encodeSnapshot(const vae::InferenceModel& model,
                                                          const vae::Dataset& data, bool withTrain)
{
    auto snapshot = std::make_shared<vae::LatentSnapshot>();
    snapshot->posterior = model.encode(data.test.pixels, data.test.count);
    snapshot->labels = data.test.labels;
    if (withTrain) {
        snapshot->trainPosterior = std::make_shared<const vae::Posterior>(
            model.encode(data.train.pixels, data.train.count));
        snapshot->trainLabels =
            std::make_shared<const std::vector<std::uint8_t>>(data.train.labels);
    }
    return snapshot;
}

void benchScatter(const vae::InferenceModel& model, const vae::Dataset& data)
{
    LatentPlot plot;
    plot.resize(800, 800);
    plot.show();
    (void)QTest::qWaitForWindowExposed(&plot);
    const int kRepeats = g_repeats;

    plot.setShowTrainingSet(false);
    plot.setSnapshot(encodeSnapshot(model, data, false));
    plot.replotIfDirty();
    plot.replot(QCustomPlot::rpImmediateRefresh);
    figure("scatter_points_10k", plot.pointCount(), "points", 0);
    figure("scatter_replot_10k_ms",
           median(timeRepeatedly(kRepeats, [&] { plot.replot(QCustomPlot::rpImmediateRefresh); })),
           "ms");

    // Coloured by an ordered factor of 40 values (viridis, as shapes' orientation), read with a
    // stride of 5 from [n, 5] indices: the same loop, another palette.
    {
        auto withFactors = std::make_shared<vae::LatentSnapshot>(*plot.snapshot());
        std::vector<std::uint8_t> factors(std::size_t(withFactors->posterior.count) * 5);
        for (std::size_t i = 0; i < factors.size(); ++i)
            factors[i] = std::uint8_t((i / 5 * 7) % 40);
        withFactors->factors = std::make_shared<const std::vector<std::uint8_t>>(std::move(factors));
        ScatterColouring factor;
        factor.kind = ScatterColouring::Kind::Factor;
        factor.factor = 2;
        factor.name = QStringLiteral("orientation");
        factor.size = 40;
        factor.ordered = true;
        factor.max = 39;
        const ScatterColouring byClass = plot.colouring();
        plot.setSnapshot(withFactors);
        plot.setColouring(factor);
        plot.replot(QCustomPlot::rpImmediateRefresh);
        figure("scatter_replot_10k_factor_ms",
               median(timeRepeatedly(kRepeats,
                                     [&] { plot.replot(QCustomPlot::rpImmediateRefresh); })),
               "ms");
        plot.setColouring(byClass);
    }

    plot.setShowTrainingSet(true);
    plot.setSnapshot(encodeSnapshot(model, data, true));
    plot.replotIfDirty();
    plot.replot(QCustomPlot::rpImmediateRefresh);
    figure("scatter_points_70k", plot.pointCount(), "points", 0);
    figure("scatter_replot_70k_ms",
           median(timeRepeatedly(kRepeats, [&] { plot.replot(QCustomPlot::rpImmediateRefresh); })),
           "ms");
    // A new snapshot: taking it in plus the replot.
    const auto fresh = encodeSnapshot(model, data, true);
    figure("scatter_new_snapshot_70k_ms", median(timeRepeatedly(kRepeats, [&] {
               plot.setSnapshot(fresh);
               plot.replotIfDirty();
               plot.replot(QCustomPlot::rpImmediateRefresh);
           })),
           "ms");
    // Zoomed in 4×: most points are culled.
    plot.xAxis->scaleRange(0.25);
    plot.yAxis->scaleRange(0.25);
    figure("scatter_replot_70k_zoom4x_ms",
           median(timeRepeatedly(kRepeats, [&] { plot.replot(QCustomPlot::rpImmediateRefresh); })),
           "ms");
}

void benchLoss(int steps, const char* name)
{
    LossPlot plot;
    plot.resize(800, 400);
    plot.show();
    (void)QTest::qWaitForWindowExposed(&plot);
    constexpr int kStepsPerEpoch = 469;
    const int epochs = (steps + kStepsPerEpoch - 1) / kStepsPerEpoch;
    plot.clear(epochs);
    std::mt19937 random(1);
    std::normal_distribution<double> noise(0.0, 3.0);
    std::vector<vae::StepRecord> chunk;
    QElapsedTimer timer;
    timer.start();
    for (int s = 1; s <= steps; ++s) {
        vae::StepRecord record;
        record.step = s;
        record.epoch = double(s) / kStepsPerEpoch;
        const double progress = double(s) / steps;
        record.loss.reconstruction = 140 + 400 * std::exp(-30 * progress) + noise(random);
        record.loss.kl = 6 + std::abs(noise(random)) * 0.3;
        record.loss.elbo = -(record.loss.reconstruction + record.loss.kl);
        chunk.push_back(record);
        if (chunk.size() == 4 || s == steps) { // about what one 30 ms tick brings
            plot.addSteps(chunk);
            chunk.clear();
        }
    }
    const double addMs = double(timer.nsecsElapsed()) / 1e6;
    figure((std::string(name) + "_add_us_per_step").c_str(), 1000.0 * addMs / steps, "us");
    constexpr int kRepeats = 20;
    plot.replotIfDirty(true);
    figure((std::string(name) + "_replot_ms").c_str(),
           median(timeRepeatedly(kRepeats, [&] { plot.replot(QCustomPlot::rpImmediateRefresh); })),
           "ms");
    // A tick: four new steps, then the window's replotIfDirty() and the paint it schedules.
    std::vector<vae::StepRecord> tick(4);
    int next = steps;
    figure((std::string(name) + "_tick_ms").c_str(), median(timeRepeatedly(kRepeats, [&] {
               for (auto& record : tick) {
                   ++next;
                   record.step = next;
                   record.epoch = double(next) / kStepsPerEpoch;
                   record.loss = {140.0, 6.0, -146.0};
               }
               plot.addSteps(tick);
               plot.replotIfDirty(true);
               QCoreApplication::processEvents(); // the queued replot, if one was asked for
               plot.repaint();
           })),
           "ms");
}

void sendMouse(QWidget* widget, QEvent::Type type, QPointF pos, Qt::MouseButton button,
               Qt::MouseButtons buttons)
{
    QMouseEvent event(type, pos, widget->mapToGlobal(pos), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(widget, &event);
}

void benchClicks(MainWindow& window, int clicks)
{
    window.setShowTrainingSet(true); // everything live
    window.settingsPanel()->setConfig(benchConfig(20));
    if (!window.startTraining()) {
        std::fprintf(stderr, "bench_gui: cannot start training\n");
        return;
    }
    while (window.latestLatent() == nullptr)
        QTest::qWait(10);
    QTest::qWait(1000);
    LatentPlot* plot = window.latentPlot();
    QWidget* canvas = window.decodedView()->canvas();
    const QRect area = plot->axisRect()->rect();
    std::mt19937 random(3);
    std::uniform_real_distribution<double> u(0.05, 0.95);
    QElapsedTimer timer;
    struct Latencies {
        std::vector<double> decode, total, model;
    };
    const auto measure = [&](Latencies& out) {
        for (int i = 0; i < clicks; ++i) {
            // The model alone, as the click below will call it.
            const std::vector<float> z{float(u(random) * 4 - 2), float(u(random) * 4 - 2)};
            const auto model = window.model();
            timer.start();
            (void)model->decode(z);
            out.model.push_back(double(timer.nsecsElapsed()) / 1e6);
            QTest::qWait(5);

            const QPointF pos(area.left() + u(random) * area.width(),
                              area.top() + u(random) * area.height());
            timer.start();
            sendMouse(plot, QEvent::MouseButtonPress, pos, Qt::LeftButton, Qt::LeftButton);
            canvas->repaint(); // paints every widget with a pending update, the crosshair too
            out.decode.push_back(double(timer.nsecsElapsed()) / 1e6);
            plot->repaint(); // the whole plot: an upper bound
            out.total.push_back(double(timer.nsecsElapsed()) / 1e6);
            sendMouse(plot, QEvent::MouseButtonRelease, pos, Qt::LeftButton, Qt::NoButton);
            // Let the window do its usual work (timer ticks, replots) between clicks.
            QTest::qWait(15 + i % 20);
        }
    };
    Latencies training;
    measure(training);
    // The same with training paused: what the GUI itself costs, without waiting for a core.
    window.togglePause();
    while (window.trainer()->state() != vae::TrainerState::Paused)
        QTest::qWait(10);
    QTest::qWait(200);
    Latencies paused;
    measure(paused);
    window.stopTraining();
    figure("click_decode_p50_ms", percentile(training.decode, 50), "ms", 3);
    figure("click_decode_p99_ms", percentile(training.decode, 99), "ms", 3);
    figure("click_decode_max_ms", percentile(training.decode, 100), "ms", 3);
    figure("click_decode_full_plot_repaint_p50_ms", percentile(training.total, 50), "ms", 3);
    figure("click_decode_full_plot_repaint_p99_ms", percentile(training.total, 99), "ms", 3);
    figure("click_count", double(training.decode.size()), "clicks", 0);
    figure("decode_call_p50_ms", percentile(training.model, 50), "ms", 3);
    figure("decode_call_p99_ms", percentile(training.model, 99), "ms", 3);
    figure("click_decode_paused_p50_ms", percentile(paused.decode, 50), "ms", 3);
    figure("click_decode_paused_p99_ms", percentile(paused.decode, 99), "ms", 3);
}

} // namespace

int main(int argc, char* argv[])
{
    g_sinceStart.start();
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    int pairs = 2;
    int clicks = 200;
    std::string only = "throughput,clicks,scatter,loss";
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--pairs" && i + 1 < argc) {
            pairs = std::max(1, std::atoi(argv[++i]));
        } else if (arg == "--clicks" && i + 1 < argc) {
            clicks = std::max(1, std::atoi(argv[++i]));
        } else if (arg == "--threads" && i + 1 < argc) {
            g_threads = std::max(0, std::atoi(argv[++i]));
        } else if (arg == "--repeats" && i + 1 < argc) {
            g_repeats = std::max(1, std::atoi(argv[++i]));
        } else if (arg == "--only" && i + 1 < argc) {
            only = argv[++i];
        } else {
            std::fprintf(stderr, "usage: bench_gui [--pairs N] [--clicks N] [--threads N] [--repeats N] [--only "
                                 "throughput,clicks,scatter,loss]\n");
            return 2;
        }
    }
    const auto wanted = [&only](const char* section) {
        return only.find(section) != std::string::npos;
    };

    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // never touch the user's settings
    QApplication::setOrganizationName(QStringLiteral("VAE Explorer"));
    QApplication::setApplicationName(QStringLiteral("vae-explorer-bench"));

    LaunchOptions options;
    options.showDialogs = false;
    options.useSettings = false;
    MainWindow window(options);
    window.show();
    (void)QTest::qWaitForWindowExposed(&window);
    QCoreApplication::processEvents(); // the first paint
    figure("time_to_window_shown_ms", msSinceProcessStart(), "ms", 0);
    figure("time_to_window_shown_after_main_ms", double(g_sinceStart.nsecsElapsed()) / 1e6, "ms", 1);
    QElapsedTimer loading;
    loading.start();
    while (!window.hasData()) {
        if (loading.elapsed() > 60000) {
            std::fprintf(stderr, "bench_gui: MNIST did not load: %s\n",
                         qPrintable(window.lastErrorMessage()));
            return 1;
        }
        QTest::qWait(10);
    }
    figure("time_to_data_loaded_ms", double(g_sinceStart.nsecsElapsed()) / 1e6, "ms", 1);
    const std::shared_ptr<const vae::Dataset> data = window.data();

    // The scatter is measured on the latent space of a model trained for one epoch: an untrained
    // model puts every image in one small blob, which any scatter draws fast.
    std::shared_ptr<const vae::InferenceModel> model;
    if (!wanted("throughput")) {
        if (wanted("scatter"))
            model = headlessEpoch(data, false).model;
    } else {
        // Each round: headless; the window with the test set only; the window with the training
        // set shown too (the trainer then also encodes 60,000 images every ~5 s: its wall time
        // grows, its step rate should not).
        struct Series {
            std::vector<double> rate, wall, busy;
            void add(const EpochFigures& f)
            {
                rate.push_back(f.samplesPerSecond);
                wall.push_back(f.wallSeconds);
                busy.push_back(f.wallSeconds > 0 ? f.guiCpuSeconds / f.wallSeconds : 0);
            }
            double meanRate() const { return mean(rate); }
            /// Another process taking a core slows a round a lot and never speeds one up: the
            /// best round is the better estimate on a shared machine.
            double bestRate() const { return rate.empty() ? 0 : *std::max_element(rate.begin(), rate.end()); }
            double meanWall() const { return mean(wall); }
            static double mean(const std::vector<double>& v)
            {
                double sum = 0;
                for (double x : v)
                    sum += x;
                return v.empty() ? 0 : sum / double(v.size());
            }
        } headless, headlessTrain, gui, guiTrain;
        for (int pair = 0; pair < pairs; ++pair) {
            const EpochFigures h = headlessEpoch(data, false);
            window.setShowTrainingSet(false);
            const EpochFigures g = guiEpoch(window);
            window.setShowTrainingSet(true);
            const EpochFigures t = guiEpoch(window);
            const EpochFigures ht = headlessEpoch(data, true);
            headlessTrain.add(ht);
            headless.add(h);
            gui.add(g);
            guiTrain.add(t);
            std::printf("# round %d: headless %.0f samples/s (%.2f s wall) | window %.0f samples/s "
                        "(%.2f s wall, GUI thread busy %.1f%%) | window + training set %.0f "
                        "samples/s (%.2f s wall, GUI thread busy %.1f%%) | headless + training "
                        "set %.0f samples/s (%.2f s wall)\n",
                        pair + 1, h.samplesPerSecond, h.wallSeconds, g.samplesPerSecond,
                        g.wallSeconds, 100 * g.guiCpuSeconds / g.wallSeconds, t.samplesPerSecond,
                        t.wallSeconds, 100 * t.guiCpuSeconds / t.wallSeconds, ht.samplesPerSecond,
                        ht.wallSeconds);
        }
        figure("headless_samples_per_s", headless.meanRate(), "samples/s", 0);
        figure("gui_open_samples_per_s", gui.meanRate(), "samples/s", 0);
        figure("gui_over_headless", 100 * gui.meanRate() / headless.meanRate(), "%", 1);
        figure("headless_best_samples_per_s", headless.bestRate(), "samples/s", 0);
        figure("gui_open_best_samples_per_s", gui.bestRate(), "samples/s", 0);
        figure("gui_over_headless_best", 100 * gui.bestRate() / headless.bestRate(), "%", 1);
        figure("gui_open_training_set_samples_per_s", guiTrain.meanRate(), "samples/s", 0);
        figure("headless_training_set_samples_per_s", headlessTrain.meanRate(), "samples/s", 0);
        figure("gui_training_set_over_headless_training_set",
               100 * guiTrain.meanRate() / headlessTrain.meanRate(), "%", 1);
        figure("headless_epoch_wall_s", headless.meanWall(), "s");
        figure("gui_open_epoch_wall_s", gui.meanWall(), "s");
        figure("gui_open_training_set_epoch_wall_s", guiTrain.meanWall(), "s");
        figure("headless_training_set_epoch_wall_s", headlessTrain.meanWall(), "s");
        figure("gui_over_headless_wall", 100 * headless.meanWall() / gui.meanWall(), "%", 1);
        figure("gui_thread_busy", 100 * median(gui.busy), "%", 1);
        figure("gui_thread_busy_training_set", 100 * median(guiTrain.busy), "%", 1);
        model = window.trainer()->inference();
    }

    if (wanted("clicks"))
        benchClicks(window, clicks);
    if (wanted("scatter"))
        benchScatter(*model, *data);
    if (wanted("loss")) {
        benchLoss(100000, "loss_100k");
        benchLoss(1000000, "loss_1m");
    }
    figure("peak_rss_mb", double(statusKb("VmHWM")) / 1024.0, "MB", 1);
    return 0;
}
