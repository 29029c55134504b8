#!/usr/bin/python3
"""The PyTorch reference for bench_training.sh and bench_conv.sh: the same VAE, loss, optimizer and
batch size as vae-cli train, written as an idiomatic PyTorch training loop.

Model (--architecture mlp): encoder D -> hidden (ReLU) -> one linear layer giving
(mu, log sigma^2); z = mu + sigma*eps; decoder z -> mirrored hidden (ReLU) -> D outputs.
--architecture conv is vae-cli's conv model (vae/config.h): per entry of --channels a 4x4 Conv2d
with stride 2 and padding 1 (ReLU), flatten, the --hidden dense layers (ReLU), the (mu,
log sigma^2) layer; the decoder mirrors it: reversed dense layers, a linear layer (ReLU) to the
last feature map, 4x4 ConvTranspose2d with stride 2 (output padding for odd sides; ReLU after all
but the last). The conv model keeps the images as an [N, C, H, W] tensor, as a PyTorch script
would. Loss per batch: the reconstruction term summed
over the D values, plus the closed-form KL, both averaged over the batch (Kingma & Welling 2014,
eq. 10). Reconstruction: BCE with logits (--likelihood bernoulli), or the calibrated Gaussian of
vae-cli's --likelihood gaussian (Rybkin et al. 2021, section 4): 1/2 sum[(x - mu)^2 / s2 +
log(2 pi s2)] with s2 = max(batch MSE, sigma_min^2), a constant in the gradient.
Adam, lr 1e-3. The training set is one pre-loaded float tensor indexed per batch: an IDX file
(--data DIR: MNIST's, or Fashion-MNIST's gzipped ones, D = 784) or any array that
`vae-cli data --export-npy` wrote (--npy FILE, D = the values per example: 3072 for 32x32 RGB,
4096 for shapes); --train-subset N keeps its first N examples (as vae-cli train's).

Prints `samples_per_second=<training images per second over the epochs>`.
Run with Debian's python3 (python3-torch): /usr/bin/python3 reference_vae.py --data DIR ...
"""
import argparse
import gzip
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def load_images(path):
    """An IDX image file (or, where it is missing, PATH.gz) as [count, rows, cols, 1] in [0, 1]."""
    if not os.path.exists(path) and os.path.exists(path + ".gz"):
        with gzip.open(path + ".gz", "rb") as f:
            data = f.read()
    else:
        with open(path, "rb") as f:
            data = f.read()
    magic, count, rows, cols = np.frombuffer(data[:16], dtype=">u4")
    assert magic == 0x803 and len(data) == 16 + count * rows * cols, path
    pixels = np.frombuffer(data[16:], dtype=np.uint8).reshape(count, rows, cols, 1)
    return torch.from_numpy(pixels.astype(np.float32) / 255.0)


SIGMA_MIN = 2.4787521766663585e-3  # e^-6, vae::kGaussianSigmaMin


def load_npy(path):
    """An exported array as [N, H, W, C] images ((N, H, W) gets C = 1) or an [N, F] table."""
    array = torch.from_numpy(np.load(path).astype(np.float32))
    return array.unsqueeze(-1) if array.dim() == 3 else array


def reconstruction_loss(likelihood, out, x):
    """-log p(x|z) summed over the values, averaged over the batch (nats per example)."""
    if likelihood == "bernoulli":  # summed over all values, whatever the shape ([B, D], [B, C, H, W])
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


class ConvVAE(nn.Module):
    """Images [B, C, H, W] in, logits [B, C, H, W] out."""

    def __init__(self, image_shape, channels, hidden, latent_dim):
        super().__init__()
        in_channels, height, width = image_shape
        sides = [(height, width)]
        layers, previous = [], in_channels
        for c in channels:
            layers += [nn.Conv2d(previous, c, 4, stride=2, padding=1), nn.ReLU()]
            previous = c
            sides.append((sides[-1][0] // 2, sides[-1][1] // 2))
        self.map_shape = (previous, *sides[-1])
        flat = previous * sides[-1][0] * sides[-1][1]
        layers.append(nn.Flatten())
        width_in = flat
        for h in hidden:
            layers += [nn.Linear(width_in, h), nn.ReLU()]
            width_in = h
        self.encoder = nn.Sequential(*layers)
        self.head = nn.Linear(width_in, 2 * latent_dim)
        layers, width_in = [], latent_dim
        for h in reversed(hidden):
            layers += [nn.Linear(width_in, h), nn.ReLU()]
            width_in = h
        layers += [nn.Linear(width_in, flat), nn.ReLU(), nn.Unflatten(1, self.map_shape)]
        for l in reversed(range(len(channels))):
            out = channels[l - 1] if l > 0 else in_channels
            layers.append(nn.ConvTranspose2d(channels[l], out, 4, stride=2, padding=1,
                                             output_padding=(sides[l][0] % 2, sides[l][1] % 2)))
            if l > 0:
                layers.append(nn.ReLU())
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
    parser.add_argument("--architecture", choices=["mlp", "conv"], default="mlp")
    parser.add_argument("--channels", default="32,32,64,64", help="conv channels per layer")
    parser.add_argument("--hidden", default=None, help="dense hidden sizes (default: 400 for mlp, "
                                                       "256 for conv)")
    parser.add_argument("--latent-dim", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--train-subset", type=int, default=0, help="first N examples (0 = all)")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    if args.npy:
        train = load_npy(args.npy)
    else:
        train = load_images(os.path.join(args.data, "train-images-idx3-ubyte"))
    if args.train_subset:
        train = train[:args.train_subset]
    conv = args.architecture == "conv"
    hidden = [int(h) for h in (args.hidden or ("256" if conv else "400")).split(",")]
    if conv:
        if train.dim() != 4:
            raise SystemExit("--architecture conv needs images, not a table")
        train = train.permute(0, 3, 1, 2).contiguous()  # NCHW, once
        model = ConvVAE(train.shape[1:], [int(c) for c in args.channels.split(",")], hidden,
                        args.latent_dim)
    else:
        train = train.flatten(1)
        model = VAE(train.shape[1], hidden, args.latent_dim)
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
