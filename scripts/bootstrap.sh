#!/usr/bin/env bash
# Installs the system packages the build, the tests and the demo need (GDAL 3.6 for the raster
# engine; rasterio and scikit-image for the Python reference used by the benchmarks).
# Idempotent: installs only what dpkg reports missing, and runs apt-get update at most once.
set -euo pipefail

packages=(libgdal32 gdal-bin python3-rasterio python3-skimage nodejs redis-server)

if ! command -v dotnet >/dev/null 2>&1; then
    echo "bootstrap: the .NET 10 SDK (dotnet) is not on PATH; install it first" >&2
    exit 1
fi

missing=()
for package in "${packages[@]}"; do
    # dpkg -s also knows removed packages that left config files; only "install ok installed" counts.
    if ! dpkg -s "$package" 2>/dev/null | grep -q '^Status: install ok installed'; then
        missing+=("$package")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    echo "bootstrap: system packages present (${packages[*]})"
    exit 0
fi

echo "bootstrap: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "bootstrap: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update
"${as_root[@]}" apt-get install -y "${missing[@]}"
