#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite with CTest, twice: a normal
# build, then the same suite under AddressSanitizer + UndefinedBehaviorSanitizer.
#   QCC_TEST_PASSES=plain|sanitize|both (default both)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" test
"$root/tests/e2e/install-claude-code.sh"
passes=${QCC_TEST_PASSES:-both}

run_pass() { # build-dir build-type extra-cmake-args...
    local dir=$1 type=$2
    shift 2
    QCC_BUILD_DIR="$dir" QCC_BUILD_TYPE="$type" "$root/scripts/build.sh" "$@"
    (cd "$dir" && ctest --output-on-failure --timeout 600 -j 2)
}

if [ "$passes" = plain ] || [ "$passes" = both ]; then
    echo "== tests: normal build"
    run_pass "$root/build" RelWithDebInfo
fi
if [ "$passes" = sanitize ] || [ "$passes" = both ]; then
    echo "== tests: AddressSanitizer + UBSan build"
    export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
    export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
    run_pass "$root/build-asan" Debug -DQCC_SANITIZE=ON
fi
