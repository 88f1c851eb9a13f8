#!/usr/bin/env bash
# Fault drill: runs the distributed mode (scripts/distributed.sh) on a PostgreSQL cluster and a
# NATS server of its own, places orders through the gateway from a few clients, and meanwhile
# kills NATS, then stops PostgreSQL, then kills each service and the gateway in turn (SIGKILL),
# bringing each back. Then it waits for the system to settle and prints one table: what the
# clients saw, and whether every order was carried through exactly once (reservations, points,
# timeline, holds, outboxes, dead letters). Exits 1 when a check fails.
#
#   scripts/drill.sh                   # about 4 to 5 minutes on 2 cores
#   DRILL_KEEP=1 scripts/drill.sh      # keep the work directory (logs, databases) afterwards
#
# Isolation: as root the drill re-runs itself in a private network namespace (unshare -n), so its
# ports (4000-4005, NATS 4223, PostgreSQL DRILL_PGPORT) never meet the machine's; all its
# traffic stays on that namespace's 127.0.0.1. Without root (or with DRILL_NETNS=0) those ports
# must be free. The PostgreSQL cluster (initdb) and the NATS store live in a temporary directory,
# deleted at the end unless a check failed or DRILL_KEEP=1.
#
# Settings (environment): DRILL_CLIENTS (5), DRILL_MAX_ORDERS (800: a bound, in all),
# DRILL_THINK_MS (1000: each client's pause between orders), DRILL_SETTLE_SECONDS (150: how long
# to wait for outboxes to empty and checks to hold), DRILL_DOWN_SECONDS (5: how long a killed
# service stays down), DRILL_PGPORT (55432), DRILL_BUILD (1: pnpm build first; default: the
# existing dist/), PG_BIN (the newest /usr/lib/postgresql/*/bin), NATS_SERVER, LOG_LEVEL (info).
# The services run with RESERVATION_TTL_SECONDS=90 and the reservation-expiry job every 5 s, so
# reservations left by an attempt that never committed are released within the drill.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '[drill] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# ---------------------------------------------------------------- network namespace
if [[ -z "${OMNI_DRILL_INSIDE:-}" && "${DRILL_NETNS:-1}" != 0 ]]; then
  if [[ $EUID -eq 0 ]] && unshare -n true 2>/dev/null; then
    exec env OMNI_DRILL_INSIDE=1 unshare -n -- "$0" "$@"
  fi
  say "not root (or unshare -n unavailable): running without a network namespace; ports 4000-4005 and 4223 must be free"
fi
if [[ -n "${OMNI_DRILL_INSIDE:-}" ]]; then
  ip link set lo up 2>/dev/null || die "cannot bring up lo in the network namespace (ip link set lo up)"
fi

