"""The run folder a PyTorch training script writes and VAE Explorer follows (docs/follow-runs.md).

    run.json            what is trained: {"format": "vae-explorer-run/1", "config": {...},
                        "data": {...}, "world_size": N, "torch": "1.13.1", "started": "..."}
    history.jsonl       one JSON object per line, appended and flushed as training goes:
                        {"kind": "step", "step", "epoch", "reconstruction", "kl", "elbo", "beta",
                         "learning_rate", "time"} per logged step (nats per example),
                        {"kind": "epoch", "epoch", "fraction", "train": {...}, "test": {...},
                         "seconds", "samples_per_second"} per epoch, and {"kind": "end", "status"}
    model.safetensors   the newest checkpoint, in VAE Explorer's format, replaced atomically
                        (written to a temporary file in the folder, fsync'ed, renamed)

Only rank 0 of a torch.distributed job writes; on the other ranks every call does nothing.
"""
import datetime
import json
import math
import os
import struct
import tempfile
import time

import torch

FORMAT = "vae-explorer-run/1"
CHECKPOINT_FORMAT = "vae-explorer/1"

_MNIST_CLASSES = [str(d) for d in range(10)]
_FASHION_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                    "Sneaker", "Bag", "Ankle boot"]


def data_description(dataset="mnist", **fields):
    """VAE Explorer's description of the data (vae::DataDescription's JSON) for a built-in
    dataset ("mnist", "fashion-mnist", "binarized-mnist:dynamic", "binarized-mnist:static"), or,
    with dataset=None, from the fields given (name, source, height, width, channels, values =
    "binary" | "unit-interval" | "real", class_names)."""
    if dataset in ("mnist", "fashion-mnist", "binarized-mnist:dynamic", "binarized-mnist:static"):
        fashion = dataset == "fashion-mnist"
        binary = dataset.startswith("binarized")
        d = {"name": "Fashion-MNIST" if fashion else
             ("Binarized MNIST (" + dataset.split(":")[1] + ")" if binary else "MNIST"),
             "source": dataset, "height": 28, "width": 28, "channels": 1,
             "values": "binary" if binary else "unit-interval",
             "class_names": _FASHION_CLASSES if fashion else _MNIST_CLASSES,
             "dynamic_binarization": dataset == "binarized-mnist:dynamic"}
    elif dataset is None:
        d = {"name": "data", "source": "", "height": 1, "width": 1, "channels": 1,
             "values": "unit-interval", "class_names": [], "dynamic_binarization": False}
    else:
        raise ValueError(f"no built-in description for {dataset!r}: pass dataset=None and the fields")
    d.update(fields)
    return d


def _rank():
    if torch.distributed.is_available() and torch.distributed.is_initialized():
        return torch.distributed.get_rank()
    return 0


def _world_size():
    if torch.distributed.is_available() and torch.distributed.is_initialized():
        return torch.distributed.get_world_size()
    return 1


def _number(value):
    """A loss value for JSON: NaN and infinities as null (how VAE Explorer writes a NaN loss)."""
    value = float(value)
    return value if math.isfinite(value) else None


def _atomic_write(path, chunks):
    folder = os.path.dirname(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".tmp-", dir=folder)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)  # mkstemp's 0600 would hide it from another reader
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    directory = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def check_data_shape(config, data):
    """Raises ValueError where the data description `data` does not fit the TrainingConfig JSON
    object `config`: height * width * channels must be its input_size, and a conv model's
    image_height, image_width and image_channels must be the data's (VAE Explorer refuses the
    checkpoint or run otherwise)."""
    shape = (int(data.get("height", 1)), int(data.get("width", 1)), int(data.get("channels", 1)))
    values = shape[0] * shape[1] * shape[2]
    if "input_size" in config and int(config["input_size"]) != values:
        raise ValueError(f"the data ({data.get('name')}, {shape[0]} x {shape[1]} x {shape[2]}) has "
                         f"{values} values per example, but the model takes {config['input_size']}")
    if config.get("architecture", "mlp") == "conv":
        image = tuple(int(config.get(k, 0)) for k in ("image_height", "image_width", "image_channels"))
        if image != shape:
            raise ValueError(f"the conv model is for {image[0]} x {image[1]} x {image[2]} images, "
                             f"but the data ({data.get('name')}) is {shape[0]} x {shape[1]} x {shape[2]}")


