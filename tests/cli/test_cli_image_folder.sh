#!/usr/bin/env bash
# vae-cli on a folder of images (--dataset folder:PATH): MNIST written as PNG files, a broken
# file or two, the cache, --image-size, one training run read back by eval, and the refusals.
# usage: test_cli_image_folder.sh VAE_CLI WRITE_IMAGE_FOLDER
set -uo pipefail
cli=$(realpath "$1") # absolute: the training run starts in another directory
writer=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME=$tmp/cache # never the user's cache
unset VAE_EXPLORER_NO_CACHE
# shellcheck source=check.sh
source "$(dirname "${BASH_SOURCE[0]}")/check.sh"
# expect NAME FILE PATTERN [absent]: FILE has a line matching PATTERN (none with "absent").
expect() {
    local found=0
    grep -qE -- "$3" "$2" && found=1
    if [ "$found" -eq "$([ "${4:-}" = absent ] && echo 0 || echo 1)" ]; then
        echo "ok   $1"
        passes=$((passes + 1))
    else
        echo "FAIL $1: ${4:-} /$3/ in:"; cat "$2"
        failures=$((failures + 1))
    fi
}

mnist=${VAE_EXPLORER_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/vae-explorer/mnist}
root=$tmp/digits
"$writer" "$mnist" "$root" 400 100 || { echo "FAIL: cannot write the PNG folder"; exit 1; }
: >"$root/train/3/empty.png"
echo "not an image" >"$root/test/5/notes.png"

check "first open decodes and caches" 0 "^cache: rebuilt \(no cache file yet\) $tmp/cache/vae-explorer/folders/" \
    -- "$cli" data --dataset "folder:$root"
expect "the data line" "$tmp/last.out" "^data: digits, 400 training and 100 test examples of 28×28×1 \(unit-interval values\)"
expect "the classes" "$tmp/last.out" "^classes: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9$"
expect "bad files counted" "$tmp/last.err" "^warning: 2 files in $root skipped:"
expect "a text file named .png" "$tmp/last.err" "^  test/5/notes.png: not an image this program reads"
expect "a zero-byte file" "$tmp/last.err" "^  train/3/empty.png: empty file \(0 bytes\)"
check "second open reads the cache" 0 "^cache: read $tmp/cache/vae-explorer/folders/" \
    -- "$cli" data --dataset "folder:$root"
check "cache off" 0 "^data: digits" -- env VAE_EXPLORER_NO_CACHE=1 "$cli" data --dataset "folder:$root"
expect "cache off prints no cache line" "$tmp/last.out" "^cache:" absent
check "--image-size" 0 "^data: digits, 400 training and 100 test examples of 14×14×1" \
    -- "$cli" data --dataset "folder:$root" --image-size 14
check "size in the spec" 0 "^source: folder:$root:size=7$" -- "$cli" data --dataset "folder:$root:size=7"

# One training run on 14×14 images, then eval finds the folder and size from the checkpoint.
(cd "$tmp" && "$cli" train --dataset folder:digits --image-size 14 --epochs 2 --batch-size 50 \
    --hidden 64 --warmup-steps 0 --threads 2 --checkpoint "$tmp/m.safetensors" \
    --metrics "$tmp/m.json") >"$tmp/train.out" 2>"$tmp/train.err"
rc=$?
[ "$rc" -eq 0 ] || cat "$tmp/train.out" "$tmp/train.err"
expect "train exits 0" <(echo "$rc") "^0$"
expect "train prints two epochs" "$tmp/train.out" "^epoch 2/2  train: -ELBO [0-9.]+ .* test: -ELBO [0-9.]+"
check "metrics: absolute source with the size" 0 "^digits folder:$root:size=14 196 0$" -- python3 -c \
    "import json,sys; d=json.load(open(sys.argv[1]))['data']; print(d['name'], d['source'], d['height']*d['width']*d['channels'], d['class_names'][0])" \
    "$tmp/m.json"
check "eval from the checkpoint's source" 0 "^test: -ELBO [0-9.]+ .* 100 images" \
    -- "$cli" eval --checkpoint "$tmp/m.safetensors"
check "eval at another size is refused" 2 "has 784 values per example, but .* with 196" \
    -- "$cli" eval --checkpoint "$tmp/m.safetensors" --image-size 28

mkdir -p "$tmp/empty/class"
check "empty folder" 2 "^vae-cli: image folder $tmp/empty holds no images" \
    -- "$cli" train --dataset "folder:$tmp/empty" --epochs 1
check "missing folder" 2 "^vae-cli: image folder $tmp/nowhere does not exist" \
    -- "$cli" data --dataset "folder:$tmp/nowhere"
check "--image-size on mnist" 2 "--image-size applies to --dataset folder:PATH only" \
    -- "$cli" train --image-size 14 --epochs 1
check "--image-size 0" 2 "^--image-size: must be a whole number from 1 to 256, got 0" \
    -- "$cli" train --dataset "folder:$root" --image-size 0
check "--image-size 257" 2 "^--image-size: must be a whole number from 1 to 256, got 257" \
    -- "$cli" data --dataset "folder:$root" --image-size 257
check "size=0 in the spec" 2 "^--dataset: dataset \"folder:$root:size=0\": size must be a whole number from 1 to 256" \
    -- "$cli" data --dataset "folder:$root:size=0"

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
