#!/usr/bin/env bash
# vae-cli end to end: exit codes and messages for bad input, then a short real training run whose
# metrics JSON and checkpoint are read back. usage: test_cli.sh VAE_CLI
set -uo pipefail
cli=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=check.sh
source "$(dirname "${BASH_SOURCE[0]}")/check.sh"

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
check "unknown dataset"     2 "--dataset: cifar not in"         -- "$cli" train --dataset cifar
check "KL warm-up 0"        2 "KL warm-up epochs must be in"   -- "$cli" train --kl-warmup-epochs 0
check "beta on autoencoder" 2 "--beta does not apply to --model autoencoder" -- "$cli" train --model autoencoder --beta 2
check "beta-vae with beta 1" 2 "--model beta-vae needs --beta other than 1" -- "$cli" train --model beta-vae --beta 1

# Bad input everywhere (docs/reliability.md, "Bad input"): every flag of every subcommand with bad values.
# Each case: exit code 2, the message (naming the flag and what is allowed) on stderr, nothing on
# stdout (no epoch line: nothing trained) and neither --checkpoint nor --metrics file written.
# Fields: name | message pattern (grep -E) | arguments (word-split after eval, so "$tmp" works).
mnist=${VAE_EXPLORER_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/vae-explorer/mnist}
mkdir -p "$tmp/adir" && echo x >"$tmp/afile"
bad_cases=(
    "epochs text|^--epochs: must be a whole number from 1 to 100000, got many|train --epochs many"
    "epochs 1e12|^--epochs: must be a whole number from 1 to 100000, got 1e12|train --epochs 1e12"
    "epochs 0|--epochs: epochs must be between 1 and 100000, got 0|train --epochs 0"
    "epochs -3|--epochs: epochs must be between 1 and 100000, got -3|train --epochs -3"
    "epochs 100001|--epochs: epochs must be between 1 and 100000, got 100001|train --epochs 100001"
    "epochs past int|^--epochs: must be a whole number .* got 99999999999|train --epochs 99999999999"
    "epochs no value|^--epochs: 1 required|train --metrics $tmp/outdir/m.json --epochs"
    "latent dim 0|--latent-dim: latent dim must be between 1 and 512, got 0|train --latent-dim 0"
    "latent dim 100000|--latent-dim: latent dim must be between 1 and 512, got 100000|train --latent-dim 100000"
    "latent dim 2.5|^--latent-dim: must be a whole number from 1 to 512, got 2.5|train --latent-dim 2.5"
    "hidden 0|--hidden: hidden sizes must be a comma-separated list of positive integers .* got \"0\"|train --hidden 0"
    "hidden -5|--hidden: hidden sizes must be .* got \"-5\"|train --hidden -5"
    "hidden 400,,|--hidden: hidden sizes must be .* got \"400,,\"|train --hidden 400,,"
    "hidden empty|--hidden: hidden sizes must be|train --hidden ''"
    "hidden 10^9|--hidden: each hidden size must be between 1 and 16384, got 1000000000|train --hidden 1000000000"
    "hidden past int|--hidden: hidden sizes must be .* got \"99999999999\"|train --hidden 99999999999"
    "hidden 9 layers|--hidden: hidden sizes must list 1 to 8 layers, got 9|train --hidden 8,8,8,8,8,8,8,8,8"
    "hidden too many weights|--hidden: the model would have [0-9]+ weights, more than the 100000000|train --hidden 16384,16384,16384"
    "batch 0|--batch-size: batch size must be between 1 and 1000000, got 0|train --batch-size 0"
    "batch -1|--batch-size: batch size must be between 1 and 1000000, got -1|train --batch-size -1"
    "batch 10^7|--batch-size: batch size must be between 1 and 1000000, got 10000000|train --batch-size 10000000"
    "batch text|^--batch-size: must be a whole number from 1 to 1000000, got big|train --batch-size big"
    "batch x width|--batch-size: batch size 20000 × the widest layer \(16384\) is more than|train --hidden 16384 --batch-size 20000"
    "batch > training set|--batch-size: batch size 60001 is larger than the training set \(60000 images\)|train --batch-size 60001"
    "batch > subset|--batch-size: batch size 128 is larger than the training set \(the train subset: 100 of 60000 images\): use a batch size of at most 100|train --train-subset 100 --batch-size 128"
    "lr 0|--lr: learning rate must be in \(0, 10\), got 0$|train --lr 0"
    "lr -1|--lr: learning rate must be in \(0, 10\), got -1|train --lr -1"
    "lr nan|--lr: learning rate must be in \(0, 10\), got nan|train --lr nan"
    "lr inf|--lr: learning rate must be in \(0, 10\), got inf|train --lr inf"
    "lr 10|--lr: learning rate must be in \(0, 10\), got 10|train --lr 10"
    "lr text|^--lr: must be a number in \(0, 10\), got fast|train --lr fast"
    "beta -1|--beta: beta must be in \[0, 1000\], got -1|train --beta -1"
    "beta nan|--beta: beta must be in \[0, 1000\], got nan|train --beta nan"
    "beta 1e9|--beta: beta must be in \[0, 1000\], got 1e\+09|train --beta 1e9"
    "threads -1|--threads: threads must be between 0 \(all cores\) and 1024, got -1|train --threads -1"
    "threads 100000|--threads: threads must be between 0 \(all cores\) and 1024, got 100000|train --threads 100000"
    "seed -1|^--seed: must be a whole number from 0 to 18446744073709551615, got -1|train --seed -1"
    "seed 2^64|^--seed: must be a whole number .* got 18446744073709551616|train --seed 18446744073709551616"
    "seed text|^--seed: must be a whole number|train --seed abc"
    "time budget -5|--time-budget: time budget must be 0 \(none\) or a number of seconds up to 604800 \(7 days\), got -5|train --time-budget -5"
    "time budget nan|--time-budget: time budget must be .* got nan|train --time-budget nan"
    "time budget 1e12|--time-budget: time budget must be .* got 1e\+12|train --time-budget 1e12"
    "train subset -1|--train-subset: train subset must be 0 \(all\) or positive, got -1|train --train-subset -1"
    "train subset > set|--train-subset: train subset 100000 is larger than the training set \(60000 images\)|train --train-subset 100000"
    "warm-up -1|--warmup-steps: warm-up steps must be between 0 \(none\) and 1000000, got -1|train --warmup-steps -1"
    "warm-up 2*10^9|--warmup-steps: warm-up steps must be between 0 \(none\) and 1000000, got 2000000000|train --warmup-steps 2000000000"
    "lr schedule bogus|--lr-schedule: learning-rate schedule must be \"constant\" or \"cosine\", got \"bogus\"|train --lr-schedule bogus"
    "KL schedule bogus|--kl-schedule: bogus not in \{constant,linear,cyclical\}|train --kl-schedule bogus"
    "KL warm-up -1|--kl-warmup-epochs: KL warm-up epochs must be in \(0, 100000\], got -1|train --kl-schedule linear --kl-warmup-epochs -1"
    "KL warm-up nan|--kl-warmup-epochs: KL warm-up epochs must be in \(0, 100000\], got nan|train --kl-warmup-epochs nan"
    "model unknown|--model: unknown not in \{autoencoder,vae,beta-vae\}|train --model unknown"
    "data missing|MNIST data directory /nonexistent does not exist|train --data /nonexistent"
    "data is a file|MNIST data directory $tmp/afile is a file, not a directory|train --data $tmp/afile"
    "checkpoint dir missing|^vae-cli: --checkpoint: the directory $tmp/nowhere of $tmp/nowhere/m.safetensors does not exist; create it first|train --checkpoint $tmp/nowhere/m.safetensors"
    "checkpoint onto a dir|^vae-cli: --checkpoint: $tmp/adir is a directory|train --checkpoint $tmp/adir"
    "metrics dir missing|^vae-cli: --metrics: the directory $tmp/nowhere .* does not exist|train --metrics $tmp/nowhere/m.json"
    "metrics onto a dir|^vae-cli: --metrics: $tmp/adir is a directory|train --metrics $tmp/adir"
    "metrics = checkpoint|^vae-cli: --metrics: $tmp/outdir/same is also the --checkpoint file|train --checkpoint $tmp/outdir/same --metrics $tmp/outdir/same"
    "eval no checkpoint|--checkpoint is required|eval"
    "eval checkpoint dir|^vae-cli: --checkpoint: $tmp/adir is a directory, not a checkpoint file|eval --checkpoint $tmp/adir"
    "eval iw-samples nan|--iw-samples|eval --checkpoint $tmp/none.safetensors --iw-samples nan"
    "eval iw-images -1|^--iw-images: must be a whole number from 0 \(all\) to the number of test images, got -1$|eval --checkpoint $tmp/none.safetensors --iw-images -1"
    "eval iw-images 1e12|^--iw-images: must be a whole number from 0 \(all\) to the number of test images, got 1e12|eval --checkpoint $tmp/none.safetensors --iw-images 1e12"
    "eval seed -1|^--seed: must be a whole number from 0|eval --checkpoint $tmp/none.safetensors --seed -1"
    "eval metrics dir missing|^vae-cli: --metrics: the directory $tmp/nowhere|eval --checkpoint $tmp/none.safetensors --metrics $tmp/nowhere/e.json"
    "eval metrics = checkpoint|^vae-cli: --metrics: $tmp/afile is also the --checkpoint file|eval --checkpoint $tmp/afile --metrics $tmp/afile"
    "gemm threads -1|--threads: threads must be between 0 \(all cores\) and 1024, got -1|bench-gemm --threads -1 --seconds 0.01"
    "gemm threads 100000|--threads: threads must be between 0 \(all cores\) and 1024, got 100000|bench-gemm --threads 100000"
    "gemm threads text|^--threads: must be a whole number from 0 to 1024, got x|bench-gemm --threads x"
    "gemm seconds -5|^--seconds: must be a number from 0.01 to 3600, got -5|bench-gemm --seconds -5"
    "gemm seconds 0|^--seconds: must be a number from 0.01 to 3600, got 0|bench-gemm --seconds 0"
    "gemm seconds nan|^--seconds: must be a number from 0.01 to 3600, got nan|bench-gemm --seconds nan"
    "gemm seconds inf|^--seconds: must be a number from 0.01 to 3600, got inf|bench-gemm --seconds inf"
    "gemm seconds 1e9|^--seconds: must be a number from 0.01 to 3600, got 1e9|bench-gemm --seconds 1e9"
    "flops latent dim 0|--latent-dim: latent dim must be between 1 and 512, got 0|flops --latent-dim 0"
    "flops latent dim 100000|--latent-dim: latent dim must be between 1 and 512, got 100000|flops --latent-dim 100000"
    "flops hidden 400,,|--hidden: hidden sizes must be .* got \"400,,\"|flops --hidden 400,,"
    "flops hidden too many weights|--hidden: the model would have|flops --hidden 16384,16384,16384"
    "unknown subcommand|A subcommand is required|fly"
    "unknown likelihood|^--likelihood: poisson not in \{bernoulli,continuous-bernoulli,gaussian\}|train --likelihood poisson"
    "likelihood no value|^--likelihood: 1 required|train --metrics $tmp/outdir/m.json --likelihood"
)
run_bad_cases() { # run_bad_cases ARRAY_NAME: each case as above, exit 2, nothing written
    local -n cases=$1
    local entry name pattern args out rc
    for entry in "${cases[@]}"; do
        IFS='|' read -r name pattern args <<<"$entry"
        out=$tmp/outdir
        rm -rf "$out" && mkdir -p "$out"
        eval "set -- $args"
        # Outputs that must not appear: given unless the case names its own.
        case " $args " in
        *" --checkpoint "* | *" --metrics "*) ;;
        " train "*) set -- "$@" --checkpoint "$out/m.safetensors" --metrics "$out/m.json" ;;
        " eval "*) set -- "$@" --metrics "$out/m.json" ;;
        esac
        "$cli" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
        rc=$?
        if [ "$rc" -ne 2 ] || ! grep -qE -- "$pattern" "$tmp/stderr" || [ -s "$tmp/stdout" ] ||
            [ -n "$(ls -A "$out")" ]; then
            echo "FAIL bad input: $name: exit $rc (expected 2), want /$pattern/ on stderr, nothing on stdout, nothing in $out:"
            cat "$tmp/stdout" "$tmp/stderr"; ls -A "$out"
            failures=$((failures + 1))
        else
            echo "ok   bad input: $name: $(head -n 1 "$tmp/stderr")"
            passes=$((passes + 1))
        fi
    done
}
run_bad_cases bad_cases
echo "bad input: ${#bad_cases[@]} cases before training"

