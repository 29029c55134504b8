#include "vae/gradient_estimators.h"

#include "inference_impl.h"
#include "model.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

namespace vae {

namespace {

/// Groups of draws whose total variances give totalVariance's standard error (batch means).
constexpr int kGroups = 10;
/// Latent points decoded at once (draws × images): bounds the logits' memory to ~13 MB.
constexpr std::int64_t kDecodeRows = 4096;
/// Up to this many upstream coordinates Q = n·2D, the variances come from the Jacobian's Gram
/// matrices (Q² doubles each) instead of one backward pass per draw.
constexpr std::int64_t kMaxGramSize = 1024;

/// Per-coordinate mean and variance of a stream of gradients (one tensor per parameter tensor).
/// Sums are taken of g − g₁ (the first draw) so that Σ(g − g₁)² − (Σ(g − g₁))²/M does not cancel
/// catastrophically where the mean is large next to the spread. Each group of draws is summed in
/// single precision into preallocated buffers (three passes over φ per draw, no allocation: this
/// bookkeeping costs about as much as the backward pass otherwise), then added to the totals in
/// double; each group's total variance is kept for the batch-means standard error.
class MomentAccumulator {
public:
    explicit MomentAccumulator(int draws) : m_draws(draws) {}

    void add(const std::vector<torch::Tensor>& grads)
    {
        if (m_count == 0) {
            for (const torch::Tensor& g : grads) {
                m_shift.push_back(g.detach().clone());
                m_difference.push_back(torch::empty_like(g));
                m_sum.push_back(torch::zeros_like(g, torch::kFloat64));
                m_sumSq.push_back(torch::zeros_like(g, torch::kFloat64));
                m_groupSum.push_back(torch::zeros_like(g));
                m_groupSumSq.push_back(torch::zeros_like(g));
            }
        }
        for (std::size_t t = 0; t < grads.size(); ++t) {
            torch::Tensor& d = m_difference[t];
            torch::sub_out(d, grads[t], m_shift[t]);
            m_groupSum[t].add_(d);
            m_groupSumSq[t].addcmul_(d, d);
        }
        ++m_count;
        ++m_groupCount;
        // Group g holds draws [g·M/G, (g+1)·M/G); with M < 2G, one group and no standard error.
        const bool groupEnds = m_draws < 2 * kGroups
                                   ? m_count == m_draws
                                   : (std::int64_t(m_count) * kGroups / m_draws !=
                                          std::int64_t(m_count - 1) * kGroups / m_draws ||
                                      m_count == m_draws);
        if (groupEnds)
            endGroup();
    }

    struct Moments {
        std::vector<torch::Tensor> mean;     // per tensor, double
        std::vector<torch::Tensor> variance; // per tensor, double
        double totalVarianceStandardError = 0;
    };

    [[nodiscard]] Moments moments() const
    {
        Moments result;
        const double m = double(m_count);
        for (std::size_t t = 0; t < m_sum.size(); ++t) {
            result.mean.push_back(m_shift[t].to(torch::kFloat64) + m_sum[t] / m);
            result.variance.push_back(
                ((m_sumSq[t] - m_sum[t].square() / m) / (m - 1)).clamp_min(0.0));
        }
        if (m_groupTotals.size() >= 2) {
            const double g = double(m_groupTotals.size());
            double mean = 0;
            for (double v : m_groupTotals)
                mean += v / g;
            double ss = 0;
            for (double v : m_groupTotals)
                ss += (v - mean) * (v - mean);
            result.totalVarianceStandardError = std::sqrt(ss / (g - 1) / g);
        }
        return result;
    }

private:
    void endGroup()
    {
        const double k = double(m_groupCount);
        double total = 0;
        for (std::size_t t = 0; t < m_groupSum.size(); ++t) {
            const torch::Tensor sum = m_groupSum[t].to(torch::kFloat64);
            const torch::Tensor sumSq = m_groupSumSq[t].to(torch::kFloat64);
            if (m_draws >= 2 * kGroups && m_groupCount >= 2)
                total += ((sumSq - sum.square() / k).sum() / (k - 1)).item<double>();
            m_sum[t].add_(sum);
            m_sumSq[t].add_(sumSq);
            m_groupSum[t].zero_();
            m_groupSumSq[t].zero_();
        }
        if (m_draws >= 2 * kGroups && m_groupCount >= 2)
            m_groupTotals.push_back(total);
        m_groupCount = 0;
    }

