#include "vae/benchmark.h"

#include "model.h"

#include <chrono>

namespace vae {

double measureGemmFlops(int threads, int n, double seconds)
{
    using Clock = std::chrono::steady_clock;
    at::set_num_threads(threads);
    c10::InferenceMode guard;
    const torch::Tensor a = torch::rand({n, n});
    const torch::Tensor b = torch::rand({n, n});
    torch::Tensor c = torch::empty({n, n});
    at::mm_out(c, a, b); // warm-up: thread pool start, page faults
    int products = 0;
    const auto start = Clock::now();
    double elapsed = 0;
    while (elapsed < seconds) {
        at::mm_out(c, a, b);
        ++products;
        elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    }
    return 2.0 * double(n) * n * n * products / elapsed;
}

double trainingFlopsPerSample(const TrainingConfig& config)
{
    double forward = 0;
    int in = config.inputSize;
    for (int width : config.hiddenSizes) {
        forward += double(in) * width;
        in = width;
    }
    forward += double(in) * 2 * config.latentDim;
    in = config.latentDim;
    for (auto it = config.hiddenSizes.rbegin(); it != config.hiddenSizes.rend(); ++it) {
        forward += double(in) * *it;
        in = *it;
    }
    forward += double(in) * config.inputSize;
    const double inputLayer = double(config.inputSize) * config.hiddenSizes.front();
    return 2.0 * (3.0 * forward - inputLayer); // forward, weight gradients, input gradients
}

} // namespace vae
