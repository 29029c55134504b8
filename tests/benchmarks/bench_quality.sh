#!/usr/bin/env bash
# Quality per second: test −ELBO (nats per image, grey-level BCE, MNIST test set) after 60 s of
# training with the defaults, for the default 2-D latent and for a 20-D latent, next to the
# reference models' figures (issue 3, measured here with PyTorch, and the Keras example).
#
#   usage: tests/benchmarks/bench_quality.sh [SECONDS] [RUNS]   (defaults: 60 s, 1 run per model)
# With RUNS > 1 it prints every run and the median. Run it on an idle machine: the budget is wall
# time, so anything else on the cores costs the model training steps.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
seconds=${1:-60}
runs=${2:-1}
bash "$root/scripts/setup.sh" >/dev/null
cli=${BUILD_DIR:-$root/build}/app/cli/vae-cli
data=${VAE_EXPLORER_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/vae-explorer/mnist}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
run() { # latent-dim seed -> "test_neg_elbo epochs samples_per_second"
    "$cli" train --data "$data" --time-budget "$seconds" --threads 2 --latent-dim "$1" \
        --seed "$2" --metrics "$tmp/m.json" >/dev/null
    python3 - "$tmp/m.json" <<'EOF'
import json, sys
m = json.load(open(sys.argv[1]))
epochs = m["epochs"]
done = sum(e["fraction"] for e in epochs)
rate = sum(e["fraction"] * 60000 for e in epochs) / sum(e["seconds"] for e in epochs)
c = m["config"]
model = "-".join(str(v) for v in [784, *c["hidden_sizes"], c["latent_dim"]])
setting = f"{model},batch={c['batch_size']},lr={c['learning_rate']},{c['lr_schedule']},warmup={c['warmup_steps']}"
print(f"{-m['test']['elbo']:.2f} {done:.1f} {rate:.0f} {setting}")
EOF
}

declare -A result
for latent in 2 20; do
    : >"$tmp/values"
    for ((i = 1; i <= runs; i++)); do
        read -r value epochs rate setting < <(run "$latent" "$i")
        echo "latent=$latent run=$i: test -ELBO $value nats after ${seconds} s ($epochs epochs, $rate samples/s; $setting)"
        echo "$value" >>"$tmp/values"
    done
    result[$latent]=$(median <"$tmp/values")
done
cat <<EOF

model                                      test -ELBO (nats)
VAE Explorer defaults, 2-D, ${seconds} s, 2 threads     ${result[2]}   (goal <= 138)
  reference: PyTorch 784-512-256-2, 55 s     141.3
  reference: Keras conv VAE, 30 epochs       146.95 (training loss)
VAE Explorer defaults, 20-D, ${seconds} s, 2 threads    ${result[20]}   (goal <= 100)
  reference: PyTorch 784-400-20, 58 s        103.2
test_neg_elbo_2d=${result[2]}
test_neg_elbo_20d=${result[20]}
EOF