check "train" 0 "^epoch 2/2 .*test: -ELBO" -- "$cli" train --epochs 2 --train-subset 1024 \
    --hidden 128 --threads 2 --seed 3 --checkpoint "$tmp/m.safetensors" --metrics "$tmp/train.json"
# A time budget without --epochs trains until the budget is spent, past the default 10 epochs.
# Every epoch ends with a test evaluation, which the budget does not count: on a 500-image test
# set (the first 500 of t10k, in valid IDX files) the ~100 epochs take seconds, not 45 s.
mkdir -p "$tmp/mnist-small"
ln -sf "$mnist/train-images-idx3-ubyte" "$mnist/train-labels-idx1-ubyte" "$tmp/mnist-small/"
python3 - "$mnist" "$tmp/mnist-small" 500 <<'PY'
import struct, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
for name, header, item in (("t10k-images-idx3-ubyte", 16, 784), ("t10k-labels-idx1-ubyte", 8, 1)):
    data = open(f"{src}/{name}", "rb").read()
    out = data[:4] + struct.pack(">I", n) + data[8:header] + data[header:header + n * item]
    open(f"{dst}/{name}", "wb").write(out)
PY
check "time budget alone" 0 "^epoch 1[1-9]  train" -- "$cli" train --time-budget 1 \
    --train-subset 512 --hidden 32 --threads 1 --seed 3 --data "$tmp/mnist-small"
