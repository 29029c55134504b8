#include "fused_step.h"

#include <ATen/Parallel.h>

#include <cmath>
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

namespace {

struct AdamConstants {
    float beta1, beta2, stepSize, invSqrtCorrection2, epsilon;
};

// The Adam update (Kingma & Ba 2015, algorithm 1) over n contiguous parameters. Built for AVX-512,
// AVX2 and baseline x86-64, chosen at load time (GCC function multi-versioning): the loop is
// memory-bound, and the baseline build's 4-wide SSE with a scalar sqrt made it ~14% of a training
// step. fused_step.cpp is compiled with -fno-math-errno so that sqrt vectorises (v ≥ 0 always).
#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif
void adamUpdate(float* __restrict p, const float* __restrict g, float* __restrict m,
                float* __restrict v, std::int64_t n, AdamConstants c)
{
    for (std::int64_t i = 0; i < n; ++i) {
        const float gi = g[i];
        const float mi = c.beta1 * m[i] + (1.0f - c.beta1) * gi;
        const float vi = c.beta2 * v[i] + (1.0f - c.beta2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        p[i] -= c.stepSize * mi / (std::sqrt(vi) * c.invSqrtCorrection2 + c.epsilon);
    }
}

} // namespace

FusedVaeStep::FusedVaeStep(VaeNet& net, int maxBatch) : m_latentDim(net->latentDim())
{
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> params = net->parameters();
    std::int64_t total = 0;
    for (const auto& p : params)
        total += p.numel();
    const auto options = torch::TensorOptions().dtype(torch::kFloat32);
    m_params = torch::empty({total}, options);
    m_grads = torch::zeros({total}, options);
    m_adamM = torch::zeros({total}, options);
    m_adamV = torch::zeros({total}, options);
    std::int64_t offset = 0;
    for (auto& p : params) {
        const std::int64_t n = p.numel();
        torch::Tensor view = m_params.narrow(0, offset, n).view(p.sizes());
        view.copy_(p);
        p.set_data(view); // the module's parameter now lives in the flat buffer
        m_gradViews.push_back(m_grads.narrow(0, offset, n).view(p.sizes()));
        offset += n;
    }

    // Map each Linear's weight/bias to its gradient view by identity of the storage offset.
    auto gradFor = [&](const torch::Tensor& p) {
        for (std::size_t i = 0; i < params.size(); ++i)
            if (params[i].data_ptr() == p.data_ptr())
                return m_gradViews[i];
        TORCH_CHECK(false, "FusedVaeStep: parameter not found");
    };
    auto makeLayer = [&](const torch::nn::Linear& linear) {
        Layer layer;
        layer.weight = linear->weight;
        layer.bias = linear->bias;
        layer.gradWeight = gradFor(linear->weight);
        layer.gradBias = gradFor(linear->bias);
        const std::int64_t outFeatures = linear->weight.size(0);
        layer.out = torch::empty({maxBatch, outFeatures}, options);
        layer.gradOut = torch::empty({maxBatch, outFeatures}, options);
        return layer;
    };
    const VaeNetImpl::Layers layers = net->layers();
    for (const auto& linear : layers.encoder)
        m_encoder.push_back(makeLayer(linear));
    m_head = makeLayer(layers.head);
    for (const auto& linear : layers.decoder)
        m_decoder.push_back(makeLayer(linear));
    m_sigma = torch::empty({maxBatch, m_latentDim}, options);
    m_z = torch::empty({maxBatch, m_latentDim}, options);
    m_gradZ = torch::empty({maxBatch, m_latentDim}, options);
    m_klScratch = torch::empty({maxBatch, m_latentDim}, options);
    m_bceScratch = torch::empty({maxBatch, 784}, options);
}

StepValues FusedVaeStep::computeGradients(const torch::Tensor& x, const torch::Tensor& eps,
                                          double beta)
{
    torch::NoGradGuard noGrad;
    const std::int64_t batch = x.size(0);
    const std::int64_t dim = m_latentDim;
    const double scale = 1.0 / double(batch); // losses are batch means
    auto rows = [batch](const torch::Tensor& t) { return t.narrow(0, 0, batch); };

    // ---- forward ------------------------------------------------------------------------
    torch::Tensor input = x;
    for (Layer& layer : m_encoder) {
        torch::Tensor out = rows(layer.out);
        at::addmm_out(out, layer.bias, input, layer.weight.t());
        out.clamp_min_(0);
        input = out;
    }
    torch::Tensor head = rows(m_head.out);
    at::addmm_out(head, m_head.bias, input, m_head.weight.t());
    const torch::Tensor mu = head.narrow(1, 0, dim);
    const torch::Tensor logVar = head.narrow(1, dim, dim);
    torch::Tensor sigma = rows(m_sigma);
    sigma.copy_(logVar).mul_(0.5).exp_();
    torch::Tensor z = rows(m_z);
    at::addcmul_out(z, mu, sigma, eps); // z = μ + σ ⊙ ε
    input = z;
    for (std::size_t j = 0; j < m_decoder.size(); ++j) {
        Layer& layer = m_decoder[j];
        torch::Tensor out = rows(layer.out);
        at::addmm_out(out, layer.bias, input, layer.weight.t());
        if (j + 1 < m_decoder.size())
            out.clamp_min_(0);
        input = out;
    }
    const torch::Tensor logits = input;

    // ---- loss terms ---------------------------------------------------------------------
    // −log Bernoulli(x | σ(l)) = softplus(l) − x·l, summed over pixels and the batch.
    torch::Tensor bce = rows(m_bceScratch);
    at::softplus_out(bce, logits, 1, 20);
    bce.addcmul_(x, logits, -1);
    // KL = ½ Σ (μ² + σ² − 1 − log σ²).
    torch::Tensor kl = rows(m_klScratch);
    at::mul_out(kl, mu, mu);
    kl.addcmul_(sigma, sigma);
    kl.sub_(logVar);
    StepValues values;
    values.reconstruction = bce.sum().item<double>() * scale;
    values.kl = 0.5 * (kl.sum().item<double>() - double(batch * dim)) * scale;

    // ---- backward -----------------------------------------------------------------------
    // ∂/∂logits of the batch-mean BCE: (σ(l) − x) / B.
    torch::Tensor grad = rows(m_decoder.back().gradOut);
    at::sigmoid_out(grad, logits);
    grad.sub_(x).mul_(scale);
    for (std::size_t j = m_decoder.size(); j-- > 0;) {
        Layer& layer = m_decoder[j];
        const torch::Tensor in = j > 0 ? rows(m_decoder[j - 1].out) : z;
        at::mm_out(layer.gradWeight, grad.t(), in);
        at::sum_out(layer.gradBias, grad, {0});
        torch::Tensor gradIn = j > 0 ? rows(m_decoder[j - 1].gradOut) : rows(m_gradZ);
        at::mm_out(gradIn, grad, layer.weight);
        if (j > 0) // through the ReLU that produced `in`
            at::threshold_backward_out(gradIn, gradIn, in, 0);
        grad = gradIn;
    }
    // Through z = μ + σ ⊙ ε and the KL term:
    //   ∂/∂μ = ∂z + β μ / B;  ∂/∂log σ² = ∂z ⊙ ε ⊙ σ / 2 + β (σ² − 1) / (2B).
    torch::Tensor gradHead = rows(m_head.gradOut);
    torch::Tensor gradMu = gradHead.narrow(1, 0, dim);
    torch::Tensor gradLogVar = gradHead.narrow(1, dim, dim);
    const double klScale = beta * scale;
    at::add_out(gradMu, grad, mu, klScale);
    at::mul_out(gradLogVar, grad, eps);
    gradLogVar.mul_(sigma).mul_(0.5);
    gradLogVar.addcmul_(sigma, sigma, 0.5 * klScale);
    gradLogVar.sub_(0.5 * klScale);
    grad = gradHead;
    for (std::size_t i = m_encoder.size() + 1; i-- > 0;) {
        Layer& layer = i == m_encoder.size() ? m_head : m_encoder[i];
        const torch::Tensor in = i > 0 ? rows(m_encoder[i - 1].out) : x;
        at::mm_out(layer.gradWeight, grad.t(), in);
        at::sum_out(layer.gradBias, grad, {0});
        if (i == 0)
            break; // no gradient w.r.t. the data
        torch::Tensor gradIn = rows(m_encoder[i - 1].gradOut);
        at::mm_out(gradIn, grad, layer.weight);
        at::threshold_backward_out(gradIn, gradIn, in, 0);
        grad = gradIn;
    }
    return values;
}

void FusedVaeStep::adamStep(double learningRate)
{
    ++m_adamSteps;
    const double biasCorrection1 = 1.0 - std::pow(kBeta1, double(m_adamSteps));
    const double biasCorrection2 = 1.0 - std::pow(kBeta2, double(m_adamSteps));
    const float stepSize = float(learningRate / biasCorrection1);
    const float invSqrtCorrection2 = float(1.0 / std::sqrt(biasCorrection2));
    const float b1 = float(kBeta1), b2 = float(kBeta2);
    const float eps = float(kEpsilon);
    float* p = m_params.data_ptr<float>();
    const float* g = m_grads.data_ptr<float>();
    float* m = m_adamM.data_ptr<float>();
    float* v = m_adamV.data_ptr<float>();
    // One pass over four arrays instead of ~6 tensor ops per parameter.
    constexpr std::int64_t kGrain = 32768;
    at::parallel_for(0, m_params.numel(), kGrain, [=](std::int64_t begin, std::int64_t end) {
        flushDenormals();
        adamUpdate(p + begin, g + begin, m + begin, v + begin, end - begin,
                   {b1, b2, stepSize, invSqrtCorrection2, eps});
    });
}

} // namespace vae
