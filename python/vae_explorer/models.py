"""PyTorch twins of VAE Explorer's models: same layers, same parameter names, same forward pass.

MlpVae is core/src/model.cpp's VaeNetImpl: encoder D -> hidden... (Linear, ReLU) -> encoder_head
(Linear to [mu, raw log sigma^2]); decoder z -> reversed hidden (Linear, ReLU) -> Linear to D
outputs (Bernoulli logits, or the Gaussian's mean). The raw log sigma^2 passes through the soft
bound of vae/types.h (bound_log_variance) before sigma = exp(log sigma^2 / 2).
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

    def config(self):
        """The architecture as VAE Explorer's TrainingConfig JSON keys."""
        return {"input_size": self.input_size, "hidden_sizes": self.hidden_sizes,
                "latent_dim": self.latent_dim, "likelihood": self.likelihood}


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