def write_checkpoint(path, model, config, data, step, history=None, gaussian_sigma=None):
    """Writes `model`'s parameters (an MlpVae or ConvVae, or a state_dict with its names) as a
    VAE Explorer checkpoint (safetensors: F32 tensors, __metadata__ with "format", "config",
    "data", "history", "step"), atomically. `config` is the TrainingConfig JSON object (with the
    model's config() keys: a ConvVae's carry "architecture": "conv", "conv_channels" and the
    image shape), `data` the data description (data_description(); its height, width and
    channels must be a conv model's image shape), `history` the TrainingHistory JSON object
    (default: none). A Gaussian model needs `gaussian_sigma`, the decoder's sigma for
    evaluation."""
    check_data_shape(config, data)
    state = model.state_dict() if hasattr(model, "state_dict") else model
    # DistributedDataParallel prefixes every name with "module.".
    state = {(k[len("module."):] if k.startswith("module.") else k): v for k, v in state.items()}
    header, blobs, offset = {}, [], 0
    for name, tensor in state.items():
        values = tensor.detach().to("cpu", torch.float32).contiguous()
        blob = values.numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(values.shape),
                        "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    metadata = {"format": CHECKPOINT_FORMAT, "config": json.dumps(config),
                "data": json.dumps(data), "step": str(int(step)),
                "history": json.dumps(history or {"steps": [], "epochs": [], "changes": []})}
    if config.get("likelihood") == "gaussian":
        if gaussian_sigma is None:
            raise ValueError("a Gaussian model's checkpoint needs gaussian_sigma")
        metadata["gaussian_sigma"] = repr(float(gaussian_sigma))
    header["__metadata__"] = metadata
    text = json.dumps(header).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    _atomic_write(path, [struct.pack("<Q", len(text)), text] + blobs)


HISTORY_STEPS = "history.steps"
HISTORY_BUCKETS = "history.buckets"
STEP_COLUMNS = ("step", "epoch", "reconstruction", "kl", "elbo", "beta", "learning_rate")
BUCKET_COLUMNS = ("first_step", "last_step", "count", "first_epoch", "last_epoch",
                  "mean_reconstruction", "mean_kl", "mean_elbo",
                  "min_reconstruction", "min_kl", "min_elbo",
                  "max_reconstruction", "max_kl", "max_elbo", "mean_beta", "mean_learning_rate")


def _f64_rows(path, data, start, name, entry):
    """The rows of a 2-D little-endian F64 tensor of the checkpoint, as lists of floats."""
    columns = len(STEP_COLUMNS) if name == HISTORY_STEPS else len(BUCKET_COLUMNS)
    shape = entry.get("shape")
    if entry.get("dtype") != "F64" or not isinstance(shape, list) or len(shape) != 2 \
            or shape[1] != columns:
        raise ValueError(f"{path}: tensor {name} is not F64 [rows, {columns}]")
    begin, end = entry["data_offsets"]
    if end - begin != shape[0] * columns * 8 or start + end > len(data):
        raise ValueError(f"{path}: tensor {name} has data_offsets that do not match its shape")
    values = struct.unpack_from(f"<{shape[0] * columns}d", data, start + begin)
    return [list(values[i:i + columns]) for i in range(0, len(values), columns)]


