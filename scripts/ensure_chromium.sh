#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver (apt) only when missing; prints the chromium path.
set -euo pipefail
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
DRIVER=/usr/bin/chromedriver
installed() { [ -x "$CHROMIUM" ] && [ -x "$DRIVER" ]; }
if installed; then
  echo "$CHROMIUM"; exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Chromium manque et apt-get est introuvable : installez les paquets chromium et chromium-driver." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "Installer Chromium demande les droits root (sudo introuvable)." >&2; exit 1; }
  SUDO="sudo -n"
fi
# one installation at a time (parallel tests): the one that waited finds Chromium installed
exec 9>/tmp/conseiller-apt.lock
flock -w 900 9
if installed; then
  echo "$CHROMIUM"; exit 0
fi
echo "Installation de chromium et chromium-driver (apt)…" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium chromium-driver >&2
[ -x "$CHROMIUM" ] || { echo "Chromium introuvable après installation ($CHROMIUM)." >&2; exit 1; }
echo "$CHROMIUM"
