#!/usr/bin/env bash
# The default run before and after the engine's move to TorchSharp, on one spec and one machine: builds the CLI of
# OLD_REV (default d113dfe^, the last commit on the in-house libtorch 1.13 binding; needs cmake, g++ and Debian's
# libtorch-dev to build its native/ shim) in a temporary worktree, runs `samsara run` with it and with this checkout's
# CLI on OLD_REV's examples/quickstart.yaml (both read the same spec, models and task world), each under
# /usr/bin/time -v, and prints wall time, CPU time (user + system), peak RSS and how far the result tables moved.
# Run it on an idle machine for wall times; CPU time is the figure that survives other load.
#
# usage: scripts/compare-engines.sh [OLD_REV] [WORK_DIR]
# WORK_DIR (default: a new temporary directory) keeps the logs and artifacts; the old worktree is removed either way.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
old_rev=${1:-d113dfe^}
work=${2:-$(mktemp -d -t samsara-compare-XXXXXX)}
keep_work=${2:+yes}
old="$work/old"

cleanup() {
  git -C "$repo" worktree remove --force "$old" 2>/dev/null || true
  [ -n "$keep_work" ] || rm -rf "$work"
}
trap cleanup EXIT

git rev-parse --verify --quiet "$old_rev^{commit}" >/dev/null || { echo "compare-engines: no commit '$old_rev'" >&2; exit 1; }
for tool in cmake g++; do
  command -v "$tool" >/dev/null || { echo "compare-engines: $old_rev's native/ shim needs $tool (apt-get install cmake g++ libtorch-dev)" >&2; exit 1; }
done
mkdir -p "$work"
# A WORK_DIR kept from an earlier try reuses its worktree and build (the native shim takes minutes to compile).
[ -d "$old/.git" ] || [ -f "$old/.git" ] || git worktree add --detach "$old" "$old_rev" >/dev/null
echo "compare-engines: building the CLI at $old_rev and at $(git rev-parse --short HEAD)" >&2
dotnet build "$old/cli/Samsara.Cli" -c Release -nologo -v quiet >"$work/build-old.log" 2>&1 || { tail -20 "$work/build-old.log" >&2; exit 1; }
dotnet build cli/Samsara.Cli -c Release -nologo -v quiet >"$work/build-new.log" 2>&1 || { tail -20 "$work/build-new.log" >&2; exit 1; }

spec="$old/examples/quickstart.yaml"
for side in old new; do
  cli="$repo/cli/Samsara.Cli/bin/Release/net10.0/samsara.dll"
  [ "$side" = old ] && cli="$old/cli/Samsara.Cli/bin/Release/net10.0/samsara.dll"
  echo "compare-engines: running the $side engine (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  /usr/bin/time -v -o "$work/time-$side.txt" dotnet "$cli" run "$spec" --artifacts "$work/artifacts-$side" \
    >"$work/run-$side.log" 2>"$work/run-$side.err" || { tail -20 "$work/run-$side.err" >&2; exit 1; }
  echo "compare-engines: $side done (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
done

python3 - "$work" "$old_rev" <<'EOF'
import re, sys
work, old_rev = sys.argv[1], sys.argv[2]

def usage(side):
    text = open(f"{work}/time-{side}.txt").read()
    field = lambda name: re.search(re.escape(name) + r": (.+)", text).group(1).strip()
    wall = 0.0
    for part in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":"):
        wall = wall * 60 + float(part)
    user, system = float(field("User time (seconds)")), float(field("System time (seconds)"))
    return wall, user, system, int(field("Maximum resident set size (kbytes)")) / 1024

def tables(side):
    # Rows of the result tables the run prints last, keyed by their text columns; numbers kept in order.
    rows = {}
    for line in open(f"{work}/run-{side}.log"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if not cells or set(cells[0]) <= set("-:"):
            continue
        numbers = [float(x) for c in cells for x in re.findall(r"[-+]?\d+\.\d+", c.replace("*", ""))]
        key = " | ".join(c for c in cells if not re.search(r"\d+\.\d+", c))
        if numbers:
            rows[key] = numbers
    return rows

print(f"| engine | wall | CPU (user + sys) | peak RSS |")
print("|---|---:|---:|---:|")
for side, name in (("old", f"{old_rev} (libtorch 1.13, in-house binding)"), ("new", "this checkout (TorchSharp, libtorch 2.10)")):
    wall, user, system, rss = usage(side)
    print(f"| {name} | {wall:.0f} s | {user + system:.0f} s ({user:.0f} + {system:.0f}) | {rss:.0f} MiB |")
(ow, ou, os_, _), (nw, nu, ns, _) = usage("old"), usage("new")
print(f"\nnew / old: wall {nw / ow:.2f}, CPU {(nu + ns) / (ou + os_):.2f}")

old_rows, new_rows = tables("old"), tables("new")
moved = []
for key in old_rows.keys() & new_rows.keys():
    if len(old_rows[key]) == len(new_rows[key]):
        moved += [(abs(a - b), key) for a, b in zip(old_rows[key], new_rows[key])]
changed = sorted({k for d, k in moved if d > 0})
print(f"\ntables: {len(old_rows.keys() & new_rows.keys())} rows in both, {len(changed)} with a number that moved; "
      f"largest move {max((d for d, _ in moved), default=0):.3f} (table units: % or nats)")
for key in changed:
    print(f"  {key}: {old_rows[key]} -> {new_rows[key]}")
only = sorted(old_rows.keys() ^ new_rows.keys())
if only:
    print(f"rows in one run only: {len(only)} (e.g. tables one version prints and the other does not)")
EOF
