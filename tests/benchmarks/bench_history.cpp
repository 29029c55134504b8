// bench_history: memory and Trainer::history()'s copy cost as a run grows (issue 16). Appends
// step records as the trainer does (TrainingHistory::steps.push_back, an EpochSummary every
// kStepsPerEpoch steps) up to 100,000 and then 10,000,000 steps, and prints at both the process's
// RSS and the median time of copying the TrainingHistory (what Trainer::history() does under its
// mutex). `bench_history 0` appends no epoch summaries: the steps' share alone.
// Build: cmake --build build --target bench_history; run: build/tests/bench_history [N]
#include "vae/types.h"

#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <string>
#include <vector>

namespace {

constexpr std::int64_t kMnistStepsPerEpoch = 469; // MNIST at batch 128
constexpr int kWarmUpCopies = 50; // untimed first: the allocator's pages fault in
constexpr int kCopies = 501;      // copies timed per figure (the median is printed)

long rssKiB()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    return -1;
}

double medianCopyMicroseconds(const vae::TrainingHistory& history, std::mutex& mutex,
                              bool stepsOnly)
{
    std::vector<double> times;
    for (int i = -kWarmUpCopies; i < kCopies; ++i) {
        const auto start = std::chrono::steady_clock::now();
        std::size_t sink = 0;
        {
            std::lock_guard lock(mutex);
            if (stepsOnly) {
                const vae::StepHistory copy = history.steps;
                sink = copy.size();
            } else {
                const vae::TrainingHistory copy = history;
                sink = copy.steps.size() + copy.epochs.size();
            }
        }
        const auto end = std::chrono::steady_clock::now();
        if (sink == 0)
            std::puts("empty");
        if (i >= 0)
            times.push_back(std::chrono::duration<double, std::micro>(end - start).count());
    }
    std::nth_element(times.begin(), times.begin() + kCopies / 2, times.end());
    return times[kCopies / 2];
}

} // namespace

int main(int argc, char** argv)
{
    // glibc returns the freed top of the heap to the system (128 KiB threshold), so in a process
    // that allocates nothing else each copy would fault its pages in again: ~10× the copy's own
    // cost, and whether it happens depends on what else sits on the heap. Timed without it.
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    // Steps per epoch summary, 0 for none.
    const std::int64_t stepsPerEpoch = argc > 1 ? std::stoll(argv[1]) : kMnistStepsPerEpoch;
    vae::TrainingHistory history;
    std::mutex mutex;
    std::int64_t step = 0;
    const long start = rssKiB();
    std::printf("RSS at start: %ld KiB\n", start);
    std::printf("%12s %12s %10s %10s %10s %14s %16s\n", "steps", "RSS KiB", "recent", "buckets",
                "epochs", "copy steps µs", "copy history µs");
    for (const std::int64_t target : {std::int64_t(100'000), std::int64_t(10'000'000)}) {
        for (; step < target;) {
            ++step;
            const double x = double(step % 1000) / 1000.0;
            std::lock_guard lock(mutex);
            history.steps.push_back({.step = step,
                                     .epoch = double(step) / 469.0,
                                     .loss = {100.0 + 50.0 * x, 5.0 - x, -(105.0 + 49.0 * x)},
                                     .beta = 1.0,
                                     .learningRate = 1e-3});
            if (stepsPerEpoch > 0 && step % stepsPerEpoch == 0)
                history.epochs.push_back({.epoch = int(step / stepsPerEpoch),
                                          .train = {120, 4, -124},
                                          .test = {121, 4, -125}});
        }
        const double stepsOnly = medianCopyMicroseconds(history, mutex, true);
        const double whole = medianCopyMicroseconds(history, mutex, false);
        std::printf("%12lld %12ld %10zu %10zu %10zu %14.1f %16.1f\n", static_cast<long long>(step),
                    rssKiB(), history.steps.size(), history.steps.buckets().size(),
                    history.epochs.size(), stepsOnly, whole);
    }
    return 0;
}
