#include "vae/benchmark.h"

#include "model.h"

#include <chrono>

namespace vae {

double measureGemmFlops(int threads, int n, double seconds)
{
    using Clock = std::chrono::steady_clock;
    at::set_num_threads(threads);
    c10::InferenceMode guard;
    at::Generator generator =
        makeGenerator(0); // the values do not matter; torch's global one stays untouched
    const torch::Tensor a = torch::rand({n, n}, generator);
    const torch::Tensor b = torch::rand({n, n}, generator);
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
    // Multiply-adds of one forward pass, and those of the layer that reads the input (its input
    // gradient is not computed).
    double forward = 0;
    double inputLayer = 0;
    double in = config.inputSize;
    if (config.isConvolutional()) {
        const auto sides = config.convSides();
        double channels = config.imageChannels;
        for (std::size_t l = 0; l < config.convChannels.size(); ++l) {
            const double outputs = double(sides[l + 1].first) * sides[l + 1].second;
            // The convolution and its transposed mirror: in·out·k² per output position each.
            const double layer = channels * config.convChannels[l] * 16.0 * outputs;
            if (l == 0)
                inputLayer = layer;
            forward += 2 * layer;
            channels = config.convChannels[l];
            in = channels * outputs;
        }
    } else {
        inputLayer = in * config.hiddenSizes.front();
    }
    const double flat = in;
    for (int width : config.hiddenSizes) {
        forward += in * width;
        in = width;
    }
    forward += in * 2 * config.latentDim;
    in = config.latentDim;
    for (auto it = config.hiddenSizes.rbegin(); it != config.hiddenSizes.rend(); ++it) {
        forward += in * *it;
        in = *it;
    }
    forward += in * flat;
    return 2.0 * (3.0 * forward - inputLayer); // forward, weight gradients, input gradients
}

} // namespace vae