check "default hidden, 20-D" 0 "^epoch 1/1" -- "$cli" train --epochs 1 --train-subset 128 \
    --latent-dim 20 --threads 1 --metrics "$tmp/z20.json"
check "hidden sizes in metrics" 0 "^\[512, 256\]$" -- python3 -c \
    "import json,sys; print(json.load(open(sys.argv[1]))['config']['hidden_sizes'])" "$tmp/z20.json"
check "eval" 0 "^test: -ELBO" -- "$cli" eval --checkpoint "$tmp/m.safetensors" --metrics "$tmp/eval.json"
check "iw-samples 0"        2 "--iw-samples: Value 0 not in range 1 to 1000000" -- "$cli" eval --checkpoint "$tmp/m.safetensors" --iw-samples 0
check "iw-samples absurd"   2 "--iw-samples: Value 5000000 not in range" -- "$cli" eval --checkpoint "$tmp/m.safetensors" --iw-samples 5000000
check "iw-samples text"     2 "--iw-samples" -- "$cli" eval --checkpoint "$tmp/m.safetensors" --iw-samples many

# Bad input that needs a trained checkpoint, and MNIST files changed between runs: a truncated,
# garbage or missing file is named with its problem (the rest are links to the real files).
head -c 3000 "$tmp/m.safetensors" >"$tmp/trunc.safetensors"
mkdir -p "$tmp/mnist-trunc" "$tmp/mnist-garbage" "$tmp/mnist-missing" "$tmp/mnist-test-trunc"
for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
    for d in mnist-trunc mnist-garbage mnist-missing mnist-test-trunc; do ln -sf "$mnist/$f" "$tmp/$d/$f"; done
