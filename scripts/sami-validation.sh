#!/usr/bin/env bash
# A validation run of docs/sami-study.md §6: the default run with every 4th training prompt judged instead of the
# held-out prompts (24: 8 per category) and the other 72 trained on (SFT, SAMI, SFT+SAMI; no DPO).
# Usage: scripts/sami-validation.sh STUDENT LR BETA STEPS OUT [ITERATIONS [FOLD]]
#   STUDENT: the student model directory; LR, BETA, STEPS: SAMI's and SFT+SAMI's (STEPS per iteration); OUT: where to
#   write the spec, the run's artifacts and its printed report (OUT/report.txt). ITERATIONS: SAMI's and SFT+SAMI's
#   (default 1). FOLD 0-3: which training prompts are judged, those at line numbers ≡ FOLD mod 4 (default 0, every
#   4th; the folds are disjoint, so two folds judge 48 prompts). SAMSARA: the CLI (default: this build's).
set -euo pipefail
[ $# -ge 5 ] && [ $# -le 7 ] || { echo "usage: $0 STUDENT LR BETA STEPS OUT [ITERATIONS [FOLD]]" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/.." && pwd)
S=${SAMSARA:-$repo/cli/Samsara.Cli/bin/Release/net10.0/samsara}
iterations=${6:-1}; fold=${7:-0}
case $fold in [0-3]) ;; *) echo "FOLD must be 0, 1, 2 or 3, not '$fold'" >&2; exit 2 ;; esac
student=$(cd "$1" && pwd); lr=$2; beta=$3; steps=$4
mkdir -p "$5"; out=$(cd "$5" && pwd)
world=$repo/examples/task-world
awk -v f="$fold" 'NR % 4 != f' "$world/train-prompts.jsonl" > "$out/fit-prompts.jsonl"
awk -v f="$fold" 'NR % 4 == f' "$world/train-prompts.jsonl" > "$out/val-prompts.jsonl"
cat > "$out/validation.yaml" <<YAML
name: sami-validation
seed: 1
teacher: { path: $repo/models/tiny-teacher }
student: { path: $student, device: cpu }
train_prompts: { path: $out/fit-prompts.jsonl }
eval_prompts: { path: $out/val-prompts.jsonl }
constitutions: { principles: $world/principles.json, per_prompt: 4, prompt_format: compact }
generation: { temperature: 0, top_p: 1.0, max_new_tokens: 128, shard_size: 16 }
filter: { min_length_ratio: 1.5, min_short_length: 5 }
training:
  - { algorithm: SFT, learning_rate: 1e-3, steps: 20, batch_queries: 16, micro_batch: 16 }
  - { algorithm: SAMI, learning_rate: $lr, beta: $beta, steps: $steps, iterations: $iterations, batch_queries: 8, micro_batch: 4, clip: 1.0 }
  - { algorithm: SFT_SAMI, learning_rate: $lr, beta: $beta, steps: $steps, iterations: $iterations, batch_queries: 8, micro_batch: 4, clip: 1.0 }
evaluation:
  judges: [rubric, logprob]
  protocol: both
YAML
"$S" run "$out/validation.yaml" --artifacts "$out/artifacts" | tee "$out/report.txt"
