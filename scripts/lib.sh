# Shared by the scripts in this folder.
PNPM_VERSION=12.21.0

ensure_pnpm() {
  if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "$PNPM_VERSION" ]; then
    npm install --global "pnpm@$PNPM_VERSION" >/dev/null
  fi
}

install_dependencies() {
  # better-sqlite3 is native: when no prebuilt binary can be downloaded, node-gyp compiles it
  # and needs Node's headers. Use the local ones when they match the running Node.
  if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node_version.h ]; then
    local v
    v=$(awk '/define NODE_(MAJOR|MINOR|PATCH)_VERSION/ {printf "%s%s", sep, $3; sep="."}' /usr/include/node/node_version.h)
    if [ "v$v" = "$(node --version)" ]; then export npm_config_nodedir=/usr; fi
  fi
  pnpm install --frozen-lockfile
}

# The console's browser test drives Debian's Chromium (apps/console/test): installed when missing
# and this user may (root with apt-get); otherwise that test says it is skipped.
ensure_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Chromium for the console's browser test (apt-get install chromium)" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "no Chromium (set CHROMIUM_PATH or install Debian's chromium): the console's browser test is skipped" >&2
  fi
}
