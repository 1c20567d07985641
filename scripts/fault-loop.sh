#!/usr/bin/env bash
# Runs every distributed fault scenario (tests/Samsara.EndToEnd.Tests/Faults: broker restart mid-run, stage service
# killed mid-stage, gateway restart, duplicate delivery, poison message, cancel mid-training, worker lost without a
# trace, judge killed mid-evaluation, poison evaluation task, judge endpoint answering bursts of 429) ROUNDS times in a row
# while a CPU hog keeps every core busy, and prints each round's and the total pass/fail counts.
#
#   bash scripts/fault-loop.sh [ROUNDS]        # default 10; slow (several minutes a round)
#
# The hog is one busy shell loop per core, started here and stopped by PID when the script ends, however it ends.
# It needs what the end-to-end tests need: a built tree, RabbitMQ (started here if down), python3-grpcio.
# Exit status: 0 when every scenario passed in every round.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds="${1:-10}"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "fault-loop: ROUNDS must be a positive integer, not '$rounds'" >&2; exit 2; }
project=tests/Samsara.EndToEnd.Tests/Samsara.EndToEnd.Tests.csproj
results="$(mktemp -d /tmp/samsara-fault-loop.XXXXXX)"

bash scripts/start-rabbitmq.sh
dotnet build "$project" -c Release -nologo -v quiet -warnaserror

hogs=()
stop_hogs() {
  for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap stop_hogs EXIT
for _ in $(seq "$(nproc)"); do
  ( while :; do :; done ) &
  hogs+=("$!")
done
echo "fault-loop: CPU hog on $(nproc) cores (PIDs ${hogs[*]}); $rounds rounds; results in $results"

# One attribute of the trx's <Counters> element, 0 when the run wrote none.
counter() { grep -o "<Counters [^>]*" "$1" 2>/dev/null | grep -o " $2=\"[0-9]*\"" | grep -o "[0-9]*" || echo 0; }

total_passed=0
total_failed=0
for round in $(seq "$rounds"); do
  trx="round-$round.trx"
  dotnet test "$project" -c Release --no-build --filter "FullyQualifiedName~Samsara.EndToEnd.Tests.Faults" \
    --logger "trx;LogFileName=$trx" --results-directory "$results" >"$results/round-$round.log" 2>&1 || true
  passed="$(counter "$results/$trx" passed)"
  failed="$(counter "$results/$trx" failed)"
  executed="$(counter "$results/$trx" executed)"
  # A run that died before writing its counters counts as one failure.
  if [[ "$executed" == 0 ]]; then failed=1; fi
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  echo "fault-loop: round $round/$rounds: $passed passed, $failed failed ($(date -u +%H:%M:%S))"
  if [[ "$failed" != 0 ]]; then grep -E "^\s+Failed |Error Message" -A2 "$results/round-$round.log" | head -20 || true; fi
done

echo "fault-loop: $rounds rounds under load: $total_passed passed, $total_failed failed"
[[ "$total_failed" == 0 ]]