done
rm "$tmp/mnist-trunc/train-images-idx3-ubyte" "$tmp/mnist-garbage/train-labels-idx1-ubyte" \
    "$tmp/mnist-missing/t10k-labels-idx1-ubyte" "$tmp/mnist-test-trunc/t10k-images-idx3-ubyte"
head -c 1000000 "$mnist/train-images-idx3-ubyte" >"$tmp/mnist-trunc/train-images-idx3-ubyte"
head -c 60008 /dev/urandom >"$tmp/mnist-garbage/train-labels-idx1-ubyte"
head -c 7000 "$mnist/t10k-images-idx3-ubyte" >"$tmp/mnist-test-trunc/t10k-images-idx3-ubyte"
bad_after_training=(
    "eval truncated checkpoint|trunc.safetensors|eval --checkpoint $tmp/trunc.safetensors"
    "eval data missing|MNIST data directory /nonexistent does not exist|eval --checkpoint $tmp/m.safetensors --data /nonexistent"
    "eval data is a file|MNIST data directory $tmp/afile is a file|eval --checkpoint $tmp/m.safetensors --data $tmp/afile"
    "eval iw-samples 0|--iw-samples: Value 0 not in range 1 to 1000000|eval --checkpoint $tmp/m.safetensors --iw-samples 0"
    "train on truncated images|mnist-trunc/train-images-idx3-ubyte: truncated|train --epochs 1 --data $tmp/mnist-trunc"
    "train on garbage labels|mnist-garbage/train-labels-idx1-ubyte: wrong magic number|train --epochs 1 --data $tmp/mnist-garbage"
    "train with a file deleted|MNIST file $tmp/mnist-missing/t10k-labels-idx1-ubyte is missing|train --epochs 1 --data $tmp/mnist-missing"
    "eval on truncated test images|mnist-test-trunc/t10k-images-idx3-ubyte: truncated|eval --checkpoint $tmp/m.safetensors --data $tmp/mnist-test-trunc"
)
run_bad_cases bad_after_training
echo "bad input: ${#bad_after_training[@]} cases after training"
check "eval iw k=1" 0 "^test: log p\(x\) >= L_1 = -[0-9.]+ nats per image .* over 300 images" -- \
    "$cli" eval --checkpoint "$tmp/m.safetensors" --iw-samples 1 --iw-images 300 --seed 1 --metrics "$tmp/iw1.json"
check "eval iw k=100" 0 "^test: log p\(x\) >= L_100 = " -- \
    "$cli" eval --checkpoint "$tmp/m.safetensors" --iw-samples 100 --iw-images 300 --seed 1 --metrics "$tmp/iw100.json"
if python3 - "$tmp/iw1.json" "$tmp/iw100.json" <<'PY'
import json, sys
iw1, iw100 = (json.load(open(f)) for f in sys.argv[1:3])
b1, b100 = iw1["log_likelihood_iw"], iw100["log_likelihood_iw"]
assert b1["k"] == 1 and b100["k"] == 100 and b1["images"] == b100["images"] == 300, (b1, b100)
assert -1000 < b1["value"] < 0 and b1["std_error"] > 0, b1
print("ok   log_likelihood_iw JSON")
PY
then passes=$((passes + 1)); else failures=$((failures + 1)); fi

# L_1 against the ELBO, both over the same images. m.safetensors has hardly left its start (16
# steps in the lr warm-up: KL ≈ 0.01 nats, q ≈ p(z)), where log q(z|x) and log p(z) nearly cancel;
# so a model that has learned a posterior (KL ≈ 4 nats, σ well below 1, 160 steps), trained and
# evaluated on a folder of the first 1,024 training and 1,000 test images: eval's ELBO and L_1
# then cover the same 1,000 images. L_1 (one draw per image) is an unbiased estimate of the ELBO,
# as eval's single-draw ELBO is; for 8 seeds the differences of the two means are independent
# draws of a mean-0 variable, so their mean must lie within 4 of its standard errors, estimated
# from their spread (measured: ~0.02 nats; a log q(z|x) without its Σ log σ moves L_1 by nats).
mkdir -p "$tmp/mnist-1k"
python3 - "$mnist" "$tmp/mnist-1k" <<'PY'
import struct, sys
src, dst = sys.argv[1], sys.argv[2]
for prefix, n in (("train", 1024), ("t10k", 1000)):
    for kind, header, item in (("images-idx3-ubyte", 16, 784), ("labels-idx1-ubyte", 8, 1)):
        data = open(f"{src}/{prefix}-{kind}", "rb").read()
        out = data[:4] + struct.pack(">I", n) + data[8:header] + data[header:header + n * item]
        open(f"{dst}/{prefix}-{kind}", "wb").write(out)
