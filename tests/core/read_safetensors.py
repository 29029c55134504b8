#!/usr/bin/env python3
"""Checks that a vae-cli checkpoint is a valid safetensors file, read with the standard library only.

Follows the safetensors format specification (huggingface/safetensors README, "Format"): an
unsigned little-endian 64-bit header length N, N bytes of UTF-8 JSON mapping tensor names to
{"dtype", "shape", "data_offsets"} plus an optional "__metadata__" of string -> string, then the
byte buffer; offsets are relative to the buffer, and the tensors cover it without holes or overlap.
(Python's safetensors package is not in Debian bookworm, so this test implements its reader's
checks.)

usage: read_safetensors.py VAE_CLI
"""
import json
import math
import os
import struct
import subprocess
import sys
import tempfile

DTYPE_SIZE = {"F32": 4, "F64": 8}


def main() -> int:
    cli = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "model.safetensors")
        subprocess.run([cli, "train", "--epochs", "1", "--train-subset", "512", "--hidden", "64",
                        "--latent-dim", "3", "--checkpoint", path], check=True,
                       stdout=subprocess.DEVNULL)
        data = open(path, "rb").read()

    (n,) = struct.unpack("<Q", data[:8])
    assert 8 + n <= len(data), "header length exceeds the file"
    assert n % 8 == 0, "header is padded to 8 bytes"
    header = json.loads(data[8:8 + n].decode("utf-8"))
    buffer = data[8 + n:]

    metadata = header.pop("__metadata__")
    assert all(isinstance(v, str) for v in metadata.values()), "metadata values are strings"
    assert metadata["format"] == "vae-explorer/1"
    config = json.loads(metadata["config"])
    assert config["latent_dim"] == 3 and config["hidden_sizes"] == [64], config
    history = json.loads(metadata["history"])
    # The step records are an F64 tensor [steps, 7] (the metadata's "steps" list is empty).
    assert history["steps"] == [] and len(history["epochs"]) == 1, history
    assert header["history.steps"]["dtype"] == "F64", header["history.steps"]

    expected = {
        "encoder.0.weight": [64, 784], "encoder.0.bias": [64],
        "encoder_head.weight": [6, 64], "encoder_head.bias": [6],
        "decoder.0.weight": [64, 3], "decoder.0.bias": [64],
        "decoder.2.weight": [784, 64], "decoder.2.bias": [784],
    }
    # Continuing the run needs Adam's moments, one value per weight each, and the training state.
    weights = sum(math.prod(shape) for shape in expected.values())
    expected["optimizer.adam_m"] = expected["optimizer.adam_v"] = [weights]
    state = json.loads(metadata["training_state"])
    assert state["step"] == 4 and state["epoch"] == 2 and state["step_in_epoch"] == 0, state
    assert state["adam_steps"] == 4, state
    expected["history.steps"] = [4, 7]
    assert {k: v["shape"] for k, v in header.items()} == expected, header
    spans = sorted((v["data_offsets"][0], v["data_offsets"][1], k) for k, v in header.items())
    position = 0
    for begin, end, name in spans:
        info = header[name]
        assert info["dtype"] in DTYPE_SIZE, info
        assert begin == position, f"{name}: hole or overlap at {begin}"
        assert end - begin == math.prod(info["shape"]) * DTYPE_SIZE[info["dtype"]], name
        code = "f" if info["dtype"] == "F32" else "d"
        values = struct.unpack(f"<{(end - begin) // DTYPE_SIZE[info['dtype']]}{code}",
                               buffer[begin:end])
        assert all(math.isfinite(v) for v in values), name
        position = end
    assert position == len(buffer), "tensors cover the whole buffer"
    begin, end = header["history.steps"]["data_offsets"]
    steps = struct.unpack("<28d", buffer[begin:end])
    assert [steps[7 * i] for i in range(4)] == [1, 2, 3, 4], steps
    bias = struct.unpack("<6f", buffer[header["encoder_head.bias"]["data_offsets"][0]:][:24])
    print(f"ok: {len(header)} tensors, {len(buffer)} data bytes, encoder_head.bias = "
          + ", ".join(f"{b:.4f}" for b in bias))
    return 0


if __name__ == "__main__":
    sys.exit(main())
