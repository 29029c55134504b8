#!/usr/bin/env bash
# The likelihood of the literature's VAE on binarized MNIST: an MLP with one hidden layer of 400
# units and a 40-D latent (Rezende & Mohamed 2015 report 89.9 nats on the static binarization;
# pythae reproduces 89.78), trained with vae-cli, then log p(x) estimated by the importance-weighted
# bound with 5,000 samples on the whole test set (`vae-cli eval --iw-samples 5000`, Burda et al.
# 2015). Prints the learning curve (test −ELBO every 10 epochs), the training time and the bound.
#
#   usage: tests/benchmarks/bench_literature.sh [static|dynamic] [EPOCHS]   (default: static 300)
#   environment: THREADS (default 2), IW_IMAGES (default 0 = all 10,000 test images), OUT (a
#   directory to keep the checkpoint and metrics in; default: a temporary one)
# Takes hours on 2 cores: 300 epochs ≈ 15–50 min depending on load, the bound ≈ 35 min more.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
protocol=${1:-static}
epochs=${2:-300}
threads=${THREADS:-2}
python=/usr/bin/python3
bash "$root/scripts/setup.sh" >/dev/null
cli=${BUILD_DIR:-$root/build}/app/cli/vae-cli
out=${OUT:-}
if [ -z "$out" ]; then
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
fi

start=$(date +%s)
"$cli" train --dataset "binarized-mnist:$protocol" --hidden 400 --latent-dim 40 --epochs "$epochs" \
    --batch-size 100 --lr 0.001 --threads "$threads" --seed 1 \
    --checkpoint "$out/$protocol.safetensors" --metrics "$out/$protocol.json" >"$out/$protocol.log"
trained=$(($(date +%s) - start))
"$python" - "$out/$protocol.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
elapsed = 0.0
print("epoch  minutes  train -ELBO  test -ELBO")
for i, e in enumerate(m["epochs"], 1):
    elapsed += e["seconds"]
    if i % 10 == 0 or i == 1 or i == len(m["epochs"]):
        print(f"{i:5d} {elapsed / 60:8.1f} {-e['train']['elbo']:12.2f} {-e['test']['elbo']:11.2f}")
PY
"$cli" eval --checkpoint "$out/$protocol.safetensors" --iw-samples 5000 \
    --iw-images "${IW_IMAGES:-0}" --metrics "$out/$protocol-iw.json" | tee "$out/$protocol-iw.log"
bound=$("$python" -c "import json,sys; print('%.2f' % -json.load(open(sys.argv[1]))['log_likelihood_iw']['value'])" "$out/$protocol-iw.json")
echo "binarized MNIST ($protocol), 784-400-40, $epochs epochs in $trained s on $threads thread(s):"
echo "-log p(x) <= $bound nats (L_5000)   (Rezende & Mohamed 2015: 89.9; pythae: 89.78)"