PY
check "train a model with a posterior" 0 "^epoch 20/20 .*test: -ELBO" -- "$cli" train \
    --data "$tmp/mnist-1k" --epochs 20 --hidden 64 --threads 2 --seed 3 --lr 3e-3 \
    --lr-schedule constant --warmup-steps 0 --checkpoint "$tmp/iw.safetensors"
for seed in 1 2 3 4 5 6 7 8; do
    check "eval L_1 and the ELBO, seed $seed" 0 "^test: -ELBO .* 1000 images$" -- "$cli" eval \
        --checkpoint "$tmp/iw.safetensors" --data "$tmp/mnist-1k" --iw-samples 1 --seed "$seed" \
        --metrics "$tmp/iw-l1-$seed.json"
done
check "eval L_20" 0 "^test: log p\(x\) >= L_20 = .* over 1000 images" -- "$cli" eval \
    --checkpoint "$tmp/iw.safetensors" --data "$tmp/mnist-1k" --iw-samples 20 --seed 1 \
    --metrics "$tmp/iw-l20.json"
if python3 - "$tmp" <<'PY'
import json, math, statistics, sys
runs = [json.load(open(f"{sys.argv[1]}/iw-l1-{seed}.json")) for seed in range(1, 9)]
l20 = json.load(open(f"{sys.argv[1]}/iw-l20.json"))["log_likelihood_iw"]
kl = runs[0]["test"]["kl"]
assert kl > 2, f"the model has not learned a posterior: KL {kl}"
assert all(r["log_likelihood_iw"]["images"] == 1000 and r["log_likelihood_iw"]["k"] == 1 for r in runs)
diff = [r["log_likelihood_iw"]["value"] - r["test"]["elbo"] for r in runs]
mean = statistics.mean(diff)
std_error = statistics.stdev(diff) / math.sqrt(len(diff))
print(f"     L_1 - ELBO over the same 1000 images: {mean:+.4f} nats, standard error {std_error:.4f} "
      f"(8 seeds; KL {kl:.2f} nats)")
assert abs(mean) < 4 * std_error, (mean, std_error, diff)
# L_20 ≥ L_1 in expectation (the bound tightens with k, Burda et al. 2015, theorem 1); with this
# posterior by more than a nat (a bound missing its −log k would fall by log 20 ≈ 3 nats).
l1 = statistics.mean(r["log_likelihood_iw"]["value"] for r in runs)
print(f"     L_20 - L_1: {l20['value'] - l1:+.3f} nats")
assert l20["value"] > l1 + 4 * std_error, (l20, l1)
PY
then echo "ok   L_1 averages to the ELBO on the same images; L_20 above"; passes=$((passes + 1))
else echo "FAIL L_1 against the ELBO"; failures=$((failures + 1)); fi
# Model kinds and KL schedules (docs/user-guide.md, "Model kinds, KL warm-up and live changes"): the autoencoder reports the
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

# Numerical faults (docs/reliability.md, "Numerical faults"): a learning rate at the cap (< 10) at full strength
# from the first step blows up on real MNIST within a few steps; training stops with exit 1, names
# the step and the cause, and --checkpoint still gets the last finite weights, with a warning.
check "huge lr fails, names the step" 1 \
    "training failed: .* at step [0-9]+ \(epoch [0-9.e+-]+\).*: the learning rate 9\.9 is probably too high" \
    -- "$cli" train --lr 9.9 --lr-schedule constant --warmup-steps 0 --epochs 1 --train-subset 1000 \
    --threads 2 --seed 11 --checkpoint "$tmp/blowup.safetensors"
cp "$tmp/err" "$tmp/blowup.err"
check "huge lr keeps the last finite weights" 0 \
    "warning: training did not finish; .*blowup.safetensors holds the last finite weights, those after step [0-9]+" \
    -- cat "$tmp/blowup.err"
check "eval the kept model" 0 "^test: -ELBO [0-9]+\.[0-9]+ " -- "$cli" eval --checkpoint "$tmp/blowup.safetensors"

# Likelihoods: the default from the data (grey levels: bernoulli), the continuous Bernoulli and the
# Gaussian named in the output, the metrics and the checkpoint; eval uses the checkpoint's, and the
# Gaussian's σ comes back from the file exactly as training printed it.
check "default likelihood in metrics" 0 "^bernoulli$" -- python3 -c \
    "import json,sys; print(json.load(open(sys.argv[1]))['config']['likelihood'])" "$tmp/train.json"
check "train continuous-bernoulli" 0 "^likelihood: continuous-bernoulli$" -- "$cli" train \
    --likelihood continuous-bernoulli --epochs 2 --train-subset 1024 --hidden 128 --threads 2 \
    --seed 3 --checkpoint "$tmp/cb.safetensors" --metrics "$tmp/cb.json"
