#!/usr/bin/env bash
# The experiments of docs/sami-study.md. Usage: scripts/sami-study.sh RUN_DIR OUT_DIR
#   RUN_DIR: a finished default run (artifacts/runs/ID: its datasets/sami.jsonl and models/sft), OUT_DIR: where to work.
#   SAMSARA: the CLI (default: the Release build in this checkout).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
S=${SAMSARA:-$repo/cli/Samsara.Cli/bin/Release/net10.0/samsara}
run=$(cd "$1" && pwd); mkdir -p "$2"; cd "$2"
# Validation split of the *training* prompts: every 4th kept query; SAMI trains on the rest.
python3 - "$run/datasets/sami.jsonl" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
open("train.jsonl", "w").write("".join(l + "\n" for i, l in enumerate(lines) if i % 4 != 3))
open("val.jsonl", "w").write("".join(l + "\n" for i, l in enumerate(lines) if i % 4 == 3))
PY
# Held-out: the teacher's greedy answers to the held-out prompts under all 4 constitutions of their category.
$S generate --model "$repo/models/tiny-teacher" --prompts "$repo/examples/task-world/heldout-prompts.jsonl" \
  --constitutions "$repo/examples/task-world/principles.json" --per-prompt 4 --prompt-format compact --temperature 0 \
  --max-new-tokens 128 --seed 1 --out heldout-teacher.jsonl 2>/dev/null
for d in val heldout-teacher; do echo "-- starting models on $d"; $S mi --data $d.jsonl --model "$repo/models/tiny-student" "$repo/models/tiny-teacher" "$run/models/sft" 2>/dev/null; done
train() {
  name=$1; from=$2; shift 2; rm -rf "m-$name"
  /usr/bin/time -f "$name: wall %e s, CPU %U+%S s" $S train --algo sami --model "$from" --data train.jsonl --out "m-$name" --seed 1 \
    --batch-queries 8 --micro-batch 4 --clip 1.0 --save-every 1000 "$@" >/dev/null 2>"m-$name.err"; tail -1 "m-$name.err"
  for d in val heldout-teacher; do echo "-- $name on $d"; $S mi --data $d.jsonl --model "m-$name" 2>/dev/null | tail -1; done
  # A look at its own greedy answers under the strong and the antithesis constitution of 9 held-out prompts.
  $S generate --model "m-$name" --prompts peek.jsonl --constitutions "$repo/examples/task-world/principles.json" --per-prompt 2 \
    --prompt-format compact --temperature 0 --max-new-tokens 128 --seed 1 --out "peek-$name.jsonl" 2>/dev/null
}
python3 - "$repo/examples/task-world/heldout-prompts.jsonl" <<'PY'
import json, sys
by = {}
for l in open(sys.argv[1]): by.setdefault(json.loads(l)["category"], []).append(l)
open("peek.jsonl", "w").write("".join(l for v in by.values() for l in v[:3]))
PY
train A-default "$repo/models/tiny-student" --beta 1.0 --lr 1e-3 --steps 12
train B-nokl "$repo/models/tiny-student" --lr 1e-3 --steps 12
train C-48steps "$repo/models/tiny-student" --beta 1.0 --lr 1e-3 --steps 48
# The bound's halves on per-token means and on summed log-probs (validation split).
python3 - <<'PY'
import json
with open("val-pairs.jsonl", "w") as out:
    for l in open("val.jsonl"):
        r = json.loads(l)
        for i, c in enumerate(r["constitutions"]):
            for j, y in enumerate(r["responses"]):
                prompt = f"Assistant System Instructions: {c}\n\nHuman: {r['prompt']}\n\nAssistant:"
                out.write(json.dumps({"id": f"{r['id']}|{i}|{j}", "prompt": prompt, "response": y}) + "\n")
PY
$S logprobs --model "$repo/models/tiny-teacher" --data val-pairs.jsonl --out val-lp-teacher.jsonl 2>/dev/null
$S logprobs --model "$repo/models/tiny-student" --data val-pairs.jsonl --out val-lp-student.jsonl 2>/dev/null
$S logprobs --model m-C-48steps --data val-pairs.jsonl --out val-lp-C-48steps.jsonl 2>/dev/null
python3 "$repo/scripts/sami-halves.py" val-lp-teacher.jsonl val-lp-student.jsonl val-lp-C-48steps.jsonl
