#!/usr/bin/python3
"""The PyTorch reference for bench_training.sh: the same VAE, loss, optimizer and batch size as
vae-cli train, written as an idiomatic PyTorch training loop.

Model: encoder D -> hidden (ReLU) -> one linear layer giving (mu, log sigma^2); z = mu + sigma*eps;
decoder z -> mirrored hidden (ReLU) -> D outputs. Loss per batch: the reconstruction term summed
over the D values, plus the closed-form KL, both averaged over the batch (Kingma & Welling 2014,
eq. 10). Reconstruction: BCE with logits (--likelihood bernoulli), or the calibrated Gaussian of
vae-cli's --likelihood gaussian (Rybkin et al. 2021, section 4): 1/2 sum[(x - mu)^2 / s2 +
log(2 pi s2)] with s2 = max(batch MSE, sigma_min^2), a constant in the gradient.
Adam, lr 1e-3. The training set is one pre-loaded float tensor indexed per batch: MNIST's IDX file
(--data DIR, D = 784) or any array that `vae-cli data --export-npy` wrote (--npy FILE, D = the
values per example: 3072 for 32x32 RGB, 4096 for shapes).

Prints `samples_per_second=<training images per second over the epochs>`.
Run with Debian's python3 (python3-torch): /usr/bin/python3 reference_vae.py --data DIR ...
"""
import argparse
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def load_images(path):
    with open(path, "rb") as f:
        data = f.read()
    magic, count, rows, cols = np.frombuffer(data[:16], dtype=">u4")
    assert magic == 0x803 and len(data) == 16 + count * rows * cols, path
    pixels = np.frombuffer(data[16:], dtype=np.uint8).reshape(count, rows * cols)
    return torch.from_numpy(pixels.astype(np.float32) / 255.0)


SIGMA_MIN = 2.4787521766663585e-3  # e^-6, vae::kGaussianSigmaMin


def load_npy(path):
    return torch.from_numpy(np.load(path).astype(np.float32)).flatten(1)


def reconstruction_loss(likelihood, out, x):
    """-log p(x|z) summed over the values, averaged over the batch (nats per example)."""
    if likelihood == "bernoulli":
        return F.binary_cross_entropy_with_logits(out, x, reduction="sum") / x.shape[0]
    squared = (out - x).pow(2)
    var = squared.mean().detach().clamp_min(SIGMA_MIN ** 2)
    return 0.5 * (squared / var + torch.log(2 * math.pi * var)).sum() / x.shape[0]


class VAE(nn.Module):
    def __init__(self, inputs, hidden, latent_dim):
        super().__init__()
        layers, width = [], inputs
        for h in hidden:
            layers += [nn.Linear(width, h), nn.ReLU()]
            width = h
        self.encoder = nn.Sequential(*layers)
        self.head = nn.Linear(width, 2 * latent_dim)
        layers, width = [], latent_dim
        for h in reversed(hidden):
            layers += [nn.Linear(width, h), nn.ReLU()]
            width = h
        layers.append(nn.Linear(width, inputs))
        self.decoder = nn.Sequential(*layers)

    def forward(self, x):
        mu, log_var = self.head(self.encoder(x)).chunk(2, dim=1)
        z = mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)
        return self.decoder(z), mu, log_var


def main():
    parser = argparse.ArgumentParser()
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--data", help="MNIST's IDX directory")
    source.add_argument("--npy", help="an array from vae-cli data --export-npy")
    parser.add_argument("--likelihood", choices=["bernoulli", "gaussian"], default="bernoulli")
    parser.add_argument("--hidden", default="400")
    parser.add_argument("--latent-dim", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    if args.npy:
        train = load_npy(args.npy)
    else:
        train = load_images(os.path.join(args.data, "train-images-idx3-ubyte"))
    model = VAE(train.shape[1], [int(h) for h in args.hidden.split(",")], args.latent_dim)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train()

    samples, start = 0, time.perf_counter()
    for _ in range(args.epochs):
        order = torch.randperm(train.shape[0])
        for begin in range(0, train.shape[0], args.batch_size):
            x = train[order[begin:begin + args.batch_size]]
            out, mu, log_var = model(x)
            reconstruction = reconstruction_loss(args.likelihood, out, x)
            kl = -0.5 * torch.sum(1 + log_var - mu.pow(2) - log_var.exp()) / x.shape[0]
            loss = reconstruction + kl
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            loss.item()  # read the loss every step, as the C++ trainer does for its live plot
            samples += x.shape[0]
    print(f"samples_per_second={samples / (time.perf_counter() - start):.1f}")


if __name__ == "__main__":
    main()
