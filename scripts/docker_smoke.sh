#!/usr/bin/env bash
# Build the image with podman (daemonless), run it, smoke-test it over loopback, clean up.
# Follows ../shared/CONTAINER-TESTING.md: a local Debian base made with debootstrap when no
# base image is available, runc + cgroupfs, the host CA bundle passed as a build secret.
set -euo pipefail
cd "$(dirname "$0")/.."
NAME=gradserve-smoke-$$
IMAGE=localhost/gradserve:smoke
PORT=${SMOKE_PORT:-18765}
BASE=${BASE_IMAGE:-localhost/debian-base:bookworm}
WORK=$(mktemp -d)
export CONTAINERS_CONF=$WORK/containers.conf
cat > "$CONTAINERS_CONF" <<CONF
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF

need() { command -v "$1" >/dev/null 2>&1; }
if ! need podman || ! need runc || ! need debootstrap; then
  echo "== installing podman, buildah, runc, debootstrap"
  apt-get update -qq && apt-get install -y -qq podman buildah runc debootstrap >/dev/null
fi

if ! podman image exists "$BASE"; then
  echo "== building base image $BASE with debootstrap"
  MIRROR=$( { grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}';
              grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}'; } \
            | grep -v security | head -1 || true)
  MIRROR=${MIRROR:-http://deb.debian.org/debian}
  ROOTFS=$WORK/rootfs
  debootstrap --variant=minbase bookworm "$ROOTFS" "$MIRROR" >/dev/null
  mkdir -p "$ROOTFS/etc/apt/sources.list.d"
  cp /etc/apt/sources.list.d/*.sources "$ROOTFS/etc/apt/sources.list.d/" 2>/dev/null || true
  [ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$ROOTFS/etc/apt/sources.list" || true
  tar --numeric-owner -C "$ROOTFS" -cf "$WORK/base.tar" .
  podman import --change 'CMD ["/bin/bash"]' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    "$WORK/base.tar" "$BASE" >/dev/null
fi

cleanup() { podman rm -f "$NAME" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== building $IMAGE"
start=$(date +%s)
podman build --format docker --build-arg BASE_IMAGE="$BASE" \
  --secret id=pip_ca,src=/etc/ssl/certs/ca-certificates.crt -t "$IMAGE" . >"$WORK/build.log" 2>&1 \
  || { tail -40 "$WORK/build.log"; exit 1; }
echo "   built in $(( $(date +%s) - start )) s"

echo "== running"
podman run -d --name "$NAME" -p 127.0.0.1:$PORT:8000 \
  --ulimit nofile=$(ulimit -Hn):$(ulimit -Hn) --ulimit nproc=32768:32768 "$IMAGE" >/dev/null
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5
done
fail=0
check() { if eval "$2"; then echo "   ok   $1"; else echo "   FAIL $1"; fail=1; fi; }
check "/healthz answers" "curl -fsS http://127.0.0.1:$PORT/healthz | grep -q ok"
check "sigmoid derivative at 0 is 0.25" \
  "curl -fsS -H 'Content-Type: application/json' -d '{\"x\": [0.0]}' http://127.0.0.1:$PORT/v1/activations/sigmoid | grep -q '\"derivative\":\[0.25\]'"
check "/docs served with local assets" \
  "curl -fsS http://127.0.0.1:$PORT/docs | grep -q /static/docs/swagger-ui-bundle.js && curl -fsS -o /dev/null http://127.0.0.1:$PORT/static/docs/swagger-ui-bundle.js"
check "/docs references no CDN" "! curl -fsS http://127.0.0.1:$PORT/docs | grep -qE 'cdn|unpkg|googleapis'"
check "runs as non-root" "[ \"\$(podman exec $NAME id -u)\" != 0 ]"
tunables() {  # PID 1 (python -m service after its one exec) has glibc's malloc tunable
  podman exec "$NAME" python3 -c 'import sys; env = open("/proc/1/environ", "rb").read()
sys.exit(b"GLIBC_TUNABLES=glibc.malloc.hugetlb=1" not in env.split(b"\0"))'
}
check "restarted itself with its malloc tunables (same PID 1)" tunables
check "health check passes" "podman healthcheck run $NAME"
t0=$(date +%s)
podman stop -t 20 "$NAME" >/dev/null
code=$(podman inspect "$NAME" --format '{{.State.ExitCode}}')
check "stops cleanly on SIGTERM (exit $code in $(( $(date +%s) - t0 )) s)" "[ $code = 0 ] || [ $code = 143 ]"
[ $fail = 0 ] && echo "docker-smoke: PASS" || { echo "docker-smoke: FAIL"; podman logs "$NAME" | tail -20; exit 1; }
