#!/usr/bin/env bash
# Runs the distributed mode on this machine without Docker: the five subgraph services, each in
# its own process on its own port, against the local PostgreSQL and a NATS JetStream server of
# their own (one NATS user per service, deploy/nats.conf), and the gateway routing to them on
# port 4000. Ctrl-C (or SIGTERM) stops every child.
#
#   scripts/distributed.sh               # build, start everything, stay in the foreground
#   SKIP_BUILD=1 scripts/distributed.sh  # reuse the existing dist/ output
#
# Settings (environment): PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PGPASSWORD (unset:
# trust auth), OMNI_DB (omni), LOG_LEVEL (info), BIND_HOST (127.0.0.1), READY_TIMEOUT (seconds per
# process, 90), SUBGRAPH_SECRET, AUTH_SECRET, GIFT_CARD_SECRET, EVENT_SECRET and each service's
# <SERVICE>_NATS_PASSWORD (unset: random ones kept in data/distributed/secrets.env, so tokens and
# gift cards survive a restart).
# NATS: the script runs nats-server (NATS_SERVER: from PATH or /usr/sbin) on 127.0.0.1:NATS_PORT
# (4223, beside a development server on 4222) with data/distributed/nats.conf, which it writes
# from deploy/nats.conf with those passwords, and its store in data/distributed/nats. Set NATS_URL
# to use a server of your own instead: it must run deploy/nats.conf with the same passwords.
# Logs: data/logs/<name>.log (overwritten on each run).
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
LOG_DIR="$ROOT/data/logs"

# psql against the configured server (PG* stay out of the children's environment: node-postgres
# would read them).
pg() { psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -X "$@"; }

say() { printf '[distributed] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

command -v node >/dev/null || die "node is not installed"

# Each subgraph's default port and peers, read from the code so this script follows it:
# services/<name>/src/main.ts calls runServiceProcess(definition, PORT, ['peer', ...]).
# One line per service: "name port peer,peer".
SERVICE_TABLE="$(node -e '
  const fs = require("fs");
  for (const name of fs.readdirSync("services").sort()) {
    const file = `services/${name}/src/main.ts`;
    if (!fs.existsSync(file)) continue;
    const m = /runServiceProcess\(\s*\w+\s*,\s*(\d+)\s*(?:,\s*\[([^\]]*)\])?\s*\)/.exec(fs.readFileSync(file, "utf8"));
    if (!m) { console.error(`${file}: no runServiceProcess(definition, port, [peers]) call`); process.exit(1); }
    const peers = m[2] ? [...m[2].matchAll(/[\x27"]([\w-]+)[\x27"]/g)].map((p) => p[1]) : [];
    console.log(`${name} ${m[1]} ${peers.join(",")}`);
  }')" || die "cannot read the services' ports and peers from services/*/src/main.ts"
GATEWAY_PORT="$(sed -n 's/.*GATEWAY_PORT = \([0-9]*\).*/\1/p' gateway/src/services.ts)"
GATEWAY_PORT="${GATEWAY_PORT:-4000}"

SERVICES=()
declare -A PEERS=()
while read -r name port peers; do
  [[ -n "$name" ]] || continue
  SERVICES+=("$name:$port")
  PEERS[$name]="$peers"
