#!/usr/bin/env bash
# Installs Debian packages the app and its tests use, when absent.
#   runtime: Leaflet and Leaflet.markercluster (libjs-*), so the map works without
#            internet, and a Japanese font.
#   test:    the above, plus chromium (driven by Playwright), poppler-utils
#            (pdftotext, pdfinfo for the area-sheet tests), PostgreSQL with PostGIS
#            (the registry tests start a throwaway cluster: scripts/pg-test-cluster.sh)
#            and nginx (the replica tests and make serve-replicas).
# Usage: install-system-deps.sh [runtime|test]   (default: test)
# Under CI (CI=true) a failure to install the test needs is fatal; elsewhere the tests
# that need them skip and say why, and the map falls back to loading Leaflet online.
# Installing the servers starts none of their system services: the tests and
# serve-replicas run their own, on loopback.
set -u
mode="${1:-test}"
need=()
postgis_wanted=no

# Major version of the PostgreSQL server installed, else of the one Debian would install.
pg_major() {
  local v
  v="$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sed -E 's#^/usr/lib/postgresql/([0-9]+)/.*#\1#' | sort -n | tail -1)"
  if [ -z "$v" ]; then
    v="$(apt-cache depends postgresql 2>/dev/null | sed -nE 's/^ *Depends: postgresql-([0-9]+)$/\1/p' | head -1)"
  fi
  echo "$v"
}

[ -f /usr/share/javascript/leaflet/leaflet.js ] || need+=(libjs-leaflet)
[ -f /usr/share/javascript/leaflet/leaflet.markercluster.js ] || need+=(libjs-leaflet.markercluster)
fc-list 2>/dev/null | grep -qiE 'Noto Sans CJK|IPAex' || need+=(fonts-noto-cjk fontconfig)
if [ "$mode" = "test" ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1 || postgis_wanted=yes
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
fi
[ ${#need[@]} -eq 0 ] && [ "$postgis_wanted" = no ] && exit 0

sudo_cmd=()
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo_cmd=(sudo -n)
fi
if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ ${#sudo_cmd[@]} -gt 0 ]; }; then
  export DEBIAN_FRONTEND=noninteractive
  if "${sudo_cmd[@]}" apt-get update -qq; then
    if [ "$postgis_wanted" = yes ]; then
      major="$(pg_major)"
      [ -n "$major" ] && need+=("postgresql-$major-postgis-3")
    fi
    echo "installing Debian packages: ${need[*]}"
    # keep the packages from starting system-wide services (policy-rc.d, as in containers)
    policy=/usr/sbin/policy-rc.d
    made_policy=no
    if [ ! -e "$policy" ] && "${sudo_cmd[@]}" sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod +x $policy"; then
      made_policy=yes
    fi
    "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    status=$?
    [ "$made_policy" = yes ] && "${sudo_cmd[@]}" rm -f "$policy"
    [ "$status" -eq 0 ] && exit 0
  fi
fi
if [ "$mode" = "test" ] && [ "${CI:-}" = "true" ]; then
  echo "error: could not install ${need[*]}; CI needs them for the browser and PDF tests" >&2
  exit 1
fi
echo "warning: could not install ${need[*]}; continuing without them" >&2
exit 0
