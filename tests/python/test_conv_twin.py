#!/usr/bin/python3
"""vae_explorer.ConvVae is VAE Explorer's conv model (architecture "conv", core/src/model.cpp).

1. vae-cli trains a small conv model on Fashion-MNIST; read_checkpoint() and model_from_config()
   give a ConvVae with exactly the checkpoint's parameter names, and its decoder gives the pixels
   `vae-cli decode` prints at fixed latent points (max abs difference <= 1e-5). Its encoder gives
   the test set's closed-form KL that `vae-cli eval --metrics` reports (the KL depends on the
   encoder alone: mu and log sigma^2 of every test image).
2. A ConvVae written with write_checkpoint() opens in `vae-cli eval` with finite losses, the same
   KL as PyTorch's encoder, and, written as an autoencoder (z = mu, deterministic), the same
   reconstruction term: the encoder and decoder together on real images.
3. An RGB Gaussian ConvVae on odd-sided images (13 x 10 x 3: the transposed convolutions' output
   padding and the HWC order) decodes to vae-cli's values; a data description of another shape
   is refused.

usage: test_conv_twin.py VAE_CLI     (Debian's python3 with python3-torch; Debian's
                                      dataset-fashion-mnist in /usr/share/datasets/fashion-mnist)
"""
import json
import math
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch
import torch.nn.functional as F

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "python"))
import vae_explorer  # noqa: E402

CLI = sys.argv[1]
failures = []
torch.set_num_threads(1)


def check(name, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + str(detail)), flush=True)
    if not ok:
        failures.append(name)


def cli(*args):
    out = subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        raise RuntimeError(f"vae-cli {' '.join(args)} exited {out.returncode}: {out.stderr}")
    return out.stdout


def decode_with_cli(checkpoint, points):
    z = ";".join(",".join(repr(float(v)) for v in p) for p in points.tolist())
    out = cli("decode", "--checkpoint", checkpoint, "--z=" + z)
    return torch.tensor([[float(v) for v in line.split(",")] for line in out.split()])


def eval_with_cli(checkpoint, folder):
    metrics = os.path.join(folder, "eval.json")
    cli("eval", "--checkpoint", checkpoint, "--metrics", metrics)
    return json.load(open(metrics))["test"]


def test_images(folder):
    """Fashion-MNIST's test set as vae-cli's trainer sees it: [10000, 784] in [0, 1]."""
    path = os.path.join(folder, "test.npy")
    cli("data", "--dataset", "fashion-mnist", "--export-npy", path, "--export-split", "test")
    return torch.from_numpy(np.load(path).astype(np.float32)).flatten(1)


def mean_kl(model, x):
    """The test set's mean closed-form KL in nats, as vae-cli eval sums it (batches of 1000)."""
    total = 0.0
    with torch.no_grad():
        for chunk in x.split(1000):
            mu, log_var = model.encode(chunk)
            total += (-0.5 * (1 + log_var - mu.pow(2) - log_var.exp()).sum(1)).sum().item()
    return total / len(x)


def close(a, b, relative=1e-5):
    return abs(a - b) <= relative * max(1.0, abs(b))


def trained_checkpoint(folder, x):
    checkpoint = os.path.join(folder, "trained.safetensors")
    cli("train", "--dataset", "fashion-mnist", "--architecture", "conv", "--channels", "8,16",
        "--hidden", "32", "--latent-dim", "2", "--epochs", "1", "--train-subset", "512",
        "--batch-size", "64", "--threads", "1", "--checkpoint", checkpoint)
    tensors, meta = vae_explorer.read_checkpoint(checkpoint)
    model = vae_explorer.model_from_config(meta["config"])
    check("model_from_config gives a ConvVae of the checkpoint's shape",
          isinstance(model, vae_explorer.ConvVae) and model.conv_channels == [8, 16]
          and (model.image_height, model.image_width, model.image_channels) == (28, 28, 1),
          meta["config"])
    weights = {k: v for k, v in tensors.items() if not k.startswith("optimizer.")}
    names = sorted(model.state_dict())
    check("ConvVae's parameter names and shapes are the checkpoint's",
          names == sorted(weights) and all(model.state_dict()[k].shape == weights[k].shape
                                           for k in names), (names, sorted(weights)))
    model.load_state_dict(weights)
    check("its config() is the checkpoint's architecture",
          all(meta["config"][k] == v for k, v in model.config().items()), model.config())
    z = torch.tensor([[0.0, 0.0], [1.5, -0.5], [-2.0, 2.5], [3.0, 1.0]])
    with torch.no_grad():
        expected = torch.sigmoid(model.decode(z))
    got = decode_with_cli(checkpoint, z)
    difference = (got - expected).abs().max().item()
    check(f"vae-cli decode = ConvVae.decode (max |difference| {difference:.2e} <= 1e-5)",
          got.shape == expected.shape and difference <= 1e-5, difference)
    test = eval_with_cli(checkpoint, folder)
    kl = mean_kl(model, x)
    check(f"vae-cli eval's test KL = ConvVae.encode's ({test['kl']:.6g} vs {kl:.6g} nats)",
          close(test["kl"], kl), (test["kl"], kl))


