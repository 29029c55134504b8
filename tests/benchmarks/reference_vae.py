#!/usr/bin/python3
"""The PyTorch reference for bench_training.sh: the same VAE, loss, optimizer and batch size as
vae-cli train, written as an idiomatic PyTorch training loop.

Model: encoder 784 -> hidden (ReLU) -> one linear layer giving (mu, log sigma^2); z = mu + sigma*eps;
decoder z -> mirrored hidden (ReLU) -> 784 Bernoulli logits. Loss per batch: BCE with logits summed
over pixels, plus the closed-form KL, both averaged over the batch (Kingma & Welling 2014, eq. 10).
Adam, lr 1e-3. The training set is one pre-loaded float tensor indexed per batch.

Prints `samples_per_second=<training images per second over the epochs>`.
Run with Debian's python3 (python3-torch): /usr/bin/python3 reference_vae.py --data DIR ...
"""
import argparse
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


class VAE(nn.Module):
    def __init__(self, hidden, latent_dim):
        super().__init__()
        layers, width = [], 784
        for h in hidden:
            layers += [nn.Linear(width, h), nn.ReLU()]
            width = h
        self.encoder = nn.Sequential(*layers)
        self.head = nn.Linear(width, 2 * latent_dim)
        layers, width = [], latent_dim
        for h in reversed(hidden):
            layers += [nn.Linear(width, h), nn.ReLU()]
            width = h
        layers.append(nn.Linear(width, 784))
        self.decoder = nn.Sequential(*layers)

    def forward(self, x):
        mu, log_var = self.head(self.encoder(x)).chunk(2, dim=1)
        z = mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)
        return self.decoder(z), mu, log_var


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--hidden", default="400")
    parser.add_argument("--latent-dim", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    train = load_images(os.path.join(args.data, "train-images-idx3-ubyte"))
    model = VAE([int(h) for h in args.hidden.split(",")], args.latent_dim)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train()

    samples, start = 0, time.perf_counter()
    for _ in range(args.epochs):
        order = torch.randperm(train.shape[0])
        for begin in range(0, train.shape[0], args.batch_size):
            x = train[order[begin:begin + args.batch_size]]
            logits, mu, log_var = model(x)
            reconstruction = F.binary_cross_entropy_with_logits(logits, x, reduction="sum") / x.shape[0]
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
