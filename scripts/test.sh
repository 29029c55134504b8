#!/usr/bin/env bash
# The whole test suite: set up (packages, MNIST, Release build), then run every test with CTest.
# GUI tests run on Qt's offscreen platform, so no display is needed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/setup.sh"
cd "${BUILD_DIR:-$root/build}"
began=$SECONDS
# CTEST_PARALLEL_LEVEL runs tests side by side (CI uses the core count); tests that time
# themselves are RUN_SERIAL.
# Side by side, each test's OpenMP team must sleep at its barriers rather than spin (libgomp's
# default), or the spinning threads take the cores the other test needs: the suite took 262 s
# with spinning and 178–185 s without, on 2 cores (docs/development.md, "CI").
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
ctest --output-on-failure --timeout 600 "$@"
echo "test: ctest took $((SECONDS - began)) s"