def written_checkpoint(folder, x):
    torch.manual_seed(5)
    model = vae_explorer.ConvVae((28, 28, 1), [8, 16], [32], 2)
    with torch.no_grad():
        # Fresh encoders put every image near mu = 0; a larger head spreads them (KL of nats).
        model.encoder_head.weight.mul_(100.0)
        model.encoder_head.bias.zero_()
        # As vae-cli: the output bias at the logit of the data's mean (per channel).
        mean = x.mean().clamp(1e-3, 1 - 1e-3)
        model.output_bias().fill_(math.log(mean / (1 - mean)))
    data = vae_explorer.data_description("fashion-mnist")
    config = {**model.config(), "batch_size": 64, "epochs": 1}
    path = os.path.join(folder, "written.safetensors")
    vae_explorer.write_checkpoint(path, model, config, data, step=3)
    test = eval_with_cli(path, folder)
    check("vae-cli eval opens a written ConvVae: finite losses",
          all(math.isfinite(test[k]) for k in ("reconstruction", "kl", "elbo")), test)
    kl = mean_kl(model, x)
    check(f"its test KL = ConvVae.encode's ({test['kl']:.6g} vs {kl:.6g} nats)",
          close(test["kl"], kl) and kl > 1.0, (test["kl"], kl))

    # As an autoencoder, eval's reconstruction term is deterministic: -log p(x | z = mu).
    path = os.path.join(folder, "autoencoder.safetensors")
    vae_explorer.write_checkpoint(path, model, {**config, "model_kind": "autoencoder"}, data, step=3)
    test = eval_with_cli(path, folder)
    with torch.no_grad():
        total = 0.0
        for chunk in x.split(1000):
            mu, _ = model.encode(chunk)
            total += F.binary_cross_entropy_with_logits(model.decode(mu), chunk,
                                                        reduction="none").sum(1).sum().item()
    rec = total / len(x)
    check(f"as an autoencoder: eval's reconstruction = ConvVae's ({test['reconstruction']:.6g} "
          f"vs {rec:.6g} nats)", close(test["reconstruction"], rec), (test["reconstruction"], rec))


def odd_rgb_checkpoint(folder):
    torch.manual_seed(7)
    model = vae_explorer.ConvVae((13, 10, 3), [4, 8], [16, 12], 3, likelihood="gaussian")
    check("13 x 10 sides: 6 x 5, then 3 x 2", model.sides == [(13, 10), (6, 5), (3, 2)], model.sides)
    data = vae_explorer.data_description(None, name="rgb", height=13, width=10, channels=3,
                                         values="real")
    config = {**model.config(), "batch_size": 16, "epochs": 1}
    path = os.path.join(folder, "rgb.safetensors")
    vae_explorer.write_checkpoint(path, model, config, data, step=1, gaussian_sigma=0.3)
    z = torch.tensor([[0.3, -0.2, 1.0], [-1.5, 2.0, 0.5]])
    with torch.no_grad():
        expected = model.decode(z)
        # HWC: value (i, j, c) of an example is at (i * width + j) * channels + c.
        image = model.decoder_conv(model.decoder(z).view(2, 8, 3, 2))
    check("decode's output is [B, H*W*C] in HWC order",
          expected.shape == (2, 390) and torch.equal(expected[1, (4 * 10 + 7) * 3 + 2], image[1, 2, 4, 7]),
          expected.shape)
    got = decode_with_cli(path, z)
    difference = (got - expected).abs().max().item()
    check(f"an RGB Gaussian ConvVae's decode = vae-cli's (max |difference| {difference:.2e})",
          got.shape == expected.shape and difference <= 1e-5, difference)
    for name, call in [
            ("write_checkpoint", lambda: vae_explorer.write_checkpoint(
                path, model, config, vae_explorer.data_description(
                    None, name="rgb", height=10, width=13, channels=3), step=1, gaussian_sigma=0.3)),
            ("open_run", lambda: vae_explorer.open_run(os.path.join(folder, "run"), model,
                                                       dataset="mnist"))]:
        try:
            call()
            check(f"{name} refuses data of another shape than the conv model's", False)
        except ValueError:
            check(f"{name} refuses data of another shape than the conv model's", True)


with tempfile.TemporaryDirectory() as tmp:
    images = test_images(tmp)
    trained_checkpoint(tmp, images)
    written_checkpoint(tmp, images)
    odd_rgb_checkpoint(tmp)
print(f"{len(failures)} failed")
sys.exit(1 if failures else 0)
