#!/usr/bin/env bash
# Install AUP Atlas and everything its tests need on a fresh Debian machine (Python 3.11, root or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
# System packages: a browser for the site tests, poppler for looking at PDFs, fonts and WeasyPrint's libraries,
# WordNet's database (/usr/share/wordnet: synonyms for rule alignment, generator/wordnet.py).
PKGS="chromium poppler-utils fonts-dejavu-core fonts-liberation libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b wordnet-base"
missing=""
for p in $PKGS; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
python3 -m pip install -q -e ".[test,train]"
# The builder's Word download: the npm docx package, exactly as package-lock.json pins it (aup build copies its
# browser bundle into the site). Debian's nodejs and npm when there is no node yet.
if ! command -v npm >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
npm ci --no-audit --no-fund --loglevel=error
