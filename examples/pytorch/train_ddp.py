#!/usr/bin/python3
"""Train VAE Explorer's MLP or conv VAE on MNIST with PyTorch's DistributedDataParallel, writing a
run folder that VAE Explorer follows live (File > Follow Run...; docs/follow-runs.md).

On one machine's CPUs (gloo):
    torchrun --nproc_per_node=2 examples/pytorch/train_ddp.py --run runs/ddp --epochs 5
On GPUs the same script uses nccl and one GPU per process:
    torchrun --nproc_per_node=4 examples/pytorch/train_ddp.py --run runs/ddp --epochs 5
The conv model (vae-cli train --architecture conv): --architecture conv --channels 32,32,64,64.
Across machines, torchrun's --nnodes/--rdzv-endpoint; only rank 0 writes the run folder, so put it
where VAE Explorer can read it (a shared or network file system, or rank 0's disk).

The model, loss and Adam are those of vae-cli train (nats per example; the global batch of
--batch-size images is split evenly over the processes, so the gradient is the same as one
process's on the whole batch). Every step's loss terms, averaged over the processes, go to
history.jsonl; the weights go to model.safetensors every --checkpoint-every steps and at the end.
"""
import argparse
import os
import sys
import time
import warnings

import numpy as np
import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel

try:
    import vae_explorer
except ImportError:  # run from a checkout: the module is in python/
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
    import vae_explorer


def read_idx_images(path):
    """An IDX image file as ([count, rows * cols] floats in [0, 1], (rows, cols))."""
    data = open(path, "rb").read()
    magic, count, rows, cols = np.frombuffer(data[:16], dtype=">u4")
    if magic != 0x803 or len(data) != 16 + int(count) * int(rows) * int(cols):
        raise SystemExit(f"{path}: not an IDX image file of the size its header says")
    images = np.frombuffer(data[16:], np.uint8).reshape(count, rows * cols).astype(np.float32)
    return torch.from_numpy(images / 255.0), (int(rows), int(cols))


