#!/usr/bin/env bash
# Installs what the browser and PDF tests need from Debian's packages, when absent:
# chromium (driven by Playwright), a Japanese font (so pages and screenshots render
# Japanese), and poppler-utils (pdftotext, pdfinfo). Under CI (CI=true) a failure is
# fatal; elsewhere the tests that need these skip and say why.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qiE 'Noto Sans CJK|IPAex' || need+=(fonts-noto-cjk)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0

echo "installing Debian packages: ${need[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo_cmd=(sudo -n); fi
fi
if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ ${#sudo_cmd[@]} -gt 0 ]; }; then
  export DEBIAN_FRONTEND=noninteractive
  if "${sudo_cmd[@]}" apt-get update -qq && "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" fontconfig >/dev/null; then
    exit 0
  fi
fi
if [ "${CI:-}" = "true" ]; then
  echo "error: could not install ${need[*]}; CI needs them for the browser and PDF tests" >&2
  exit 1
fi
echo "warning: could not install ${need[*]}; the tests that need them will skip" >&2
exit 0
