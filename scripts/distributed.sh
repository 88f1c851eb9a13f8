#!/usr/bin/env bash
# Runs the distributed mode on this machine without Docker: the five subgraph services, each in
# its own process on its own port, against the local PostgreSQL and a NATS JetStream server of
# their own (one NATS user per service, deploy/nats.conf), and the gateway routing to them on
# port 4000. The script stays in the foreground as their supervisor: a child that dies is
# reported (and restarted with backoff, see RESTART) while the others keep running; Ctrl-C (or
# SIGTERM) stops every child.
#
#   scripts/distributed.sh                  # build, start everything, supervise in the foreground
#   SKIP_BUILD=1 scripts/distributed.sh     # reuse the existing dist/ output
#   scripts/distributed.sh restart orders   # from another shell: restart one child of the running
#                                           # instance (a service, gateway or nats), the rest stay up
#   scripts/distributed.sh status           # each child: pid, up or down, ready
#   scripts/distributed.sh stop             # stop the running instance (as Ctrl-C does)
#
# Settings (environment): PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PGPASSWORD (unset:
# trust auth), OMNI_DB (omni), LOG_LEVEL (info), BIND_HOST (127.0.0.1), READY_TIMEOUT (seconds per
# process, 90), SUBGRAPH_SECRET, AUTH_SECRET, GIFT_CARD_SECRET, EVENT_SECRET and each service's
# <SERVICE>_NATS_PASSWORD (unset: random ones kept in DIST_DIR/secrets.env, so tokens and
# gift cards survive a restart), AUTH_ISSUER and AUTH_AUDIENCE (omni-dev and omni-gateway, what
# `pnpm dev-token` signs).
# DIST_DIR (data/distributed): this instance's state: secrets.env, nats.conf and the NATS store,
# pids/<name>.pid (one per running child, and supervisor.pid), logs/<name>.log (overwritten on
# each run, appended to on each restart of that child). A second instance needs its own DIST_DIR
# (and free ports).
# RESTART (backoff): what the supervisor does when a child dies: `backoff` starts it again after
# 1 s, doubling up to 30 s while it keeps dying (back to 1 s once it stayed up 60 s), like the
# compose file's `restart: unless-stopped`; `no` only reports it, and `restart <name>` brings it
# back. A child stopped through `restart` is never counted as a death.
# NATS: the script runs nats-server (NATS_SERVER: from PATH or /usr/sbin) on 127.0.0.1:NATS_PORT
# (4223, beside a development server on 4222) with DIST_DIR/nats.conf, which it writes from
# deploy/nats.conf with those passwords, and its store in DIST_DIR/nats. Set NATS_URL to use a
# server of your own instead: it must run deploy/nats.conf with the same passwords.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
OMNI_DB="${OMNI_DB:-omni}"
NATS_URL="${NATS_URL:-}"
NATS_PORT="${NATS_PORT:-4223}"
LOG_LEVEL="${LOG_LEVEL:-info}"
BIND_HOST="${BIND_HOST:-127.0.0.1}"
READY_TIMEOUT="${READY_TIMEOUT:-90}"
DIST_DIR="${DIST_DIR:-$ROOT/data/distributed}"
[[ "$DIST_DIR" == /* ]] || DIST_DIR="$ROOT/$DIST_DIR"
LOG_DIR="$DIST_DIR/logs"
PID_DIR="$DIST_DIR/pids"
CONTROL_DIR="$DIST_DIR/control"
RESTART="${RESTART:-backoff}"

# psql against the configured server (PG* stay out of the children's environment: node-postgres
# would read them).
pg() { psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -X "$@"; }

# Messages go to fd 3 (stderr), so that bash's own notices of a child killed by a signal can be
# silenced (2>/dev/null around the supervisor's steps) without losing ours.
exec 3>&2
say() { printf '[distributed] %s\n' "$*" >&3; }
die() { say "error: $*"; exit 1; }

command -v node >/dev/null || die "node is not installed"

# Each subgraph's default port and peers, and the gateway's port, read from the code so this
# script follows it: SUBGRAPH_PROCESSES and GATEWAY_PROCESS in services/platform/src/processes.ts
# (what runServiceProcess and the gateway start from). One line per service: "name port
# peer,peer", then "gateway port".
PROCESSES_TS=services/platform/src/processes.ts
SERVICE_TABLE="$(node -e '
  const source = require("fs").readFileSync(process.argv[1], "utf8");
  const table = /SUBGRAPH_PROCESSES\s*=\s*\{([\s\S]*?)\n\}/.exec(source);
  const gateway = /GATEWAY_PROCESS\s*=\s*\{[^}]*\bport:\s*(\d+)/.exec(source);
  const lines = [];
  for (const m of (table ? table[1] : "").matchAll(/(\w+):\s*\{\s*port:\s*(\d+),\s*peers:\s*\[([^\]]*)\]/g)) {
    const peers = [...m[3].matchAll(/[\x27"]([\w-]+)[\x27"]/g)].map((p) => p[1]);
    lines.push(`${m[1]} ${m[2]} ${peers.join(",")}`);
  }
  if (!lines.length || !gateway) { console.error(`${process.argv[1]}: no SUBGRAPH_PROCESSES entries { port, peers } or GATEWAY_PROCESS port`); process.exit(1); }
  console.log([...lines.sort(), `gateway ${gateway[1]}`].join("\n"));' "$PROCESSES_TS")" ||
  die "cannot read the services' ports and peers from $PROCESSES_TS"
GATEWAY_PORT="$(awk '$1 == "gateway" { print $2 }' <<<"$SERVICE_TABLE")"

SERVICES=()
declare -A PEERS=()
while read -r name port peers; do
  [[ -n "$name" && "$name" != gateway ]] || continue
  SERVICES+=("$name:$port")
  PEERS[$name]="$peers"
done <<<"$SERVICE_TABLE"
((${#SERVICES[@]} > 0)) || die "no services found in $PROCESSES_TS"

port_of() {
  local entry
  for entry in "${SERVICES[@]}"; do
    [[ "${entry%%:*}" == "$1" ]] && { echo "${entry##*:}"; return; }
  done
  die "unknown service $1"
}
graphql_url() { echo "http://${BIND_HOST}:$(port_of "$1")/graphql"; }

# <PEER>_URL=... for each peer a service calls.
peer_env() {
  local peer out=() peers=()
  IFS=',' read -r -a peers <<<"${PEERS[$1]}"
  for peer in "${peers[@]}"; do
    [[ -n "$peer" ]] && out+=("${peer^^}_URL=$(graphql_url "$peer")")
  done
  echo "${out[*]}"
}

# CRM_URL=... for every subgraph (the gateway's distributed mode needs them all).
all_subgraph_env() {
  local entry name out=()
  for entry in "${SERVICES[@]}"; do
    name=${entry%%:*}
    out+=("${name^^}_URL=$(graphql_url "$name")")
  done
  echo "${out[*]}"
}

# ---------------------------------------------------------------- companion commands
# `restart <name>`, `status` and `stop` talk to the instance running on DIST_DIR through its files:
# pids/supervisor.pid, pids/<name>.pid, children (one "name port" line per child), and a request
# file control/restart.<name> that the supervisor answers in control/restart.<name>.done.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }
pid_in() { cat "$PID_DIR/$1.pid" 2>/dev/null || true; }
rel() { echo "${1#"$ROOT"/}"; }

running_supervisor() {
  local pid
  pid=$(pid_in supervisor)
  alive "$pid" || die "no instance runs on $(rel "$DIST_DIR") (start one with scripts/distributed.sh, or set DIST_DIR)"
  echo "$pid"
}

child_port() { awk -v n="$1" '$1 == n { print $2 }' "$DIST_DIR/children" 2>/dev/null; }

command_status() {
  running_supervisor >/dev/null
  local name port pid state ready
  printf '%-10s %-8s %-6s %-6s %s\n' child pid state ready log
  while read -r name port; do
    pid=$(pid_in "$name")
    state=down ready=no
    alive "$pid" && state=up
    if [[ $state == up ]]; then
      if [[ $name == nats ]]; then
        port_busy "$port" && ready=yes
      else
        curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/readyz" 2>/dev/null && ready=yes
      fi
    fi
    printf '%-10s %-8s %-6s %-6s %s\n' "$name" "${pid:--}" "$state" "$ready" "$(rel "$LOG_DIR/$name.log")"
  done <"$DIST_DIR/children"
}

command_restart() {
  local name=${1:-} supervisor deadline answer
  [[ -n "$name" ]] || die "usage: scripts/distributed.sh restart <name> (one of: $(awk '{ printf "%s ", $1 }' "$DIST_DIR/children" 2>/dev/null))"
  supervisor=$(running_supervisor)
  [[ -n "$(child_port "$name")" ]] ||
    die "$name is no child of the instance on $(rel "$DIST_DIR") (children: $(awk '{ printf "%s ", $1 }' "$DIST_DIR/children"))"
  mkdir -p "$CONTROL_DIR"
  rm -f "$CONTROL_DIR/restart.$name.done"
  date +%s >"$CONTROL_DIR/restart.$name"
  say "asked the supervisor (pid $supervisor) to restart $name"
  deadline=$((SECONDS + READY_TIMEOUT + 20))
  until [[ -f "$CONTROL_DIR/restart.$name.done" ]]; do
    alive "$supervisor" || die "the supervisor exited"
    ((SECONDS < deadline)) || die "$name: no answer after $((READY_TIMEOUT + 20))s; see $(rel "$LOG_DIR/$name.log")"
    sleep 0.2
  done
  answer=$(cat "$CONTROL_DIR/restart.$name.done")
  rm -f "$CONTROL_DIR/restart.$name.done"
  say "$name: $answer"
  [[ "$answer" == ready* ]]
}

command_stop() {
  local supervisor
  supervisor=$(running_supervisor)
  kill -TERM "$supervisor"
  for _ in $(seq 1 150); do
    alive "$supervisor" || { say "stopped (supervisor pid $supervisor)"; return 0; }
    sleep 0.2
  done
  die "the supervisor (pid $supervisor) is still running after 30s"
}

case "${1:-run}" in
  run) ;;
  restart) command_restart "${2:-}"; exit ;;
  status) command_status; exit ;;
  stop) command_stop; exit ;;
  -h | --help | help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  *) die "unknown command $1 (run, restart <name>, status, stop)" ;;
esac
[[ "$RESTART" == backoff || "$RESTART" == no ]] || die "RESTART must be backoff or no, not $RESTART"
existing_supervisor=$(pid_in supervisor)
alive "$existing_supervisor" &&
  die "an instance already runs on $(rel "$DIST_DIR") (supervisor pid $existing_supervisor): scripts/distributed.sh stop, or set DIST_DIR"

# ---------------------------------------------------------------- preflight
for tool in pnpm psql curl; do
  command -v "$tool" >/dev/null || die "$tool is not installed"
done

for entry in "${SERVICES[@]}" "gateway:$GATEWAY_PORT"; do
  port_busy "${entry##*:}" && die "port ${entry##*:} (${entry%%:*}) is already in use; stop whatever listens there"
done

pg -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1 ||
  die "cannot reach PostgreSQL at $PGHOST:$PGPORT as $PGUSER (is it running? trust auth or PGPASSWORD?)"

if [[ -n "$NATS_URL" ]]; then
  nats_hostport="${NATS_URL#nats://}"
  nats_hostport="${nats_hostport%%/*}"
  nats_hostport="${nats_hostport##*@}"
  port_busy_host() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
  port_busy_host "${nats_hostport%%:*}" "${nats_hostport##*:}" ||
    die "cannot reach NATS at $NATS_URL (it must run deploy/nats.conf; or leave NATS_URL unset)"
else
  NATS_SERVER="${NATS_SERVER:-$(command -v nats-server || echo /usr/sbin/nats-server)}"
  [[ -x "$NATS_SERVER" ]] || die "nats-server is not installed (or set NATS_SERVER, or NATS_URL for a server of your own)"
  port_busy "$NATS_PORT" && die "port $NATS_PORT (nats) is already in use; set NATS_PORT to a free one"
  NATS_URL="nats://127.0.0.1:$NATS_PORT"
fi

# ---------------------------------------------------------------- database
if [[ "$(pg -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = '$OMNI_DB'")" != "1" ]]; then
  say "creating database $OMNI_DB"
  pg -d postgres -qc "CREATE DATABASE \"$OMNI_DB\"" >/dev/null
fi
if [[ -n "${PGPASSWORD:-}" ]]; then
  DATABASE_URL="postgres://${PGUSER}:${PGPASSWORD}@${PGHOST}:${PGPORT}/${OMNI_DB}"
else
  DATABASE_URL="postgres://${PGUSER}@${PGHOST}:${PGPORT}/${OMNI_DB}"
fi

# ---------------------------------------------------------------- secrets
# Distributed mode refuses the public development keys. GIFT_CARD_SECRET keys the hash loyalty
# stores gift card codes as: kept in the file, since another one loses every card issued.
# EVENT_SECRET signs every event; <SERVICE>_NATS_PASSWORD is the password of that service's NATS
# user (it starts with a letter: nats-server reads it as a config value). A file written before
# one of them was needed gets it added; a value given in the environment wins over the file's.
SECRETS_FILE="$DIST_DIR/secrets.env"
random_secret() { node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))'; }
nats_password_var() { echo "${1^^}_NATS_PASSWORD"; }
SECRET_NAMES=(SUBGRAPH_SECRET AUTH_SECRET GIFT_CARD_SECRET EVENT_SECRET)
AUTH_ISSUER="${AUTH_ISSUER:-omni-dev}"
AUTH_AUDIENCE="${AUTH_AUDIENCE:-omni-gateway}"
for entry in "${SERVICES[@]}"; do SECRET_NAMES+=("$(nats_password_var "${entry%%:*}")"); done
mkdir -p "$(dirname "$SECRETS_FILE")"
(
  umask 077
  touch "$SECRETS_FILE"
  for secret in "${SECRET_NAMES[@]}"; do
    prefix=""
    [[ "$secret" == *_NATS_PASSWORD ]] && prefix="n"
    grep -q "^$secret=" "$SECRETS_FILE" || printf '%s=%s%s\n' "$secret" "$prefix" "$(random_secret)" >>"$SECRETS_FILE"
  done
)
declare -A GIVEN_SECRETS=()
for secret in "${SECRET_NAMES[@]}"; do GIVEN_SECRETS[$secret]="${!secret:-}"; done
# shellcheck disable=SC1090
source "$SECRETS_FILE"
for secret in "${SECRET_NAMES[@]}"; do
  if [[ -n "${GIVEN_SECRETS[$secret]}" ]]; then printf -v "$secret" '%s' "${GIVEN_SECRETS[$secret]}"; fi
done

# ---------------------------------------------------------------- build
if [[ "${SKIP_BUILD:-}" != "1" ]]; then
  say "building (pnpm build)"
  pnpm build >&2
fi
for entry in "${SERVICES[@]}"; do
  [[ -f "services/${entry%%:*}/dist/main.js" ]] || die "services/${entry%%:*}/dist/main.js is missing; run pnpm build"
done
[[ -f gateway/dist/main.js ]] || die "gateway/dist/main.js is missing; run pnpm build"
[[ -f schema/supergraph.graphql ]] || die "schema/supergraph.graphql is missing (pnpm compose)"


# ---------------------------------------------------------------- process management
# Each child runs in its own session (setsid, which keeps the pid here since a background child
# of a script is no process-group leader), so a terminal Ctrl-C reaches only this script, which
# then stops every child once, with SIGTERM: the gateway and the services first, NATS last.
SETSID=()
command -v setsid >/dev/null && SETSID=(setsid)
declare -A PIDS=()       # name -> pid of each child started and not yet seen dead
declare -A STARTED_AT=() # name -> $SECONDS when it was last started
declare -A STARTING=()   # name -> 1 while a restarted child is not ready yet
declare -A REPLY=()      # name -> 1 when a `restart` request waits for the answer
declare -A DELAY=()      # name -> seconds before the next automatic restart (backoff)
declare -A NEXT_START=() # name -> $SECONDS at which a dead child is started again
STOPPING=0

mkdir -p "$LOG_DIR" "$PID_DIR" "$CONTROL_DIR"
rm -f "$CONTROL_DIR"/restart.* "$DIST_DIR/children"
echo $$ >"$PID_DIR/supervisor.pid"

stop_children() {
  local names=("$@") name pid alive
  for name in "${names[@]}"; do [[ -n "${PIDS[$name]:-}" ]] && kill -TERM "${PIDS[$name]}" 2>/dev/null; done
  for _ in $(seq 1 50); do
    alive=0
    for name in "${names[@]}"; do
      pid=${PIDS[$name]:-}
      [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && alive=1
    done
    ((alive)) || break
    sleep 0.2
  done
  for name in "${names[@]}"; do
    pid=${PIDS[$name]:-}
    [[ -n "$pid" ]] || continue
    if kill -0 "$pid" 2>/dev/null; then
      say "$name did not stop within 10s, killing it"
      kill -KILL "$pid" 2>/dev/null
    fi
    wait "$pid" 2>/dev/null
    unset "PIDS[$name]"
    rm -f "$PID_DIR/$name.pid"
  done
}

cleanup() {
  local status=$?
  [[ $STOPPING == 1 ]] && return
  STOPPING=1
  trap - INT TERM EXIT
  set +e
  if ((${#PIDS[@]} > 0)); then
    say "stopping ${!PIDS[*]}"
    local name first=()
    for name in "${!PIDS[@]}"; do [[ $name != nats ]] && first+=("$name"); done
    ((${#first[@]} > 0)) && { stop_children "${first[@]}"; } 2>/dev/null
    [[ -n "${PIDS[nats]:-}" ]] && { stop_children nats; } 2>/dev/null
  fi
  rm -f "$PID_DIR/supervisor.pid" "$CONTROL_DIR"/restart.* "$DIST_DIR/children"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# launch NAME [restart]: starts one child with its own environment; its output goes to
# logs/NAME.log (emptied on the first start, appended to on a restart).
launch() {
  local name=$1 how=${2:-start} log="$LOG_DIR/$1.log" # how: start or restart
  if [[ $how == start ]]; then
    : >"$log"
  else
    printf '\n----- %s: restarted by scripts/distributed.sh -----\n' "$(date -u +%FT%TZ)" >>"$log"
  fi
  case "$name" in
    nats)
      "${SETSID[@]}" "$NATS_SERVER" -c "$NATS_CONF" >>"$log" 2>&1 &
      ;;
    gateway)
      # Every <SERVICE>_URL set: the gateway only routes. DATABASE_URL/NATS_URL are deliberately unset.
      # shellcheck disable=SC2046 # VAR=value words without spaces
      "${SETSID[@]}" env -u DATABASE_URL -u NATS_URL \
        PORT="$GATEWAY_PORT" HOST="$BIND_HOST" LOG_LEVEL="$LOG_LEVEL" SUBGRAPH_SECRET="$SUBGRAPH_SECRET" \
        AUTH_SECRET="$AUTH_SECRET" AUTH_ISSUER="$AUTH_ISSUER" AUTH_AUDIENCE="$AUTH_AUDIENCE" \
        $(all_subgraph_env) node gateway/dist/main.js >>"$log" 2>&1 &
      ;;
    *)
      local port nats_password_of extra=()
      port=$(port_of "$name")
      nats_password_of=$(nats_password_var "$name")
      if [[ "$name" == loyalty ]]; then extra=(GIFT_CARD_SECRET="$GIFT_CARD_SECRET"); fi
      # shellcheck disable=SC2046 # peer_env yields VAR=value words without spaces
      "${SETSID[@]}" env PORT="$port" HOST="$BIND_HOST" DATABASE_URL="$DATABASE_URL" NATS_URL="$NATS_URL" \
        NATS_USER="$name" NATS_PASSWORD="${!nats_password_of}" EVENT_SECRET="$EVENT_SECRET" \
        DATA_DIR="$DIST_DIR" LOG_LEVEL="$LOG_LEVEL" SUBGRAPH_SECRET="$SUBGRAPH_SECRET" \
        ${extra[@]+"${extra[@]}"} $(peer_env "$name") node "services/$name/dist/main.js" >>"$log" 2>&1 &
      ;;
  esac
  PIDS[$name]=$!
  STARTED_AT[$name]=$SECONDS
  echo "${PIDS[$name]}" >"$PID_DIR/$name.pid"
  say "${how}ed $name (pid ${PIDS[$name]}), log $(rel "$log")"
}

# The port each child is checked on: nats listens, the others answer GET /readyz.
port_of_child() {
  case "$1" in
    nats) echo "$NATS_PORT" ;;
    gateway) echo "$GATEWAY_PORT" ;;
    *) port_of "$1" ;;
  esac
}
is_ready() {
  local port
  port=$(port_of_child "$1")
  if [[ $1 == nats ]]; then port_busy "$port"; else curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/readyz" 2>/dev/null; fi
}

# wait_ready NAME: during start-up; a child that exits or is not ready in time stops everything.
wait_ready() {
  local name=$1 deadline=$((SECONDS + READY_TIMEOUT))
  until is_ready "$name"; do
    if ! kill -0 "${PIDS[$name]}" 2>/dev/null; then
      say "$name exited before it was ready; last lines of $(rel "$LOG_DIR/$name.log"):"
      tail -n 20 "$LOG_DIR/$name.log" >&3 || true
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      say "$name is not ready after ${READY_TIMEOUT}s; last lines of $(rel "$LOG_DIR/$name.log"):"
      tail -n 20 "$LOG_DIR/$name.log" >&3 || true
      exit 1
    fi
    sleep 0.2
  done
  say "$name ready on :$(port_of_child "$name")"
}

answer() { # answer NAME TEXT: the reply to a waiting `restart NAME`
  if [[ -n "${REPLY[$1]:-}" ]]; then
    printf '%s\n' "$2" >"$CONTROL_DIR/restart.$1.tmp" && mv "$CONTROL_DIR/restart.$1.tmp" "$CONTROL_DIR/restart.$1.done"
    unset "REPLY[$1]"
  fi
}

# ---------------------------------------------------------------- nats
# DIST_DIR/nats.conf: deploy/nats.conf (one user per service, each publishing only its own
# subjects) with the passwords written in, plus where to listen and store. Mode 600.
CHILDREN=()
if [[ -n "${NATS_SERVER:-}" ]]; then
  NATS_CONF="$DIST_DIR/nats.conf"
  substitutions=()
  for entry in "${SERVICES[@]}"; do
    var=$(nats_password_var "${entry%%:*}")
    substitutions+=(-e "s/\\\$$var\\b/\"${!var}\"/")
  done
  (
    umask 077
    {
      printf '# Written by scripts/distributed.sh from deploy/nats.conf on each run: it holds passwords.\n'
      printf 'listen: 127.0.0.1:%s\njetstream { store_dir: "%s" }\n\n' "$NATS_PORT" "$DIST_DIR/nats"
      sed "${substitutions[@]}" deploy/nats.conf
    } >"$NATS_CONF"
  )
  "$NATS_SERVER" -t -c "$NATS_CONF" >/dev/null 2>&1 || die "nats-server rejects $NATS_CONF: $("$NATS_SERVER" -t -c "$NATS_CONF" 2>&1 | head -n 1)"
  CHILDREN+=(nats)
  launch nats
  wait_ready nats
fi

# ---------------------------------------------------------------- subgraphs and gateway
for entry in "${SERVICES[@]}"; do
  CHILDREN+=("${entry%%:*}")
  launch "${entry%%:*}"
done
for entry in "${SERVICES[@]}"; do
  wait_ready "${entry%%:*}"
done
CHILDREN+=(gateway)
launch gateway
wait_ready gateway
for name in "${CHILDREN[@]}"; do echo "$name $(port_of_child "$name")"; done >"$DIST_DIR/children"

cat >&2 <<MSG

[distributed] all up: gateway http://${BIND_HOST}:${GATEWAY_PORT}/graphql  (Ctrl-C stops everything)
[distributed] a child that dies is $([[ $RESTART == backoff ]] && echo "restarted with backoff" || echo "reported, not restarted (RESTART=no)"); from another shell:
  scripts/distributed.sh status | restart <$(
  IFS='|'
  echo "${CHILDREN[*]}"
)> | stop$([[ $DIST_DIR != "$ROOT/data/distributed" ]] && echo "   (with DIST_DIR=$DIST_DIR)")

  TOKEN=\$(AUTH_SECRET=\$(sed -n 's/^AUTH_SECRET=//p' $(rel "$SECRETS_FILE")) pnpm -s dev-token --role ADMIN)
  curl -s http://${BIND_HOST}:${GATEWAY_PORT}/graphql -H 'content-type: application/json' \\
    -H "authorization: Bearer \$TOKEN" --data '{"query":"{ locations { id name } }"}'

MSG

# ---------------------------------------------------------------- supervision
# Until a signal arrives: every 0.5 s, reap and report children that died (and schedule their
# restart under RESTART=backoff), start those whose backoff is over, answer `restart` requests,
# and report restarted children once they are ready.
set +e
supervise_once() {
  local name pid status up delay request
  for name in "${!PIDS[@]}"; do
    pid=${PIDS[$name]}
    kill -0 "$pid" 2>/dev/null && continue
    wait "$pid" 2>/dev/null
    status=$?
    unset "PIDS[$name]" "STARTING[$name]"
    rm -f "$PID_DIR/$name.pid"
    up=$((SECONDS - ${STARTED_AT[$name]:-0}))
    say "$name (pid $pid) died after ${up}s, exit status $status$( ((status > 128)) && echo " (signal $((status - 128)))"); the others keep running; last lines of $(rel "$LOG_DIR/$name.log"):"
    tail -n 10 "$LOG_DIR/$name.log" | sed 's/^/    /' >&3
    answer "$name" "failed: exited with status $status before it was ready"
    if [[ $RESTART == backoff ]]; then
      ((up >= 60)) && DELAY[$name]=1
      delay=${DELAY[$name]:-1}
      NEXT_START[$name]=$((SECONDS + delay))
      DELAY[$name]=$((delay * 2 > 30 ? 30 : delay * 2))
      say "$name: restarting in ${delay}s (RESTART=backoff)"
    else
      say "$name stays down (RESTART=no): scripts/distributed.sh restart $name"
    fi
  done
  for name in "${!NEXT_START[@]}"; do
    if ((SECONDS >= NEXT_START[$name])); then
      unset "NEXT_START[$name]"
      [[ -z "${PIDS[$name]:-}" ]] && launch "$name" restart && STARTING[$name]=1
    fi
  done
  for request in "$CONTROL_DIR"/restart.*; do
    [[ -f "$request" && "$request" != *.done && "$request" != *.tmp ]] || continue
    name=${request##*/restart.}
    rm -f "$request"
    if [[ " ${CHILDREN[*]} " != *" $name "* ]]; then
      REPLY[$name]=1
      answer "$name" "failed: no child named $name"
      continue
    fi
    say "restart of $name requested"
    unset "NEXT_START[$name]" "STARTING[$name]"
    DELAY[$name]=1
    [[ -n "${PIDS[$name]:-}" ]] && stop_children "$name"
    REPLY[$name]=1
    launch "$name" restart
    STARTING[$name]=1
  done
  for name in "${!STARTING[@]}"; do
    [[ -n "${PIDS[$name]:-}" ]] || continue
    if is_ready "$name"; then
      unset "STARTING[$name]"
      say "$name ready again on :$(port_of_child "$name") (pid ${PIDS[$name]})"
      answer "$name" "ready (pid ${PIDS[$name]})"
    elif ((SECONDS - STARTED_AT[$name] >= READY_TIMEOUT)); then
      unset "STARTING[$name]"
      say "$name is not ready ${READY_TIMEOUT}s after its restart; it keeps running, see $(rel "$LOG_DIR/$name.log")"
      answer "$name" "failed: not ready after ${READY_TIMEOUT}s"
    fi
  done
}
while :; do
  { supervise_once; } 2>/dev/null
  { sleep 0.5; } 2>/dev/null
done