check "eval continuous-bernoulli" 0 "^likelihood: continuous-bernoulli$" -- "$cli" eval \
    --checkpoint "$tmp/cb.safetensors" --metrics "$tmp/cb-eval.json"
check "train gaussian" 0 "^likelihood: gaussian \(sigma 0\.[0-9]+\)$" -- "$cli" train \
    --likelihood gaussian --epochs 2 --train-subset 1024 --hidden 128 --threads 2 --seed 3 \
    --checkpoint "$tmp/gauss.safetensors" --metrics "$tmp/gauss.json"
train_sigma=$(grep -E '^likelihood: gaussian \(sigma' "$tmp/out")
check "eval gaussian: the checkpoint's sigma" 0 "^${train_sigma//[()]/.}$" -- "$cli" eval \
    --checkpoint "$tmp/gauss.safetensors" --metrics "$tmp/gauss-eval.json"
# −ELBO falls over the two epochs, and eval agrees with the training run's test value within
# Monte-Carlo noise; the continuous Bernoulli's is a log-density below the Bernoulli's.
if python3 - "$tmp/train.json" "$tmp/cb.json" "$tmp/cb-eval.json" "$tmp/gauss.json" "$tmp/gauss-eval.json" <<'PY'
import json, sys
bern, cb, cb_eval, g, g_eval = (json.load(open(f)) for f in sys.argv[1:6])
assert cb["config"]["likelihood"] == "continuous-bernoulli" and cb_eval["config"]["likelihood"] == "continuous-bernoulli"
assert g["config"]["likelihood"] == "gaussian" and g_eval["config"]["likelihood"] == "gaussian"
for run in (cb, g):
    e = run["epochs"]
    assert -e[1]["test"]["elbo"] < -e[0]["test"]["elbo"], e
    assert -e[1]["train"]["elbo"] < -e[0]["train"]["elbo"], e
assert abs(cb_eval["test"]["elbo"] - cb["test"]["elbo"]) < 3, (cb_eval["test"], cb["test"])
assert abs(g_eval["test"]["elbo"] - g["test"]["elbo"]) < 3, (g_eval["test"], g["test"])
# log C ≥ log 2 per pixel: the continuous Bernoulli's −ELBO is at least 784·log 2 ≈ 543 nats
# below a Bernoulli model's of the same quality; these two ran the same settings.
assert -cb["test"]["elbo"] < -bern["test"]["elbo"] - 300, (cb["test"], bern["test"])
PY
then echo "ok   likelihood metrics"; passes=$((passes + 1))
else echo "FAIL likelihood metrics"; failures=$((failures + 1)); fi

# Other datasets: Fashion-MNIST read from the Debian package's gzip files, and binarized MNIST;
# the data line, the metrics and the checkpoint name the dataset, and eval finds it from the file.
check "train fashion-mnist" 0 "^data: Fashion-MNIST, 60000 training and 10000 test examples of 28×28×1 \(unit-interval values\)" \
    -- "$cli" train --dataset fashion-mnist --epochs 1 --train-subset 512 --hidden 64 --threads 2 \
    --checkpoint "$tmp/fashion.safetensors" --metrics "$tmp/fashion.json"
check "metrics name the dataset" 0 "^Fashion-MNIST fashion-mnist Ankle boot$" -- python3 -c \
    "import json,sys; d=json.load(open(sys.argv[1]))['data']; print(d['name'], d['source'], d['class_names'][9])" \
    "$tmp/fashion.json"
check "eval reads the checkpoint's dataset" 0 "^test: -ELBO " -- "$cli" eval \
    --checkpoint "$tmp/fashion.safetensors" --metrics "$tmp/fashion-eval.json"
check "eval metrics name it too" 0 "^fashion-mnist$" -- python3 -c \
    "import json,sys; print(json.load(open(sys.argv[1]))['data']['source'])" "$tmp/fashion-eval.json"
check "train binarized, dynamic" 0 "^data: Binarized MNIST \(dynamic\), .*\(binary values\)" \
    -- "$cli" train --dataset binarized-mnist:dynamic --epochs 2 --train-subset 512 --hidden 64 \
    --threads 2
check "train shapes, generated" 0 "^data: Shapes, 727280 training and 10000 test examples of 64×64×1 \(binary values\)" \
    -- "$cli" train --dataset shapes --epochs 1 --train-subset 512 --hidden 64 --threads 2 \
    --checkpoint "$tmp/shapes.safetensors" --metrics "$tmp/shapes.json"
check "shapes metrics name the factors" 0 "^shapes heart orientation 40$" -- python3 -c \
    "import json,sys; d=json.load(open(sys.argv[1]))['data']; print(d['source'], d['class_names'][2], d['factor_names'][2], d['factor_sizes'][2])" \
    "$tmp/shapes.json"
check "eval finds the shapes" 0 "^test: -ELBO " -- "$cli" eval --checkpoint "$tmp/shapes.safetensors"
check "eval scores the factors" 0 "^test: MIG 0\.[0-9]+ over 10000 images \(shape [0-9.]+ \(z[12]\), scale" \
    -- "$cli" eval --checkpoint "$tmp/shapes.safetensors" --metrics "$tmp/shapes-eval.json"
