#!/usr/bin/env bash
# Install the kiosk's managed chromium policy (needs root):
#
#   sudo deploy/kiosk/install-policy.sh [--print] URL
#
# Writes /etc/chromium/policies/managed/kyodo-kiosk.json from policy.json.template: only
# URL's origin may be opened (plus the base-map tile servers, so the map has its
# background), downloads, file dialogs, pop-ups and printing are blocked, and the
# browser starts on URL. --print writes the policy to standard output instead.
set -euo pipefail

PRINT=0
if [ "${1:-}" = "--print" ]; then PRINT=1; shift; fi
URL="${1:?usage: install-policy.sh [--print] URL (e.g. http://127.0.0.1:8501/)}"
URL_RE='^https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~/?=%-]*)?$'
if ! [[ "$URL" =~ $URL_RE ]]; then
  echo "install-policy: not an http(s) address: $URL" >&2
  exit 2
fi
ORIGIN="$(printf '%s' "$URL" | sed -E 's#^(https?://[^/]+).*#\1#')"
HERE="$(cd "$(dirname "$0")" && pwd)"
TILES='"cyberjapandata.gsi.go.jp", "tile.openstreetmap.org"'
ALLOW="\"$ORIGIN\", $TILES"
POLICY="$(sed -e "s#@ALLOWLIST@#$ALLOW#" -e "s#@KIOSK_URL@#$URL#g" "$HERE/policy.json.template")"

if [ "$PRINT" = 1 ]; then
  printf '%s\n' "$POLICY"
  exit 0
fi
TARGET=/etc/chromium/policies/managed
mkdir -p "$TARGET"
printf '%s\n' "$POLICY" > "$TARGET/kyodo-kiosk.json"
chmod 644 "$TARGET/kyodo-kiosk.json"
echo "installed $TARGET/kyodo-kiosk.json (allowing $ORIGIN); restart chromium to apply"
