#!/usr/bin/env bash
# Installs the Debian 12 packages QCC needs, only those missing. Usage:
#   scripts/install-deps.sh build    # compiler, CMake, Qt 6, libraries
#   scripts/install-deps.sh test     # build + what the test suite drives (Node for Claude Code,
#                                    # clang + compiler-rt for the fuzz and TSan passes, ...)
#   scripts/install-deps.sh bench    # build + wrk and nginx (the benchmark baseline), python3
set -euo pipefail
what=${1:-build}

build_pkgs=(build-essential cmake ninja-build pkg-config
            qt6-base-dev qt6-tools-dev qt6-l10n-tools qt6-svg-dev qtkeychain-qt6-dev
            node-llhttp libgl-dev)
test_pkgs=(ca-certificates openssl nodejs npm procps curl ccache python3 python3-yaml binutils
           fonts-wqy-microhei
           clang libclang-rt-14-dev
           xvfb xauth trayer xdotool imagemagick x11-utils
           dbus dbus-x11 gnome-keyring libsecret-1-0
           desktop-file-utils appstream lintian)
bench_pkgs=(wrk nginx-light procps python3)

pkgs=("${build_pkgs[@]}")
[ "$what" = test ] && pkgs+=("${test_pkgs[@]}")
[ "$what" = bench ] && pkgs+=("${bench_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node may come from elsewhere than Debian (a newer one already on PATH is fine).
if command -v node >/dev/null && command -v npm >/dev/null; then
    missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<<"${missing[*]}"
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
