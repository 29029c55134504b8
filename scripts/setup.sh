#!/usr/bin/env bash
# Installs what is missing, fetches MNIST, configures and builds VAE Explorer (Release).
# Idempotent: installed packages, verified data and an up-to-date build are left alone.
#   usage: scripts/setup.sh            environment: BUILD_DIR (default: build)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$root/build}

# 1. Debian packages listed in scripts/debian-packages.txt ("package [command]": when a command is
#    given and already on PATH, the package is not needed — e.g. npm from another nodejs).
missing=()
while read -r package command _; do
    [ -z "$package" ] && continue
    if [ -n "$command" ] && [ "${command:0:1}" != "#" ] && command -v "$command" >/dev/null; then
        continue
    fi
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
        missing+=("$package")
done < <(sed -e 's/#.*//' "$root/scripts/debian-packages.txt")
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
else
    echo "setup: Debian packages present"
fi

# 2. The dataset.
bash "$root/scripts/fetch-mnist.sh"

# 3. Configure once, then build incrementally (ccache keeps rebuilds after a clean cheap; paths
#    relative to the checkout, so a fresh clone elsewhere reuses the cache).
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$root}
if [ ! -f "$build_dir/build.ninja" ]; then
    cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
cmake --build "$build_dir" --parallel "$(nproc)"
