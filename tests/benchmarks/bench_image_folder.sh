#!/usr/bin/env bash
# Opening a folder of 70,000 PNG files (MNIST written as root/train/<digit>/*.png and
# root/test/<digit>/*.png): the first open (decode + write the cache), the cached open, and the
# same data read from the IDX files for comparison. A benchmark, not a test (docs/performance.md).
#
# usage: tests/benchmarks/bench_image_folder.sh [BUILD_DIR] [REPEATS]
#   needs: vae-cli and write_image_folder built in BUILD_DIR (default build), MNIST in the per-user
#   data directory, ~300 MB free in $TMPDIR. The PNG files were just written, so they are in the
#   page cache: the first-open figure is decoding, not disk reads.
set -euo pipefail
build=$(realpath "${1:-build}")
repeats=${2:-3}
cli=$build/app/cli/vae-cli
writer=$build/tests/write_image_folder
mnist=${VAE_EXPLORER_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/vae-explorer/mnist}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME=$tmp/cache OMP_WAIT_POLICY=PASSIVE
unset VAE_EXPLORER_NO_CACHE
root=$tmp/mnist-png

start=$(date +%s.%N)
"$writer" "$mnist" "$root"
end=$(date +%s.%N)
files=$(find "$root" -name '*.png' | wc -l)
echo "wrote $files PNG files ($(du -sh --apparent-size "$root" | cut -f1) apparent, $(du -sh "$root" | cut -f1) on disk) in $(awk "BEGIN {printf \"%.1f\", $end - $start}") s"

# load SPEC [env...]: seconds the load took inside vae-cli (its "loaded in" line), and the whole
# process's wall time and peak RSS from /usr/bin/time.
load() {
    local spec=$1
    shift
    env "$@" /usr/bin/time -f "%e %M" "$cli" data --dataset "$spec" >"$tmp/out" 2>"$tmp/err"
    local inside wall rss
    inside=$(sed -n 's/^loaded in \([0-9.]*\) s$/\1/p' "$tmp/out")
    read -r wall rss < <(tail -1 "$tmp/err")
    printf "%s s (process %s s, peak RSS %d MB)" "$inside" "$wall" $((rss / 1024))
}

for i in $(seq "$repeats"); do
    rm -rf "$XDG_CACHE_HOME"
    echo "first open, run $i:  $(load "folder:$root")   [$(grep '^cache:' "$tmp/out" | cut -c1-40)…]"
done
grep '^data:' "$tmp/out"
echo "cache file: $(du -h "$XDG_CACHE_HOME"/vae-explorer/folders/*.cache | cut -f1)"
for i in $(seq "$repeats"); do
    echo "cached open, run $i: $(load "folder:$root")   [$(grep '^cache:' "$tmp/out" | cut -c1-12)]"
done
for i in $(seq "$repeats"); do
    echo "decode only (no cache), run $i: $(load "folder:$root" VAE_EXPLORER_NO_CACHE=1)"
done
for i in $(seq "$repeats"); do
    echo "MNIST IDX files, run $i: $(load mnist)"
done
echo "machine: $(nproc) cores, $(uname -r)"
