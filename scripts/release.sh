#!/usr/bin/env bash
# Release directories for the production profile started as root: the interpreter, the installed packages and the
# application where the unprivileged service user can read them but not write them, without opening /root or the
# clone. Usage: scripts/release.sh runtime   (prints the runtime directory: Python + venv, built once per stamp)
#               scripts/release.sh app DEST MODEL   (copies the code, the knowledge store and the model into DEST)
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
SERVICE_USER=${SERVICE_USER:-conseiller}
RELEASE_ROOT=${RELEASE_ROOT:-/opt/conseiller}
MARKER=.conseiller-release  # written in every directory this script creates; nothing else is reused
RUNTIME_GRACE_MINUTES=60  # an older runtime younger than this is kept
VENV_PYTHON=$REPO/.venv/bin/python
# what Rasa, the action server and the /admin dashboard (web/serve.py) import or read at run time; tests and data/
# stay in the clone
APP_FILES=(actions channels charts dashboard nlu_components runtime storage scripts knowledge web credentials.yml
  endpoints.prod.yml .env.example)

say() { echo "[release] $*" >&2; }
die() { echo "[release] ERREUR : $*" >&2; exit 1; }

# ours DIR: a real directory of root, not writable by group or others, holding this script's marker
ours() {
  [ -d "$1" ] && [ ! -L "$1" ] && [ "$(stat -c %u "$1")" = 0 ] && [ -f "$1/$MARKER" ] && [ ! -L "$1/$MARKER" ] \
    && [ -z "$(find "$1" -maxdepth 0 -perm /022)" ]
}

# private_to_service DIR: root's, readable and traversable by the service user's group, closed to everyone else
private_to_service() { chown root:"$SERVICE_USER" "$1"; chmod 750 "$1"; }

# hard links when the source is on the same filesystem (no copy of ~3 GB of packages), else a copy
link_or_copy() { cp -al "$1" "$2" 2>/dev/null || { rm -rf "$2"; cp -a "$1" "$2"; }; }

release_root() {
  if [ -L "$RELEASE_ROOT" ]; then die "$RELEASE_ROOT is a symbolic link: refused"; fi
  if [ ! -e "$RELEASE_ROOT" ]; then
    mkdir -p "$RELEASE_ROOT" && : >"$RELEASE_ROOT/$MARKER"
  elif ! ours "$RELEASE_ROOT"; then
    [ -d "$RELEASE_ROOT" ] && [ "$(stat -c %u "$RELEASE_ROOT")" = 0 ] && [ -z "$(ls -A "$RELEASE_ROOT")" ] \
      || die "$RELEASE_ROOT was not created by scripts/release.sh: refused (choose another RELEASE_ROOT)"
    : >"$RELEASE_ROOT/$MARKER"
  fi
  private_to_service "$RELEASE_ROOT"
}

# in_use DIR: a running process's executable lies under DIR
in_use() {
  local exe target
  for exe in /proc/[0-9]*/exe; do
    target=$(readlink "$exe" 2>/dev/null) || continue
    case $target in "$1"/*) return 0 ;; esac
  done
  return 1
}

# prune_runtimes KEEP: each reinstall leaves a runtime of about 3 GB; the older ones go, unless a service still runs
# on one, it was not created here, or it is recent (another clone's start may have built it and not started yet)
prune_runtimes() {
  local dir
  for dir in "$RELEASE_ROOT"/runtime-*; do
    [ "$dir" = "$1" ] && continue
    ours "$dir" || continue
    [ -n "$(find "$dir" -maxdepth 0 -mmin -"$RUNTIME_GRACE_MINUTES")" ] && continue
    in_use "$dir" && { say "ancien environnement gardé (en service) : $dir"; continue; }
    rm -rf "$dir" && say "ancien environnement supprimé : $dir"
  done
}

# The runtime is keyed by the base interpreter and the installed distributions (their dist-info names carry the
# versions): the same .venv gives the same directory, reused; a reinstall gives a new one.
runtime() {
  [ "$(id -u)" = 0 ] || die "only root builds a release (an unprivileged user runs the clone's .venv directly)"
  local base version binary site stamp dir
  { read -r base; read -r version; read -r site; } < <("$VENV_PYTHON" -c \
    'import sys, sysconfig; print(sys.base_prefix); print("python%d.%d" % sys.version_info[:2]); print(sysconfig.get_path("purelib"))')
  binary=$(basename "$(readlink -f "$VENV_PYTHON")")
  stamp=$( { echo "$base $binary"; ls "$site"; } | sha256sum | cut -c1-16)
  release_root
  dir=$RELEASE_ROOT/runtime-$stamp
  if ours "$dir"; then say "environnement Python réutilisé : $dir"; prune_runtimes "$dir"; echo "$dir"; return; fi
  [ -e "$dir" ] || [ -L "$dir" ] && die "$dir exists but was not created by scripts/release.sh: refused"
  say "construction de l'environnement Python de $SERVICE_USER dans $dir…"
  BUILD=$(mktemp -d "$RELEASE_ROOT/.building-XXXXXX")
  trap 'rm -rf "$BUILD"' EXIT
  link_or_copy "$base" "$BUILD/python"
  # a venv written by hand: `python -m venv` would record the temporary path, renamed below
  mkdir -p "$BUILD/venv/bin" "$BUILD/venv/lib/$version"
  ln -s lib "$BUILD/venv/lib64"
  ln -s "$dir/python/bin/$binary" "$BUILD/venv/bin/python"
  printf 'home = %s\ninclude-system-site-packages = false\nversion = %s\n' "$dir/python/bin" \
    "$("$VENV_PYTHON" -c 'import platform; print(platform.python_version())')" >"$BUILD/venv/pyvenv.cfg"
  link_or_copy "$site" "$BUILD/venv/lib/$version/site-packages"
  : >"$BUILD/$MARKER"
  private_to_service "$BUILD"
  if ! mv -T "$BUILD" "$dir" 2>/dev/null; then  # built meanwhile by another start, or a failure
    rm -rf "$BUILD"
    ours "$dir" || die "could not create $dir"
  fi
  trap - EXIT
  prune_runtimes "$dir"
  echo "$dir"
}

# app DEST MODEL: a fresh copy each start (about 4 MB: quick), so the services run exactly the clone's files
app() {
  local dest=$1 model=$2 build=$1.new
  [ -L "$dest" ] || [ -L "$build" ] && die "$dest is a symbolic link: refused"
  rm -rf "$build"
  mkdir -m 700 "$build" "$build/models"
  tar -C "$REPO" --exclude=__pycache__ -cf - "${APP_FILES[@]}" | tar -C "$build" -xf -
  cp "$model" "$build/models/"
  "$VENV_PYTHON" -m compileall -q "$build" >/dev/null  # the service user cannot write the bytecode caches
  : >"$build/$MARKER"
  chown -R root:"$SERVICE_USER" "$build"
  chmod -R u=rwX,g=rX,o= "$build"
  rm -rf "$dest"
  mv -T "$build" "$dest"
}

case "${1:-}" in
  runtime) runtime ;;
  app) [ $# = 3 ] || die "usage: $0 app DEST MODEL"; app "$2" "$3" ;;
  *) echo "usage: $0 runtime | app DEST MODEL" >&2; exit 2 ;;
esac
