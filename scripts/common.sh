# Shared helpers for the service scripts. Sourced, not executed.

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

# Install Debian packages when a command is missing. Only root can; others get a clear message.
need_cmd() {
  local cmd=$1 pkg=${2:-$1}
  command -v "$cmd" >/dev/null 2>&1 && return 0
  is_root || die "'$cmd' is missing: install the Debian package '$pkg' (sudo apt-get install $pkg)."
  log "installing Debian package $pkg"
  if [ -z "${_APT_UPDATED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    _APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >/dev/null
  command -v "$cmd" >/dev/null 2>&1 || die "installing $pkg did not provide '$cmd'"
}
