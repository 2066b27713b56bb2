#!/usr/bin/env bash
# Refreshes the screenshots docs/ shows. The test suite writes them into the build tree only
# (build/screenshots), so that running the tests never changes a tracked file; this command
# builds, runs the tray test once more and copies what it took into docs/screenshots.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" test
"$root/scripts/build.sh"
bin=${QCC_BUILD_DIR:-$root/build}/bin
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$root/tests/gui/tray_xvfb.sh" "$bin" "$out"
cp -f "$out"/*.png "$root/docs/screenshots/"
mkdir -p "$root/docs/screenshots/zh_CN"
cp -f "$out"/zh_CN/*.png "$root/docs/screenshots/zh_CN/"
echo "docs/screenshots refreshed from $out"
