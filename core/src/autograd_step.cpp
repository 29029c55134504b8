#include "autograd_step.h"

#include <cmath>
#include <numbers>

namespace vae {

AutogradVaeStep::AutogradVaeStep(VaeNet& net, int maxBatch)
    : TrainingStep(net, 1), m_net(net), m_maxBatch(maxBatch)
{
    TORCH_CHECK(maxBatch > 0, "AutogradVaeStep: maxBatch must be positive");
    // Backward accumulates into a defined .grad() in place (grad mode is off during backward),
    // so every parameter's gradient lands in its slice of the flat buffer.
    std::vector<torch::Tensor> params = m_net->parameters();
    for (std::size_t i = 0; i < params.size(); ++i)
        params[i].mutable_grad() = m_gradViews[i];
}

StepValues AutogradVaeStep::computeGradients(const torch::Tensor& x, const torch::Tensor& eps,
                                             double beta)
{
    const std::int64_t batch = x.size(0);
    TORCH_CHECK(batch > 0 && batch <= m_maxBatch, "AutogradVaeStep: batch of ", batch,
                " rows is empty or larger than maxBatch");
    torch::AutoGradMode gradOn(true);
    m_grads.zero_();
    m_pendingShards = 1;
    auto [mu, logVar] = m_net->encode(x);
    const torch::Tensor z = reparameterize(mu, logVar, eps);
    const torch::Tensor output = m_net->decode(z);
    StepValues values;
    torch::Tensor reconstruction; // summed over the batch, nats
    if (m_net->config().likelihood == Likelihood::Gaussian) {
        const torch::Tensor squaredError = (output - x).square().sum();
        const double count = double(batch) * double(x.size(1));
        values.meanSquaredError = squaredError.item<double>() / count;
        const double variance =
            std::max(values.meanSquaredError, kGaussianSigmaMin * kGaussianSigmaMin);
        values.gaussianSigma = std::sqrt(variance);
        reconstruction = 0.5 / variance * squaredError +
                         0.5 * count * std::log(2.0 * std::numbers::pi * variance);
    } else {
        reconstruction = m_net->reconstructionNll(output, x).sum();
    }
    const torch::Tensor kl = klDivergence(mu, logVar).sum();
    ((reconstruction + beta * kl) / double(batch)).backward();
    values.reconstruction = reconstruction.item<double>() / double(batch);
    values.kl = kl.item<double>() / double(batch);
    if (m_gradientCheck)
        values.gradientMaxAbs = gradientMaxAbs();
    return values;
}

StepValues AutogradVaeStep::computeGradients(const torch::Tensor& images,
                                             const torch::Tensor& indices, const torch::Tensor& x,
                                             const torch::Tensor& eps, double beta)
{
    TORCH_CHECK(indices.size(0) == x.size(0), "AutogradVaeStep: ", indices.size(0),
                " indices for a batch of ", x.size(0), " rows");
    {
        torch::NoGradGuard noGrad;
        torch::Tensor rows = x;
        at::index_select_out(rows, images, 0, indices);
    }
    return computeGradients(x, eps, beta);
}

} // namespace vae
