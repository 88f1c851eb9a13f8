#!/usr/bin/env bash
# Installs and starts the whole system in one process on its embedded defaults: SQLite files
# under ./data, the in-process event bus, a demo retailer seeded on first start.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_pnpm
install_dependencies
exec pnpm start
