"""Follow a PyTorch training run in VAE Explorer.

A training script writes a *run folder* that VAE Explorer's File > Follow Run... watches
(docs/follow-runs.md has the format):

    import vae_explorer
    run = vae_explorer.open_run("runs/mnist", model, dataset="mnist", batch_size=128, lr=1e-3)
    ...
    run.log_step(step, epoch, reconstruction, kl, beta=1.0, learning_rate=lr)   # each step
    run.save_checkpoint(model, step)                                            # every N steps
    run.close()

Under torch.distributed only rank 0 writes; the calls are no-ops on the other ranks.
The models here (MlpVae, and ConvVae for the "conv" architecture) have the parameter names and the
forward pass of VAE Explorer's, so a checkpoint written from their state_dict opens in VAE
Explorer and decodes the same pixels.
"""
from .models import ConvVae, MlpVae, bound_log_variance, loss_terms, model_from_config
from .run import Run, open_run, data_description, read_checkpoint, write_checkpoint

__all__ = ["MlpVae", "ConvVae", "model_from_config", "bound_log_variance", "loss_terms", "Run",
           "open_run", "data_description", "read_checkpoint", "write_checkpoint"]
__version__ = "1.0"
