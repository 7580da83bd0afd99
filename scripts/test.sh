#!/usr/bin/env bash
# The test command: installs system packages, builds the solution in Release with warnings as errors,
# then runs every test project. Prints a summary per test assembly and exits non-zero on any failure.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

scripts/bootstrap.sh
# The STAC schema validator the end-to-end tests run (ajv; versions pinned by the lock file).
(cd tests/stac-validation && npm ci --no-audit --no-fund --silent)
# The openEO acceptance test's client (@openeo/js-client 2.12.0) and its openapi.yaml / process-graph validators.
(cd tests/openeo-client && npm ci --no-audit --no-fund --silent)
# The validators are tested too: each must accept the valid fixtures and name what breaks the invalid ones.
tests/stac-validation/selftest.sh >/dev/null

# ---- Helm chart, offline (deploy/helm/eo-actors): strict lint and render with the default and the
# production-like values; each rendered manifest through kubernetes-models (types, required fields). The
# dotnet tests (Deploy/) load the same manifests strictly (unknown fields), break templates on purpose and
# run the image built by deploy/image/build.sh as three silo containers.
echo "== helm chart"
helm="$(tests/helm-validation/tools.sh)"
for values in "" "-f deploy/helm/eo-actors/values-production.yaml"; do
    # shellcheck disable=SC2086
    "$helm" lint --strict deploy/helm/eo-actors $values >/dev/null
    # shellcheck disable=SC2086
    "$helm" template eo deploy/helm/eo-actors $values | node tests/helm-validation/validate.mjs | tail -1
done
# ----

# Real services on loopback for the integration tests (PostgreSQL and s3rver),
# stopped whatever way this script ends.
services_dir="$repo_root/.services"
trap 'deploy/local/services.sh stop "$services_dir" >/dev/null 2>&1 || true' EXIT
echo "== services"
deploy/local/services.sh start "$services_dir"

results_dir="$repo_root/artifacts/test-results"
rm -rf "$results_dir"
mkdir -p "$results_dir"

started=$SECONDS
echo "== build (Release, warnings as errors)"
dotnet build Actors.sln -c Release -warnaserror -nologo -clp:ErrorsOnly
build_seconds=$((SECONDS - started))

echo "== test"
test_status=0
dotnet test Actors.sln -c Release --no-build --nologo \
    --logger "trx" --results-directory "$results_dir" \
    --logger "console;verbosity=normal" || test_status=$?
test_seconds=$((SECONDS - started - build_seconds))

echo
echo "== summary (build ${build_seconds}s, tests ${test_seconds}s)"
shopt -s nullglob
trx_files=("$results_dir"/*.trx)
if [ "${#trx_files[@]}" -eq 0 ]; then
    echo "no test results were written" >&2
    exit 1
fi
for trx in "${trx_files[@]}"; do
    # The Counters element of a TRX file holds the totals; print them per test assembly.
    python3 - "$trx" <<'PY'
import re, sys, xml.etree.ElementTree as ET
from datetime import datetime
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
root = ET.parse(sys.argv[1]).getroot()
counters = root.find("t:ResultSummary/t:Counters", ns)
method = root.find("t:TestDefinitions/t:UnitTest/t:TestMethod", ns)
name = method.get("codeBase", "").rsplit("/", 1)[-1] if method is not None else "(assembly without tests)"
c = counters.attrib if counters is not None else {}
times = root.find("t:Times", ns)
def parse(text):
    # TRX times carry 7 fractional digits; keep 6 for datetime.
    return datetime.fromisoformat(re.sub(r"(\.\d{6})\d+", r"\1", text))
seconds = (parse(times.get("finish")) - parse(times.get("start"))).total_seconds() if times is not None else 0
print(f"  {name:<32} total {c.get('total','?'):>3}  passed {c.get('passed','?'):>3}  failed {c.get('failed','?'):>3}  not run {c.get('notExecuted','0'):>3}  {seconds:6.1f} s")
PY
done

# One plain closing line over every assembly, in the form CI reads: "N passed, N failed".
python3 - "${trx_files[@]}" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in sys.argv[1:]:
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None:
        continue
    passed += int(c.get("passed", 0))
    failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY

# The failures again, last, with the start of their messages: a log cut to its tail still names them.
python3 - "${trx_files[@]}" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for path in sys.argv[1:]:
    for result in ET.parse(path).getroot().iterfind("t:Results/t:UnitTestResult", ns):
        if result.get("outcome") in ("Passed", "NotExecuted"):
            continue
        message = result.findtext("t:Output/t:ErrorInfo/t:Message", "", ns).strip()
        stack = result.findtext("t:Output/t:ErrorInfo/t:StackTrace", "", ns).strip().splitlines()
        print(f"FAILED {result.get('testName')} ({result.get('duration')})")
        print("  " + message[:1500].replace("\n", "\n  "))
        for line in stack[:6]:
            print("  " + line.strip())
PY

if [ "$test_status" -ne 0 ]; then
    echo "TESTS FAILED (exit $test_status)" >&2
    exit "$test_status"
fi
echo "ALL TESTS PASSED"
