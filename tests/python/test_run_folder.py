#!/usr/bin/python3
"""A PyTorch run written with python/vae_explorer, read by VAE Explorer (issue 15, section 3).

1. The DDP example (examples/pytorch/train_ddp.py) trains on a subset of MNIST with two processes
   under torchrun (gloo): run.json, history.jsonl and model.safetensors are checked record by
   record, and `vae-cli eval` opens the checkpoint.
2. The decoder of the final checkpoint, run by `vae-cli decode`, gives the pixels PyTorch's
   decoder gives at fixed latent points (max abs difference <= 1e-5); also for a Gaussian model
   written by write_checkpoint() outside torch.distributed.

usage: test_run_folder.py VAE_CLI     (Debian's python3 with python3-torch; MNIST downloaded)
"""
import json
import math
import os
import subprocess
import sys
import tempfile

import torch

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "python"))
import vae_explorer  # noqa: E402

CLI = sys.argv[1]
failures = []


def check(name, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + str(detail)), flush=True)
    if not ok:
        failures.append(name)


def decode_with_cli(checkpoint, points):
    z = ";".join(",".join(repr(float(v)) for v in p) for p in points.tolist())
    out = subprocess.run([CLI, "decode", "--checkpoint", checkpoint, "--z=" + z],
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    return torch.tensor([[float(v) for v in line.split(",")] for line in out.stdout.split()])


def ddp_run(folder):
    steps_per_epoch, epochs = 4096 // 128, 2
    env = dict(os.environ, OMP_NUM_THREADS="1")
    # --redirects/--tee 1: Debian's torchrun (PyTorch 1.13 on Python 3.11) fails to start with
    # their default 0 (docs/follow-runs.md, "torchrun on Debian bookworm").
    # --standalone: a free port for the rendezvous, so that other torchrun jobs (ctest -j2 runs
    # gui.test_follow_run beside this) cannot collide on the default 29500.
    command = [sys.executable, "-m", "torch.distributed.run", "--redirects", "1", "--tee", "1",
               "--standalone", "--nproc_per_node=2", os.path.join(ROOT, "examples", "pytorch", "train_ddp.py"),
               "--run", folder, "--epochs", str(epochs), "--train-subset", "4096",
               "--test-subset", "500", "--checkpoint-every", "16", "--hidden", "256,128"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    check("the DDP example exits 0", result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:])
    if result.returncode != 0:
        return
    description = json.load(open(os.path.join(folder, "run.json")))
    check("run.json: format, world size, data, config",
          description["format"] == "vae-explorer-run/1" and description["world_size"] == 2
          and description["data"]["name"] == "MNIST" and description["config"]["hidden_sizes"] == [256, 128]
          and description["config"]["batch_size"] == 128, description)
    records = [json.loads(line) for line in open(os.path.join(folder, "history.jsonl"))]
    steps = [r for r in records if r["kind"] == "step"]
    epochs_seen = [r for r in records if r["kind"] == "epoch"]
    check("history.jsonl: steps 1..N once each", [r["step"] for r in steps] ==
          list(range(1, steps_per_epoch * epochs + 1)), [r["step"] for r in steps][:5])
    check("history.jsonl: elbo = -(reconstruction + kl), finite",
          all(math.isfinite(r["elbo"]) and abs(r["elbo"] + r["reconstruction"] + r["kl"]) < 1e-9
              for r in steps))
    check("history.jsonl: two epochs, then the end",
          [e["epoch"] for e in epochs_seen] == [1, 2] and records[-1]["kind"] == "end"
          and records[-1]["status"] == "finished", records[-1])
    check("the loss falls (first step vs epoch 2's test -ELBO)",
          steps[0]["reconstruction"] > -epochs_seen[-1]["test"]["elbo"] + 20,
          (steps[0]["reconstruction"], epochs_seen[-1]["test"]["elbo"]))
    checkpoint = os.path.join(folder, "model.safetensors")
    result = subprocess.run([CLI, "eval", "--checkpoint", checkpoint], capture_output=True, text=True)
    check("vae-cli eval opens the checkpoint", result.returncode == 0 and "test: -ELBO" in result.stdout,
          result.stdout + result.stderr)
    tensors, meta = vae_explorer.read_checkpoint(checkpoint)
    check("the checkpoint is at the last step", meta["step"] == str(steps_per_epoch * epochs), meta["step"])
    model = vae_explorer.MlpVae(784, [256, 128], 2)
    model.load_state_dict(tensors)
    z = torch.tensor([[0.0, 0.0], [1.5, -0.5], [-2.0, 2.5]])
    with torch.no_grad():
        expected = torch.sigmoid(model.decode(z))
    got = decode_with_cli(checkpoint, z)
    difference = (got - expected).abs().max().item()
    check(f"vae-cli decode = PyTorch's decoder (max |difference| {difference:.2e} <= 1e-5)",
          got.shape == expected.shape and difference <= 1e-5, difference)


def gaussian_checkpoint(folder):
    torch.manual_seed(3)
    model = vae_explorer.MlpVae(12, [16], 3, likelihood="gaussian")
    config = {**model.config(), "batch_size": 32, "epochs": 1}
    data = vae_explorer.data_description(None, name="table", height=1, width=12, values="real")
    path = os.path.join(folder, "gaussian.safetensors")
    vae_explorer.write_checkpoint(path, model, config, data, step=7, gaussian_sigma=0.25)
    z = torch.tensor([[0.3, -0.2, 1.0]])
    with torch.no_grad():
        expected = model.decode(z)
    got = decode_with_cli(path, z)
    difference = (got - expected).abs().max().item()
    check(f"a Gaussian model's decode = PyTorch's (max |difference| {difference:.2e})",
          difference <= 1e-5, difference)
    try:
        vae_explorer.write_checkpoint(path, model, config, data, step=7)
        check("a Gaussian checkpoint without sigma is refused", False)
    except ValueError:
        check("a Gaussian checkpoint without sigma is refused", True)


with tempfile.TemporaryDirectory() as tmp:
    ddp_run(os.path.join(tmp, "run"))
    gaussian_checkpoint(tmp)
print(f"{len(failures)} failed")
sys.exit(1 if failures else 0)
