#!/bin/sh
# OCI runtime for podman on sandboxes that refuse setrlimit (even to the current values): removes the
# rlimits from the container's config.json (create/run) and from an exec's process.json, then runs runc.
# Installed by tools/containers/setup.sh only where a plain `podman run` fails that way.
strip() {
  [ -f "$1" ] && sed -E -z -i \
    -e 's/,[[:space:]]*"rlimits"[[:space:]]*:[[:space:]]*\[[^]]*\]//' \
    -e 's/"rlimits"[[:space:]]*:[[:space:]]*\[[^]]*\][[:space:]]*,?//' "$1"
  return 0
}
prev=""
for arg in "$@"; do
  case "$prev" in
    --bundle | -b) strip "$arg/config.json" ;;
    --process | -p) strip "$arg" ;;
  esac
  case "$arg" in
    --bundle=*) strip "${arg#--bundle=}/config.json" ;;
    --process=*) strip "${arg#--process=}" ;;
  esac
  prev="$arg"
done
exec @RUNC@ "$@"
