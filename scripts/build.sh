#!/usr/bin/env bash
# Configures and builds QCC into build/ (or $QCC_BUILD_DIR). Extra arguments go to CMake;
# QCC_BUILD_TARGETS="a b" builds only those targets.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${QCC_BUILD_DIR:-$root/build}
launcher=()
# ccache, when installed, makes rebuilds of an unchanged tree nearly free.
if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1   # hits across clones in other folders
fi
cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=${QCC_BUILD_TYPE:-RelWithDebInfo} -DCMAKE_INSTALL_PREFIX=/usr "${launcher[@]}" "$@" >/dev/null
targets=()
for t in ${QCC_BUILD_TARGETS:-}; do targets+=(--target "$t"); done
cmake --build "$dir" --parallel "$(nproc)" "${targets[@]}"
