#!/usr/bin/env bash
# Training throughput at three input sizes: the C++ trainer (vae-cli) against the PyTorch reference
# (reference_vae.py) on the same examples, alternating, D-400-20, batch 128, 2 threads:
#   784   MNIST (grey levels, Bernoulli);
#   3072  32×32 RGB images (an image folder, Gaussian likelihood with the calibrated σ);
#   4096  shapes, 64×64 binary (Bernoulli; vae-cli generates them, PyTorch reads an exported array).
# PyTorch trains on `vae-cli data --export-npy` of the same training examples.
#
#   usage: tests/benchmarks/bench_input_sizes.sh [PAIRS]   (default 3 pairs per size)
#   environment: RGB_FOLDER, a folder of colour images (root/<class>/*.png); default: one built
#   from the PNG icons under /usr/share/icons (about 4,900 real RGB images; symbolic links).
# Prints one line per size and ratio_<D>=<median C++/PyTorch ratio>. Run it on an idle machine.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
pairs=${1:-3}
python=/usr/bin/python3
bash "$root/scripts/setup.sh" >/dev/null
cli=${BUILD_DIR:-$root/build}/app/cli/vae-cli
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

rgb=${RGB_FOLDER:-}
if [ -z "$rgb" ]; then
    rgb=$tmp/icons
    find /usr/share/icons -name '*.png' | while read -r file; do
        class=$(basename "$(dirname "$file")")
        mkdir -p "$rgb/$class"
        ln -s "$file" "$rgb/$class/$(printf '%s' "$file" | md5sum | cut -c1-12).png"
    done
fi

# inputs | dataset | likelihood | epochs (each run sees ≥ 40,000 examples) | train-only flags
settings=(
    "784|mnist|bernoulli|1|"
    "3072|folder:$rgb:size=32|gaussian|10|"
    "4096|shapes|bernoulli|1|--train-subset 60000"
)
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

printf '%-6s %-10s %12s %12s %6s\n' inputs likelihood "C++ samp/s" "PyTorch" ratio
summary=""
for setting in "${settings[@]}"; do
    IFS='|' read -r inputs dataset likelihood epochs flags <<<"$setting"
    count=$("$cli" data --dataset "$dataset" --export-npy "$tmp/train.npy" --export-count 60000 |
        sed -n 's/^wrote \([0-9]*\) .*/\1/p')
    : >"$tmp/cpp"; : >"$tmp/py"; : >"$tmp/ratio"
    for ((i = 0; i < pairs; i++)); do
        # shellcheck disable=SC2086 # flags are words
        "$cli" train --dataset "$dataset" $flags --likelihood "$likelihood" --epochs "$epochs" --hidden 400 \
            --latent-dim 20 --batch-size 128 --threads 2 --seed 1 --metrics "$tmp/m.json" >/dev/null
        c=$("$python" -c "import json,sys; e=json.load(open(sys.argv[1]))['epochs']; \
print(sum(x['samples_per_second']*x['seconds'] for x in e)/sum(x['seconds'] for x in e))" "$tmp/m.json")
        p=$("$python" "$root/tests/benchmarks/reference_vae.py" --npy "$tmp/train.npy" \
            --likelihood "$likelihood" --epochs "$epochs" --hidden 400 --latent-dim 20 \
            --batch-size 128 --threads 2 | sed 's/samples_per_second=//')
        echo "$c" >>"$tmp/cpp"; echo "$p" >>"$tmp/py"
        awk -v c="$c" -v p="$p" 'BEGIN {print c / p}' >>"$tmp/ratio"
    done
    c=$(median <"$tmp/cpp"); p=$(median <"$tmp/py"); r=$(median <"$tmp/ratio")
    printf '%-6s %-10s %12.0f %12.0f %6.2f   (%s examples, %d epoch(s), runs: C++ %s; PyTorch %s)\n' \
        "$inputs" "$likelihood" "$c" "$p" "$r" "$count" "$epochs" \
        "$(xargs printf '%.0f ' <"$tmp/cpp")" "$(xargs printf '%.0f ' <"$tmp/py")"
    summary+="ratio_$inputs=$r "
done
echo "$summary"
