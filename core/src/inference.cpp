#include "inference_impl.h"
#include "vae/errors.h"

#include <stdexcept>

namespace vae {

namespace detail {

std::shared_ptr<const InferenceModel> snapshot(const VaeNet& net, const TrainingConfig& config,
                                               const DataDescription& description,
                                               std::int64_t step)
{
    auto impl = std::make_shared<InferenceImpl>();
    impl->config = config;
    impl->description = description;
    impl->step = step;
    impl->net = cloneNet(net);
    return std::make_shared<const InferenceModel>(std::move(impl));
}

} // namespace detail

InferenceModel::InferenceModel(std::shared_ptr<const detail::InferenceImpl> impl)
    : m_impl(std::move(impl))
{
}

const TrainingConfig& InferenceModel::config() const { return m_impl->config; }
int InferenceModel::latentDim() const { return m_impl->config.latentDim; }
const DataDescription& InferenceModel::description() const { return m_impl->description; }
int InferenceModel::imageRows() const { return m_impl->description.height; }
int InferenceModel::imageCols() const { return m_impl->description.width; }
int InferenceModel::pixelsPerImage() const { return m_impl->config.inputSize; }
std::int64_t InferenceModel::step() const { return m_impl->step; }
Likelihood InferenceModel::likelihood() const { return m_impl->config.likelihood; }
double InferenceModel::gaussianSigma() const { return m_impl->net->gaussianSigma(); }

std::vector<float> InferenceModel::decode(std::span<const float> z) const
{
    return decodeBatch(z, 1);
}

std::vector<float> InferenceModel::decodeBatch(std::span<const float> z, int n) const
{
    const int dim = latentDim();
    if (n < 0 || z.size() != std::size_t(n) * std::size_t(dim))
        throw std::invalid_argument("decode: expected " + std::to_string(n) + "×" +
                                    std::to_string(dim) + " latent values, got " +
                                    std::to_string(z.size()));
    std::vector<float> out(std::size_t(n) * pixelsPerImage());
    if (n == 0)
        return out;
    c10::InferenceMode guard;
    const torch::Tensor zt =
        torch::from_blob(const_cast<float*>(z.data()), {n, dim}, torch::kFloat32);
    const torch::Tensor means = m_impl->net->decodeMean(zt).contiguous();
    std::copy_n(means.data_ptr<float>(), out.size(), out.begin());
    return out;
}

Posterior InferenceModel::encode(std::span<const float> x, int n) const
{
    if (n < 0 || x.size() != std::size_t(n) * std::size_t(pixelsPerImage()))
        throw std::invalid_argument("encode: expected " + std::to_string(n) + "×" + std::to_string(pixelsPerImage()) + " values, got " +
                                    std::to_string(x.size()));
    return encodePosterior(m_impl->net, torch::from_blob(const_cast<float*>(x.data()),
                                                         {n, pixelsPerImage()}, torch::kFloat32));
}

LossTerms InferenceModel::evaluate(const ImageSet& data, std::uint64_t seed) const
{
    if (data.count == 0 || data.pixelsPerImage() != pixelsPerImage())
        throw std::invalid_argument("evaluate: expected a non-empty set of examples of " +
                                    std::to_string(pixelsPerImage()) + " values");
    return evaluateLoss(m_impl->net, imagesTensor(data.pixels, data.count, data.pixelsPerImage()),
                        seed);
}

std::vector<LossTerms> InferenceModel::evaluateImages(std::span<const float> x, int n, int samples,
                                                      std::uint64_t seed) const
{
    if (n < 0 || x.size() != std::size_t(n) * std::size_t(pixelsPerImage()))
        throw std::invalid_argument("evaluateImages: expected " + std::to_string(n) +
                                    "×" + std::to_string(pixelsPerImage()) + " values, got " +
                                    std::to_string(x.size()));
    if (samples < 1)
        throw std::invalid_argument("evaluateImages: samples must be at least 1, got " +
                                    std::to_string(samples));
    if (n == 0)
        return {};
    return evaluateLossPerImage(
        m_impl->net,
        torch::from_blob(const_cast<float*>(x.data()), {n, pixelsPerImage()}, torch::kFloat32),
        samples, seed);
}

std::shared_ptr<const InferenceModel> makeUntrainedModel(const TrainingConfig& config,
                                                        const DataDescription& description)
{
    config.validate();
    if (description.inputSize() != config.inputSize)
        throw ConfigError("the data (" + description.name + ") has " +
                              std::to_string(description.inputSize()) +
                              " values per example, but the model's input size is " +
                              std::to_string(config.inputSize),
                          "input_size");
    return detail::snapshot(makeNet(config), config, description, 0);
}

} // namespace vae
