#!/usr/bin/env bash
# Quality per second on the other datasets: test −ELBO (nats per example) of `vae-cli train
# --time-budget S` with the defaults, on Fashion-MNIST (grey levels, Bernoulli) and shapes (64×64
# binary, Bernoulli), for 2-D and 10-D latents; on shapes also the MIG of the test set's posterior
# means (`vae-cli eval`), for β = 1 and, with the 10-D latent and the longest budget, β = 4.
#
#   usage: tests/benchmarks/bench_datasets.sh [SECONDS...]   (default: 60 600)
#   environment: THREADS (default 2), SEED (default 1), DATASETS (default "fashion-mnist shapes"),
#                LATENTS (default "2 10"), ARCHITECTURE (mlp, the default, or conv: the default
#                conv model, channels 32,32,64,64 and one dense layer of 256), CHANNELS (conv
#                channels instead of the default)
#   conv vs MLP on Fashion-MNIST, 10-D, 10 minutes, one core each (docs/performance.md):
#     for a in mlp conv; do THREADS=1 DATASETS=fashion-mnist LATENTS=10 ARCHITECTURE=$a \
#         tests/benchmarks/bench_datasets.sh 600 & done; wait
# The budget is wall time: run it on an idle machine. 60 + 600 s for 2 datasets × 2 latents plus
# the β = 4 run take about 55 minutes.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
budgets=("$@")
[ ${#budgets[@]} -eq 0 ] && budgets=(60 600)
threads=${THREADS:-2}
seed=${SEED:-1}
datasets=${DATASETS:-fashion-mnist shapes}
latents=${LATENTS:-2 10}
architecture=${ARCHITECTURE:-mlp}
channels=()
[ -n "${CHANNELS:-}" ] && channels=(--channels "$CHANNELS")
python=/usr/bin/python3
bash "$root/scripts/setup.sh" >/dev/null
cli=${BUILD_DIR:-$root/build}/app/cli/vae-cli
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

longest=${budgets[-1]}
runs=()
for dataset in $datasets; do
    for latent in $latents; do
        for seconds in "${budgets[@]}"; do runs+=("$dataset $latent $seconds 1"); done
    done
done
case " $datasets " in *" shapes "*) runs+=("shapes 10 $longest 4") ;; esac

printf '%-14s %6s %7s %5s %12s %8s %7s %s\n' dataset latent seconds beta "test -ELBO" epochs MIG model
for run in "${runs[@]}"; do
    read -r dataset latent seconds beta <<<"$run"
    "$cli" train --dataset "$dataset" --latent-dim "$latent" --time-budget "$seconds" \
        --beta "$beta" --threads "$threads" --seed "$seed" --architecture "$architecture" "${channels[@]}" \
        --checkpoint "$tmp/m.safetensors" \
        --metrics "$tmp/m.json" >/dev/null
    mig="-"
    if [ "$dataset" = shapes ]; then
        "$cli" eval --checkpoint "$tmp/m.safetensors" --metrics "$tmp/e.json" >/dev/null
        mig=$("$python" -c "import json,sys; print('%.3f' % json.load(open(sys.argv[1]))['mig']['value'])" "$tmp/e.json")
    fi
    "$python" - "$tmp/m.json" "$dataset" "$latent" "$seconds" "$beta" "$mig" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
dataset, latent, seconds, beta, mig = sys.argv[2:]
epochs = sum(e["fraction"] for e in m["epochs"])
c = m["config"]
layers = [*c.get("conv_channels", [])] if c.get("architecture") == "conv" else []
model = ("conv " if layers else "") + "-".join(
    str(v) for v in [c["input_size"], *layers, *c["hidden_sizes"], c["latent_dim"]])
print(f"{dataset:<14} {latent:>6} {seconds:>7} {beta:>5} {-m['test']['elbo']:>12.2f} {epochs:>8.2f} {mig:>7} {model}")
PY
done
