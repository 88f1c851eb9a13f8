#!/usr/bin/env bash
# Installs what the tests need and runs them.
#   scripts/test.sh                      SQLite in memory and the in-process bus (no servers needed)
#   TEST_DATABASE_URL=postgres://... TEST_NATS_URL=nats://... scripts/test.sh
#                                        also PostgreSQL (a fresh database per test file) and NATS JetStream
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_pnpm
install_dependencies
ensure_chromium
pnpm build
# The console: typed operations, component tests, the build its end-to-end test serves (apps/console/test).
pnpm --filter @omni/console build
pnpm --filter @omni/console test
pnpm test "$@"
