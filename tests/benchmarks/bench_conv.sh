#!/usr/bin/env bash
# Training throughput of the conv model: `vae-cli train --architecture conv` against the same
# model in the PyTorch reference (reference_vae.py --architecture conv, Debian's python3-torch),
# alternating them, on the same Fashion-MNIST images.
#
#   usage: tests/benchmarks/bench_conv.sh [PAIRS]   (default 3 pairs per setting; 1 epoch each)
#   environment: SUBSET   training images per epoch (default 10000; 0 = all 60,000)
#                FASHION  Fashion-MNIST's IDX folder (default /usr/share/datasets/fashion-mnist,
#                         Debian's dataset-fashion-mnist; gzipped files are fine)
#                SETUP=0  skip scripts/setup.sh (which installs, fetches MNIST and builds)
# Model: channels 32,32,64,64 (28 -> 14 -> 7 -> 3 -> 1), one dense layer of 256, latent 10,
# Bernoulli likelihood, batch 128; both sides: Adam, -ELBO = summed BCE with logits + closed-form
# KL, averaged over the batch; threads 1 and 2 (vae-cli --threads, torch.set_num_threads).
# Prints one line per setting and, last, ratio_conv_vs_pytorch=<median ratio at 2 threads>.
# Run it on an idle machine: anything else on the cores distorts both sides.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
pairs=${1:-${PAIRS:-3}}
subset=${SUBSET:-10000}
fashion=${FASHION:-/usr/share/datasets/fashion-mnist}
channels=32,32,64,64 hidden=256 latent=10 batch=128
python=/usr/bin/python3
if ! "$python" -c "import torch" 2>/dev/null; then
    echo "bench: installing python3-torch (the reference)"
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-torch
fi
[ "${SETUP:-1}" = 0 ] || bash "$root/scripts/setup.sh" >/dev/null
cli=${BUILD_DIR:-$root/build}/app/cli/vae-cli
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
cpp_rate() { # threads
    "$cli" train --dataset fashion-mnist --data "$fashion" --architecture conv --channels "$channels" \
        --hidden "$hidden" --latent-dim "$latent" --batch-size "$batch" --threads "$1" \
        --train-subset "$subset" --epochs 1 --seed 1 --metrics "$tmp/m.json" >/dev/null
    "$python" -c "import json,sys; print(json.load(open(sys.argv[1]))['epochs'][0]['samples_per_second'])" "$tmp/m.json"
}
py_rate() { # threads
    "$python" "$root/tests/benchmarks/reference_vae.py" --data "$fashion" --architecture conv \
        --channels "$channels" --hidden "$hidden" --latent-dim "$latent" --batch-size "$batch" \
        --threads "$1" --train-subset "$subset" | sed 's/samples_per_second=//'
}

echo "conv VAE on Fashion-MNIST: channels $channels, hidden $hidden, latent $latent, batch $batch," \
     "$([ "$subset" = 0 ] && echo 60000 || echo "$subset") images per epoch, $pairs pair(s)"
printf '%-24s %7s %12s %12s %6s\n' model threads "C++ samp/s" "PyTorch" ratio
headline=""
for threads in 1 2; do
    : >"$tmp/cpp"; : >"$tmp/py"; : >"$tmp/ratio"
    for ((i = 0; i < pairs; i++)); do
        c=$(cpp_rate "$threads"); p=$(py_rate "$threads")
        echo "$c" >>"$tmp/cpp"; echo "$p" >>"$tmp/py"
        awk -v c="$c" -v p="$p" 'BEGIN {print c / p}' >>"$tmp/ratio"
    done
    c=$(median <"$tmp/cpp"); p=$(median <"$tmp/py"); r=$(median <"$tmp/ratio")
    printf '%-24s %7d %12.0f %12.0f %6.2f\n' "conv $channels-$hidden-$latent" "$threads" "$c" "$p" "$r"
    [ "$threads" = 2 ] && headline=$r
done
echo "ratio_conv_vs_pytorch=$headline"