CLIENTS="${DRILL_CLIENTS:-5}"
MAX_ORDERS="${DRILL_MAX_ORDERS:-800}"
THINK_MS="${DRILL_THINK_MS:-1000}"
SETTLE_SECONDS="${DRILL_SETTLE_SECONDS:-150}"
DOWN_SECONDS="${DRILL_DOWN_SECONDS:-5}"
PGPORT_DRILL="${DRILL_PGPORT:-55432}"
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
[[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" ]] || die "PostgreSQL binaries not found (set PG_BIN to the directory of initdb and pg_ctl)"
command -v node >/dev/null || die "node is not installed"
command -v psql >/dev/null || die "psql is not installed"

# ---------------------------------------------------------------- work directory
WORK="$(mktemp -d /tmp/omni-drill.XXXXXX)"
chmod 755 "$WORK"
RUN_ID="d$(date +%s | tail -c 7)"
DIST_DIR="$WORK/dist"
TIMELINE="$WORK/timeline.txt"
: >"$TIMELINE"
say "work directory $WORK (run $RUN_ID)"

# PostgreSQL refuses to run as root: as root the cluster belongs to the postgres user.
PG_DIR="$WORK/pg"
mkdir -p "$PG_DIR"
as_pg=()
if [[ $EUID -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || die "running as root needs a postgres user to own the drill's cluster"
  chown postgres: "$PG_DIR"
  as_pg=(runuser -u postgres --)
fi
pg_ctl_() { "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" "$@"; }
pg_start() {
  pg_ctl_ -w -t 60 -o "-p $PGPORT_DRILL -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" start >/dev/null
}

SUPERVISOR_PID=""
LOAD_PID=""
STATUS=1
finish() {
  local status=$STATUS
  trap - EXIT INT TERM
  set +e
  [[ -n "$LOAD_PID" ]] && kill "$LOAD_PID" 2>/dev/null
  if [[ -n "$SUPERVISOR_PID" ]] && kill -0 "$SUPERVISOR_PID" 2>/dev/null; then
    kill -TERM "$SUPERVISOR_PID"
    for _ in $(seq 1 100); do kill -0 "$SUPERVISOR_PID" 2>/dev/null || break; sleep 0.2; done
  fi
  [[ -f "$PG_DIR/data/postmaster.pid" ]] && pg_ctl_ -m fast stop >/dev/null 2>&1
  if [[ $status == 0 && "${DRILL_KEEP:-0}" != 1 ]]; then
    rm -rf "$WORK"
  else
    say "kept $WORK: distributed.out (supervisor), dist/logs/*.log, pg/ (cluster and server.log), orders.jsonl, seed.json, app/ (the code run)"
  fi
  exit "$status"
}
trap finish EXIT
trap 'STATUS=130; exit' INT
trap 'STATUS=143; exit' TERM

# ---------------------------------------------------------------- PostgreSQL and the system
say "initdb and PostgreSQL on 127.0.0.1:$PGPORT_DRILL ($PG_BIN)"
"${as_pg[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --no-sync >"$PG_DIR/initdb.log" 2>&1 ||
  die "initdb failed: $(tail -n 3 "$PG_DIR/initdb.log")"
pg_start || die "PostgreSQL did not start: $(tail -n 5 "$PG_DIR/server.log")"

if [[ "${DRILL_BUILD:-0}" == 1 ]]; then
  say "pnpm build"
  pnpm build >&2
fi

# The drill runs a copy of the built code taken now (each package's dist/ and package.json, its
# node_modules links, schema/, deploy/nats.conf, distributed.sh and the drill's scripts), so a
# rebuild of the tree while the drill runs cannot change what a restarted service runs: every
# process of the drill runs the same build. Third-party packages are the tree's (node_modules).
APP="$WORK/app"
snapshot() {
  local pkg
  mkdir -p "$APP/scripts/drill" "$APP/deploy"
  ln -s "$ROOT/node_modules" "$APP/node_modules"
  cp -a package.json "$APP/"
  cp -a schema "$APP/"
  cp -a deploy/nats.conf "$APP/deploy/"
  cp -a scripts/distributed.sh "$APP/scripts/"
  cp -a scripts/drill/*.mjs "$APP/scripts/drill/"
  for pkg in gateway services/*; do
    [[ -f "$pkg/package.json" ]] || continue
    mkdir -p "$APP/$pkg/src"
    cp -a "$pkg/package.json" "$APP/$pkg/"
    [[ -d "$pkg/dist" ]] && cp -a "$pkg/dist" "$APP/$pkg/"
    # Links only (relative ones: @omni/* resolve inside the copy, the rest to node_modules/.pnpm).
    [[ -d "$pkg/node_modules" ]] && cp -a "$pkg/node_modules" "$APP/$pkg/"
  done
  # distributed.sh reads the ports and peers from it.
  cp -a services/platform/src/processes.ts "$APP/services/platform/src/"
}
snapshot || die "cannot copy the built code to $APP"
say "running a copy of the build taken now (git $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- gateway services 2>/dev/null || echo ', with uncommitted changes')): $APP"

say "starting scripts/distributed.sh (its own nats-server; RESTART=no: the drill restarts what it kills)"
env PGHOST=127.0.0.1 PGPORT="$PGPORT_DRILL" PGUSER=postgres DIST_DIR="$DIST_DIR" RESTART=no SKIP_BUILD=1 \
  RESERVATION_TTL_SECONDS=90 JOB_INVENTORY_RESERVATION_EXPIRY_INTERVAL_SECONDS=5 LOG_LEVEL="${LOG_LEVEL:-info}" \
  "$APP/scripts/distributed.sh" >"$WORK/distributed.out" 2>&1 &
SUPERVISOR_PID=$!
deadline=$((SECONDS + 180))
until [[ -f "$DIST_DIR/children" ]]; do
  if ! kill -0 "$SUPERVISOR_PID" 2>/dev/null; then
    tail -n 30 "$WORK/distributed.out" >&2
    die "scripts/distributed.sh exited during start-up"
  fi
  ((SECONDS < deadline)) || die "the system is not up after 180s (see $WORK/distributed.out)"
  sleep 0.5
done
say "system up in ${SECONDS}s"
# shellcheck disable=SC1091
AUTH_SECRET="$(sed -n 's/^AUTH_SECRET=//p' "$DIST_DIR/secrets.env")"
DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT_DRILL/omni"
export AUTH_SECRET RUN_ID
export WORK_DIR="$WORK" GATEWAY_URL="http://127.0.0.1:4000/graphql"

distributed() { DIST_DIR="$DIST_DIR" "$APP/scripts/distributed.sh" "$@"; }

# ---------------------------------------------------------------- seed and load
say "seeding a small catalog, stock and $CLIENTS customers through the gateway"
node "$APP/scripts/drill/load.mjs" seed

CLIENTS="$CLIENTS" MAX_ORDERS="$MAX_ORDERS" THINK_MS="$THINK_MS" MAX_SECONDS=400 STOP_FILE="$WORK/stop" \
  node "$APP/scripts/drill/load.mjs" load &
LOAD_PID=$!
LOAD_START=$SECONDS
say "load: $CLIENTS clients placing orders (at most $MAX_ORDERS)"

KILLED=""
mark() { # mark TEXT: one line of the timeline
  printf '  T+%3ss  %s\n' "$((SECONDS - LOAD_START))" "$*" | tee -a "$TIMELINE" >&2
}
pause() { # pause SECONDS, unless the load ended
  local until=$((SECONDS + $1))
  while ((SECONDS < until)); do
    kill -0 "$LOAD_PID" 2>/dev/null || return 0
    sleep 0.5
  done
}
# until_inflight: waits (at most 5 s) until orders are being placed, so that a fault lands in the
# middle of some (load.mjs keeps the count in WORK/inflight).
until_inflight() {
  local n until=$((SECONDS + 5))
  while ((SECONDS < until)); do
    n=$(cat "$WORK/inflight" 2>/dev/null) || n=0
    [[ "$n" =~ ^[0-9]+$ ]] && ((n >= 2)) && return 0
    sleep 0.02
  done
}
kill_child() { # kill_child NAME: SIGKILL by its pid file, while orders are in flight
  local pid
  pid=$(cat "$DIST_DIR/pids/$1.pid")
  until_inflight
  kill -KILL "$pid"
  KILLED+=" $1"
  mark "$1 killed (SIGKILL, pid $pid)"
}
bring_back() { # bring_back NAME: scripts/distributed.sh restart NAME, waits until ready
  local t0=$SECONDS
  if distributed restart "$1" 2>>"$WORK/restart.out"; then
    mark "$1 restarted, ready after $((SECONDS - t0))s"
  else
    mark "$1 restart FAILED (see $WORK/restart.out)"
  fi
}

# ---------------------------------------------------------------- faults
pause 10
kill_child nats
pause 12
bring_back nats
pause 10

until_inflight
pg_ctl_ -m immediate stop >/dev/null 2>&1 || mark "pg_ctl stop failed"
mark "PostgreSQL stopped (pg_ctl stop -m immediate)"
pause 10
if pg_start; then mark "PostgreSQL started"; else mark "PostgreSQL did not start"; fi
pause 12

for name in crm catalog inventory loyalty orders gateway; do
  kill_child "$name"
  pause "$DOWN_SECONDS"
  bring_back "$name"
  pause 8
done
pause 5
mark "load stopped"
touch "$WORK/stop"
wait "$LOAD_PID" || say "the load ended with status $?"
LOAD_PID=""

# ---------------------------------------------------------------- settle and judge
say "waiting for the system to settle (at most ${SETTLE_SECONDS}s), then checking"
set +e
DATABASE_URL="$DATABASE_URL" SETTLE_SECONDS="$SETTLE_SECONDS" TIMELINE="$TIMELINE" \
  SUPERVISOR_LOG="$WORK/distributed.out" KILLED="$KILLED" node "$APP/scripts/drill/check.mjs"
STATUS=$?
set -e
exit "$STATUS"
