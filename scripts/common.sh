# Shared helpers for the service scripts. Sourced, not executed.

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

# Install Debian packages when a command is missing. Only root can; others get a clear message.
need_cmd() {
  local cmd=$1 pkg=${2:-$1}
  command -v "$cmd" >/dev/null 2>&1 && return 0
  is_root || die "'$cmd' is missing: install the Debian package '$pkg' (sudo apt-get install $pkg)."
  apt_install "$pkg"
  command -v "$cmd" >/dev/null 2>&1 || die "installing $pkg did not provide '$cmd'"
}

# Install a Debian package that provides no command (fonts, data) when it is missing.
need_pkg() {
  local pkg=$1
  dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" && return 0
  is_root || die "the Debian package '$pkg' is missing (sudo apt-get install $pkg)."
  apt_install "$pkg"
}

apt_install() {
  log "installing Debian package $1"
  if [ -z "${_APT_UPDATED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    _APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
}