check "MIG in the metrics" 0 "^5 position y ok$" -- python3 -c \
    "import json,sys; m=json.load(open(sys.argv[1]))['mig']; print(len(m['factors']), m['factors'][4]['name'], 'ok' if 0 <= m['value'] <= 1 else 'bad')" \
    "$tmp/shapes-eval.json"
# Export for PyTorch: numpy reads the .npy, its values are MNIST's test bytes / 255, and the file
# opens again as npy: data.
check "export mnist test images" 0 "^wrote 5 test examples to .*mnist5.npy \(float32\)$" -- "$cli" data \
    --export-npy "$tmp/mnist5.npy" --export-split test --export-count 5
check "numpy reads the export" 0 "^\(5, 28, 28\) float32 equal$" -- /usr/bin/python3 -c "
import gzip, os, sys, numpy as np
a = np.load(sys.argv[1])
raw = open(os.path.join(sys.argv[2], 't10k-images-idx3-ubyte'), 'rb').read()
ref = np.frombuffer(raw[16:16 + 5 * 784], np.uint8).reshape(5, 28, 28)
print(a.shape, a.dtype, 'equal' if np.array_equal(np.rint(a * 255), ref) and np.abs(a - ref / 255).max() < 1e-7 else 'differ')" \
    "$tmp/mnist5.npy" "$mnist"
check "export generated shapes" 0 "^wrote 20 train examples" -- "$cli" data --dataset shapes \
    --export-npy "$tmp/shapes20.npy" --export-count 20
check "the export opens as npy" 0 "^data: shapes20.npy, 18 training and 2 test examples of 64×64×1" \
    -- "$cli" data --dataset "npy:$tmp/shapes20.npy"
check "export to a missing directory" 2 "--export-npy: the directory $tmp/none of" -- "$cli" data \
    --export-npy "$tmp/none/x.npy"
check "bad --dataset for eval" 2 "--dataset: svhn not in" -- "$cli" eval \
    --checkpoint "$tmp/fashion.safetensors" --dataset svhn
check "missing fashion package" 2 "/nonexistent does not exist. Install it with: sudo apt-get install dataset-fashion-mnist" \
    -- "$cli" train --dataset fashion-mnist --epochs 1 --data /nonexistent

# A user's table and array (csv:, npy:): one epoch each, the data line, the description in the
# metrics and the checkpoint (eval finds the file again from it), and a bad CSV's message.
awk 'BEGIN { print "height,weight,\"kind\",age"; srand(3);
             for (i = 0; i < 200; i++) printf "%.3f,%.2f,%s,%d\n", 150 + 30 * rand(), 50 + 40 * rand(),
                                               (i % 3 == 0 ? "cat" : (i % 3 == 1 ? "dog" : "bird")), i % 70 }' \
    >"$tmp/table.csv"
check "train on a CSV table" 0 "^data: table.csv, 180 training and 20 test examples of 1×3×1 \(real values\)" \
    -- "$cli" train --dataset "csv:$tmp/table.csv:label=kind" --epochs 1 --batch-size 16 --hidden 16 \
    --threads 2 --checkpoint "$tmp/table.safetensors" --metrics "$tmp/table.json"
check "CSV metrics: features, classes, standardisation" 0 "^height,weight,age bird,cat,dog 3$" -- python3 -c \
    "import json,sys; d=json.load(open(sys.argv[1]))['data']; print(','.join(d['feature_names']), ','.join(d['class_names']), len(d['feature_scale']))" \
    "$tmp/table.json"
check "eval finds the CSV from the checkpoint" 0 "^test: -ELBO " -- "$cli" eval --checkpoint "$tmp/table.safetensors"
python3 - "$tmp/grey.npy" <<'PY'
import struct, sys
n, h, w = 64, 4, 5  # uint8 grey images, written byte by byte (format 1.0)
header = "{'descr': '|u1', 'fortran_order': False, 'shape': (%d, %d, %d), }" % (n, h, w)
header += " " * (63 - (10 + len(header)) % 64) + "\n"
data = bytes((7 * i) % 256 for i in range(n * h * w))
open(sys.argv[1], "wb").write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + data)
PY
check "train on a NumPy array" 0 "^data: grey.npy, 58 training and 6 test examples of 4×5×1 \(unit-interval values\)" \
    -- "$cli" train --dataset "npy:$tmp/grey.npy" --epochs 1 --batch-size 16 --hidden 16 --threads 2
printf 'a,b,c\n1,2,3\n4,oops,6\n' >"$tmp/bad.csv"
check "bad CSV cell" 2 "^vae-cli: .*bad.csv: row 3, column 2 \(\"b\"\) is \"oops\", not a number \(if the column holds class names.*label=b\)$" \
    -- "$cli" train --dataset "csv:$tmp/bad.csv" --epochs 1
printf 'a,b\n1,2\n3\n' >"$tmp/ragged.csv"
check "ragged CSV row" 2 "ragged.csv: row 3 has 1 field, but the header has 2" \
    -- "$cli" train --dataset "csv:$tmp/ragged.csv" --epochs 1
