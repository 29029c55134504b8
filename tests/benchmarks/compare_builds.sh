#!/usr/bin/env bash
# Training throughput of two builds of vae-cli, run alternating (the VM's speed drifts by 2x
# within minutes, so only alternating runs compare). One epoch per run, 784-400-D, batch 128.
#
#   usage: tests/benchmarks/compare_builds.sh BEFORE_BUILD_DIR [AFTER_BUILD_DIR] [PAIRS] [THREADS]
#   e.g.   git worktree add /tmp/old <commit> && cmake -S /tmp/old -B /tmp/old/build -G Ninja \
#            -DCMAKE_BUILD_TYPE=Release && cmake --build /tmp/old/build --target vae-cli
#          tests/benchmarks/compare_builds.sh /tmp/old/build
# Prints every pair and, per latent size, the median samples/s of each build.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
before=${1:?usage: compare_builds.sh BEFORE_BUILD_DIR [AFTER_BUILD_DIR] [PAIRS] [THREADS]}/app/cli/vae-cli
after=${2:-$root/build}/app/cli/vae-cli
pairs=${3:-4}
threads=${4:-2}
for cli in "$before" "$after"; do
    [ -x "$cli" ] || { echo "compare_builds: $cli is not built" >&2; exit 1; }
done
data=${VAE_EXPLORER_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/vae-explorer/mnist}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
rate() { # cli latent
    "$1" train --data "$data" --epochs 1 --hidden 400 --latent-dim "$2" --batch-size 128 \
        --threads "$threads" --seed 1 --metrics "$tmp/m.json" >/dev/null
    python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['epochs'][0]['samples_per_second']))" "$tmp/m.json"
}
for latent in 2 20; do
    : >"$tmp/before"; : >"$tmp/after"
    for ((i = 1; i <= pairs; i++)); do
        b=$(rate "$before" "$latent"); a=$(rate "$after" "$latent")
        echo "784-400-$latent pair $i: before $b, after $a samples/s"
        echo "$b" >>"$tmp/before"; echo "$a" >>"$tmp/after"
    done
    echo "784-400-$latent median: before $(median <"$tmp/before"), after $(median <"$tmp/after") samples/s"
done