    int m_draws;
    int m_count = 0;
    int m_groupCount = 0;
    std::vector<torch::Tensor> m_shift, m_difference, m_sum, m_sumSq, m_groupSum, m_groupSumSq;
    std::vector<double> m_groupTotals;
};

GradientEstimate summarize(const std::string& name, const MomentAccumulator& accumulator,
                           const std::vector<std::string>& names, int draws, bool keepCoordinates)
{
    const MomentAccumulator::Moments moments = accumulator.moments();
    GradientEstimate estimate;
    estimate.name = name;
    double squaredNorm = 0;
    for (std::size_t t = 0; t < names.size(); ++t) {
        ParameterGradientStats stats;
        stats.name = names[t];
        stats.size = moments.mean[t].numel();
        const double tensorSquaredNorm = moments.mean[t].square().sum().item<double>();
        stats.meanNorm = std::sqrt(tensorSquaredNorm);
        stats.totalVariance = moments.variance[t].sum().item<double>();
        squaredNorm += tensorSquaredNorm;
        estimate.totalVariance += stats.totalVariance;
        estimate.tensors.push_back(std::move(stats));
        if (keepCoordinates) {
            const torch::Tensor mean = moments.mean[t].contiguous();
            const torch::Tensor variance = moments.variance[t].contiguous();
            estimate.mean.insert(estimate.mean.end(), mean.data_ptr<double>(),
                                 mean.data_ptr<double>() + mean.numel());
            estimate.variance.insert(estimate.variance.end(), variance.data_ptr<double>(),
                                     variance.data_ptr<double>() + variance.numel());
        }
    }
    estimate.meanNorm = std::sqrt(squaredNorm);
    estimate.totalVarianceStandardError = moments.totalVarianceStandardError;
    estimate.meanStandardError = std::sqrt(estimate.totalVariance / double(draws));
    return estimate;
}

/// Gram matrices K_t = J_t J_tᵀ [Q, Q] (Q = n·2D) of the encoder's Jacobian J_t = ∂head/∂φ_t, one
/// per parameter tensor t in φ's order, in double: ‖J_tᵀ u‖² = uᵀ K_t u for any upstream gradient
/// u [Q]. For a linear layer with inputs h_i and backpropagated vectors δ_ia = ∂head_ia/∂(its
/// output for image i), ∂head_ia/∂W = δ_ia h_iᵀ, so K_W[(i,a),(i',b)] = (δ_ia·δ_i'b)(h_i·h_i') and
/// K_b[(i,a),(i',b)] = δ_ia·δ_i'b. The δ of all images and outputs come from 2D backward passes.
std::vector<torch::Tensor> jacobianGrams(const torch::Tensor& head,
                                         const std::vector<torch::Tensor>& preActivations,
                                         const std::vector<torch::Tensor>& layerInputs)
{
    const std::int64_t n = head.size(0);
    const std::int64_t q = head.size(1);
    std::vector<std::vector<torch::Tensor>> perOutput(preActivations.size());
    if (!preActivations.empty()) {
        for (std::int64_t a = 0; a < q; ++a) {
            torch::Tensor unit = torch::zeros_like(head);
            unit.select(1, a).fill_(1.0);
            const std::vector<torch::Tensor> deltas =
                torch::autograd::grad({head}, preActivations, {unit}, /*retain_graph=*/true);
            for (std::size_t l = 0; l < deltas.size(); ++l)
                perOutput[l].push_back(deltas[l]);
        }
    }
    const auto inputGram = [&](const torch::Tensor& h) {
        const torch::Tensor hd = h.to(torch::kFloat64);
        return hd.mm(hd.t()).repeat_interleave(q, 0).repeat_interleave(q, 1);
    };
    std::vector<torch::Tensor> grams;
    for (std::size_t l = 0; l < preActivations.size(); ++l) {
        // [n, q, width] → rows (i, a) in the order of the upstream gradients' flattening.
        const torch::Tensor delta =
            torch::stack(perOutput[l], 1).reshape({n * q, -1}).to(torch::kFloat64);
        const torch::Tensor outputGram = delta.mm(delta.t());
        grams.push_back(outputGram * inputGram(layerInputs[l]));
        grams.push_back(outputGram);
    }
    // The head: δ_ia = e_a.
    const torch::Tensor outputGram = torch::eye(q, torch::kFloat64).repeat({n, n});
    grams.push_back(outputGram * inputGram(layerInputs.back()));
    grams.push_back(outputGram);
    return grams;
}

/// The summary of M draws ĝ_m = Jᵀ u_m from their upstream gradients u [M, n, 2D] and the
/// Jacobian's Gram matrices: exact in arithmetic to the per-draw computation (summarize()), at the
/// cost of M·Q² instead of M backward passes. Var summed over tensor t's coordinates =
/// (1/(M−1)) Σ_m (u_m − ū)ᵀ K_t (u_m − ū); ‖ḡ_t‖² = ūᵀ K_t ū.
GradientEstimate summarizeWithGrams(const std::string& name, const torch::Tensor& upstream,
                                    const std::vector<torch::Tensor>& grams,
                                    const std::vector<std::string>& names,
                                    const std::vector<torch::Tensor>& phi)
{
    const std::int64_t draws = upstream.size(0);
    const torch::Tensor u = upstream.reshape({draws, -1}).to(torch::kFloat64);
    const torch::Tensor mean = u.mean(0);
    const torch::Tensor centred = u - mean;
    GradientEstimate estimate;
    estimate.name = name;
    torch::Tensor total = torch::zeros_like(grams[0]);
    double squaredNorm = 0;
    for (std::size_t t = 0; t < grams.size(); ++t) {
        ParameterGradientStats stats;
        stats.name = names[t];
        stats.size = phi[t].numel();
        const double tensorSquaredNorm = mean.dot(grams[t].mv(mean)).item<double>();
        stats.meanNorm = std::sqrt(std::max(0.0, tensorSquaredNorm));
        stats.totalVariance =
            (centred.mm(grams[t]) * centred).sum().item<double>() / double(draws - 1);
        squaredNorm += std::max(0.0, tensorSquaredNorm);
        estimate.totalVariance += stats.totalVariance;
        estimate.tensors.push_back(std::move(stats));
        total += grams[t];
    }
    estimate.meanNorm = std::sqrt(squaredNorm);
    estimate.meanStandardError = std::sqrt(estimate.totalVariance / double(draws));
    if (draws >= 2 * kGroups) {
        std::vector<double> groupTotals;
        for (int g = 0; g < kGroups; ++g) {
            const torch::Tensor part = u.slice(0, std::int64_t(g) * draws / kGroups,
                                               std::int64_t(g + 1) * draws / kGroups);
            const torch::Tensor c = part - part.mean(0);
            groupTotals.push_back((c.mm(total) * c).sum().item<double>() /
                                  double(part.size(0) - 1));
        }
        double groupMean = 0;
        for (double v : groupTotals)
            groupMean += v / kGroups;
        double ss = 0;
        for (double v : groupTotals)
            ss += (v - groupMean) * (v - groupMean);
        estimate.totalVarianceStandardError = std::sqrt(ss / (kGroups - 1) / kGroups);
    }
    return estimate;
}

} // namespace

GradientComparison compareGradientEstimators(const InferenceModel& model, std::span<const float> x,
                                             int n, const GradientEstimatorOptions& options)
{
    if (model.config().isAutoencoder())
        throw std::invalid_argument(
            "compareGradientEstimators: the model is an autoencoder: its code z = μ(x) is not "
            "sampled, so there is no ε to estimate a gradient over");
    if (n < 1)
        throw std::invalid_argument("compareGradientEstimators: need at least one image, got n = " +
                                    std::to_string(n));
    const int features = model.pixelsPerImage(); // F values per example
    if (x.size() != std::size_t(n) * std::size_t(features))
        throw std::invalid_argument("compareGradientEstimators: expected " + std::to_string(n) +
                                    "×" + std::to_string(features) + " values, got " +
                                    std::to_string(x.size()));
    if (options.draws < 2)
        throw std::invalid_argument(
            "compareGradientEstimators: need at least 2 draws for a variance, got " +
            std::to_string(options.draws));
    // The Bernoulli likelihoods are defined on [0, 1]; the Gaussian on any finite value.
    const bool unitInterval = model.likelihood() != Likelihood::Gaussian;
    for (float v : x)
        if (unitInterval ? !(v >= 0.0f && v <= 1.0f) : !std::isfinite(v))
            throw std::invalid_argument(
                unitInterval
                    ? "compareGradientEstimators: pixel values must be grey levels in [0, 1]"
                    : "compareGradientEstimators: values must be finite");

    const auto started = std::chrono::steady_clock::now();
    // Gradients are needed here whatever the caller's thread had set.
    c10::InferenceMode inferenceOff(false);
    torch::AutoGradMode gradOn(true);

    VaeNet& net = model.impl().net;
    const int dim = net->latentDim();
    const int draws = options.draws;

    // φ: private leaf copies of the encoder's weights, in forward order, with their module names.
    const torch::Tensor images =
        torch::from_blob(const_cast<float*>(x.data()), {n, features}, torch::kFloat32);
    const bool convolutional = net->config().isConvolutional();
    std::vector<torch::Tensor> phi;
    std::vector<std::string> names;
    torch::Tensor head;                        // the encoder once, with the graph kept: (μ, raw log σ²)
    std::vector<torch::Tensor> layerInputs;    // MLP: each linear layer's input, head's included
    std::vector<torch::Tensor> preActivations; // MLP: each hidden layer's output before its ReLU
    VaeNet encoderCopy{nullptr};               // conv: a copy whose encoder weights are φ
    if (convolutional) {
        // No Gram-matrix shortcut for convolutions: the estimates take one backward pass per draw.
        encoderCopy = cloneNet(net);
        for (auto& item : encoderCopy->named_parameters())
            if (item.key().rfind("encoder", 0) == 0) {
                item.value().set_requires_grad(true);
                phi.push_back(item.value());
                names.push_back(item.key());
            }
        head = encoderCopy->encodeRaw(images);
    } else {
        const VaeNetImpl::Layers layers = net->layers();
        for (const torch::nn::Linear& linear : layers.encoder) {
            phi.push_back(linear->weight.detach().clone().requires_grad_(true));
            phi.push_back(linear->bias.detach().clone().requires_grad_(true));
        }
        phi.push_back(layers.head->weight.detach().clone().requires_grad_(true));
        phi.push_back(layers.head->bias.detach().clone().requires_grad_(true));
        for (const auto& item : net->named_parameters())
            if (item.key().rfind("encoder", 0) == 0)
                names.push_back(item.key());
        if (names.size() != phi.size())
            throw std::logic_error("compareGradientEstimators: unexpected encoder layout");
        torch::Tensor hidden = images;
        const std::size_t hiddenLayers = layers.encoder.size();
        for (std::size_t l = 0; l < hiddenLayers; ++l) {
            layerInputs.push_back(hidden.detach());
            preActivations.push_back(torch::linear(hidden, phi[2 * l], phi[2 * l + 1]));
            hidden = torch::relu(preActivations.back());
        }
        layerInputs.push_back(hidden.detach());
        head = torch::linear(hidden, phi[2 * hiddenLayers], phi[2 * hiddenLayers + 1]);
    }
    const torch::Tensor mu = head.slice(1, 0, dim).detach();
    // log σ² is the head's output through the soft bound (boundLogVariance); the upstream
    // gradients below are w.r.t. the bounded value, so each is scaled by b′ (headSlope) before
    // the encoder's Jacobian, which is taken of the raw head.
    const torch::Tensor rawLogVar = head.slice(1, dim, 2 * dim).detach();
    const torch::Tensor logVar = boundLogVariance(rawLogVar);
    const torch::Tensor sigma = torch::exp(0.5 * logVar);
    const torch::Tensor headSlope =
        torch::cat({torch::ones_like(mu), boundLogVarianceSlope(rawLogVar)}, 1);

    // ∂/∂(μ, log σ²) of −(1/n) Σ_i KL_i: exact, and added to every draw of every estimator.
    const double invN = 1.0 / double(n);
    const torch::Tensor klGradMu = -mu * invN;
    const torch::Tensor klGradLogVar = -0.5 * (sigma.square() - 1.0) * invN;

    std::int64_t parameterCount = 0;
    for (const torch::Tensor& p : phi)
        parameterCount += p.numel();

    at::Generator generator = makeGenerator(options.seed);
    const torch::Tensor epsReparam = torch::randn({draws, n, dim}, generator, mu.options());
    const torch::Tensor epsScore = torch::randn({draws, n, dim}, generator, mu.options());

    const std::int64_t chunk = std::max<std::int64_t>(1, kDecodeRows / n);
    // Each estimator's draws as upstream gradients u_m = ∂ĝ/∂(μ, log σ²) [M, n, 2D]: the
    // estimate is then J_φᵀ u_m, J_φ = ∂(μ, log σ²)/∂φ the encoder's Jacobian, the same for all.

    // Reparameterization: ∂f/∂z by backpropagation through the decoder (its weights stay fixed),
    // then ∂z/∂μ = 1 and ∂z/∂log σ² = ½ σ ε.
    torch::Tensor upReparam = torch::empty({draws, n, 2 * dim}, torch::kFloat32);
    for (std::int64_t m0 = 0; m0 < draws; m0 += chunk) {
        const std::int64_t m1 = std::min<std::int64_t>(draws, m0 + chunk);
        const std::int64_t k = m1 - m0;
        const torch::Tensor eps = epsReparam.slice(0, m0, m1);
        const torch::Tensor z = (mu + sigma * eps).detach().requires_grad_(true);
        const torch::Tensor logits = net->decode(z.reshape({k * n, dim})).view({k, n, features});
        const torch::Tensor f = -net->reconstructionNll(logits, images.unsqueeze(0).expand_as(logits));
        // Draws and images are independent, so ∂(Σ f)/∂z_mi = ∂f_mi/∂z_mi.
        const torch::Tensor gradZ = torch::autograd::grad({f.sum()}, {z})[0] * invN;
        upReparam.slice(0, m0, m1).copy_(
            torch::cat({gradZ + klGradMu, 0.5 * gradZ * sigma * eps + klGradLogVar}, 2) *
            headSlope);
    }

    // Score function: f(z) for every draw first (the baseline needs all of them).
    torch::Tensor fScore = torch::empty({draws, n}, torch::kFloat64);
    {
        torch::NoGradGuard noGrad;
        for (std::int64_t m0 = 0; m0 < draws; m0 += chunk) {
            const std::int64_t m1 = std::min<std::int64_t>(draws, m0 + chunk);
            const std::int64_t k = m1 - m0;
            const torch::Tensor z = mu + sigma * epsScore.slice(0, m0, m1);
            const torch::Tensor logits = net->decode(z.reshape({k * n, dim})).view({k, n, features});
            fScore.slice(0, m0, m1).copy_(
                -net->reconstructionNll(logits, images.unsqueeze(0).expand_as(logits)));
        }
    }
    // ∂log q/∂μ = ε/σ, ∂log q/∂log σ² = ½(ε² − 1): [M, n, 2D].
    const torch::Tensor scores = torch::cat({epsScore / sigma, 0.5 * (epsScore.square() - 1.0)}, 2);
    const torch::Tensor klGrad = torch::cat({klGradMu, klGradLogVar}, 1);
    const torch::Tensor upScore =
        ((fScore * invN).to(torch::kFloat32).unsqueeze(2) * scores + klGrad) * headSlope;
    // Leave-one-out baseline b_mi = (Σ_m' f_m'i − f_mi) / (M − 1).
    torch::Tensor upBaseline;
    if (options.baseline) {
        const torch::Tensor centred = fScore - (fScore.sum(0) - fScore) / double(draws - 1);
        upBaseline =
            ((centred * invN).to(torch::kFloat32).unsqueeze(2) * scores + klGrad) * headSlope;
    }

    const auto estimate = [&](const std::string& name, const torch::Tensor& upstream) {
        if (options.keepCoordinates || convolutional || std::int64_t(n) * 2 * dim > kMaxGramSize) {
            // One backward pass through the encoder per draw.
            MomentAccumulator moments(draws);
            for (std::int64_t m = 0; m < draws; ++m)
                moments.add(torch::autograd::grad({head}, phi, {upstream[m]},
                                                  /*retain_graph=*/true));
            return summarize(name, moments, names, draws, options.keepCoordinates);
        }
        return summarizeWithGrams(name, upstream, jacobianGrams(head, preActivations, layerInputs),
                                  names, phi);
    };
    GradientComparison result;
    result.count = n;
    result.draws = draws;
    result.latentDim = dim;
    result.parameterCount = parameterCount;
    result.step = model.step();
    {
        torch::NoGradGuard noGrad;
        result.elbo = fScore.mean().item<double>() -
                      klDivergence(mu, logVar).to(torch::kFloat64).mean().item<double>();
    }
    result.reparameterization = estimate("reparameterization", upReparam);
    result.scoreFunction = estimate("score function", upScore);
    if (options.baseline)
        result.scoreFunctionBaseline = estimate("score function + baseline", upBaseline);
    const double a = result.scoreFunction.totalVariance;
    const double b = result.reparameterization.totalVariance;
    result.varianceRatio = b > 0 ? a / b : 0.0;
    if (a > 0 && b > 0) {
        const double ra = result.scoreFunction.totalVarianceStandardError / a;
        const double rb = result.reparameterization.totalVarianceStandardError / b;
        result.varianceRatioStandardError = result.varianceRatio * std::sqrt(ra * ra + rb * rb);
    }
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

} // namespace vae