check "missing label column" 2 "table.csv: no column is named \"species\"" \
    -- "$cli" train --dataset "csv:$tmp/table.csv:label=species" --epochs 1
check "missing npy" 2 "nowhere.npy: file not found" -- "$cli" train --dataset "npy:$tmp/nowhere.npy"

# Continue a saved run (--resume). With one thread and a constant learning rate (a cosine schedule
# spans the epochs planned, which differ here), 2 epochs then 2 more end with the weights and Adam
# state of 4 epochs in one go, bit for bit.
run_args=(--train-subset 512 --hidden 32 --threads 1 --seed 4 --lr-schedule constant --data "$tmp/mnist-small")
check "train 2 of 4" 0 "^epoch 2/2" -- "$cli" train --epochs 2 "${run_args[@]}" --checkpoint "$tmp/two.safetensors"
check "resume to 4" 0 "^continuing .*two.safetensors from step 8 \(epoch 3\) until epoch 4" -- \
    "$cli" train --resume "$tmp/two.safetensors" --epochs 4 --threads 1 --data "$tmp/mnist-small" \
    --checkpoint "$tmp/resumed.safetensors" --metrics "$tmp/resumed.json"
grep -q "^epoch 4/4" "$tmp/last.out" || { echo "FAIL resume prints epochs 3 and 4"; failures=$((failures + 1)); }
check "4 in one go" 0 "^epoch 4/4" -- "$cli" train --epochs 4 "${run_args[@]}" --checkpoint "$tmp/four.safetensors"
check "resumed = uninterrupted" 0 "^identical: 11 tensors" -- python3 - "$tmp/resumed.safetensors" "$tmp/four.safetensors" <<'PY'
import json, struct, sys
def tensors(path):
    data = open(path, "rb").read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    meta = header.pop("__metadata__")
    return {k: data[8 + n + v["data_offsets"][0]:8 + n + v["data_offsets"][1]] for k, v in header.items()}, meta
a, meta_a = tensors(sys.argv[1])
b, meta_b = tensors(sys.argv[2])
assert a.keys() == b.keys(), (sorted(a), sorted(b))
differ = [k for k in a if a[k] != b[k]]
steps = struct.unpack(f"<{len(a['history.steps']) // 8}d", a["history.steps"])
assert [steps[i] for i in range(0, len(steps), 7)] == list(range(1, 17)), "steps 1..16 once each"
print("differing:", differ) if differ else print(f"identical: {len(a)} tensors (weights, Adam moments, step records)")
PY
check "resume refuses a changed setting" 2 "--lr excludes --resume" -- \
    "$cli" train --resume "$tmp/two.safetensors" --lr 0.01 --data "$tmp/mnist-small"
check "resume to fewer epochs" 2 "^vae-cli: --epochs: the saved run has trained 4 epochs: ask for more than 4" -- \
    "$cli" train --resume "$tmp/resumed.safetensors" --epochs 3 --threads 1 --data "$tmp/mnist-small"
# A checkpoint from before the optimizer state was kept: the same file without it.
python3 - "$tmp/m.safetensors" "$tmp/old.safetensors" <<'PY'
import json, struct, sys
data = open(sys.argv[1], "rb").read()
n = struct.unpack("<Q", data[:8])[0]
header = json.loads(data[8:8 + n])
del header["__metadata__"]["training_state"]
body, offset = b"", 0
for name in [k for k in header if k != "__metadata__"]:
    if name.startswith("optimizer."):
        del header[name]
        continue
    begin, end = header[name]["data_offsets"]
    body += data[8 + n + begin:8 + n + end]
    header[name]["data_offsets"] = [offset, offset + end - begin]
    offset += end - begin
text = json.dumps(header).encode()
text += b" " * ((8 - len(text) % 8) % 8)
open(sys.argv[2], "wb").write(struct.pack("<Q", len(text)) + text + body)
PY
check "resume a weights-only checkpoint" 0 "warning: .*old.safetensors holds the weights but no optimizer state" -- \
    "$cli" train --resume "$tmp/old.safetensors" --epochs 3 --threads 2
check "resume another dataset" 2 "trained on MNIST .* not Fashion-MNIST" -- \
    "$cli" train --resume "$tmp/two.safetensors" --epochs 4 --dataset fashion-mnist

# decode: the decoded means at latent points, one line each; bad points named.
check "decode two points" 0 "^[0-9.e-]+(,[0-9.e-]+){783}$" -- "$cli" decode --checkpoint "$tmp/m.safetensors" --z="0.5,-1;0,0"
[ "$(wc -l <"$tmp/last.out")" -eq 2 ] || { echo "FAIL decode prints one line per point"; failures=$((failures + 1)); }
check "decode: wrong dimension" 2 "^vae-cli: --z: point 2 has 3 values, but .*m.safetensors has a 2-D latent" -- \
    "$cli" decode --checkpoint "$tmp/m.safetensors" --z="0,0;1,2,3"
check "decode: not a number" 2 "^vae-cli: --z: point 1 has \"x\", not a finite number" -- \
    "$cli" decode --checkpoint "$tmp/m.safetensors" --z="x,0"

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
