"""PyTorch twins of VAE Explorer's models: same layers, same parameter names, same forward pass.

MlpVae is core/src/model.cpp's VaeNetImpl for architecture "mlp": encoder D -> hidden...
(Linear, ReLU) -> encoder_head (Linear to [mu, raw log sigma^2]); decoder z -> reversed hidden
(Linear, ReLU) -> Linear to D outputs (Bernoulli logits, or the Gaussian's mean).

ConvVae is VaeNetImpl for architecture "conv" (vae/config.h): 4x4 convolutions with stride 2 and
padding 1 (ReLU) -> the dense layers of the MLP -> encoder_head; the decoder mirrors it with a
Linear (ReLU) back to the last feature map and 4x4 transposed convolutions with stride 2.
Examples go in and come out flat, [B, D] in the data's HWC order, as for the MLP.

Both pass the raw log sigma^2 through the soft bound of vae/types.h (bound_log_variance) before
sigma = exp(log sigma^2 / 2).
"""
import math

import torch
import torch.nn.functional as F
from torch import nn

LOG_VARIANCE_MIN = -30.0  # vae::kLogVarianceMin
LOG_VARIANCE_MAX = 20.0  # vae::kLogVarianceMax
GAUSSIAN_SIGMA_MIN = 2.4787521766663585e-3  # e^-6, vae::kGaussianSigmaMin


def bound_log_variance(raw):
    """The soft clamp b(r) onto (-30, 20): u = hi - softplus(hi - r), b = lo + softplus(u - lo)."""
    u = LOG_VARIANCE_MAX - F.softplus(LOG_VARIANCE_MAX - raw)
    return LOG_VARIANCE_MIN + F.softplus(u - LOG_VARIANCE_MIN)


class MlpVae(nn.Module):
    """The MLP VAE of VAE Explorer (architecture "mlp").

    Parameters, as in a VAE Explorer checkpoint: encoder.{0,2,4..}.{weight,bias},
    encoder_head.{weight,bias}, decoder.{0,2,..}.{weight,bias}; weights are [out, in].
    """

    def __init__(self, input_size, hidden_sizes, latent_dim, likelihood="bernoulli"):
        super().__init__()
        if likelihood not in ("bernoulli", "continuous-bernoulli", "gaussian"):
            raise ValueError(f"unknown likelihood {likelihood!r}")
        self.input_size = int(input_size)
        self.hidden_sizes = [int(h) for h in hidden_sizes]
        self.latent_dim = int(latent_dim)
        self.likelihood = likelihood
        layers, width = [], self.input_size
        for h in self.hidden_sizes:
            layers += [nn.Linear(width, h), nn.ReLU()]
            width = h
        self.encoder = nn.Sequential(*layers)
        self.encoder_head = nn.Linear(width, 2 * self.latent_dim)
        layers, width = [], self.latent_dim
        for h in reversed(self.hidden_sizes):
            layers += [nn.Linear(width, h), nn.ReLU()]
            width = h
        layers.append(nn.Linear(width, self.input_size))
        self.decoder = nn.Sequential(*layers)

    def encode(self, x):
        """x [B, D] -> (mu [B, d], log sigma^2 [B, d]) of q(z|x)."""
        mu, raw = self.encoder_head(self.encoder(x)).chunk(2, dim=1)
        return mu, bound_log_variance(raw)

    def decode(self, z):
        """z [B, d] -> the decoder's output [B, D] (logits for the Bernoulli likelihoods)."""
        return self.decoder(z)

    def forward(self, x):
        mu, log_var = self.encode(x)
        z = mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)
        return self.decode(z), mu, log_var

    def output_bias(self):
        """The bias of the last layer, [D]. vae-cli starts it at the logit of the data's mean
        image (initOutputBiasToDataMean)."""
        return self.decoder[-1].bias

    def config(self):
        """The architecture as VAE Explorer's TrainingConfig JSON keys."""
        return {"architecture": "mlp", "input_size": self.input_size,
                "hidden_sizes": self.hidden_sizes, "latent_dim": self.latent_dim,
                "likelihood": self.likelihood}


