#!/usr/bin/env bash
# The main job: set up (packages, MNIST, Release build), then open VAE Explorer.
# Arguments are passed to vae-explorer (e.g. --train, --data DIR, --open model.safetensors).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/setup.sh"
exec "${BUILD_DIR:-$root/build}/app/gui/vae-explorer" "$@"
