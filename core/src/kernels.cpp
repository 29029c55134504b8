// Compiled with -ffast-math -mrecip (core/CMakeLists.txt), and nothing else in this file:
//  - the BCE loop's expf/log1pf vectorise only under -ffast-math (glibc's libmvec declares its
//    SIMD variants for __FAST_MATH__); ATen's softplus + sigmoid took 365 µs per 64×784 shard on
//    this machine, 17% as long as the step's five GEMMs;
//  - -mrecip turns Adam's sqrt and division into rsqrt/rcp plus a Newton step (≤ 2 ulp).
// Inputs are finite: the trainer stops on a non-finite loss or gradient (StepValues::
// gradientMaxAbs) before any Adam step uses it.
#include "kernels.h"

#include "likelihood_math.h"

#include <algorithm>
#include <cmath>

namespace vae::kernels {

// Not under ThreadSanitizer: the clones' ifunc resolver runs while the dynamic loader relocates
// the program, before the TSan runtime is initialised, and its instrumented entry crashes there.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__SANITIZE_THREAD__)
#define VAE_MULTIVERSIONED                                                                         \
    __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define VAE_MULTIVERSIONED
#endif

namespace {

VAE_MULTIVERSIONED
void adamOne(float* __restrict p, const float* __restrict g, float* __restrict m,
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

VAE_MULTIVERSIONED
void adamTwo(float* __restrict p, const float* __restrict g, const float* __restrict g2,
             float* __restrict m, float* __restrict v, std::int64_t n, AdamConstants c)
{
    for (std::int64_t i = 0; i < n; ++i) {
        const float gi = g[i] + g2[i];
        const float mi = c.beta1 * m[i] + (1.0f - c.beta1) * gi;
        const float vi = c.beta2 * v[i] + (1.0f - c.beta2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        p[i] -= c.stepSize * mi / (std::sqrt(vi) * c.invSqrtCorrection2 + c.epsilon);
    }
}

VAE_MULTIVERSIONED
float bceRow(const float* __restrict l, const float* __restrict x, float* __restrict grad,
             std::int64_t n, float scale)
{
    float sum = 0.0f;
    for (std::int64_t i = 0; i < n; ++i) {
        const float li = l[i];
        const float e = std::exp(-std::fabs(li)); // in (0, 1]: no overflow for any logit
        sum += std::max(li, 0.0f) + std::log1p(e) - x[i] * li;
        const float r = 1.0f / (1.0f + e);
        const float sigmoid = li >= 0.0f ? r : e * r;
        grad[i] = (sigmoid - x[i]) * scale;
    }
    return sum;
}

VAE_MULTIVERSIONED
float continuousBernoulliRow(const float* __restrict l, const float* __restrict x,
                             float* __restrict grad, std::int64_t n, float scale)
{
    float sum = 0.0f;
    for (std::int64_t i = 0; i < n; ++i) {
        const float li = l[i];
        const float e = std::exp(-std::fabs(li));
        float logCSlope = 0.0f;
        const float logC = detail::continuousBernoulliLogNormalizer(li, logCSlope);
        sum += std::max(li, 0.0f) + std::log1p(e) - x[i] * li - logC;
        const float r = 1.0f / (1.0f + e);
        const float sigmoid = li >= 0.0f ? r : e * r;
        grad[i] = (sigmoid - x[i] - logCSlope) * scale;
    }
    return sum;
}

VAE_MULTIVERSIONED
float squaredErrorRow(const float* __restrict mean, const float* __restrict x,
                      float* __restrict residual, std::int64_t n)
{
    float sum = 0.0f;
    for (std::int64_t i = 0; i < n; ++i) {
        const float d = mean[i] - x[i];
        residual[i] = d;
        sum += d * d;
    }
    return sum;
}

} // namespace

void adamUpdate(float* p, const float* g, const float* g2, float* m, float* v, std::int64_t n,
                AdamConstants c)
{
    if (g2)
        adamTwo(p, g, g2, m, v, n, c);
    else
        adamOne(p, g, m, v, n, c);
}

double bernoulliNllWithGradient(const float* logits, const float* x, float* grad, std::int64_t rows,
                                std::int64_t cols, float scale)
{
    // Rows are summed in float (784 terms), the rows in double.
    double total = 0.0;
    for (std::int64_t r = 0; r < rows; ++r)
        total += bceRow(logits + r * cols, x + r * cols, grad + r * cols, cols, scale);
    return total;
}

} // namespace vae::kernels

namespace vae::kernels {

double continuousBernoulliNllWithGradient(const float* logits, const float* x, float* grad,
                                          std::int64_t rows, std::int64_t cols, float scale)
{
    double total = 0.0;
    for (std::int64_t r = 0; r < rows; ++r)
        total +=
            continuousBernoulliRow(logits + r * cols, x + r * cols, grad + r * cols, cols, scale);
    return total;
}

double squaredErrorWithResidual(const float* mean, const float* x, float* residual,
                                std::int64_t rows, std::int64_t cols)
{
    double total = 0.0;
    for (std::int64_t r = 0; r < rows; ++r)
        total += squaredErrorRow(mean + r * cols, x + r * cols, residual + r * cols, cols);
    return total;
}

} // namespace vae::kernels
