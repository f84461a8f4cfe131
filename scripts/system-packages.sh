#!/usr/bin/env bash
# The Debian packages the build needs besides Python: Pango for WeasyPrint (the agreements' PDFs) and the
# fonts they are set in; with --browser, also what the browser tests need: Debian's Chromium (never a
# downloaded build) and npm (for axe-core). Installed with apt-get only when missing; elsewhere, says what
# to install.
set -euo pipefail

missing=()
if [ "${1:-}" = "--browser" ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v npm >/dev/null || missing+=(npm)
fi
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so.0' || missing+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || missing+=(libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -q 'Liberation Sans' || missing+=(fonts-liberation)
fc-list 2>/dev/null | grep -q 'DejaVu Sans' || missing+=(fonts-dejavu-core)
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "Please install Pango and the Liberation and DejaVu fonts (Debian: ${missing[*]})." >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing ${missing[*]} with apt-get…"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig >/dev/null
