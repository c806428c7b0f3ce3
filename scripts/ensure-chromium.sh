#!/usr/bin/env bash
# Playwright cannot download browsers on our machines; the e2e tests use Debian's chromium instead.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then
  echo "e2e: /usr/bin/chromium is missing; install Debian's chromium (apt-get install chromium)" >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