class ConvVae(nn.Module):
    """The convolutional VAE of VAE Explorer (architecture "conv"; Higgins et al. 2017, Burgess
    et al. 2018, appendix A.1), core/src/model.cpp's VaeNetImpl layer for layer.

    Examples are flat, x [B, D] with D = H*W*C in HWC order (height, width, channels: a row of a
    NumPy (N, H, W, C) array), as VAE Explorer's data is; the convolutions see them as
    [B, C, H, W]. For each entry c_l of conv_channels a Conv2d(c_{l-1}, c_l, 4, stride 2,
    padding 1) and ReLU halves each side (rounding down: s_{l+1} = s_l // 2, s_0 = the image's),
    then the MLP's dense layers (hidden_sizes, ReLU) and encoder_head. The decoder maps z through
    the reversed dense layers (ReLU) and a Linear (ReLU) to the last feature map
    [c_L, h_L, w_L], then ConvTranspose2d(c_l, c_{l-1} or C, 4, stride 2, padding 1,
    output_padding = s_{l-1} % 2 per side) from the last layer down to the first, ReLU after all
    but the last.

    Parameters, as in a VAE Explorer checkpoint (core/src/checkpoint_format.cpp, expectedTensors):
    encoder_conv.{0,2,..}.weight [c_l, c_{l-1}, 4, 4] and .bias [c_l]; encoder.{0,2,..} and
    encoder_head as MlpVae's, but the first encoder Linear takes c_L*h_L*w_L features;
    decoder.{0,2,..,2k} (k = len(hidden_sizes); the last is [c_L*h_L*w_L, first hidden]);
    decoder_conv.{0,2,..}.weight [c_l, c_{l-1}, 4, 4] (a ConvTranspose2d's is [in, out, k, k]),
    .bias [c_{l-1}], the last layer first (decoder_conv.0 undoes encoder_conv.{2(L-1)}).
    """

    KERNEL = 4  # VaeNetImpl::kConvKernel

    def __init__(self, image_shape, conv_channels, hidden_sizes, latent_dim,
                 likelihood="bernoulli"):
        """image_shape = (height, width, channels) of an example; channels 1, 3 or 4."""
        super().__init__()
        if likelihood not in ("bernoulli", "continuous-bernoulli", "gaussian"):
            raise ValueError(f"unknown likelihood {likelihood!r}")
        height, width, channels = (int(v) for v in image_shape)
        self.image_height, self.image_width, self.image_channels = height, width, channels
        self.input_size = height * width * channels
        self.conv_channels = [int(c) for c in conv_channels]
        self.hidden_sizes = [int(h) for h in hidden_sizes]
        self.latent_dim = int(latent_dim)
        self.likelihood = likelihood
        if not self.conv_channels:
            raise ValueError("a ConvVae needs at least one conv layer")
        if min(height, width) < 2 ** len(self.conv_channels):
            raise ValueError(f"{len(self.conv_channels)} stride-2 layers need images of at least "
                             f"{2 ** len(self.conv_channels)} pixels a side, got {height} x {width}")
        # The feature-map sides, TrainingConfig::convSides(): entry l enters layer l.
        self.sides = [(height, width)]
        for _ in self.conv_channels:
            self.sides.append((self.sides[-1][0] // 2, self.sides[-1][1] // 2))
        k = self.KERNEL
        layers, previous = [], channels
        for c in self.conv_channels:
            layers += [nn.Conv2d(previous, c, k, stride=2, padding=1), nn.ReLU()]
            previous = c
        self.encoder_conv = nn.Sequential(*layers)
        self.flat_features = previous * self.sides[-1][0] * self.sides[-1][1]
        layers, width_in = [], self.flat_features
        for h in self.hidden_sizes:
            layers += [nn.Linear(width_in, h), nn.ReLU()]
            width_in = h
        self.encoder = nn.Sequential(*layers)
        self.encoder_head = nn.Linear(width_in, 2 * self.latent_dim)
        layers, width_in = [], self.latent_dim
        for h in reversed(self.hidden_sizes):
            layers += [nn.Linear(width_in, h), nn.ReLU()]
            width_in = h
        layers += [nn.Linear(width_in, self.flat_features), nn.ReLU()]
        self.decoder = nn.Sequential(*layers)
        layers = []
        for l in reversed(range(len(self.conv_channels))):
            out = self.conv_channels[l - 1] if l > 0 else channels
            # A transposed 4x4, stride 2, padding 1 maps s to 2s; + 1 where the encoder rounded down.
            padding = (self.sides[l][0] % 2, self.sides[l][1] % 2)
            layers.append(nn.ConvTranspose2d(self.conv_channels[l], out, k, stride=2, padding=1,
                                             output_padding=padding))
            if l > 0:
                layers.append(nn.ReLU())
        self.decoder_conv = nn.Sequential(*layers)

    def encode(self, x):
        """x [B, D] (HWC rows) -> (mu [B, d], log sigma^2 [B, d]) of q(z|x)."""
        images = x.reshape(-1, self.image_height, self.image_width, self.image_channels)
        features = self.encoder_conv(images.permute(0, 3, 1, 2)).flatten(1)
        mu, raw = self.encoder_head(self.encoder(features)).chunk(2, dim=1)
        return mu, bound_log_variance(raw)

    def decode(self, z):
        """z [B, d] -> the decoder's output [B, D] in HWC order (logits for the Bernoulli
        likelihoods, the mean for the Gaussian)."""
        h, w = self.sides[-1]
        features = self.decoder(z).view(z.shape[0], self.conv_channels[-1], h, w)
        return self.decoder_conv(features).permute(0, 2, 3, 1).reshape(z.shape[0], self.input_size)

    def forward(self, x):
        mu, log_var = self.encode(x)
        z = mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)
        return self.decode(z), mu, log_var

    def output_bias(self):
        """The bias of the last layer, [C]: one per channel (MlpVae's is decoder[-1].bias, [D]).
        vae-cli starts it at the logit of the data's mean per channel (initOutputBiasToDataMean)."""
        return self.decoder_conv[-1].bias

    def config(self):
        """The architecture as VAE Explorer's TrainingConfig JSON keys."""
        return {"architecture": "conv", "input_size": self.input_size,
                "image_height": self.image_height, "image_width": self.image_width,
                "image_channels": self.image_channels, "conv_channels": self.conv_channels,
                "hidden_sizes": self.hidden_sizes, "latent_dim": self.latent_dim,
                "likelihood": self.likelihood}


def model_from_config(config):
    """The model a TrainingConfig JSON object describes (a checkpoint's metadata["config"], or
    run.json's "config"): an MlpVae, or a ConvVae for "architecture": "conv". Its parameters are
    fresh; load a checkpoint's with load_state_dict (without its "optimizer." tensors)."""
    likelihood = config.get("likelihood", "bernoulli")
    if config.get("architecture", "mlp") == "conv":
        shape = (config["image_height"], config["image_width"], config["image_channels"])
        return ConvVae(shape, config["conv_channels"], config["hidden_sizes"],
                       config["latent_dim"], likelihood)
    if config.get("architecture", "mlp") != "mlp":
        raise ValueError(f"unknown architecture {config['architecture']!r}")
    return MlpVae(config.get("input_size", 784), config["hidden_sizes"], config["latent_dim"],
                  likelihood)


def loss_terms(model, output, x, mu, log_var):
    """(reconstruction, KL) in nats per example, batch means, as VAE Explorer reports them.

    Reconstruction: -log p(x|z) summed over the D values (Bernoulli: BCE with logits; continuous
    Bernoulli: plus -log C(lambda), Loaiza-Ganem & Cunningham 2019, eq. 7; Gaussian: sigma^2 =
    max(batch MSE, sigma_min^2) held constant, Rybkin et al. 2021). KL(q(z|x) || N(0, I)) in
    closed form (Kingma & Welling 2014, appendix B).
    """
    batch = x.shape[0]
    if model.likelihood == "gaussian":
        squared = (output - x).pow(2)
        var = squared.mean().detach().clamp_min(GAUSSIAN_SIGMA_MIN ** 2)
        reconstruction = 0.5 * (squared / var + torch.log(2 * math.pi * var)).sum() / batch
    else:
        reconstruction = F.binary_cross_entropy_with_logits(output, x, reduction="sum") / batch
        if model.likelihood == "continuous-bernoulli":
            reconstruction = reconstruction - _log_cb_constant(output).sum() / batch
    kl = 0.5 * (mu.pow(2) + log_var.exp() - 1 - log_var).sum() / batch
    return reconstruction, kl


def _log_cb_constant(logits):
    """log C(lambda), lambda = sigmoid(logits): C = 2 atanh(1 - 2 lambda) / (1 - 2 lambda), C(1/2) = 2;
    near lambda = 1/2 a Taylor expansion (log 2 + (4/3) t^2 with t = lambda - 1/2) keeps it stable."""
    lam = torch.sigmoid(logits).clamp(1e-6, 1 - 1e-6)
    t = lam - 0.5
    near = t.abs() < 1e-2
    safe = torch.where(near, torch.full_like(t, 0.25), t)
    exact = torch.log(2 * torch.atanh(-2 * safe) / (-2 * safe))
    taylor = math.log(2.0) + (4.0 / 3.0) * t * t
    return torch.where(near, taylor, exact)
