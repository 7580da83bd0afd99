#!/usr/bin/env bash
# Self-test of validate-api.mjs (and validate.mjs) on the hand-written fixtures: for each response
# kind, the valid fixture must pass (exit 0) and the invalid one must fail (exit 1) naming the
# problem; usage errors exit 2. Offline; needs `npm ci` to have been run in this directory.
# Usage: ./selftest.sh   (from any directory)
set -uo pipefail
cd "$(dirname "$0")"
failures=0
out=$(mktemp); trap 'rm -f "$out"' EXIT

# expect EXIT_CODE PATTERN -- COMMAND...: runs COMMAND, checks its exit code and that its output
# matches the (grep -E) PATTERN.
expect() {
  local code=$1 pattern=$2; shift 3
  "$@" >"$out" 2>&1; local rc=$?
  if [[ $rc -ne $code ]] || ! grep -qE -- "$pattern" "$out"; then
    echo "FAIL: $* (exit $rc, expected $code and /$pattern/)"; sed 's/^/    /' "$out"; failures=$((failures + 1))
  else
    echo "ok   $* -> exit $rc, /$pattern/"
  fi
}

api() { node validate-api.mjs openapi "$@"; }

# Valid fixtures, one per kind.
for kind in landing conformance collections collection items item search queryables; do
  expect 0 "^valid fixtures/$kind.valid.json \($kind\)$" -- api "$kind" "fixtures/$kind.valid.json"
done

# Invalid fixtures: each must be rejected and the problem named.
expect 1 "^INVALID fixtures/landing.invalid.json \(landing\)$" -- api landing fixtures/landing.invalid.json
expect 1 "/ must have required property 'conformsTo'" -- api landing fixtures/landing.invalid.json
expect 1 "/conformsTo must be array" -- api conformance fixtures/conformance.invalid.json
expect 1 "collection.json: /collections/0/license must be string" -- api collections fixtures/collections.invalid.json
expect 1 "/ must have required property 'extent'" -- api collection fixtures/collection.invalid.json
expect 1 "/features/0 must have required property 'geometry'" -- api items fixtures/items.invalid.json
expect 1 "/properties must have required property 'datetime'" -- api item fixtures/item.invalid.json
expect 1 "/ must have required property 'type'" -- api search fixtures/search.invalid.json
expect 1 "/type must be \"object\"" -- api queryables fixtures/queryables.invalid.json
expect 1 "must have property 'properties'" -- api queryables fixtures/queryables.invalid.json

# A mix of valid and invalid files: one line each, exit 1.
expect 1 "^valid fixtures/search.valid.json \(search\)$" -- api search fixtures/search.valid.json fixtures/search.invalid.json
# The wrong kind for a document is rejected.
expect 1 "must have required property 'conformsTo'" -- api landing fixtures/items.valid.json

# Usage errors.
expect 2 "unknown RESPONSE_KIND 'nope'" -- api nope fixtures/landing.valid.json
expect 2 "^usage: " -- api landing
expect 2 "not found" -- node validate-api.mjs fixtures landing fixtures/landing.valid.json

# A $ref with no offline copy fails loudly instead of being fetched.
tmp=$(mktemp -d); trap 'rm -rf "$tmp" "$out"' EXIT
cp -r openapi "$tmp/openapi"
sed -i 's|\$ref: "#/components/schemas/geometryGeoJSON"|$ref: "https://geojson.org/schema/Nope.json"|' "$tmp/openapi/core/commons.yaml"
expect 2 "no offline copy of https://geojson.org/schema/Nope.json" -- node validate-api.mjs "$tmp/openapi" items fixtures/items.valid.json
# ... while one with an offline copy (schemas/geojson) resolves to it.
sed -i 's|https://geojson.org/schema/Nope.json|https://geojson.org/schema/Geometry.json|' "$tmp/openapi/core/commons.yaml"
expect 0 "^valid " -- node validate-api.mjs "$tmp/openapi" items fixtures/items.valid.json

# validate.mjs (shares stac-schemas.mjs) still validates single STAC documents.
expect 0 "^valid fixtures/item.valid.json \(S2A_20240101_T31UDQ\) against 2 schemas$" -- node validate.mjs schemas fixtures/item.valid.json
expect 1 "must have required property 'extent'" -- node validate.mjs schemas fixtures/collection.invalid.json

if [[ $failures -gt 0 ]]; then echo "selftest: $failures FAILED"; exit 1; fi
echo "selftest: all passed"
