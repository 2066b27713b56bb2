#!/usr/bin/env bash
# Quick start: install what is missing, build, and run QCC (the tray app when there is a display,
# the headless qccd otherwise). Arguments are passed to the program.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" build
"$root/scripts/build.sh"
bin=${QCC_BUILD_DIR:-$root/build}/bin
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$bin/qcc-tray" ]; then
    exec "$bin/qcc-tray" "$@"
fi
exec "$bin/qccd" "$@"
