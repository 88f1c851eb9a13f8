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