def main():
    default_data = os.path.join(os.environ.get("XDG_DATA_HOME", os.path.expanduser("~/.local/share")),
                                "vae-explorer", "mnist")
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--run", required=True, help="the run folder to write")
    p.add_argument("--data", default=os.environ.get("VAE_EXPLORER_DATA", default_data),
                   help="MNIST's IDX folder (default: VAE Explorer's)")
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--batch-size", type=int, default=128, help="global batch, over all processes")
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--latent-dim", type=int, default=2)
    p.add_argument("--architecture", choices=["mlp", "conv"], default="mlp",
                   help="mlp, or conv: stride-2 4x4 convolutions (--channels), the --hidden dense "
                        "layers, and their transposed mirror (as vae-cli train --architecture)")
    p.add_argument("--channels", default="32,32,64,64",
                   help="conv channels per stride-2 layer, first layer first (conv only)")
    p.add_argument("--hidden", default=None,
                   help="dense hidden sizes (default: 512,256,256 for mlp, 256 for conv)")
    p.add_argument("--train-subset", type=int, default=0, help="first N training images (0 = all)")
    p.add_argument("--test-subset", type=int, default=0, help="first N test images (0 = all)")
    p.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (0 = none)")
    p.add_argument("--checkpoint-every", type=int, default=100, help="steps between checkpoints")
    p.add_argument("--threads", type=int, default=1, help="CPU threads per process")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--step-delay", type=float, default=0.0,
                   help="seconds to sleep after each step (to watch a short demo run live)")
    args = p.parse_args()

    cuda = torch.cuda.is_available()
    dist.init_process_group("nccl" if cuda else "gloo")
    rank, world = dist.get_rank(), dist.get_world_size()
    device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", 0))) if cuda else torch.device("cpu")
    if cuda:
        torch.cuda.set_device(device)
    torch.set_num_threads(args.threads)
    # A conv weight with a size-1 dimension (the first layer's one grey input channel) gets a
    # gradient whose strides differ only nominally from DDP's bucket: the same memory layout, so
    # the warning is spurious (pytorch/pytorch#47163).
    warnings.filterwarnings("ignore", message="Grad strides do not match bucket view strides")
    if args.batch_size % world:
        raise SystemExit(f"--batch-size {args.batch_size} does not split over {world} processes")
    local_batch = args.batch_size // world

    train, (rows, cols) = read_idx_images(os.path.join(args.data, "train-images-idx3-ubyte"))
    test, _ = read_idx_images(os.path.join(args.data, "t10k-images-idx3-ubyte"))
    if args.train_subset:
        train = train[:args.train_subset]
    if args.test_subset:
        test = test[:args.test_subset]
    conv = args.architecture == "conv"
    hidden = [int(h) for h in (args.hidden or ("256" if conv else "512,256,256")).split(",")]

    torch.manual_seed(args.seed)  # the same initial weights on every rank (DDP also broadcasts)
    if conv:
        channels = [int(c) for c in args.channels.split(",")]
        model = vae_explorer.ConvVae((rows, cols, 1), channels, hidden, args.latent_dim).to(device)
        mean = train.mean().reshape(1)  # the conv output bias is per channel (one, grey)
    else:
        model = vae_explorer.MlpVae(train.shape[1], hidden, args.latent_dim).to(device)
        mean = train.mean(0)
    with torch.no_grad():  # as vae-cli: the output bias starts at the logits of the data's mean
        mean = mean.clamp(1e-3, 1 - 1e-3)
        model.output_bias().copy_(torch.log(mean / (1 - mean)).to(device))
    ddp = DistributedDataParallel(model)
    optimizer = torch.optim.Adam(ddp.parameters(), lr=args.lr)
    run = vae_explorer.open_run(args.run, model, dataset="mnist", epochs=args.epochs,
                                batch_size=args.batch_size, learning_rate=args.lr, seed=args.seed,
                                train_subset=args.train_subset)

    steps_per_epoch = len(train) // args.batch_size
    generator = torch.Generator().manual_seed(args.seed)
    step, status = 0, "finished"
    try:
        for epoch in range(1, args.epochs + 1):
            started = time.time()
            order = torch.randperm(len(train), generator=generator)  # the same on every rank
            sums = torch.zeros(2, dtype=torch.float64)
            for s in range(steps_per_epoch):
                rows = order[s * args.batch_size + rank * local_batch:][:local_batch]
                x = train[rows].to(device)
                output, mu, log_var = ddp(x)
                reconstruction, kl = vae_explorer.loss_terms(model, output, x, mu, log_var)
                optimizer.zero_grad(set_to_none=True)
                # DDP averages the gradients over the processes: the global batch's mean loss.
                (reconstruction + kl).backward()
                optimizer.step()
                step += 1
                terms = torch.stack([reconstruction.detach(), kl.detach()]).cpu()
                dist.all_reduce(terms)
                terms /= world
                sums += terms.double()
                run.log_step(step, epoch - 1 + (s + 1) / steps_per_epoch, terms[0], terms[1],
                             learning_rate=args.lr)
                if step % args.checkpoint_every == 0:
                    run.save_checkpoint(model, step)
                if args.step_delay:
                    time.sleep(args.step_delay)
                if args.max_steps and step >= args.max_steps:
                    break
            done = s + 1
            if rank == 0:
                with torch.no_grad():
                    test_terms = torch.zeros(2, dtype=torch.float64)
                    for chunk in test.split(1000):
                        x = chunk.to(device)
                        output, mu, log_var = model(x)
                        rec, kl = vae_explorer.loss_terms(model, output, x, mu, log_var)
                        test_terms += torch.tensor([rec.item(), kl.item()]) * len(chunk)
                    test_terms /= len(test)
                seconds = time.time() - started
                run.log_epoch(epoch, (sums / done).tolist(), test_terms.tolist(), seconds,
                              done * args.batch_size / seconds, fraction=done / steps_per_epoch)
                print(f"epoch {epoch}: train -ELBO {float(sums.sum() / done):.2f}  "
                      f"test -ELBO {float(test_terms.sum()):.2f} nats  ({seconds:.1f} s)", flush=True)
            if args.max_steps and step >= args.max_steps:
                break
        run.save_checkpoint(model, step)
    except BaseException:
        status = "failed"
        raise
    finally:
        run.close(status)
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
