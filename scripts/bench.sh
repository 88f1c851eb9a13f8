#!/usr/bin/env bash
# `pnpm bench`: the gateway benchmark (gateway/src/bench/gateway.ts) on the embedded system, then,
# when PostgreSQL answers on PGHOST:PGPORT and nats-server is installed, on the distributed one
# (scripts/distributed.sh in a scratch DIST_DIR and database, stopped and dropped afterwards;
# its PostgreSQL backends count as the system's CPU), with anonymous SearchProducts through Hive
# Gateway beside ours (installed on first use into node_modules/.cache; BENCH_HIVE=0 leaves it out).
# Prints each table and the targets, and writes bench-results/<mode>.json. Not a test: no thresholds.
#   scripts/bench.sh [--duration 10] [--connections 10] [--rounds 3] [--idle 10]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_pnpm
install_dependencies >/dev/null
pnpm -s build
mkdir -p bench-results

echo "== embedded (SQLite, in-process bus)"
node gateway/dist/bench/gateway.js --json bench-results/embedded.json "$@"

PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
if ! pg_isready -h "$PGHOST" -p "$PGPORT" -q 2>/dev/null || ! { command -v nats-server >/dev/null || [[ -x /usr/sbin/nats-server ]]; }; then
  echo "== distributed: skipped (needs PostgreSQL on $PGHOST:$PGPORT and nats-server)"
  exit 0
fi

echo "== distributed (PostgreSQL, NATS, one process per service)"
dist_dir="$(mktemp -d)"
database="omni_bench_$$"
stop() {
  DIST_DIR="$dist_dir" scripts/distributed.sh stop >/dev/null 2>&1 || true
  psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$dist_dir"
}
trap stop EXIT
# NODE_ENV=production as the images run (graphql-js skips its development-only checks), like the embedded child.
NODE_ENV=production DIST_DIR="$dist_dir" OMNI_DB="$database" SKIP_BUILD=1 LOG_LEVEL=warn RESTART=no \
  RATE_LIMIT_PER_MINUTE=100000000 RATE_LIMIT_ANONYMOUS_PER_MINUTE=100000000 RATE_LIMIT_LOOKUPS_PER_MINUTE=100000000 \
  scripts/distributed.sh >"$dist_dir/distributed.out" 2>&1 &
for _ in $(seq 1 360); do
  if grep -q "all up" "$dist_dir/distributed.out" 2>/dev/null; then break; fi
  if ! kill -0 $! 2>/dev/null; then
    cat "$dist_dir/distributed.out" >&2
    exit 1
  fi
  sleep 0.5
done
grep -q "all up" "$dist_dir/distributed.out" || { echo "the distributed system did not start in 180 s" >&2; exit 1; }
hive=(--hive)
[[ "${BENCH_HIVE:-1}" == 0 ]] && hive=()
# psql (the backends' CPU) reads PG*; the services do not get them.
PGHOST="$PGHOST" PGPORT="$PGPORT" PGUSER="$PGUSER" node gateway/dist/bench/gateway.js --distributed "$dist_dir" \
  --database "$database" "${hive[@]}" --json bench-results/distributed.json "$@"
