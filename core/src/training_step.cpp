#include "training_step.h"

#include "autograd_step.h"
#include "fused_step.h"
#include "kernels.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>
#include <string>
#if defined(__SSE__)
#include <xmmintrin.h>
#endif

namespace vae {

void flushDenormals()
{
#if defined(__SSE__)
    // FTZ | DAZ for the calling thread: Adam's second moments decay into the subnormal range for
    // rarely active weights, and subnormal arithmetic is ~100× slower on x86. MXCSR is per
    // thread, so every thread that runs the update sets it.
    _mm_setcsr(_mm_getcsr() | 0x8040);
#endif
}

// The largest |g| (of g + g2 when g2 is not null) over n floats, as the bit pattern of a float:
// with the sign bit cleared, IEEE-754 magnitudes order like their bit patterns, +∞ is 0x7f800000
// and every NaN is above it. An integer max vectorises and means the same under any float flags.
std::uint32_t maxMagnitudeBits(const float* g, const float* g2, std::int64_t n)
{
    std::uint32_t result = 0;
    if (g2) {
        for (std::int64_t i = 0; i < n; ++i)
            result = std::max(result, std::bit_cast<std::uint32_t>(g[i] + g2[i]) & 0x7fffffffu);
    } else {
        for (std::int64_t i = 0; i < n; ++i)
            result = std::max(result, std::bit_cast<std::uint32_t>(g[i]) & 0x7fffffffu);
    }
    return result;
}

namespace {

/// Adds gradient rows 2.. (of `parts` rows of `total` floats at g) into row 0 over
/// [begin, begin + n), and returns row 0 there; rows 0 and 1 are summed by whoever reads them.
float* foldShardsIntoFirst(float* g, std::int64_t total, int parts, std::int64_t begin,
                           std::int64_t n)
{
    float* g0 = g + begin;
    for (int k = 2; k < parts; ++k) {
        const float* gk = g + k * total + begin;
        for (std::int64_t i = 0; i < n; ++i)
            g0[i] += gk[i];
    }
    return g0;
}

} // namespace

TrainingStep::TrainingStep(VaeNet& net, int shards)
{
    TORCH_CHECK(shards > 0, "TrainingStep: shards must be positive");
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> params = net->parameters();
    std::int64_t total = 0;
    for (const auto& p : params)
        total += p.numel();
    const auto options = torch::TensorOptions().dtype(torch::kFloat32);
    m_params = torch::empty({total}, options);
    m_shardGrads = torch::zeros({shards, total}, options);
    m_grads = m_shardGrads[0];
    m_adamM = torch::zeros({total}, options);
    m_adamV = torch::zeros({total}, options);
    std::int64_t offset = 0;
    for (auto& p : params) {
        const std::int64_t n = p.numel();
        torch::Tensor view = m_params.narrow(0, offset, n).view(p.sizes());
        view.copy_(p);
        p.set_data(view); // the module's parameter now lives in the flat buffer
        m_gradViews.push_back(m_grads.narrow(0, offset, n).view(p.sizes()));
        m_offsets.push_back(offset);
        offset += n;
    }
}

void TrainingStep::reduceShards()
{
    if (m_pendingShards > 1) {
        torch::NoGradGuard noGrad;
        m_grads.copy_(m_shardGrads.narrow(0, 0, m_pendingShards).sum(0));
    }
    m_pendingShards = 1;
}

float TrainingStep::gradientMaxAbs()
{
    const std::int64_t total = m_params.numel();
    const int parts = m_pendingShards;
    float* g = m_shardGrads.data_ptr<float>(); // row k of the gradient starts at g + k·total
    // Shards beyond the second are folded into the first here, chunk by chunk while in cache,
    // as adamStep would do; the first two are summed in registers, as adamStep sums them.
    const std::uint32_t bits = at::parallel_reduce(
        std::int64_t(0), total, kFlatGrain, std::uint32_t(0),
        [=](std::int64_t begin, std::int64_t end, std::uint32_t partial) {
            flushDenormals();
            const std::int64_t n = end - begin;
            float* g0 = foldShardsIntoFirst(g, total, parts, begin, n);
            return std::max(partial,
                            maxMagnitudeBits(g0, parts > 1 ? g + total + begin : nullptr, n));
        },
        [](std::uint32_t a, std::uint32_t b) { return std::max(a, b); });
    m_pendingShards = std::min(parts, 2); // rows 2.. are now inside row 0
    return std::bit_cast<float>(bits);
}

const torch::Tensor& TrainingStep::flatGradients()
{
    reduceShards();
    return m_grads;
}

const std::vector<torch::Tensor>& TrainingStep::gradientViews()
{
    reduceShards();
    return m_gradViews;
}

void TrainingStep::adamStep(double learningRate)
{
    ++m_adamSteps;
    const double biasCorrection1 = 1.0 - std::pow(kBeta1, double(m_adamSteps));
    const double biasCorrection2 = 1.0 - std::pow(kBeta2, double(m_adamSteps));
    const kernels::AdamConstants constants{
        float(kBeta1), float(kBeta2), float(learningRate / biasCorrection1),
        float(1.0 / std::sqrt(biasCorrection2)), float(kEpsilon)};
    const std::int64_t total = m_params.numel();
    const int parts = m_pendingShards;
    float* p = m_params.data_ptr<float>();
    float* g = m_shardGrads.data_ptr<float>(); // row k of the gradient starts at g + k·total
    float* m = m_adamM.data_ptr<float>();
    float* v = m_adamV.data_ptr<float>();
    // One pass over the arrays instead of ~6 tensor ops per parameter; shards beyond the second
    // are added to the first chunk by chunk, while the chunk is in cache.
    at::parallel_for(0, total, kFlatGrain, [=](std::int64_t begin, std::int64_t end) {
        flushDenormals();
        const std::int64_t n = end - begin;
        float* g0 = foldShardsIntoFirst(g, total, parts, begin, n);
        kernels::adamUpdate(p + begin, g0, parts > 1 ? g + total + begin : nullptr, m + begin,
                            v + begin, n, constants);
    });
    m_pendingShards = std::min(parts, 2); // rows 2.. are now inside row 0
}

void TrainingStep::setAdamState(std::int64_t steps, const std::vector<float>& firstMoment,
                                const std::vector<float>& secondMoment)
{
    const auto weights = std::size_t(m_params.numel());
    if (firstMoment.size() != secondMoment.size() ||
        (!firstMoment.empty() && firstMoment.size() != weights) || steps < 0)
        throw std::invalid_argument("TrainingStep::setAdamState: expected t ≥ 0 and two moments of " +
                                    std::to_string(weights) + " values, got " +
                                    std::to_string(firstMoment.size()) + " and " +
                                    std::to_string(secondMoment.size()));
    if (firstMoment.empty()) {
        m_adamM.zero_();
        m_adamV.zero_();
    } else {
        std::copy(firstMoment.begin(), firstMoment.end(), m_adamM.data_ptr<float>());
        std::copy(secondMoment.begin(), secondMoment.end(), m_adamV.data_ptr<float>());
    }
    m_adamSteps = steps;
}


std::unique_ptr<TrainingStep> makeTrainingStep(VaeNet& net, int maxBatch, int threads)
{
    if (net->config().isConvolutional())
        return std::make_unique<AutogradVaeStep>(net, maxBatch);
    return std::make_unique<FusedVaeStep>(net, maxBatch, threads);
}

} // namespace vae
