#!/usr/bin/env bash
# The demo: builds everything, starts an embedded silo (one process: an Orleans silo with the HTTP API and
# the dashboard, SQLite state and reminders, memory streams, local object store), generates a synthetic Sentinel-2 scene, publishes it, waits for the water-bodies
# and NDVI products and prints where the outputs and their STAC items are. The silo stops on exit.
#
#   DATA_DIR   data folder of the silo (default ./data)
#   SILO_URL   address the silo listens on (default http://127.0.0.1:5080)
#   SAMPLE_SIZE  sample width/height in pixels (default 1024)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

data_dir="${DATA_DIR:-./data}"
mkdir -p "$data_dir"
data_dir="$(cd "$data_dir" && pwd)"
silo_url="${SILO_URL:-http://127.0.0.1:5080}"
sample_size="${SAMPLE_SIZE:-1024}"
silo_dir="$repo_root/src/Silo/bin/Release/net10.0"
silo_log="$data_dir/silo.log"

http_ok() {
    # curl when present; python3 otherwise (bootstrap guarantees it).
    if command -v curl >/dev/null 2>&1; then
        curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null
    else
        python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$1" 2>/dev/null
    fi
}

eoctl() {
    dotnet "$repo_root/src/Cli/bin/Release/net10.0/eoctl.dll" --server "$silo_url" "$@"
}

echo "== bootstrap"
scripts/bootstrap.sh

echo "== build (Release)"
dotnet build Actors.sln -c Release -nologo -clp:ErrorsOnly

if http_ok "$silo_url/health"; then
    echo "demo: something already answers at $silo_url; stop it or set SILO_URL" >&2
    exit 1
fi

echo "== start the silo at $silo_url (data: $data_dir, log: $silo_log)"
Silo__DataDirectory="$data_dir" dotnet "$silo_dir/Actors.Silo.dll" --urls "$silo_url" >"$silo_log" 2>&1 &
silo_pid=$!

stop_silo() {
    if kill -0 "$silo_pid" 2>/dev/null; then
        echo "== stop the silo (pid $silo_pid)"
        kill "$silo_pid" 2>/dev/null || true
        wait "$silo_pid" 2>/dev/null || true
    fi
}
trap stop_silo EXIT

deadline=$((SECONDS + 60))
until http_ok "$silo_url/health"; do
    if ! kill -0 "$silo_pid" 2>/dev/null; then
        echo "demo: the silo exited during start-up; its log:" >&2
        tail -n 40 "$silo_log" >&2
        exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
        echo "demo: the silo did not answer $silo_url/health within 60 s; its log:" >&2
        tail -n 40 "$silo_log" >&2
        exit 1
    fi
    sleep 0.5
done
echo "silo is healthy"

echo "== generate a ${sample_size}x${sample_size} synthetic scene"
item="$(eoctl sample --out "$data_dir/samples/demo" --size "$sample_size")"
echo "STAC item: $item"

echo "== publish it"
scene="$(eoctl publish "$item")"
echo "scene id: $scene"

echo "== wait for the products"
eoctl wait "$scene" --timeout 600

echo
echo "== status"
eoctl status "$scene"

echo
echo "== where things are"
echo "objects of scene $scene (product COGs and quicklooks, staged bands) under $data_dir/objects:"
find "$data_dir/objects" -type f -path "*/$scene/*" \( -name '*.tif' -o -name '*.png' \) 2>/dev/null | sort | sed 's/^/  /'
echo "STAC API:"
echo "  $silo_url/stac/collections"
for product in water-bodies ndvi; do
    echo "  $silo_url/stac/collections/$product/items"
done
echo "Orleans Dashboard (while the silo runs): $silo_url/dashboard/"
echo "silo log: $silo_log"
echo "demo finished"
