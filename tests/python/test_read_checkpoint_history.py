#!/usr/bin/python3
"""read_checkpoint() turns the step tensors of a checkpoint ("history.steps" F64 [n, 7],
"history.buckets" F64 [m, 16]; docs/theory.md) into metadata["history"]["steps"] and ["buckets"],
and refuses a history tensor of the wrong dtype or shape (issue 16).

usage: test_read_checkpoint_history.py     (Debian's python3 with python3-torch)
"""
import json
import os
import struct
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "python"))
import vae_explorer  # noqa: E402
from vae_explorer.run import BUCKET_COLUMNS  # noqa: E402


def write(path, tensors, history):
    """A safetensors file of F64 tensors {name: (shape, values)} and a VAE Explorer metadata."""
    header, blobs, offset = {}, [], 0
    for name, (shape, values) in tensors.items():
        blob = struct.pack(f"<{len(values)}d", *values)
        header[name] = {"dtype": "F64", "shape": shape, "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    header["__metadata__"] = {"format": "vae-explorer/1", "history": json.dumps(history)}
    text = json.dumps(header).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def main():
    bucket = [1, 4, 4, 0.25, 1.0, 105.0, 3.0, -108.0, 100.0, 2.0, -114.0, 110.0, 4.0, -102.0,
              0.75, 0.001]
    steps = [5, 1.25, 140.0, 10.0, -150.0, 1.0, 0.002, 6, 1.5, 141.0, 9.0, -150.0, 1.0, 0.002]
    summaries = {"steps": [], "epochs": [], "changes": []}
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "long.safetensors")
        write(path, {"history.buckets": ([1, 16], bucket), "history.steps": ([2, 7], steps)},
              summaries)
        state, meta = vae_explorer.read_checkpoint(path)
        history = meta["history"]
        assert state == {}, state
        assert history["steps"] == [[5, 1.25, 140.0, 10.0, 1.0, 0.002],
                                    [6, 1.5, 141.0, 9.0, 1.0, 0.002]], history["steps"]
        assert history["buckets"] == [dict(zip(BUCKET_COLUMNS, bucket))], history["buckets"]
        assert isinstance(history["buckets"][0]["count"], int)

        write(path, {"history.steps": ([2, 6], steps[:12])}, summaries)
        try:
            vae_explorer.read_checkpoint(path)
        except ValueError as e:
            assert "history.steps is not F64 [rows, 7]" in str(e), e
        else:
            raise AssertionError("a [2, 6] step tensor was accepted")
    print("ok: step tensors read, a wrong shape refused")
    return 0


if __name__ == "__main__":
    sys.exit(main())
