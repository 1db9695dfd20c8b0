#!/usr/bin/env bash
# Brings docker-compose.yml up for real on a Docker engine and checks what a user relies on:
#   - compose refuses to start without DASHBOARD_USER / DASHBOARD_PASSWORD;
#   - one image parley:<version> for every Parley service, non-root, no build tooling, writable /app/data;
#   - every service becomes healthy; the dashboard asks for basic auth;
#   - pages served from a container on the compose network, enqueued with the documented
#     `docker compose exec dashboard npm run enqueue -- --wait URL`, end stored (or skipped);
#     a feed listed in config/feeds.json is polled and its item stored;
#   - fetch scales to 3 healthy containers, which take new work;
#   - `docker compose stop` ends every Parley container with exit code 0.
# Base images missing from the engine are pulled, or built locally (scripts/docker-base-images.sh).
# Everything it starts is removed at the end (`down -v`). Usage: scripts/compose-smoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."
t0=$(date +%s)
phase_start=$t0
say() { printf '[smoke %4ds] %s\n' "$(( $(date +%s) - t0 ))" "$*"; }
phase() { local now; now=$(date +%s); say "$1 ($(( now - phase_start )) s)"; phase_start=$now; }
fail() { say "FAILED: $*"; exit 1; }

# Creating a container copies its whole file system on the vfs driver: give the engine time.
export COMPOSE_HTTP_TIMEOUT=${COMPOSE_HTTP_TIMEOUT:-900} DOCKER_CLIENT_TIMEOUT=${DOCKER_CLIENT_TIMEOUT:-900}
docker info >/dev/null 2>&1 || fail "no Docker engine answers (docker info)"
if docker compose version >/dev/null 2>&1; then compose_cmd=(docker compose); else compose_cmd=(docker-compose); fi
# BuildKit where the client has it (buildx, or the built-in one of clients before 23): the legacy
# builder copies the whole file system for every instruction, which is slow on the vfs driver.
client_major=$(docker version -f '{{.Client.Version}}' 2>/dev/null | cut -d. -f1)
if docker buildx version >/dev/null 2>&1 || [ "${client_major:-99}" -lt 23 ]; then
  export DOCKER_BUILDKIT=1 COMPOSE_DOCKER_CLI_BUILD=1
fi
version=$(node -p "require('./package.json').version")
image=parley:$version
project=parleysmoke
work=$(mktemp -d)
chmod 755 "$work"
compose() { "${compose_cmd[@]}" -p "$project" --env-file "$work/smoke.env" -f docker-compose.yml -f "$work/smoke.yml" "$@"; }
cleanup() {
  local rc=$?
  if [ "$rc" -ne 0 ]; then
    compose ps 2>/dev/null || true
    compose logs --tail=40 2>/dev/null | tail -n 200 || true
  fi
  compose down -v --remove-orphans >/dev/null 2>&1 || true
  rm -rf "$work"
  say "done, exit $rc, total $(( $(date +%s) - t0 )) s"
}
trap cleanup EXIT

scripts/docker-base-images.sh
phase "base images present"

