#!/usr/bin/env bash
# Builds the Linux packages of QCC: a .deb and a .tar.gz, for Debian 12, into build-pkg/.
#   installer/build-packages.sh            # from anywhere in the work tree
#   QCC_PKG_BUILD_DIR=/tmp/pkg installer/build-packages.sh
# Extra arguments go to the CMake configure step. When lintian is installed the .deb is checked
# with it, and the script fails on lintian errors (E:), not on warnings.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${QCC_PKG_BUILD_DIR:-$root/build-pkg}

"$root/scripts/install-deps.sh" build

cmake -S "$root" -B "$dir" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX=/usr \
    -DQCC_BUILD_TESTS=OFF \
    "$@"
cmake --build "$dir" --parallel "$(nproc)"

if [ ! -f "$dir/CPackConfig.cmake" ]; then
    echo "build-packages: no CPack configuration in $dir:" \
         "the top-level CMakeLists.txt must have add_subdirectory(installer)" >&2
    exit 1
fi
# Old packages of another version would be listed below as if just built.
rm -f "$dir"/qcc_*.deb "$dir"/qcc-*.tar.gz
(cd "$dir" && cpack -G "DEB;TGZ")

mapfile -t debs < <(find "$dir" -maxdepth 1 -name 'qcc_*.deb' | sort)
mapfile -t tgzs < <(find "$dir" -maxdepth 1 -name 'qcc-*.tar.gz' | sort)
if [ ${#debs[@]} -eq 0 ] || [ ${#tgzs[@]} -eq 0 ]; then
    echo "build-packages: cpack did not produce both a .deb and a .tar.gz in $dir" >&2
    exit 1
fi
echo "Packages:"
printf '  %s\n' "${debs[@]}" "${tgzs[@]}"

if command -v lintian >/dev/null; then
    status=0
    for deb in "${debs[@]}"; do
        echo "lintian $deb:"
        # Exit status 1 means tags at the --fail-on level, 2 that lintian itself failed; the
        # verdict is taken from the E: lines, so warnings never fail the build.
        rc=0
        out=$(lintian --no-tag-display-limit "$deb" 2>&1) || rc=$?
        if [ -n "$out" ]; then printf '%s\n' "$out"; fi
        if grep -q '^E: ' <<<"$out"; then
            status=1
        elif [ $rc -ge 2 ]; then
            echo "build-packages: lintian failed to run (exit status $rc)" >&2
            status=1
        fi
    done
    if [ $status -ne 0 ]; then
        echo "build-packages: lintian reported errors" >&2
        exit 1
    fi
    echo "lintian: no errors"
else
    echo "lintian is not installed: skipped the package check (apt-get install lintian)"
fi