def read_checkpoint(path):
    """Reads a VAE Explorer checkpoint: (state_dict of float32 tensors, metadata dict with
    "config", "data" and "history" parsed from their JSON). A checkpoint that vae-cli train
    wrote also holds its Adam state ("optimizer.adam_m", "optimizer.adam_v"); leave those out
    of load_state_dict. model_from_config(metadata["config"]) builds the model to load them into.
    The step records, F64 tensors "history.steps" and "history.buckets" in files vae-cli and
    the window write (docs/theory.md, "The model"), are not in the state dict: they become
    metadata["history"]["steps"] (the recent steps, each [step, epoch, reconstruction, kl, beta,
    learning_rate] as older files held them in JSON) and metadata["history"]["buckets"] (the
    older steps summarised, each a dict of BUCKET_COLUMNS).
    Raises ValueError for a file that is not one."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise ValueError(f"{path}: too short to be a safetensors file")
    n = struct.unpack("<Q", data[:8])[0]
    if n > len(data) - 8:
        raise ValueError(f"{path}: the header length exceeds the file")
    header = json.loads(data[8:8 + n])
    metadata = header.pop("__metadata__", {})
    if metadata.get("format") != CHECKPOINT_FORMAT:
        raise ValueError(f"{path}: not a VAE Explorer checkpoint")
    for key in ("config", "data", "history", "training_state"):
        if key in metadata:
            metadata[key] = json.loads(metadata[key])
    history = metadata.setdefault("history", {"steps": [], "epochs": [], "changes": []})
    state = {}
    for name, entry in header.items():
        if name in (HISTORY_STEPS, HISTORY_BUCKETS):
            rows = _f64_rows(path, data, 8 + n, name, entry)
            if name == HISTORY_STEPS:
                if history.get("steps"):
                    raise ValueError(f"{path}: steps both in the metadata and in {name}")
                # [step, epoch, reconstruction, kl, elbo, beta, lr] -> the JSON list's form
                history["steps"] = [[int(r[0]), r[1], r[2], r[3], r[5], r[6]] for r in rows]
            else:
                history["buckets"] = [dict(zip(BUCKET_COLUMNS, r)) for r in rows]
                for b in history["buckets"]:
                    for key in ("first_step", "last_step", "count"):
                        b[key] = int(b[key])
            continue
        if entry.get("dtype") != "F32":
            raise ValueError(f"{path}: tensor {name} is not F32")
        begin, end = entry["data_offsets"]
        raw = bytearray(data[8 + n + begin:8 + n + end])
        state[name] = torch.frombuffer(raw, dtype=torch.float32).reshape(entry["shape"])
    return state, metadata


class Run:
    """A run folder being written (see the module's documentation). Use open_run()."""

    def __init__(self, folder, config, data, checkpoint_name="model.safetensors"):
        self.folder = folder
        self.config = config
        self.data = data
        self.writes = _rank() == 0
        self._checkpoint = os.path.join(folder, checkpoint_name)
        self._history = None
        self._steps = []
        if not self.writes:
            return
        os.makedirs(folder, exist_ok=True)
        description = {"format": FORMAT, "config": config, "data": data,
                       "world_size": _world_size(), "torch": torch.__version__,
                       "started": datetime.datetime.now(datetime.timezone.utc).isoformat()}
        _atomic_write(os.path.join(folder, "run.json"),
                      [json.dumps(description, indent=1).encode() + b"\n"])
        # A new run starts a new history: the follower sees the file shrink and starts over.
        self._history = open(os.path.join(folder, "history.jsonl"), "w", encoding="utf-8")

    def _append(self, record):
        self._history.write(json.dumps(record) + "\n")
        self._history.flush()

    def log_step(self, step, epoch, reconstruction, kl, beta=1.0, learning_rate=0.0):
        """One optimizer step: its global number (from 1), the fractional epoch at its end, and
        its batch-mean loss terms in nats per example (reconstruction = -log p(x|z) summed over
        the values, KL in closed form). Tensors are accepted (their .item() is taken)."""
        if not self.writes:
            return
        rec, klv = float(reconstruction), float(kl)
        record = {"kind": "step", "step": int(step), "epoch": float(epoch),
                  "reconstruction": _number(rec), "kl": _number(klv), "elbo": _number(-(rec + klv)),
                  "beta": float(beta), "learning_rate": float(learning_rate), "time": time.time()}
        self._steps.append(record)
        self._append(record)

    def log_epoch(self, epoch, train, test, seconds=0.0, samples_per_second=0.0, fraction=1.0):
        """An epoch's summary: `train` and `test` are (reconstruction, kl) pairs in nats per
        example (the epoch's mean over its steps, and the test set's)."""
        if not self.writes:
            return
        terms = lambda rec, kl: {"reconstruction": _number(rec), "kl": _number(kl),
                                 "elbo": _number(-(float(rec) + float(kl)))}
        self._append({"kind": "epoch", "epoch": int(epoch), "fraction": float(fraction),
                      "train": terms(*train), "test": terms(*test), "seconds": float(seconds),
                      "samples_per_second": float(samples_per_second)})

    def save_checkpoint(self, model, step, gaussian_sigma=None):
        """Replaces model.safetensors with `model`'s weights after step `step` (atomically: the
        follower never reads a half-written file)."""
        if not self.writes:
            return
        write_checkpoint(self._checkpoint, model, self.config, self.data, step,
                         gaussian_sigma=gaussian_sigma)

    def close(self, status="finished"):
        """Marks the run as ended ("finished", "stopped" or "failed") and closes the history."""
        if not self.writes or self._history is None:
            return
        self._append({"kind": "end", "status": status, "time": time.time()})
        self._history.close()
        self._history = None

    def __enter__(self):
        return self

    def __exit__(self, kind, value, traceback):
        self.close("finished" if kind is None else "failed")


def open_run(folder, model, dataset="mnist", data=None, **settings):
    """Starts a run folder for `model` (an MlpVae or ConvVae) trained on `dataset` (a built-in
    name, or `data` = a data_description(), whose height, width and channels must be a
    ConvVae's image shape). `settings` are TrainingConfig keys of the run (epochs, batch_size,
    learning_rate, beta, seed, ...) shown in VAE Explorer's settings panel."""
    config = {"epochs": 10, "batch_size": 128, "learning_rate": 2e-3, "beta": 1.0, "seed": 1,
              "model_kind": "vae", "kl_schedule": "constant", "lr_schedule": "constant",
              "warmup_steps": 0}
    config.update(model.config())
    config.update(settings)
    data = data if data is not None else data_description(dataset)
    check_data_shape(config, data)
    return Run(folder, config, data)
