#!/usr/bin/env bash
# Fuzzes the IDX, checkpoint, CSV and NumPy readers with libFuzzer (ASan + UBSan + LeakSanitizer).
#   scripts/fuzz.sh [seconds]     (default 60 per target)
# Configures and builds build-fuzz with clang (VAE_FUZZ=ON) if needed, then runs each target for
# that many seconds on a scratch copy of the seed corpus tests/fuzz/corpus/<target> (the committed
# corpus is never modified). Prints each target's executions and exec/s, and exits non-zero when a
# target finds a crash, a sanitizer error, a leak, a hang (> 10 s per input) or an input that needs
# more than 2 GB. Crashing inputs are kept in $FUZZ_WORK/artifacts: add them to
# tests/fuzz/regressions/ with a GoogleTest (see tests/fuzz/README.md).
#
# Environment: FUZZ_BUILD_DIR (default <repo>/build-fuzz), FUZZ_WORK (scratch folder for the corpus
# copies, logs and artifacts, kept; default a temporary one, removed when nothing was found),
# FUZZ_TARGETS (default "idx checkpoint csv npy"), FUZZ_JOBS (targets at once; default the core count).
set -euo pipefail
seconds=${1:-60}
if ! [[ $seconds =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: $0 [seconds per target, a positive integer; default 60]" >&2
    exit 2
fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
targets=${FUZZ_TARGETS:-idx checkpoint csv npy}
if [[ -n ${FUZZ_WORK:-} ]]; then
    work=$FUZZ_WORK
    mkdir -p "$work"
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/vae-fuzz.XXXXXX")
fi

if [[ ! -f $build/CMakeCache.txt ]]; then
    CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DVAE_FUZZ=ON -DVAE_BUILD_GUI=OFF -DVAE_BUILD_TESTS=OFF
fi
cmake --build "$build" --target $(printf 'fuzz_%s ' $targets)

declare -A maxLen=([idx]=8192 [checkpoint]=65536 [csv]=4096 [npy]=8192)
# Each target is one single-threaded process: they run side by side, one per core (all of them
# at once on a machine with as many cores as targets), so the stage takes `seconds`, not the sum.
fuzz_one() { # target: runs it, writes its exit status to $work/<target>.rc
    local target=$1 corpus=$work/corpus/$1 rc=0
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0} \
    UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
        "$build/tests/fuzz/fuzz_$target" "$corpus" \
        -dict="$root/tests/fuzz/$target.dict" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -max_len="${maxLen[$target]}" -detect_leaks=1 -print_final_stats=1 \
        -artifact_prefix="$work/artifacts/$target-" >"$work/$target.log" 2>&1 || rc=$?
    echo "$rc" >"$work/$target.rc"
}
jobs_max=${FUZZ_JOBS:-$(getconf _NPROCESSORS_ONLN)}
for target in $targets; do
    corpus=$work/corpus/$target
    rm -rf "$corpus"
    mkdir -p "$corpus" "$work/artifacts"
    cp "$root/tests/fuzz/corpus/$target"/* "$corpus"/
    echo "== fuzz_$target: $seconds s on a copy of tests/fuzz/corpus/$target ($(ls "$corpus" | wc -l) files), log $work/$target.log"
    # LeakSanitizer runs after every input that allocated more than it freed (-detect_leaks=1).
    fuzz_one "$target" &
    while (($(jobs -rp | wc -l) >= jobs_max)); do wait -n || true; done
done
wait
status=0
for target in $targets; do
    corpus=$work/corpus/$target
    log=$work/$target.log
    rc=$(cat "$work/$target.rc" 2>/dev/null || echo 1)
    done_line=$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)
    if [[ $rc -ne 0 || -z $done_line ]]; then
        echo "FAIL fuzz_$target (exit $rc): the end of its log:"
        tail -n 40 "$log"
        ls "$work/artifacts" 2>/dev/null | sed 's/^/  artifact: /'
        status=1
        continue
    fi
    runs=$(sed -E 's/^Done ([0-9]+) runs in ([0-9]+) second.*/\1/' <<<"$done_line")
    secs=$(sed -E 's/^Done ([0-9]+) runs in ([0-9]+) second.*/\2/' <<<"$done_line")
    files=$(ls "$corpus" | wc -l)
    bytes=$(du -sb "$corpus" | cut -f1)
    echo "ok   fuzz_$target: $done_line ($((runs / (secs > 0 ? secs : 1))) exec/s); corpus now $files files, $bytes bytes"
done
if [[ $status -eq 0 && -z ${FUZZ_WORK:-} ]]; then
    rm -rf "$work" # nothing found: the grown corpus and logs are not needed
elif [[ $status -ne 0 ]]; then
    echo "logs and crashing inputs kept in $work"
fi
exit $status
