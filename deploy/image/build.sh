#!/usr/bin/env bash
# Builds the silo container image from this checkout without pulling anything from a container registry:
#   1. the base image: Debian bookworm (debootstrap --variant=minbase) with GDAL 3.6 and the native libraries
#      the raster engine loads (libgdal32, libzstd1), CA certificates and an unprivileged user (uid 10001);
#      built once and reused while it exists (BASE_IMAGE; REBUILD_BASE=1 builds it anew);
#   2. the silo and eoctl, published self-contained for linux-x64;
#   3. deploy/image/Containerfile layered on the base with `podman build --pull=never`.
# The image is tagged IMAGE (default localhost/eo-actors:dev) and labelled with a hash of the sources; when an
# image with the same hash exists, steps 2 and 3 are skipped. Installs podman, buildah, runc, debootstrap and iptables
# with apt when missing (needs root). Prints the image name last.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_root"

IMAGE="${IMAGE:-localhost/eo-actors:dev}"
BASE_IMAGE="${BASE_IMAGE:-localhost/eo-actors-base:bookworm}"
DEBIAN_MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
cache="${IMAGE_CACHE:-$repo_root/.image-cache}"
export CONTAINERS_CONF="$repo_root/deploy/image/containers.conf"

log() { echo "== image: $*" >&2; }

missing=()
# iptables: netavark sets up the bridge network of `podman run -p` with it.
for tool in podman:podman buildah:buildah runc:runc debootstrap:debootstrap iptables:iptables; do
    command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool##*:}")
done
if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
        "${missing[@]}" netavark aardvark-dns uidmap >&2
fi

if [ "${REBUILD_BASE:-0}" = 1 ] || ! podman image exists "$BASE_IMAGE"; then
    started=$SECONDS
    rootfs="$cache/rootfs"
    log "base $BASE_IMAGE: debootstrap bookworm into $rootfs"
    rm -rf "$rootfs"
    mkdir -p "$rootfs"
    debootstrap --variant=minbase bookworm "$rootfs" "$DEBIAN_MIRROR" >&2
    chroot "$rootfs" /bin/sh -c '
        set -e
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends libgdal32 libzstd1 ca-certificates
        apt-get clean
        rm -rf /var/lib/apt/lists/* /var/cache/apt/* /var/log/apt/* /var/log/dpkg.log
        echo "eo:x:10001:10001:eo-actors silo:/scratch:/usr/sbin/nologin" >> /etc/passwd
        echo "eo:x:10001:" >> /etc/group' >&2
    container=$(buildah from scratch)
    buildah copy "$container" "$rootfs" / >/dev/null
    buildah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        --label org.opencontainers.image.description="Debian bookworm minbase with GDAL 3.6 (libgdal32), libzstd1, CA certificates" \
        "$container"
    buildah commit --rm "$container" "$BASE_IMAGE" >/dev/null
    rm -rf "$rootfs"
    log "base built in $((SECONDS - started)) s"
fi

# What the application layer is made of: every source, project and build file (not bin/ or obj/).
source_hash=$( { find src -type f -not -path '*/bin/*' -not -path '*/obj/*' -print0 | sort -z | xargs -0 sha256sum;
    sha256sum Directory.Build.props Directory.Packages.props deploy/image/Containerfile; podman image inspect --format '{{.Id}}' "$BASE_IMAGE"; } \
    | sha256sum | cut -c1-16)
if [ "$(podman image inspect --format '{{index .Labels "eo-actors.source-hash"}}' "$IMAGE" 2>/dev/null || true)" = "$source_hash" ]; then
    log "$IMAGE is up to date (sources $source_hash)"
    echo "$IMAGE"
    exit 0
fi

started=$SECONDS
context="$cache/context"
rm -rf "$context"
mkdir -p "$context"
# A separate artifacts folder: the publish for linux-x64 does not touch the bin/ and obj/ of the normal build.
for project in Silo:silo Cli:eoctl; do
    log "publishing src/${project%%:*} (self-contained, linux-x64)"
    dotnet publish "src/${project%%:*}" -c Release -r linux-x64 --self-contained -nologo -clp:ErrorsOnly \
        --artifacts-path "$cache/artifacts" -p:DebugType=none -o "$context/${project##*:}" >&2
done
log "podman build $IMAGE"
podman build --pull=never --quiet -f deploy/image/Containerfile --build-arg BASE="$BASE_IMAGE" \
    --label eo-actors.source-hash="$source_hash" -t "$IMAGE" "$context" >&2
rm -rf "$context"
log "built in $((SECONDS - started)) s, $(podman image inspect --format '{{.Size}}' "$IMAGE" | numfmt --to=si)B"
echo "$IMAGE"
