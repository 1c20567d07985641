#!/usr/bin/env bash
# A validation run of docs/sami-study.md §9–§11: the default run's training (SFT, SAMI, SFT+SAMI; no DPO) judged on the
# task world's validation prompts instead of its held-out ones: 96 prompts (32 per category) that neither the tiny
# models' pretraining nor the run's training saw, like the held-out prompts (§8 showed why a split of the training
# prompts cannot stand in for them). Settings are chosen here; the default run reports on the held-out prompts.
# Usage: scripts/sami-validation.sh LR BETA STEPS OUT [TRAIN [STUDENT]]
#   LR, BETA, STEPS: SAMI's and SFT+SAMI's; OUT: where to write the spec, the run's artifacts and its printed report
#   (OUT/report.txt). TRAIN: training prompts (default 96, examples/task-world's; another count writes the same world,
#   samsara world's defaults, with that many, whose validation prompts are the same). STUDENT: the student model
#   (default models/tiny-student).
#   SAMSARA: the CLI (default: this build's); THREADS: libtorch's threads (default: its choice); SFT_LR: SFT's learning
#   rate (default 1e-3, the default run's); SEED: the run's seed (default 1); TEACHER: the teacher model (default
#   models/tiny-teacher).
set -euo pipefail
[ $# -ge 4 ] && [ $# -le 6 ] || { echo "usage: $0 LR BETA STEPS OUT [TRAIN [STUDENT]]" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/.." && pwd)
S=${SAMSARA:-$repo/cli/Samsara.Cli/bin/Release/net10.0/samsara}
lr=$1; beta=$2; steps=$3; train=${5:-96}
student=$(cd "${6:-$repo/models/tiny-student}" && pwd)
teacher=$(cd "${TEACHER:-$repo/models/tiny-teacher}" && pwd)
mkdir -p "$4"; out=$(cd "$4" && pwd)
world=$repo/examples/task-world
if [ "$train" != 96 ]; then
  "$S" world --out "$out/world" --train "$train" >/dev/null
  world=$out/world
fi
cat > "$out/validation.yaml" <<YAML
name: sami-validation
seed: ${SEED:-1}
teacher: { path: $teacher }
student: { path: $student, device: cpu }
train_prompts: { path: $world/train-prompts.jsonl }
eval_prompts: { path: $world/validation-prompts.jsonl }
constitutions: { principles: $world/principles.json, per_prompt: 4, prompt_format: compact }
generation: { temperature: 0, top_p: 1.0, max_new_tokens: 128, shard_size: 16 }
filter: { min_length_ratio: 1.5, min_short_length: 5 }
training:
  - { algorithm: SFT, learning_rate: ${SFT_LR:-1e-3}, steps: 20, batch_queries: 16, micro_batch: 16 }
  - { algorithm: SAMI, learning_rate: $lr, beta: $beta, steps: $steps, batch_queries: 8, micro_batch: 4, clip: 1.0 }
  - { algorithm: SFT_SAMI, learning_rate: $lr, beta: $beta, steps: $steps, batch_queries: 8, micro_batch: 4, clip: 1.0 }
evaluation:
  judges: [rubric, logprob]
  protocol: both
YAML
"$S" run "$out/validation.yaml" --artifacts "$out/artifacts" ${THREADS:+--threads "$THREADS"} | tee "$out/report.txt"
