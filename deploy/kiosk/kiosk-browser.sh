#!/usr/bin/env bash
# Start Debian's chromium as the さぽらんて touch-screen kiosk, against a running kiosk
# (`make kiosk`). Usage:
#
#   deploy/kiosk/kiosk-browser.sh [--dry-run] [URL]
#
# URL defaults to $KIOSK_URL, else http://127.0.0.1:8501/. The browser runs full screen
# with no way out: no address bar or tabs (--kiosk), no first-run or default-browser
# prompts, no pinch-zoom or swipe navigation, no translation bar, no error or crash
# bubbles (the kiosk page itself blocks the context menu and long-press menu), and a
# profile emptied at every start so no visitor's history survives a restart. What a page may reach is enforced by the managed
# policy (policy.json.template, installed by install-policy.sh): only the kiosk's own
# address (and the base-map tiles) may load, downloads and new windows are blocked.
# --dry-run prints the command instead of starting chromium.
set -euo pipefail

DRY_RUN=0
if [ "${1:-}" = "--dry-run" ]; then DRY_RUN=1; shift; fi
URL="${1:-${KIOSK_URL:-http://127.0.0.1:8501/}}"
URL_RE='^https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~/?=%-]*)?$'
if ! [[ "$URL" =~ $URL_RE ]]; then
  echo "kiosk-browser: not an http(s) address: $URL" >&2
  exit 2
fi

CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || echo /usr/bin/chromium)}"
PROFILE="${KIOSK_PROFILE:-${TMPDIR:-/tmp}/kyodo-kiosk-profile}"
POLICY="/etc/chromium/policies/managed/kyodo-kiosk.json"

ARGS=(
  --kiosk
  --no-first-run
  --no-default-browser-check
  --disable-pinch
  --overscroll-history-navigation=0
  --disable-features=Translate,TranslateUI,TouchpadOverscrollHistoryNavigation,OverscrollHistoryNavigation
  --disable-translate
  --noerrdialogs
  --disable-session-crashed-bubble
  --disable-infobars
  --hide-crash-restore-bubble
  --autoplay-policy=user-gesture-required
  --check-for-update-interval=31536000
  --password-store=basic
  --user-data-dir="$PROFILE"
  "$URL"
)

if [ "$DRY_RUN" = 1 ]; then
  printf '%q ' "$CHROMIUM" "${ARGS[@]}"
  echo
  exit 0
fi

case "$PROFILE" in *kyodo-kiosk*) rm -rf "$PROFILE" ;; esac  # a fresh profile each start
[ -x "$CHROMIUM" ] || { echo "kiosk-browser: chromium not found (make sysdeps)" >&2; exit 1; }
if [ ! -f "$POLICY" ]; then
  echo "kiosk-browser: warning: the kiosk policy is not installed ($POLICY);" \
    "run: sudo deploy/kiosk/install-policy.sh $URL" >&2
fi
exec "$CHROMIUM" "${ARGS[@]}"
