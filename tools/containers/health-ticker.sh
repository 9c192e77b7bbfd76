#!/bin/sh
# Podman runs container healthchecks from systemd timers; on a machine without systemd nobody runs them
# and `depends_on: condition: service_healthy` would wait forever. This loop runs them instead, every
# few seconds, for every running container that has one. Started by tools/containers/setup.sh.
interval="${1:-3}"
while :; do
  for id in $(podman ps -q --filter health=starting) $(podman ps -q --filter health=healthy) $(podman ps -q --filter health=unhealthy); do
    podman healthcheck run "$id" >/dev/null 2>&1 &
  done
  wait
  sleep "$interval"
done
