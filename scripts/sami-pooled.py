# docs/sami-study.md §8: what several runs' judgements say together. Usage: python3 scripts/sami-pooled.py RUN_DIR...
# (RUN_DIR: a run's folder, artifacts/runs/ID, e.g. the two folds of scripts/sami-validation.sh). Prints
# - the win rates of SAMI vs base (rubric, principle-free) and SFT+SAMI vs SFT (principle-free) over the union of the
#   runs' items, with a plain bootstrap 95 % CI over items (4,000 resamples, seed 1);
# - per category, the principle-free judge's score of the base's and SAMI's answers (the teacher's mean log-prob with
#   the constitution marginalised out, read from its verdicts), to see how much content SAMI's answers lose.
import collections, glob, json, random, re, sys

def judgements(name):
    for run in sys.argv[1:]:
        for f in glob.glob(f"{run}/eval/judgements/{name}.jsonl"):
            yield from (json.loads(l) for l in open(f))

for name in ["sami-vs-base-rubric", "sami-vs-base-logprob-free", "sftsami-vs-sft-logprob-free"]:
    xs = [{"A": 1.0, "B": 0.0}.get(j["verdict"], 0.5) for j in judgements(name)]
    if not xs: sys.exit(f"no {name} judgements under {' '.join(sys.argv[1:])}")
    rng = random.Random(1)
    boot = sorted(sum(rng.choice(xs) for _ in xs) / len(xs) for _ in range(4000))
    print(f"{name}: {100 * sum(xs) / len(xs):.1f} % [{100 * boot[100]:.1f}, {100 * boot[3899]:.1f}], n {len(xs)}")

scores = collections.defaultdict(lambda: [0.0, 0.0, 0])
for j in judgements("sami-vs-base-logprob-free"):
    # The verdict's text for the A-first call: "f(first) = SAMI's score, f(second) = the base's".
    raw = j["raw"][[c["order"] for c in j["calls"]].index("AB")]
    sami, base = map(float, re.findall(r"f\((?:first|second)\) = (-?[0-9.]+)", raw))
    s = scores[j["category"]]; s[0] += base; s[1] += sami; s[2] += 1
for category, (base, sami, n) in sorted(scores.items()):
    print(f"principle-free score, {category}: base {base / n:.3f} -> SAMI {sami / n:.3f} ({(sami - base) / n:+.3f}), n {n}")
