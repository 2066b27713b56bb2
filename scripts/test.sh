#!/usr/bin/env bash
# Installs what is missing, builds, and runs the test suite with CTest, in passes:
#   plain     the whole suite, normal build (build/)
#   portable  the whole suite on the portable backend (-DQCC_NET_BACKEND=qt, build-portable/):
#             Qt's sockets and dispatcher, as on Windows and macOS, plus the portability check
#   sanitize  the whole suite under AddressSanitizer + UBSan, on both backends (build-asan/,
#             build-asan-portable/)
#   fuzz      the libFuzzer targets, QCC_FUZZ_SECONDS each (default 60), clang (build-fuzz/)
#   tsan      the concurrency tests (ctest -L concurrency) under ThreadSanitizer (build-tsan/)
#   QCC_TEST_PASSES="plain fuzz"   choose (default all; "both" = plain sanitize)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" test
"$root/tests/e2e/install-claude-code.sh"
passes=" ${QCC_TEST_PASSES:-all} "
passes=${passes//,/ }
passes=${passes/ both / plain sanitize }
passes=${passes/ all / plain portable sanitize fuzz tsan }
want() { [[ $passes == *" $1 "* ]]; }

run_pass() { # build-dir build-type extra-cmake-args...
    local dir=$1 type=$2
    shift 2
    QCC_BUILD_DIR="$dir" QCC_BUILD_TYPE="$type" "$root/scripts/build.sh" "$@"
    (cd "$dir" && ctest --output-on-failure --timeout 600 -j 2)
}

if want plain; then
    echo "== tests: normal build"
    run_pass "$root/build" RelWithDebInfo
fi
if want portable; then
    echo "== tests: portable build (Qt sockets; the portability check)"
    run_pass "$root/build-portable" RelWithDebInfo -DQCC_NET_BACKEND=qt
fi
if want sanitize; then
    echo "== tests: AddressSanitizer + UBSan build"
    export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
    export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
    run_pass "$root/build-asan" Debug -DQCC_SANITIZE=ON
    echo "== tests: AddressSanitizer + UBSan build, portable backend"
    run_pass "$root/build-asan-portable" Debug -DQCC_SANITIZE=ON -DQCC_NET_BACKEND=qt
fi
if want fuzz; then
    echo "== fuzz: libFuzzer + ASan + UBSan, ${QCC_FUZZ_SECONDS:-60} s per target (QCC_FUZZ_SECONDS)"
    QCC_BUILD_DIR="$root/build-fuzz" QCC_BUILD_TYPE=RelWithDebInfo "$root/scripts/build.sh" \
        -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DQCC_FUZZ=ON -DQCC_BUILD_TESTS=OFF -DQCC_BUILD_GUI=OFF
    # One fuzzer per core; a crash input is left in build-fuzz/tests/fuzz/artifacts/.
    (cd "$root/build-fuzz" && ctest -L fuzz --output-on-failure -j 2)
fi
if want tsan; then
    echo "== tests: ThreadSanitizer build, concurrency tests"
    tsan_build() {
        QCC_BUILD_DIR="$root/build-tsan" QCC_BUILD_TYPE=RelWithDebInfo QCC_BUILD_TARGETS="$1" \
            "$root/scripts/build.sh" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DQCC_TSAN=ON
    }
    # Only what the concurrency tests need: a TSan build of everything is not worth the time.
    tsan_build qcc_core
    # (The list also names the fixture tests every run brings in, which are scripts, not targets.)
    tsan_build "$(cd "$root/build-tsan" && ctest -N -L concurrency | sed -n 's/^ *Test *#[0-9]*: //p' |
        grep -v -x -e artifacts_reset -e redaction_scan)"
    export TSAN_OPTIONS=${TSAN_OPTIONS:-suppressions=$root/tests/tsan.supp:halt_on_error=1:second_deadlock_stack=1}
    (cd "$root/build-tsan" && ctest -L concurrency --output-on-failure --timeout 600 -j 2)
fi