done <<<"$SERVICE_TABLE"
((${#SERVICES[@]} > 0)) || die "no services found under services/*/src/main.ts"

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

# ---------------------------------------------------------------- preflight
for tool in pnpm psql curl; do
  command -v "$tool" >/dev/null || die "$tool is not installed"
done

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

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
SECRETS_FILE="$ROOT/data/distributed/secrets.env"
random_secret() { node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))'; }
nats_password_var() { echo "${1^^}_NATS_PASSWORD"; }
SECRET_NAMES=(SUBGRAPH_SECRET AUTH_SECRET GIFT_CARD_SECRET EVENT_SECRET)
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

mkdir -p "$LOG_DIR"

# ---------------------------------------------------------------- process management
# Each child runs in its own session (setsid, which keeps the pid here since a background child
# of a script is no process-group leader), so a terminal Ctrl-C reaches only this script, which
# then stops every child once, with SIGTERM.
SETSID=()
command -v setsid >/dev/null && SETSID=(setsid)
declare -A PIDS=()
STOPPING=0

cleanup() {
  local status=$?
  [[ $STOPPING == 1 ]] && return
  STOPPING=1
  trap - INT TERM EXIT
  if ((${#PIDS[@]} > 0)); then
    say "stopping ${!PIDS[*]}"
    local name pid
    for name in "${!PIDS[@]}"; do kill -TERM "${PIDS[$name]}" 2>/dev/null || true; done
    for _ in $(seq 1 50); do
      local alive=0
      for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
      ((alive)) || break
      sleep 0.2
    done
    for name in "${!PIDS[@]}"; do
      if kill -0 "${PIDS[$name]}" 2>/dev/null; then
        say "$name did not stop within 10s, killing it"
        kill -KILL "${PIDS[$name]}" 2>/dev/null || true
      fi
    done
    wait 2>/dev/null || true
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start NAME ENTRY [env arguments: -u VAR, VAR=value ...]
start() {
  local name=$1 entry=$2
  shift 2
  : >"$LOG_DIR/$name.log"
  "${SETSID[@]}" env "$@" node "$entry" >>"$LOG_DIR/$name.log" 2>&1 &
  PIDS[$name]=$!
  say "started $name (pid ${PIDS[$name]}), log data/logs/$name.log"
}

# wait_ready NAME PORT
wait_ready() {
  local name=$1 port=$2 deadline=$((SECONDS + READY_TIMEOUT))
  until curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/readyz" 2>/dev/null; do
    if ! kill -0 "${PIDS[$name]}" 2>/dev/null; then
      say "$name exited before it was ready; last lines of data/logs/$name.log:"
      tail -n 20 "$LOG_DIR/$name.log" >&2 || true
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      say "$name is not ready after ${READY_TIMEOUT}s; last lines of data/logs/$name.log:"
      tail -n 20 "$LOG_DIR/$name.log" >&2 || true
      exit 1
    fi
    sleep 0.5
  done
  say "$name ready on :$port"
}

# ---------------------------------------------------------------- nats
# data/distributed/nats.conf: deploy/nats.conf (one user per service, each publishing only its own
# subjects) with the passwords written in, plus where to listen and store. Mode 600.
if [[ -n "${NATS_SERVER:-}" ]]; then
  NATS_CONF="$ROOT/data/distributed/nats.conf"
  substitutions=()
  for entry in "${SERVICES[@]}"; do
    var=$(nats_password_var "${entry%%:*}")
    substitutions+=(-e "s/\\\$$var\\b/\"${!var}\"/")
  done
  (
    umask 077
    {
      printf '# Written by scripts/distributed.sh from deploy/nats.conf on each run: it holds passwords.\n'
      printf 'listen: 127.0.0.1:%s\njetstream { store_dir: "%s" }\n\n' "$NATS_PORT" "$ROOT/data/distributed/nats"
      sed "${substitutions[@]}" deploy/nats.conf
    } >"$NATS_CONF"
  )
  "$NATS_SERVER" -t -c "$NATS_CONF" >/dev/null 2>&1 || die "nats-server rejects $NATS_CONF: $("$NATS_SERVER" -t -c "$NATS_CONF" 2>&1 | head -n 1)"
  : >"$LOG_DIR/nats.log"
  "${SETSID[@]}" "$NATS_SERVER" -c "$NATS_CONF" >>"$LOG_DIR/nats.log" 2>&1 &
  PIDS[nats]=$!
  say "started nats-server (pid ${PIDS[nats]}) on :$NATS_PORT, one user per service; log data/logs/nats.log"
  deadline=$((SECONDS + 10))
  until port_busy "$NATS_PORT"; do
    kill -0 "${PIDS[nats]}" 2>/dev/null || { tail -n 20 "$LOG_DIR/nats.log" >&2; die "nats-server exited"; }
    ((SECONDS < deadline)) || die "nats-server does not listen on $NATS_PORT after 10s"
    sleep 0.2
  done
fi

# ---------------------------------------------------------------- subgraphs
for entry in "${SERVICES[@]}"; do
  name=${entry%%:*}
  port=${entry##*:}
  nats_password_of=$(nats_password_var "$name")
  extra=()
  if [[ "$name" == loyalty ]]; then extra=(GIFT_CARD_SECRET="$GIFT_CARD_SECRET"); fi
  # shellcheck disable=SC2046 # peer_env yields VAR=value words without spaces
  start "$name" "services/$name/dist/main.js" \
    PORT="$port" HOST="$BIND_HOST" DATABASE_URL="$DATABASE_URL" NATS_URL="$NATS_URL" \
    NATS_USER="$name" NATS_PASSWORD="${!nats_password_of}" EVENT_SECRET="$EVENT_SECRET" \
    DATA_DIR="$ROOT/data/distributed" LOG_LEVEL="$LOG_LEVEL" SUBGRAPH_SECRET="$SUBGRAPH_SECRET" ${extra[@]+"${extra[@]}"} $(peer_env "$name")
done
for entry in "${SERVICES[@]}"; do
  wait_ready "${entry%%:*}" "${entry##*:}"
done

# ---------------------------------------------------------------- gateway
# Every <SERVICE>_URL set: the gateway only routes. DATABASE_URL/NATS_URL are deliberately unset.
# shellcheck disable=SC2046 # VAR=value words without spaces
start gateway gateway/dist/main.js -u DATABASE_URL -u NATS_URL \
  PORT="$GATEWAY_PORT" HOST="$BIND_HOST" LOG_LEVEL="$LOG_LEVEL" SUBGRAPH_SECRET="$SUBGRAPH_SECRET" \
  AUTH_SECRET="$AUTH_SECRET" $(all_subgraph_env)
wait_ready gateway "$GATEWAY_PORT"

cat >&2 <<MSG

[distributed] all up: gateway http://${BIND_HOST}:${GATEWAY_PORT}/graphql  (Ctrl-C stops everything)

  TOKEN=\$(AUTH_SECRET=\$(sed -n 's/^AUTH_SECRET=//p' data/distributed/secrets.env) pnpm -s token --role ADMIN)
  curl -s http://${BIND_HOST}:${GATEWAY_PORT}/graphql -H 'content-type: application/json' \\
    -H "authorization: Bearer \$TOKEN" --data '{"query":"{ locations { id name } }"}'

MSG

# Stay in the foreground until a signal arrives or any child exits (then stop the rest).
set +e
wait -n "${PIDS[@]}"
status=$?
for name in "${!PIDS[@]}"; do
  if ! kill -0 "${PIDS[$name]}" 2>/dev/null; then
    say "$name exited (status $status); last lines of data/logs/$name.log:"
    tail -n 20 "$LOG_DIR/$name.log" >&2 || true
    unset "PIDS[$name]"
  fi
done
exit 1
