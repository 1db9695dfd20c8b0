#!/bin/sh
# Stand-in for the official redis image's entrypoint: runs Redis as the redis user in /data, without
# protected mode (the container network is the boundary, as in the official image).
set -e
if [ "$1" = "redis-server" ]; then
  chown -R redis:redis /data
  shift
  exec setpriv --reuid=redis --regid=redis --init-groups redis-server "$@" --protected-mode no
fi
exec "$@"
