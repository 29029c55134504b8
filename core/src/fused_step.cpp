#include "fused_step.h"

#include "kernels.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <numbers>
#if defined(__SSE__)
#include <xmmintrin.h>
#endif

namespace vae {

namespace {

// Splits [0, total) rows into `parts` near-equal ranges; part k is [rowsBegin(k), rowsBegin(k+1)).
std::int64_t rowsBegin(std::int64_t total, int parts, int k)
{
    return total * k / parts;
}

// Σ over rows of kernel(a, b, out, rows, cols) for [B, F] tensors a, b, out: the rows split over
// the pool's threads unless already inside a parallel region (a shard).
template <typename Kernel>
double reduceRows(const char* what, const torch::Tensor& a, const torch::Tensor& b,
                  torch::Tensor& out, Kernel kernel)
{
    TORCH_CHECK(a.is_contiguous() && b.is_contiguous() && out.is_contiguous(), what,
                ": contiguous tensors expected");
    const std::int64_t cols = a.size(1);
    const float* pa = a.data_ptr<float>();
    const float* pb = b.data_ptr<float>();
    float* po = out.data_ptr<float>();
    constexpr std::int64_t kGrainRows = 16;
    return at::parallel_reduce(
        std::int64_t(0), a.size(0), kGrainRows, 0.0,
        [&](std::int64_t begin, std::int64_t end, double sum) {
            return sum + kernel(pa + begin * cols, pb + begin * cols, po + begin * cols,
                                end - begin, cols);
        },
        std::plus<double>());
}

// Σ −log Bernoulli(x | σ(l)) over logits [B, F] (nats), writing grad = (σ(l) − x) · scale.
double bernoulliNll(const torch::Tensor& logits, const torch::Tensor& x, torch::Tensor& grad,
                    double scale)
{
    return reduceRows("bernoulliNll", logits, x, grad,
                      [s = float(scale)](const float* l, const float* t, float* g,
                                         std::int64_t rows, std::int64_t cols) {
                          return kernels::bernoulliNllWithGradient(l, t, g, rows, cols, s);
                      });
}

// The same for the continuous Bernoulli: Σ −log CB(x | σ(l)), grad = (σ(l) − x − d log C/dl)·scale.
double continuousBernoulliNll(const torch::Tensor& logits, const torch::Tensor& x,
                              torch::Tensor& grad, double scale)
{
    return reduceRows("continuousBernoulliNll", logits, x, grad,
                      [s = float(scale)](const float* l, const float* t, float* g,
                                         std::int64_t rows, std::int64_t cols) {
                          return kernels::continuousBernoulliNllWithGradient(l, t, g, rows, cols,
                                                                             s);
                      });
}

// Σ (μ − x)² over mean, x [B, F], writing residual = μ − x.
double squaredError(const torch::Tensor& mean, const torch::Tensor& x, torch::Tensor& residual)
{
    return reduceRows("squaredError", mean, x, residual, kernels::squaredErrorWithResidual);
}

// Soft-bounds log σ² in place in the (strided) columns of `logVar` [rows, D] and writes ∂b/∂r to
// `slope` [rows, D] (contiguous): see boundLogVariance (model.h).
void boundLogVarianceInPlace(const torch::Tensor& logVar, const torch::Tensor& slope)
{
    const std::int64_t rows = logVar.size(0);
    const std::int64_t cols = logVar.size(1);
    const std::int64_t stride = logVar.stride(0);
    float* r = logVar.data_ptr<float>();
    float* d = slope.data_ptr<float>();
    for (std::int64_t i = 0; i < rows; ++i)
        for (std::int64_t j = 0; j < cols; ++j)
            r[i * stride + j] = boundLogVariance(r[i * stride + j], d[i * cols + j]);
}

} // namespace

FusedVaeStep::FusedVaeStep(VaeNet& net, int maxBatch, int shards)
    : TrainingStep(net, shards), m_latentDim(net->latentDim()), m_outputSize(net->inputSize()),
      m_likelihood(net->config().likelihood)
{
    TORCH_CHECK(maxBatch > 0 && shards > 0, "FusedVaeStep: maxBatch and shards must be positive");
    TORCH_CHECK(!net->config().isConvolutional(), "FusedVaeStep: the MLP only");
    torch::NoGradGuard noGrad;
    const std::vector<torch::Tensor> params = net->parameters();
    const std::vector<std::int64_t>& offsets = m_offsets;
    const auto options = torch::TensorOptions().dtype(torch::kFloat32);
    const VaeNetImpl::Layers layers = net->layers();
    // Shard 0 also runs whole batches too small to split, so it holds maxBatch rows.
    const std::int64_t shardRows = (maxBatch + shards - 1) / shards;
    for (int k = 0; k < shards; ++k) {
        const std::int64_t rows = k == 0 ? maxBatch : shardRows;
        const torch::Tensor grads = m_shardGrads[k];
        // A Linear's weight/bias → its gradient in this shard's row, found by identity of storage.
        auto gradFor = [&](const torch::Tensor& p) {
            for (std::size_t i = 0; i < params.size(); ++i)
                if (params[i].data_ptr() == p.data_ptr())
                    return grads.narrow(0, offsets[i], p.numel()).view(p.sizes());
            TORCH_CHECK(false, "FusedVaeStep: parameter not found");
        };
        auto makeLayer = [&](const torch::nn::Linear& linear) {
            Layer layer;
            layer.weight = linear->weight;
            layer.bias = linear->bias;
            layer.gradWeight = gradFor(linear->weight);
            layer.gradBias = gradFor(linear->bias);
            const std::int64_t outFeatures = linear->weight.size(0);
            layer.out = torch::empty({rows, outFeatures}, options);
            layer.gradOut = torch::empty({rows, outFeatures}, options);
            return layer;
        };
        Shard shard;
        for (const auto& linear : layers.encoder)
            shard.encoder.push_back(makeLayer(linear));
        shard.head = makeLayer(layers.head);
        for (const auto& linear : layers.decoder)
            shard.decoder.push_back(makeLayer(linear));
        shard.sigma = torch::empty({rows, m_latentDim}, options);
        shard.z = torch::empty({rows, m_latentDim}, options);
        shard.gradZ = torch::empty({rows, m_latentDim}, options);
        shard.klScratch = torch::empty({rows, m_latentDim}, options);
        shard.logVarSlope = torch::empty({rows, m_latentDim}, options);
        shard.grads = grads;
        m_shards.push_back(std::move(shard));
    }
}

FusedVaeStep::ShardSums FusedVaeStep::forwardShard(Shard& shard, const torch::Tensor& x,
                                                   const torch::Tensor& eps, double scale)
{
    torch::NoGradGuard noGrad; // grad mode is thread-local: shards run on pool threads
    const std::int64_t batch = x.size(0);
    const std::int64_t dim = m_latentDim;
    auto rows = [batch](const torch::Tensor& t) { return t.narrow(0, 0, batch); };

    // ---- forward ------------------------------------------------------------------------
    torch::Tensor input = x;
    for (Layer& layer : shard.encoder) {
        torch::Tensor out = rows(layer.out);
        at::addmm_out(out, layer.bias, input, layer.weight.t());
        out.clamp_min_(0);
        input = out;
    }
    torch::Tensor head = rows(shard.head.out);
    at::addmm_out(head, shard.head.bias, input, shard.head.weight.t());
    const torch::Tensor mu = head.narrow(1, 0, dim);
    const torch::Tensor logVar = head.narrow(1, dim, dim);
    // The head's raw log σ² → its soft bound, in place (the raw value is needed no more); the
    // bound's slope scales the gradient on the way back.
    const torch::Tensor logVarSlope = rows(shard.logVarSlope);
    TORCH_CHECK(logVar.stride(1) == 1, "FusedVaeStep: log σ² columns must be contiguous");
    boundLogVarianceInPlace(logVar, logVarSlope);
    torch::Tensor sigma = rows(shard.sigma);
    sigma.copy_(logVar).mul_(0.5).exp_();
    torch::Tensor z = rows(shard.z);
    at::addcmul_out(z, mu, sigma, eps); // z = μ + σ ⊙ ε
    input = z;
    for (std::size_t j = 0; j < shard.decoder.size(); ++j) {
        Layer& layer = shard.decoder[j];
        torch::Tensor out = rows(layer.out);
        at::addmm_out(out, layer.bias, input, layer.weight.t());
        if (j + 1 < shard.decoder.size())
            out.clamp_min_(0);
        input = out;
    }

    // ---- loss terms, and the gradient at the decoder's output -------------------------
    // The reconstruction term summed over values and rows; its gradient w.r.t. the outputs of the
    // whole batch's mean goes to the last layer's gradOut (B the whole batch, scale = 1/B):
    // - Bernoulli: −log p = softplus(l) − x·l, gradient (σ(l) − x) / B;
    // - continuous Bernoulli: that minus log C(l), gradient (σ(l) − x − d log C/dl) / B;
    // - Gaussian: σ² depends on the whole batch, so this pass only writes the residual μ − x and
    //   its sum of squares; run() turns them into the loss and the gradient (μ − x) / (σ² B).
    const torch::Tensor output = input;
    torch::Tensor grad = rows(shard.decoder.back().gradOut);
    ShardSums sums;
    switch (m_likelihood) {
    case Likelihood::Bernoulli:
        sums.reconstruction = bernoulliNll(output, x, grad, scale);
        break;
    case Likelihood::ContinuousBernoulli:
        sums.reconstruction = continuousBernoulliNll(output, x, grad, scale);
        break;
    case Likelihood::Gaussian:
        sums.squaredError = squaredError(output, x, grad);
        break;
    }
    // KL = ½ Σ (μ² + σ² − 1 − log σ²); the sum of the first three terms here, −1 added by the
    // caller.
    torch::Tensor kl = rows(shard.klScratch);
    at::mul_out(kl, mu, mu);
    kl.addcmul_(sigma, sigma);
    kl.sub_(logVar);
    sums.klTerm = kl.sum().item<double>();
    return sums;
}

float FusedVaeStep::backwardShard(Shard& shard, const torch::Tensor& x, const torch::Tensor& eps,
                                  double beta, double scale)
{
    torch::NoGradGuard noGrad;
    const std::int64_t batch = x.size(0);
    const std::int64_t dim = m_latentDim;
    auto rows = [batch](const torch::Tensor& t) { return t.narrow(0, 0, batch); };
    // What the forward pass left in the shard's buffers.
    const torch::Tensor head = rows(shard.head.out);
    const torch::Tensor mu = head.narrow(1, 0, dim);
    const torch::Tensor sigma = rows(shard.sigma);
    const torch::Tensor z = rows(shard.z);
    const torch::Tensor logVarSlope = rows(shard.logVarSlope);
    torch::Tensor grad = rows(shard.decoder.back().gradOut);

    // ---- backward -----------------------------------------------------------------------
    // The trainer's numerical-fault check: the largest |element| of this shard's gradient. In a
    // shard task each layer's gradient is scanned right after the GEMM that wrote it, on this
    // thread, while it is still in cache, so the check adds neither a fork/join nor a pass over
    // memory; alone (one shard, op-level parallelism) the row is scanned at the end, in parallel.
    const bool scanPerLayer = m_gradientCheck && at::in_parallel_region();
    std::uint32_t gradientBits = 0;
    const auto scanLayer = [&](const Layer& layer) {
        if (scanPerLayer)
            gradientBits = std::max(
                {gradientBits,
                 maxMagnitudeBits(layer.gradWeight.data_ptr<float>(), nullptr,
                                  layer.gradWeight.numel()),
                 maxMagnitudeBits(layer.gradBias.data_ptr<float>(), nullptr,
                                  layer.gradBias.numel())});
    };
    for (std::size_t j = shard.decoder.size(); j-- > 0;) {
        Layer& layer = shard.decoder[j];
        const torch::Tensor in = j > 0 ? rows(shard.decoder[j - 1].out) : z;
        at::mm_out(layer.gradWeight, grad.t(), in);
        at::sum_out(layer.gradBias, grad, {0});
        scanLayer(layer);
        torch::Tensor gradIn = j > 0 ? rows(shard.decoder[j - 1].gradOut) : rows(shard.gradZ);
        at::mm_out(gradIn, grad, layer.weight);
        if (j > 0) // through the ReLU that produced `in`
            at::threshold_backward_out(gradIn, gradIn, in, 0);
        grad = gradIn;
    }
    // Through z = μ + σ ⊙ ε and the KL term:
    //   ∂/∂μ = ∂z + β μ / B;  ∂/∂log σ² = ∂z ⊙ ε ⊙ σ / 2 + β (σ² − 1) / (2B),
    // then through the bound: ∂/∂r = ∂/∂log σ² · b′(r).
    torch::Tensor gradHead = rows(shard.head.gradOut);
    torch::Tensor gradMu = gradHead.narrow(1, 0, dim);
    torch::Tensor gradLogVar = gradHead.narrow(1, dim, dim);
    const double klScale = beta * scale;
    at::add_out(gradMu, grad, mu, klScale);
    at::mul_out(gradLogVar, grad, eps);
    gradLogVar.mul_(sigma).mul_(0.5);
    gradLogVar.addcmul_(sigma, sigma, 0.5 * klScale);
    gradLogVar.sub_(0.5 * klScale);
    gradLogVar.mul_(logVarSlope);
    grad = gradHead;
    for (std::size_t i = shard.encoder.size() + 1; i-- > 0;) {
        Layer& layer = i == shard.encoder.size() ? shard.head : shard.encoder[i];
        const torch::Tensor in = i > 0 ? rows(shard.encoder[i - 1].out) : x;
        at::mm_out(layer.gradWeight, grad.t(), in);
        at::sum_out(layer.gradBias, grad, {0});
        scanLayer(layer);
        if (i == 0)
            break; // no gradient w.r.t. the data
        torch::Tensor gradIn = rows(shard.encoder[i - 1].gradOut);
        at::mm_out(gradIn, grad, layer.weight);
        at::threshold_backward_out(gradIn, gradIn, in, 0);
        grad = gradIn;
    }
    if (!m_gradientCheck)
        return 0.0f;
    if (scanPerLayer)
        return std::bit_cast<float>(gradientBits);
    const float* g = shard.grads.data_ptr<float>();
    const std::uint32_t bits = at::parallel_reduce(
        std::int64_t(0), shard.grads.numel(), kFlatGrain, std::uint32_t(0),
        [g](std::int64_t begin, std::int64_t end, std::uint32_t partial) {
            return std::max(partial, maxMagnitudeBits(g + begin, nullptr, end - begin));
        },
        [](std::uint32_t a, std::uint32_t b) { return std::max(a, b); });
    return std::bit_cast<float>(bits);
}

StepValues FusedVaeStep::computeGradients(const torch::Tensor& x, const torch::Tensor& eps,
                                          double beta)
{
    return run(x, eps, beta, {}, {});
}

StepValues FusedVaeStep::computeGradients(const torch::Tensor& images, const torch::Tensor& indices,
                                          const torch::Tensor& x, const torch::Tensor& eps,
                                          double beta)
{
    TORCH_CHECK(indices.size(0) == x.size(0), "FusedVaeStep: ", indices.size(0),
                " indices for a batch of ", x.size(0), " rows");
    return run(x, eps, beta, images, indices);
}

StepValues FusedVaeStep::run(const torch::Tensor& x, const torch::Tensor& eps, double beta,
                             const torch::Tensor& images, const torch::Tensor& indices)
{
    torch::NoGradGuard noGrad;
    const std::int64_t batch = x.size(0);
    TORCH_CHECK(batch > 0 && batch <= m_shards[0].z.size(0), "FusedVaeStep: batch of ", batch,
                " rows is empty or larger than maxBatch");
    const double scale = 1.0 / double(batch); // losses are batch means
    const int parts =
        batch >= std::int64_t(m_shards.size()) * kMinShardRows ? int(m_shards.size()) : 1;
    const auto range = [&](int k) {
        const std::int64_t begin = rowsBegin(batch, parts, k);
        return std::pair{begin, rowsBegin(batch, parts, k + 1) - begin};
    };
    // Runs task(k) for every shard: one task per pool thread, or inline with one shard (each op
    // then uses the whole pool). Inside a parallel region ATen's ops and OpenMP OpenBLAS's GEMMs
    // run on the calling thread alone, which is the point.
    const auto forEachShard = [&](const auto& task) {
        if (parts == 1) {
            task(0);
            return;
        }
        at::parallel_for(0, parts, 1, [&](std::int64_t first, std::int64_t last) {
            flushDenormals();
            for (std::int64_t k = first; k < last; ++k)
                task(int(k));
        });
    };
    // Shard k's rows, gathered from `images` first when indices are given.
    const auto forward = [&](int k) {
        const auto [begin, rows] = range(k);
        torch::Tensor xk = x.narrow(0, begin, rows);
        if (indices.defined())
            at::index_select_out(xk, images, 0, indices.narrow(0, begin, rows));
        return forwardShard(m_shards[k], xk, eps.narrow(0, begin, rows), scale);
    };
    const auto backward = [&](int k) {
        const auto [begin, rows] = range(k);
        return backwardShard(m_shards[k], x.narrow(0, begin, rows), eps.narrow(0, begin, rows),
                             beta, scale);
    };
    std::vector<ShardSums> sums(parts);
    StepValues values;
    if (m_likelihood != Likelihood::Gaussian) {
        // The loss and its gradient at the output need this shard's rows only: one fork/join.
        forEachShard([&](int k) {
            sums[k] = forward(k);
            sums[k].gradientMaxAbs = backward(k);
        });
    } else {
        // σ*² = the whole batch's MSE (Rybkin et al. 2021, section 4), so the shards meet once
        // between the forward and the backward pass.
        forEachShard([&](int k) { sums[k] = forward(k); });
        double squaredError = 0;
        for (const ShardSums& s : sums)
            squaredError += s.squaredError;
        const double count = double(batch) * double(m_outputSize); // values in the batch
        values.meanSquaredError = squaredError / count;
        const double variance =
            std::max(values.meanSquaredError, kGaussianSigmaMin * kGaussianSigmaMin);
        values.gaussianSigma = std::sqrt(variance);
        // −log p = ½ Σ (x − μ)²/σ² + ½ B·F·log(2πσ²), summed over the batch.
        sums[0].reconstruction = 0.5 * squaredError / variance +
                                 0.5 * count * std::log(2.0 * std::numbers::pi * variance);
        const double gradScale = scale / variance; // ∂/∂μ of the batch mean: (μ − x) / (σ² B)
        forEachShard([&](int k) {
            const auto [begin, rows] = range(k);
            m_shards[k].decoder.back().gradOut.narrow(0, 0, rows).mul_(gradScale);
            sums[k].gradientMaxAbs = backward(k);
        });
    }
    m_pendingShards = parts;
    for (const ShardSums& s : sums) {
        values.reconstruction += s.reconstruction;
        values.kl += s.klTerm;
        values.gradientMaxAbs += s.gradientMaxAbs; // NaN and ∞ propagate
    }
    values.reconstruction *= scale;
    values.kl = 0.5 * (values.kl - double(batch * m_latentDim)) * scale;
    return values;
}

} // namespace vae
