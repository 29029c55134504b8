# Shared by the vae-cli test scripts (source it after setting $tmp):
#   check NAME EXPECTED_RC PATTERN -- command...
# runs the command, expects its exit code and a line matching PATTERN (grep -E) in its output,
# prints "ok   NAME" or "FAIL NAME" with the output, and counts $passes and $failures. The output
# stays in $tmp/last.out and $tmp/last.err for further checks.
failures=0
passes=0
check() {
    local name=$1 expected=$2 pattern=$3
    shift 4
    "$@" >"$tmp/out" 2>"$tmp/err"
    local rc=$?
    if [ "$rc" -ne "$expected" ] || ! grep -qE -- "$pattern" "$tmp/out" "$tmp/err"; then
        echo "FAIL $name: exit $rc (expected $expected), output:"; cat "$tmp/out" "$tmp/err"
        failures=$((failures + 1))
    else
        echo "ok   $name"
        passes=$((passes + 1))
    fi
    cp "$tmp/out" "$tmp/last.out"
    cp "$tmp/err" "$tmp/last.err"
}
