#!/usr/bin/env bash
# Builds everything with warnings as errors and runs every test project; ends with "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
# The messaging tests talk to a real broker: start Debian's RabbitMQ on loopback (a running one is left alone).
scripts/start-rabbitmq.sh || { echo "0 passed, 1 failed"; exit 1; }
dotnet build Samsara.sln -c Release -nologo -v quiet -warnaserror || { echo "0 passed, 1 failed"; exit 1; }
dotnet test Samsara.sln -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# One summary line per test assembly: "Passed!  - Failed: 0, Passed: 21, Skipped: 0, Total: 21, …"
read -r passed failed skipped < <(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" |
  awk -F'[:,] +' '{f+=$2; p+=$4; s+=$6} END {print p+0, f+0, s+0}')
rm -f "$log"
[ "$status" -eq 0 ] || [ "$failed" -gt 0 ] || failed=1
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
