#!/usr/bin/env bash
# The default run's generation stage (examples/quickstart.yaml, local tiny teacher) with one local-model shard at a
# time (Generator:LocalModelJobs=1, the default) against two at once (=2, what MaxConcurrentJobs=ProcessorCount gave
# before on 2 cores), in alternating pairs in the same session: CPU seconds and wall seconds of `samsara run` from its
# start until it reports filtering, then the process is stopped. Prints each measurement and the ratios 1 vs 2.
# Usage: bench/scripts/generation-cpu.sh [PAIRS]   (build first: dotnet build cli/Samsara.Cli -c Release)
set -euo pipefail
cd "$(dirname "$0")/../.."
samsara=${SAMSARA:-cli/Samsara.Cli/bin/Release/net10.0/samsara}
pairs=${1:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ticks=$(getconf CLK_TCK)

# Prints "CPU_SECONDS WALL_SECONDS" of one run's generation with Generator:LocalModelJobs=$1.
measure() {
  local dir="$work/run-$1-$RANDOM" cpu=0 start end pid
  start=$(date +%s.%N)
  Generator__LocalModelJobs=$1 "$samsara" run --artifacts "$dir" >/dev/null 2>"$dir.log" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    # utime + stime of the whole process (all its threads), fields 14 and 15 of /proc/PID/stat.
    cpu=$(awk -v t="$ticks" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$pid/stat" 2>/dev/null || echo "$cpu")
    grep -q "filtering" "$dir.log" && break
    sleep 0.2
  done
  end=$(date +%s.%N)
  grep -q "filtering" "$dir.log" || { echo "run with LocalModelJobs=$1 ended before filtering:" >&2; tail -5 "$dir.log" >&2; exit 1; }
  kill -KILL "$pid" 2>/dev/null || true   # the run is of no further use; SIGTERM would let it shut down gracefully, slowly
  wait "$pid" 2>/dev/null || true
  awk -v c="$cpu" -v s="$start" -v e="$end" 'BEGIN { printf "%s %.1f\n", c, e - s }'
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
sum1c=0; sum1w=0; sum2c=0; sum2w=0
for i in $(seq "$pairs"); do
  read -r c2 w2 < <(measure 2)
  read -r c1 w1 < <(measure 1)
  echo "pair $i: LocalModelJobs=2 cpu ${c2}s wall ${w2}s | LocalModelJobs=1 cpu ${c1}s wall ${w1}s"
  sum1c=$(awk -v a="$sum1c" -v b="$c1" 'BEGIN { print a + b }'); sum1w=$(awk -v a="$sum1w" -v b="$w1" 'BEGIN { print a + b }')
  sum2c=$(awk -v a="$sum2c" -v b="$c2" 'BEGIN { print a + b }'); sum2w=$(awk -v a="$sum2w" -v b="$w2" 'BEGIN { print a + b }')
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v c1="$sum1c" -v c2="$sum2c" -v w1="$sum1w" -v w2="$sum2w" \
  'BEGIN { printf "generation, one local shard at a time vs two: CPU %.2fx, wall %.2fx\n", c1 / c2, w1 / w2 }'
