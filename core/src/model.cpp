#include "model.h"

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace vae {

VaeNetImpl::VaeNetImpl(const TrainingConfig& config) : m_config(config)
{
    const int latentDim = config.latentDim;
    int in = config.inputSize; // features entering the dense layers
    std::int64_t flatFeatures = config.inputSize;
    if (config.isConvolutional()) {
        const auto sides = config.convSides();
        m_encoderConv = register_module("encoder_conv", torch::nn::Sequential());
        int channels = config.imageChannels;
        for (int out : config.convChannels) {
            m_encoderConv->push_back(torch::nn::Conv2d(
                torch::nn::Conv2dOptions(channels, out, kConvKernel).stride(2).padding(1)));
            m_encoderConv->push_back(torch::nn::ReLU());
            channels = out;
        }
        m_convLastSide = sides.back();
        flatFeatures = std::int64_t(channels) * sides.back().first * sides.back().second;
        in = int(flatFeatures);
    }
    m_encoder = register_module("encoder", torch::nn::Sequential());
    for (int width : config.hiddenSizes) {
        m_encoder->push_back(torch::nn::Linear(in, width));
        m_encoder->push_back(torch::nn::ReLU());
        in = width;
    }
    m_encoderHead = register_module("encoder_head", torch::nn::Linear(in, 2 * latentDim));

    m_decoder = register_module("decoder", torch::nn::Sequential());
    in = latentDim;
    for (auto it = config.hiddenSizes.rbegin(); it != config.hiddenSizes.rend(); ++it) {
        m_decoder->push_back(torch::nn::Linear(in, *it));
        m_decoder->push_back(torch::nn::ReLU());
        in = *it;
    }
    m_decoder->push_back(torch::nn::Linear(in, flatFeatures));
    if (!config.isConvolutional())
        return;
    m_decoder->push_back(torch::nn::ReLU());
    m_decoderConv = register_module("decoder_conv", torch::nn::Sequential());
    const auto sides = config.convSides();
    for (std::size_t l = config.convChannels.size(); l-- > 0;) {
        const int from = config.convChannels[l];
        const int to = l > 0 ? config.convChannels[l - 1] : config.imageChannels;
        // A transposed 4×4, stride 2, padding 1 maps s to 2s; + 1 where the encoder rounded down.
        const std::int64_t padHeight = sides[l].first % 2;
        const std::int64_t padWidth = sides[l].second % 2;
        m_decoderConv->push_back(torch::nn::ConvTranspose2d(
            torch::nn::ConvTranspose2dOptions(from, to, kConvKernel)
                .stride(2)
                .padding(1)
                .output_padding({padHeight, padWidth})));
        if (l > 0)
            m_decoderConv->push_back(torch::nn::ReLU());
    }
}

torch::Tensor VaeNetImpl::encodeRaw(const torch::Tensor& x)
{
    if (!m_config.isConvolutional())
        return m_encoderHead->forward(m_encoder->forward(x));
    const auto& c = m_config;
    // NCHW with its standard strides. For grey images a plain view: the permuted view has the
    // strides of channels-last too ([HW, 1, W, 1]), which would send every layer down the
    // channels-last path (measured: no gain from the second thread).
    const torch::Tensor images =
        c.imageChannels == 1
            ? x.reshape({-1, 1, c.imageHeight, c.imageWidth})
            : x.reshape({-1, c.imageHeight, c.imageWidth, c.imageChannels})
                  .permute({0, 3, 1, 2})
                  .contiguous();
    const torch::Tensor features = m_encoderConv->forward(images).flatten(1);
    return m_encoderHead->forward(m_encoder->forward(features));
}

std::pair<torch::Tensor, torch::Tensor> VaeNetImpl::encode(const torch::Tensor& x)
{
    const torch::Tensor head = encodeRaw(x);
    auto halves = head.chunk(2, /*dim=*/1);
    return {halves[0], boundLogVariance(halves[1])};
}

torch::Tensor VaeNetImpl::outputBias() const
{
    if (m_config.isConvolutional())
        return m_decoderConv->ptr(m_decoderConv->size() - 1)->named_parameters()["bias"];
    return layers().decoder.back()->bias;
}

VaeNetImpl::Layers VaeNetImpl::layers() const
{
    Layers layers;
    layers.head = m_encoderHead;
    for (const auto& module : *m_encoder)
        if (auto linear = std::dynamic_pointer_cast<torch::nn::LinearImpl>(module.ptr()))
            layers.encoder.emplace_back(linear);
    for (const auto& module : *m_decoder)
        if (auto linear = std::dynamic_pointer_cast<torch::nn::LinearImpl>(module.ptr()))
            layers.decoder.emplace_back(linear);
    return layers;
}

torch::Tensor VaeNetImpl::decode(const torch::Tensor& z)
{
    if (!m_config.isConvolutional())
        return m_decoder->forward(z);
    const auto& c = m_config;
    const auto last = m_convLastSide; // decode runs every step: no convSides() vector here
    const torch::Tensor flatZ = z.reshape({-1, z.size(-1)});
    const torch::Tensor features = m_decoder->forward(flatZ).view(
        {flatZ.size(0), c.convChannels.back(), last.first, last.second});
    std::vector<std::int64_t> shape(z.sizes().begin(), z.sizes().end());
    shape.back() = c.inputSize;
    // [n, C, H, W] → HWC rows.
    return m_decoderConv->forward(features).permute({0, 2, 3, 1}).reshape(shape);
}

torch::Tensor VaeNetImpl::decodeMean(const torch::Tensor& z)
{
    return observationMean(decode(z), m_config.likelihood);
}

torch::Tensor VaeNetImpl::reconstructionNll(const torch::Tensor& output,
                                            const torch::Tensor& x) const
{
    return vae::reconstructionNll(output, x, m_config.likelihood, m_gaussianSigma);
}

void VaeNetImpl::setGaussianSigma(double sigma)
{
    if (!(std::isfinite(sigma) && sigma >= kGaussianSigmaMin))
        throw std::invalid_argument("the Gaussian decoder's sigma must be finite and at least " +
                                    std::to_string(kGaussianSigmaMin) + ", got " +
                                    std::to_string(sigma));
    m_gaussianSigma = sigma;
}

namespace {

// u = hi − softplus(hi − r), the upper half of the bound, with no softplus argument above 0.
torch::Tensor upperBoundedLogVariance(const torch::Tensor& raw)
{
    constexpr double hi = kLogVarianceMax;
    return torch::where(raw < hi, raw - torch::softplus(raw - hi), hi - torch::softplus(hi - raw));
}

} // namespace

torch::Tensor boundLogVariance(const torch::Tensor& raw)
{
    // Each softplus argument is ≤ 0, so every term is in (0, log 2]: no overflow and no
    // cancellation of large terms for any raw value; the two branches are equal in exact
    // arithmetic (softplus(x) − softplus(−x) = x), the first exact to rounding inside the range.
    constexpr double lo = kLogVarianceMin;
    const torch::Tensor upper = upperBoundedLogVariance(raw);
    return torch::where(upper > lo, upper + torch::softplus(lo - upper),
                        lo + torch::softplus(upper - lo));
}

torch::Tensor boundLogVarianceSlope(const torch::Tensor& raw)
{
    // ∂b/∂r = sigmoid(hi − r) · sigmoid(u − lo), u = hi − softplus(hi − r) as in boundLogVariance.
    const torch::Tensor u = upperBoundedLogVariance(raw);
    return torch::sigmoid(kLogVarianceMax - raw) * torch::sigmoid(u - kLogVarianceMin);
}

float boundLogVariance(float raw, float& slope)
{
    constexpr float lo = float(kLogVarianceMin);
    constexpr float hi = float(kLogVarianceMax);
    // softplus(x) for x ≤ 0 and sigmoid(x) for any x, without overflow.
    const auto softplusNonPositive = [](float x) { return std::log1p(std::exp(x)); };
    const auto sigmoid = [](float x) {
        return x >= 0 ? 1.0f / (1.0f + std::exp(-x)) : std::exp(x) / (1.0f + std::exp(x));
    };
    const float upper =
        raw < hi ? raw - softplusNonPositive(raw - hi) : hi - softplusNonPositive(hi - raw);
    const float bounded =
        upper > lo ? upper + softplusNonPositive(lo - upper) : lo + softplusNonPositive(upper - lo);
    slope = sigmoid(hi - raw) * sigmoid(upper - lo);
    return bounded;
}

torch::Tensor reparameterize(const torch::Tensor& mu, const torch::Tensor& logVar,
                             const torch::Tensor& eps)
{
    return mu + eps * torch::exp(0.5 * logVar);
}

torch::Tensor klDivergence(const torch::Tensor& mu, const torch::Tensor& logVar)
{
    return -0.5 * (1 + logVar - mu.square() - logVar.exp()).sum(1);
}

torch::Tensor continuousBernoulliLogNormalizer(const torch::Tensor& logits)
{
    // As detail::continuousBernoulliLogNormalizer (likelihood_math.h), elementwise. The direct
    // branch sees |l| raised to the band where the series is used, so neither branch produces
    // NaN or ∞ and torch::where's gradient stays finite.
    constexpr double kBand = kContinuousBernoulliTaylorBand;
    const torch::Tensor a = logits.abs();
    const torch::Tensor inBand = a < kBand;
    const torch::Tensor b = a.clamp_min(kBand);
    const torch::Tensor e = torch::exp(-b);
    const torch::Tensor direct = torch::log(b) - torch::log1p(-e) + torch::log1p(e);
    const torch::Tensor u2 = (0.5 * logits).square();
    const torch::Tensor series =
        std::log(2.0) +
        u2 * (1.0 / 3 + u2 * (-7.0 / 90 + u2 * (62.0 / 2835 + u2 * (-127.0 / 18900))));
    return torch::where(inBand, series, direct);
}

torch::Tensor continuousBernoulliMean(const torch::Tensor& logits)
{
    constexpr double kBand = kContinuousBernoulliTaylorBand;
    const torch::Tensor u = 0.5 * logits;
    const torch::Tensor u2 = u.square();
    const torch::Tensor series = u * (1.0 / 3 + u2 * (-1.0 / 45 + u2 * (2.0 / 945)));
    const torch::Tensor v = u.abs().clamp_min(0.5 * kBand);
    const torch::Tensor direct = torch::sign(u) * (1.0 / torch::tanh(v) - 1.0 / v);
    return 0.5 + 0.5 * torch::where(logits.abs() < kBand, series, direct);
}

torch::Tensor observationMean(const torch::Tensor& output, Likelihood likelihood)
{
    switch (likelihood) {
    case Likelihood::Bernoulli:
        break;
    case Likelihood::ContinuousBernoulli:
        return continuousBernoulliMean(output);
    case Likelihood::Gaussian:
        return output;
    }
    return torch::sigmoid(output);
}

torch::Tensor reconstructionNll(const torch::Tensor& output, const torch::Tensor& x,
                                Likelihood likelihood, double gaussianSigma)
{
    switch (likelihood) {
    case Likelihood::Bernoulli:
        break;
    case Likelihood::ContinuousBernoulli:
        return (torch::binary_cross_entropy_with_logits(output, x, {}, {}, at::Reduction::None) -
                continuousBernoulliLogNormalizer(output))
            .sum(-1);
    case Likelihood::Gaussian: {
        const double variance = gaussianSigma * gaussianSigma;
        const double logNormalizer = 0.5 * std::log(2.0 * std::numbers::pi * variance);
        return (0.5 / variance) * (output - x).square().sum(-1) +
               double(output.size(-1)) * logNormalizer;
    }
    }
    return torch::binary_cross_entropy_with_logits(output, x, {}, {}, at::Reduction::None).sum(-1);
}

ForwardLoss forwardLoss(VaeNet& net, const torch::Tensor& x, at::Generator& generator)
{
    auto [mu, logVar] = net->encode(x);
    if (net->config().isAutoencoder()) // z = μ, no KL term; the generator is not drawn from
        return {net->reconstructionNll(net->decode(mu), x),
                torch::zeros({x.size(0)}, mu.options())};
    const torch::Tensor eps = torch::randn(mu.sizes(), generator, mu.options());
    const torch::Tensor output = net->decode(reparameterize(mu, logVar, eps));
    return {net->reconstructionNll(output, x), klDivergence(mu, logVar)};
}

at::Generator makeGenerator(std::uint64_t seed)
{
    return at::make_generator<at::CPUGeneratorImpl>(seed);
}

void initialiseWeights(VaeNetImpl& net, at::Generator& generator)
{
    torch::NoGradGuard noGrad;
    const double gain = torch::nn::init::calculate_gain(torch::kLeakyReLU, std::sqrt(5.0));
    // The expressions of LibTorch's reset_parameters, so that the bounds round the same way.
    auto redraw = [&](torch::Tensor& weight, torch::Tensor& bias) {
        const auto [fanIn, fanOut] = torch::nn::init::_calculate_fan_in_and_fan_out(weight);
        const double bound = std::sqrt(3.0) * (gain / std::sqrt(fanIn));
        weight.uniform_(-bound, bound, generator);
        if (bias.defined()) {
            const auto biasBound = 1 / std::sqrt(fanIn);
            bias.uniform_(-biasBound, biasBound, generator);
        }
    };
    for (const auto& module : net.modules(/*include_self=*/false)) {
        if (auto* linear = module->as<torch::nn::Linear>())
            redraw(linear->weight, linear->bias);
        else if (auto* conv = module->as<torch::nn::Conv2d>())
            redraw(conv->weight, conv->bias);
        else if (auto* transposed = module->as<torch::nn::ConvTranspose2d>())
            redraw(transposed->weight, transposed->bias);
    }
}

VaeNet makeNet(const TrainingConfig& config)
{
    // The modules' constructors draw throw-away weights from the global generator (each draw
    // locks it); every one of them is redrawn below from the model's own generator.
    VaeNet net(config);
    at::Generator generator = makeGenerator(config.seed);
    initialiseWeights(*net, generator);
    return net;
}

namespace {

// The mean the output bias can hold: per value [F] for the MLP, per channel [C] for conv (whose
// last layer has one bias per channel).
torch::Tensor outputMean(const VaeNet& net, const torch::Tensor& images)
{
    if (!net->config().isConvolutional())
        return images.mean(0);
    return images.reshape({-1, net->config().imageChannels}).mean(0);
}

// That mean as a whole image [F].
torch::Tensor meanImage(const VaeNet& net, const torch::Tensor& mean)
{
    if (!net->config().isConvolutional())
        return mean;
    return mean.repeat({net->inputSize() / net->config().imageChannels});
}

} // namespace

void initOutputBiasToDataMean(VaeNet& net, const torch::Tensor& images)
{
    torch::NoGradGuard noGrad;
    if (net->config().likelihood == Likelihood::Gaussian) {
        const torch::Tensor mean = outputMean(net, images);
        net->outputBias().copy_(mean);
        // The MSE of that mean image: for the MLP the features' population variances, averaged;
        // conv's per-channel mean adds the spread of the pixel means.
        const double meanSquaredError =
            (images - meanImage(net, mean)).square().mean().item<double>();
        net->setGaussianSigma(std::max(std::sqrt(meanSquaredError), kGaussianSigmaMin));
        return;
    }
    constexpr double kClamp = 1e-3; // keeps always-black border pixels at a finite logit
    const torch::Tensor mean = outputMean(net, images).clamp(kClamp, 1.0 - kClamp);
    net->outputBias().copy_(torch::log(mean) - torch::log1p(-mean));
}

VaeNet cloneNet(const VaeNet& net)
{
    torch::NoGradGuard noGrad;
    // Construction draws throw-away initial weights (see makeNet); copying ~0.5 M floats over
    // them costs well under a millisecond next to the training step.
    VaeNet result(net->config());
    auto source = net->parameters();
    auto target = result->parameters();
    for (std::size_t i = 0; i < target.size(); ++i) {
        target[i].copy_(source[i]);
        target[i].set_requires_grad(false);
    }
    result->setGaussianSigma(net->gaussianSigma());
    result->eval();
    return result;
}

Posterior encodePosterior(VaeNet& net, const torch::Tensor& images, std::stop_token stop)
{
    constexpr std::int64_t kEncodeBatch = 10000; // bounds the hidden activations' memory
    c10::InferenceMode guard;
    Posterior posterior;
    posterior.count = static_cast<int>(images.size(0));
    posterior.dim = net->latentDim();
    posterior.mu.resize(std::size_t(posterior.count) * posterior.dim);
    posterior.sigma.resize(posterior.mu.size()); // stays 0 for an autoencoder: no spread
    const bool autoencoder = net->config().isAutoencoder();
    for (std::int64_t begin = 0; begin < posterior.count && !stop.stop_requested();
         begin += kEncodeBatch) {
        const std::int64_t end = std::min<std::int64_t>(posterior.count, begin + kEncodeBatch);
        auto [mu, logVar] = net->encode(images.slice(0, begin, end));
        const torch::Tensor muC = mu.contiguous();
        const torch::Tensor sigma = torch::exp(0.5 * logVar).contiguous();
        std::copy_n(muC.data_ptr<float>(), muC.numel(), posterior.mu.begin() + begin * posterior.dim);
        if (!autoencoder)
            std::copy_n(sigma.data_ptr<float>(), sigma.numel(),
                        posterior.sigma.begin() + begin * posterior.dim);
    }
    return posterior;
}

LossTerms evaluateLoss(VaeNet& net, const torch::Tensor& images, std::uint64_t seed)
{
    return *evaluateLoss(net, images, seed, std::stop_token{});
}

std::optional<LossTerms> evaluateLoss(VaeNet& net, const torch::Tensor& images, std::uint64_t seed,
                                      std::stop_token stop)
{
    constexpr std::int64_t kEvalBatch = 1000; // bounds memory; result does not depend on it
    c10::InferenceMode guard;
    at::Generator generator = makeGenerator(seed);
    double reconstruction = 0;
    double kl = 0;
    const std::int64_t n = images.size(0);
    for (std::int64_t begin = 0; begin < n; begin += kEvalBatch) {
        if (stop.stop_requested())
            return std::nullopt;
        const torch::Tensor x = images.slice(0, begin, std::min(n, begin + kEvalBatch));
        const ForwardLoss loss = forwardLoss(net, x, generator);
        reconstruction += loss.reconstruction.sum().item<double>();
        kl += loss.kl.sum().item<double>();
    }
    LossTerms terms;
    terms.reconstruction = reconstruction / double(n);
    terms.kl = kl / double(n);
    terms.elbo = -(terms.reconstruction + terms.kl);
    return terms;
}

std::vector<LossTerms> evaluateLossPerImage(VaeNet& net, const torch::Tensor& images, int samples,
                                            std::uint64_t seed)
{
    // The same batches as evaluateLoss(), so that one sample per image draws the same ε.
    constexpr std::int64_t kEvalBatch = 1000;
    // Rows decoded at once (images × samples): bounds the logits' memory to ~25 MB while one
    // image's 64 samples still go through the decoder as one GEMM.
    constexpr std::int64_t kDecodeRows = 8192;
    c10::InferenceMode guard;
    at::Generator generator = makeGenerator(seed);
    const std::int64_t n = images.size(0);
    std::vector<LossTerms> terms(static_cast<std::size_t>(n));
    for (std::int64_t begin = 0; begin < n; begin += kEvalBatch) {
        const std::int64_t end = std::min(n, begin + kEvalBatch);
        const std::int64_t count = end - begin;
        const torch::Tensor x = images.slice(0, begin, end);
        auto [mu, logVar] = net->encode(x);
        if (net->config().isAutoencoder()) {
            // Deterministic: every "sample" is z = μ, so one decode gives the value; kl = 0.
            const torch::Tensor rec =
                net->reconstructionNll(net->decode(mu), x).to(torch::kFloat64).contiguous();
            const double* r = rec.data_ptr<double>();
            for (std::int64_t i = 0; i < count; ++i)
                terms[static_cast<std::size_t>(begin + i)] = {r[i], 0.0, -r[i]};
            continue;
        }
        const torch::Tensor kl = klDivergence(mu, logVar).to(torch::kFloat64).contiguous();
        torch::Tensor reconstruction = torch::zeros({count}, torch::kFloat64);
        const std::int64_t group = std::max<std::int64_t>(1, kDecodeRows / count);
        for (std::int64_t s = 0; s < samples; s += group) {
            const std::int64_t draws = std::min<std::int64_t>(group, samples - s);
            const torch::Tensor eps =
                torch::randn({draws, count, mu.size(1)}, generator, mu.options());
            const torch::Tensor z = reparameterize(mu.unsqueeze(0), logVar.unsqueeze(0), eps);
            const torch::Tensor logits =
                net->decode(z.reshape({draws * count, mu.size(1)})).view({draws, count, -1});
            // [draws, count] nats; summed over the draws in double.
            reconstruction += net->reconstructionNll(logits, x.unsqueeze(0).expand_as(logits))
                                  .to(torch::kFloat64)
                                  .sum(0);
        }
        reconstruction = (reconstruction / double(samples)).contiguous();
        const double* rec = reconstruction.data_ptr<double>();
        const double* klValues = kl.data_ptr<double>();
        for (std::int64_t i = 0; i < count; ++i) {
            LossTerms& t = terms[static_cast<std::size_t>(begin + i)];
            t.reconstruction = rec[i];
            t.kl = klValues[i];
            t.elbo = -(t.reconstruction + t.kl);
        }
    }
    return terms;
}

torch::Tensor imagesTensor(const std::vector<float>& pixels, int count, int pixelsPerImage)
{
    if (count < 0 || pixelsPerImage < 0 ||
        std::uint64_t(count) * std::uint64_t(pixelsPerImage) > pixels.size())
        throw std::invalid_argument("imagesTensor: " + std::to_string(count) + " examples of " +
                                    std::to_string(pixelsPerImage) + " values need " +
                                    std::to_string(std::int64_t(count) * pixelsPerImage) +
                                    " floats, the buffer holds " + std::to_string(pixels.size()));
    // from_blob needs a non-const pointer; the tensor is only ever read.
    return torch::from_blob(const_cast<float*>(pixels.data()), {count, pixelsPerImage},
                            torch::kFloat32);
}

} // namespace vae
