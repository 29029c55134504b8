#!/usr/bin/env bash
# vae-cli end to end: exit codes and messages for bad input, then a short real training run whose
# metrics JSON and checkpoint are read back. usage: test_cli.sh VAE_CLI
set -uo pipefail
cli=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
passes=0
check() { # check NAME EXPECTED_RC PATTERN -- command...
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
}

check "unknown flag"        2 "--bogus"                        -- "$cli" train --bogus
check "non-numeric epochs"  2 "--epochs"                       -- "$cli" train --epochs many
check "latent dim 0"        2 "latent dim must be between"     -- "$cli" train --latent-dim 0
check "bad hidden sizes"    2 "hidden sizes must be"           -- "$cli" train --hidden 512,x
check "no subcommand"       2 "subcommand"                     -- "$cli"
check "missing data dir"    2 "$tmp/nowhere does not exist.*fetch-mnist.sh" -- "$cli" train --data "$tmp/nowhere"
check "missing checkpoint"  2 "no such checkpoint file"        -- "$cli" eval --checkpoint "$tmp/none.safetensors"
echo "not a model" >"$tmp/junk.safetensors"
check "junk checkpoint"     2 "junk.safetensors: not a safetensors file" -- "$cli" eval --checkpoint "$tmp/junk.safetensors"
check "help"                0 "train"                          -- "$cli" --help
check "unknown model"       2 "--model: gan not in"            -- "$cli" train --model gan
check "unknown KL schedule" 2 "--kl-schedule: saw not in"      -- "$cli" train --kl-schedule saw
check "KL warm-up 0"        2 "KL warm-up epochs must be in"   -- "$cli" train --kl-warmup-epochs 0
check "beta on autoencoder" 2 "--beta does not apply to --model autoencoder" -- "$cli" train --model autoencoder --beta 2
check "beta-vae with beta 1" 2 "--model beta-vae needs --beta other than 1" -- "$cli" train --model beta-vae --beta 1

check "train" 0 "^epoch 2/2 .*test: -ELBO" -- "$cli" train --epochs 2 --train-subset 1024 \
    --hidden 128 --threads 2 --seed 3 --checkpoint "$tmp/m.safetensors" --metrics "$tmp/train.json"
# A time budget without --epochs trains until the budget is spent, past the default 10 epochs.
check "time budget alone" 0 "^epoch 1[1-9]  train" -- "$cli" train --time-budget 1 \
    --train-subset 512 --hidden 32 --threads 1 --seed 3
check "default hidden, 20-D" 0 "^epoch 1/1" -- "$cli" train --epochs 1 --train-subset 128 \
    --latent-dim 20 --threads 1 --metrics "$tmp/z20.json"
check "hidden sizes in metrics" 0 "^\[512, 256\]$" -- python3 -c \
    "import json,sys; print(json.load(open(sys.argv[1]))['config']['hidden_sizes'])" "$tmp/z20.json"
check "eval" 0 "^test: -ELBO" -- "$cli" eval --checkpoint "$tmp/m.safetensors" --metrics "$tmp/eval.json"
# Model kinds and KL schedules (README-issue5-models.md): the autoencoder reports the
# reconstruction only and evaluates deterministically; beta-vae presets β = 4.
check "train autoencoder" 0 "^epoch 1/1  train: rec [0-9.]+  test: rec" -- "$cli" train --model autoencoder \
    --epochs 1 --train-subset 512 --hidden 64 --threads 2 --seed 3 --checkpoint "$tmp/ae.safetensors" \
    --metrics "$tmp/ae.json"
check "eval autoencoder" 0 "^test: rec [0-9.]+ nats per image \(autoencoder\)" -- "$cli" eval \
    --checkpoint "$tmp/ae.safetensors" --seed 9 --metrics "$tmp/ae-eval.json"
check "train beta-vae, linear warm-up" 0 "^epoch 2/2 .*test: -ELBO" -- "$cli" train --model beta-vae \
    --kl-schedule linear --kl-warmup-epochs 4 --epochs 2 --train-subset 512 --hidden 64 --threads 2 \
    --seed 3 --metrics "$tmp/bvae.json"
if python3 - "$tmp/ae.json" "$tmp/ae-eval.json" "$tmp/bvae.json" <<'PY'
import json, sys
ae, ae_eval, bvae = (json.load(open(f)) for f in sys.argv[1:4])
assert ae["config"]["model_kind"] == "autoencoder", ae["config"]
for t in (ae["epochs"][0]["train"], ae["epochs"][0]["test"], ae_eval["test"]):
    assert t["kl"] == 0 and t["elbo"] == -t["reconstruction"] and t["reconstruction"] > 0, t
# No sampling: eval with another seed gives the training run's test value.
assert abs(ae_eval["test"]["reconstruction"] - ae["test"]["reconstruction"]) < 1e-6, (ae_eval, ae["test"])
c = bvae["config"]
assert (c["model_kind"], c["beta"], c["kl_schedule"], c["kl_warmup_epochs"]) == ("vae", 4.0, "linear", 4.0), c
assert all(e["train"]["kl"] > 0 for e in bvae["epochs"])
print("ok   model kinds in metrics JSON")
PY
then passes=$((passes + 1)); else failures=$((failures + 1)); fi

# The metrics documents have the documented shape and consistent values.
if python3 - "$tmp/train.json" "$tmp/eval.json" <<'PY'
import json, sys
train, evaluation = (json.load(open(f)) for f in sys.argv[1:3])
assert train["config"]["hidden_sizes"] == [128] and train["config"]["train_subset"] == 1024
assert [e["epoch"] for e in train["epochs"]] == [1, 2]
for e in train["epochs"]:
    for part in ("train", "test"):
        t = e[part]
        assert t["elbo"] < 0 and abs(t["elbo"] + t["reconstruction"] + t["kl"]) < 1e-6, t
    assert e["samples_per_second"] > 0 and e["seconds"] > 0
assert train["test"] == train["epochs"][-1]["test"]
assert train["epochs"][1]["test"]["elbo"] > train["epochs"][0]["test"]["elbo"], "epoch 2 improves"
# eval draws its own z samples: same model, so the ELBO agrees within Monte-Carlo noise.
assert abs(evaluation["test"]["elbo"] - train["test"]["elbo"]) < 1.0, (evaluation["test"], train["test"])
print("ok   metrics JSON")
PY
then passes=$((passes + 1)); else failures=$((failures + 1)); fi

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