# --- What the smoke run adds: a page server on the compose network, its feed, and private addresses allowed.
mkdir -p "$work/pages/feed" "$work/config"
: >"$work/empty.env"
cp tests/fixtures/pages/moscow-talks.html tests/fixtures/pages/local-news.html "$work/pages/"
cat >"$work/pages/feed/talks.html" <<'HTML'
<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lavrov and Blinken discuss arms control in Geneva</title>
<meta property="article:published_time" content="2021-07-01T10:00:00Z"></head><body><main><article>
<h1>Lavrov and Blinken discuss arms control in Geneva</h1>
<p>GENEVA - Russian Foreign Minister Sergei Lavrov and U.S. Secretary of State Antony Blinken met in Geneva on Thursday to
discuss strategic stability and the future of the New START treaty, the last arms control agreement between Washington and Moscow.</p>
<p>The two diplomats also talked about Ukraine, sanctions on Russia and the expulsion of diplomats from both embassies, and agreed
that their deputies would continue the strategic stability dialogue in the autumn, the State Department and the Kremlin said.</p>
<p>Lavrov told reporters that Russia was ready for a serious conversation with the United States on nuclear weapons, while Blinken
said Washington would judge Moscow by its actions.</p>
</article></main></body></html>
HTML
cat >"$work/pages/feed.rss" <<'RSS'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Smoke wire</title><link>http://pages:8080/</link><description>x</description>
<item><title>Lavrov and Blinken discuss arms control in Geneva</title><link>http://pages:8080/feed/talks.html</link>
<guid>smoke-talks</guid><pubDate>Wed, 12 Apr 2017 15:30:00 GMT</pubDate></item>
</channel></rss>
RSS
echo '[{ "url": "http://pages:8080/feed.rss", "every": "1m" }]' >"$work/config/feeds.json"
cat >"$work/pages/serve.mjs" <<'JS'
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, normalize } from 'node:path';
const types = { '.html': 'text/html; charset=utf-8', '.rss': 'application/rss+xml' };
createServer(async (req, res) => {
  const path = normalize(new URL(req.url, 'http://x').pathname);
  try {
    const body = await readFile(`/srv${path}`);
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
}).listen(8080);
process.on('SIGTERM', () => process.exit(0));
JS
chmod -R a+rX "$work"
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
printf 'DASHBOARD_USER=smoke\nDASHBOARD_PASSWORD=smoke-%s\nDASHBOARD_PORT=%s\n' "$RANDOM$RANDOM" "$port" >"$work/smoke.env"
cat >"$work/smoke.yml" <<YAML
services:
  pages:
    image: node:24-bookworm-slim
    command: ["node", "/srv/serve.mjs"]
    volumes: ["$work/pages:/srv:ro"]
  fetch:
    environment: { FETCH_ALLOW_PRIVATE: "true", FETCH_HOST_INTERVAL_MS: "0" }
  feeds:
    environment: { FETCH_ALLOW_PRIVATE: "true" }
    volumes: ["$work/config:/app/config:ro"]
YAML

# --- Compose refuses to start without the dashboard's credentials.
if out=$(env -u DASHBOARD_USER -u DASHBOARD_PASSWORD "${compose_cmd[@]}" -p "$project" --env-file "$work/empty.env" \
  -f docker-compose.yml config 2>&1); then
  fail "compose accepted a dashboard without DASHBOARD_USER/DASHBOARD_PASSWORD"
fi
grep -q 'DASHBOARD_USER' <<<"$out" || fail "compose refused, but without naming DASHBOARD_USER: $out"
say "compose refuses to start without DASHBOARD_USER/DASHBOARD_PASSWORD: ${out##*: }"

# --- Build once, check the image.
compose build >"$work/build.log" 2>&1 || { tail -n 60 "$work/build.log"; fail "compose build"; }
phase "compose build"
built=$(docker images --format '{{.Repository}}:{{.Tag}}' | grep -c "^${project}_" || true)
[ "$built" -eq 0 ] || fail "compose built per-service images instead of one $image"
size=$(docker image inspect -f '{{.Size}}' "$image")
say "image $image: $(( size / 1000000 )) MB"
user=$(docker run --rm --entrypoint sh "$image" -c '
  test "$(id -u)" != 0 || { echo "runs as root"; exit 1; }
  for t in tsc tsx esbuild vitest; do test ! -e "node_modules/.bin/$t" || { echo "$t in the image"; exit 1; }; done
  test ! -d node_modules/better-sqlite3/deps || { echo "better-sqlite3 sources in the image"; exit 1; }
  ! command -v gcc g++ make >/dev/null || { echo "a compiler in the image"; exit 1; }
  touch /app/data/.writable && test -f dist/main.js.map && id -un') || fail "image contents: $user"
test "$(docker image inspect -f '{{json .Config.Volumes}}' "$image")" = '{"/app/data":{}}' || fail "no /app/data volume"
say "image: user $user, /app/data a writable volume, no tsc/tsx/esbuild/vitest/compiler"

# --- Up, healthy.
compose up -d --no-build >"$work/up.log" 2>&1 || { cat "$work/up.log"; fail "compose up"; }
parley_services=(dashboard fetch clean classify store feeds alerts)
# The containers of a service, running or not (one-off `compose run` containers left out).
containers() {
  docker ps -aq --filter "label=com.docker.compose.project=$project" --filter "label=com.docker.compose.service=$1" \
    --filter "label=com.docker.compose.oneoff=False"
}
wait_healthy() { # wait_healthy SECONDS: every container of the Parley services healthy
  local deadline=$(( $(date +%s) + $1 )) ids status
  while :; do
    ids=$(for s in "${parley_services[@]}"; do containers "$s"; done)
    status=$(for id in $ids; do docker inspect -f '{{.Name}} {{.State.Health.Status}}' "$id"; done)
    grep -qv ' healthy$' <<<"$status" || { echo "$status"; return 0; }
    [ "$(date +%s)" -lt "$deadline" ] || { echo "$status"; return 1; }
    sleep 5
  done
}
wait_healthy 600 | sed 's/^/  /' || fail "services not healthy"
phase "compose up: every Parley service healthy"

code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")
[ "$code" = 401 ] || fail "dashboard without credentials answered $code, not 401"
creds=$(sed -n 's/^DASHBOARD_USER=//p' "$work/smoke.env"):$(sed -n 's/^DASHBOARD_PASSWORD=//p' "$work/smoke.env")
code=$(curl -s -o /dev/null -w '%{http_code}' -u "$creds" "http://127.0.0.1:$port/")
[ "$code" = 200 ] || fail "dashboard with credentials answered $code"
say "dashboard on port $port: 401 without credentials, 200 with them"

# --- Enqueue pages served from the compose network and wait for their outcome.
out=$(compose exec -T dashboard npm run --silent enqueue -- --wait --timeout 300 \
  http://pages:8080/moscow-talks.html http://pages:8080/local-news.html) || { echo "$out"; fail "enqueue --wait"; }
echo "$out" | sed 's/^/  /'
grep -q '^stored .*moscow-talks.html' <<<"$out" || fail "moscow-talks.html was not stored"
grep -q '^skipped .*local-news.html' <<<"$out" || fail "local-news.html was not skipped"
phase "enqueued pages stored/skipped"

# --- The feed from config/feeds.json is polled and its item stored.
deadline=$(( $(date +%s) + 300 ))
until out=$(compose exec -T dashboard node dist/cli/articles.js --json) && grep -q 'pages:8080/feed/talks.html' <<<"$out"; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "the feed's item was not stored"
  sleep 5
done
compose exec -T dashboard npm run --silent feeds -- list | sed 's/^/  /'
phase "feed from config/feeds.json polled, its item stored"

# --- Scale fetch to 3; new work still goes through.
compose up -d --no-build --scale fetch=3 >>"$work/up.log" 2>&1 || fail "scale fetch=3"
wait_healthy 300 | sed 's/^/  /' || fail "scaled services not healthy"
[ "$(containers fetch | wc -l)" -eq 3 ] || fail "not 3 fetch containers"
urls=(); for i in 1 2 3 4 5 6; do urls+=("http://pages:8080/moscow-talks.html?copy=$i"); done
out=$(compose exec -T dashboard npm run --silent enqueue -- --wait --timeout 300 "${urls[@]}") || { echo "$out"; fail "enqueue after scaling"; }
[ "$(grep -c '^stored ' <<<"$out")" -eq 6 ] || { echo "$out"; fail "not all 6 stored after scaling"; }
phase "fetch scaled to 3 healthy containers; 6 more pages stored"
compose exec -T dashboard npm run --silent articles -- --limit 3 | sed 's/^/  /'

# --- Day-2 commands from the README: migrations alone, backups of PostgreSQL and Redis.
out=$(compose exec -T dashboard npm run --silent migrate 2>&1) || { echo "$out"; fail "npm run migrate"; }
say "compose exec dashboard npm run migrate: $(tail -n1 <<<"$out")"
compose exec -T postgres pg_dump -U parley -Fc parley >"$work/parley.dump" || fail "pg_dump"
compose exec -T postgres pg_restore --list <"$work/parley.dump" | grep -q 'TABLE DATA public articles' \
  || fail "the PostgreSQL dump holds no articles table"
compose exec -T redis sh -c 'redis-cli --rdb /tmp/dump.rdb >/dev/null && cat /tmp/dump.rdb' >"$work/redis.rdb" || fail "Redis backup"
[ "$(head -c 5 "$work/redis.rdb")" = REDIS ] || fail "the Redis backup is not an RDB file"
say "backups: pg_dump $(( $(stat -c %s "$work/parley.dump") / 1000 )) kB, Redis RDB $(( $(stat -c %s "$work/redis.rdb") / 1000 )) kB"

# --- Stop: every Parley container exits 0.
compose stop -t 30 >/dev/null 2>&1
bad=0
for s in "${parley_services[@]}"; do
  for id in $(containers "$s"); do
    rc=$(docker inspect -f '{{.State.ExitCode}}' "$id")
    say "  $(docker inspect -f '{{.Name}}' "$id") exited $rc"
    [ "$rc" = 0 ] || bad=1
  done
done
[ "$bad" = 0 ] || fail "a Parley container exited non-zero"
phase "compose stop: every Parley container exited 0"
say "PASS"
