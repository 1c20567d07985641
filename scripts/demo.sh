#!/usr/bin/env bash
# The main job for now: build Samsara, create a tiny Llama with the byte tokenizer, and generate from it.
# (Later: `samsara run`, the whole alignment pipeline on the embedded default.)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build cli/Samsara.Cli -c Release -v quiet -nologo
samsara() { dotnet cli/Samsara.Cli/bin/Release/net10.0/samsara.dll "$@"; }
samsara init-model --config examples/tiny-llama.json --out artifacts/tiny-llama --seed 1
samsara generate --model artifacts/tiny-llama --prompt "Once upon a time" --max-new-tokens 48 --temperature 0.8 --seed 1
