#!/usr/bin/env bash
# Installs Debian packages the app and its tests use, when absent.
#   runtime: Leaflet and Leaflet.markercluster (libjs-*), so the map works without
#            internet, and a Japanese font.
#   test:    the above, plus chromium (driven by Playwright) and poppler-utils
#            (pdftotext, pdfinfo for the area-sheet tests).
# Usage: install-system-deps.sh [runtime|test]   (default: test)
# Under CI (CI=true) a failure to install the test needs is fatal; elsewhere the tests
# that need them skip and say why, and the map falls back to loading Leaflet online.
set -u
mode="${1:-test}"
need=()
[ -f /usr/share/javascript/leaflet/leaflet.js ] || need+=(libjs-leaflet)
[ -f /usr/share/javascript/leaflet/leaflet.markercluster.js ] || need+=(libjs-leaflet.markercluster)
fc-list 2>/dev/null | grep -qiE 'Noto Sans CJK|IPAex' || need+=(fonts-noto-cjk fontconfig)
if [ "$mode" = "test" ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
fi
[ ${#need[@]} -eq 0 ] && exit 0

echo "installing Debian packages: ${need[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo_cmd=(sudo -n)
fi
if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ ${#sudo_cmd[@]} -gt 0 ]; }; then
  export DEBIAN_FRONTEND=noninteractive
  if "${sudo_cmd[@]}" apt-get update -qq &&
    "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; then
    exit 0
  fi
fi
if [ "$mode" = "test" ] && [ "${CI:-}" = "true" ]; then
  echo "error: could not install ${need[*]}; CI needs them for the browser and PDF tests" >&2
  exit 1
fi
echo "warning: could not install ${need[*]}; continuing without them" >&2
exit 0
