#!/usr/bin/env bash
# The main job: build Samsara and run the default run — `samsara run` with no spec runs examples/quickstart.yaml:
# the committed tiny teacher writes under sampled constitutions, the filter keeps contrastive pairs, the tiny student
# is trained with SFT, DPO, SAMI and SFT+SAMI, and every model is judged and scored. The report lands in
# artifacts/runs/RUN-ID/eval/ (report.md, report.json, SVG charts); its summary table is printed at the end.
# Running it again reports the finished run; `rm -rf artifacts` starts over.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build cli/Samsara.Cli -c Release -v quiet -nologo
dotnet cli/Samsara.Cli/bin/Release/net10.0/samsara.dll run --artifacts artifacts "$@"
