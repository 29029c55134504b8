#!/usr/bin/env bash
# Training throughput: the C++ trainer (vae-cli) against the PyTorch reference (reference_vae.py,
# Debian's python3-torch) in one run, alternating them, plus the fraction of the GEMM roofline.
#
#   usage: tests/benchmarks/bench_training.sh [PAIRS]   (default 3 pairs per setting; 1 epoch each)
# Prints one line per setting and, last, ratio_vs_pytorch=<median ratio for 784-400-2, batch 128,
# 2 threads>. Run it on an idle machine: anything else on the cores distorts both sides.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
pairs=${1:-3}
python=/usr/bin/python3
if ! "$python" -c "import torch" 2>/dev/null; then
    echo "bench: installing python3-torch (the reference)"
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-torch
fi
bash "$root/scripts/setup.sh" >/dev/null
cli=${BUILD_DIR:-$root/build}/app/cli/vae-cli
data=${VAE_EXPLORER_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/vae-explorer/mnist}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
cpp_rate() { # latent batch threads
    "$cli" train --data "$data" --epochs 1 --hidden 400 --latent-dim "$1" --batch-size "$2" \
        --threads "$3" --seed 1 --metrics "$tmp/m.json" >/dev/null
    "$python" -c "import json,sys; print(json.load(open(sys.argv[1]))['epochs'][0]['samples_per_second'])" "$tmp/m.json"
}
py_rate() {
    "$python" "$root/tests/benchmarks/reference_vae.py" --data "$data" --hidden 400 \
        --latent-dim "$1" --batch-size "$2" --threads "$3" | sed 's/samples_per_second=//'
}

declare -A gemm
for threads in 1 2; do
    gemm[$threads]=$("$cli" bench-gemm --threads "$threads" --seconds 2 | sed 's/gemm_gflops=\([0-9.]*\).*/\1/')
    echo "gemm threads=$threads: ${gemm[$threads]} GFLOP/s (1024x1024 SGEMM, in-process)"
done
printf '%-12s %5s %7s %12s %12s %6s %9s\n' model batch threads "C++ samp/s" "PyTorch" ratio roofline
headline=""
for latent in 2 20; do
    flops=$("$cli" flops --hidden 400 --latent-dim "$latent" | sed 's/flops_per_sample=//')
    for batch in 128 512; do
        for threads in 1 2; do
            : >"$tmp/cpp"; : >"$tmp/py"; : >"$tmp/ratio"
            for ((i = 0; i < pairs; i++)); do
                c=$(cpp_rate "$latent" "$batch" "$threads"); p=$(py_rate "$latent" "$batch" "$threads")
                echo "$c" >>"$tmp/cpp"; echo "$p" >>"$tmp/py"
                awk -v c="$c" -v p="$p" 'BEGIN {print c / p}' >>"$tmp/ratio"
            done
            c=$(median <"$tmp/cpp"); p=$(median <"$tmp/py"); r=$(median <"$tmp/ratio")
            roof=$(awk -v c="$c" -v f="$flops" -v g="${gemm[$threads]}" 'BEGIN {printf "%.0f%%", 100 * c * f / (g * 1e9)}')
            printf '%-12s %5d %7d %12.0f %12.0f %6.2f %9s\n' "784-400-$latent" "$batch" "$threads" "$c" "$p" "$r" "$roof"
            [ "$latent" = 2 ] && [ "$batch" = 128 ] && [ "$threads" = 2 ] && headline=$r
        done
    done
done
echo "ratio_vs_pytorch=$headline"
