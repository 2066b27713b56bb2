#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite with CTest.
#   QCC_SANITIZE=1 scripts/test.sh   # the same suite under AddressSanitizer + UBSan
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" test
"$root/tests/e2e/install-claude-code.sh"
args=()
if [ "${QCC_SANITIZE:-0}" = 1 ]; then
    export QCC_BUILD_DIR=${QCC_BUILD_DIR:-$root/build-asan}
    args+=(-DQCC_SANITIZE=ON)
fi
"$root/scripts/build.sh" "${args[@]}"
cd "${QCC_BUILD_DIR:-$root/build}"
ctest --output-on-failure --timeout 600 -j 2
