#!/usr/bin/env bash
# The portability check: what a portable build (-DQCC_NET_BACKEND=qt) compiles must build on
# Windows and macOS too. Fails, naming the file and the symbol or header, when
#   --binaries B...  a binary or static library references a Linux-only symbol (read with nm:
#                    epoll_*, eventfd*, accept4, signalfd*, timerfd_*, inotify_*, ...), or
#   --sources DIR    a source file of qcc_core, qcc_ui or the apps (core/, ui/, app/), outside
#                    the platform files, includes a POSIX-only header (<sys/...>, <unistd.h>,
#                    <fcntl.h>, <netinet/...>, <arpa/...>, ...).
# Platform files, which CMake compiles only where they belong: core/net/epoll/ (the epoll
# backend, Linux), core/platform/posix/, core/platform/linux/, core/platform/windows/.
# Exit status: 0 clean, 1 something found, 2 usage.
set -euo pipefail

usage() { echo "usage: $0 [--binaries FILE...] [--sources DIR]" >&2; exit 2; }
binaries=() sources=""
mode=""
for arg in "$@"; do
    case "$arg" in
    --binaries) mode=bin ;;
    --sources) mode=src ;;
    -*) usage ;;
    *) case "$mode" in
       bin) binaries+=("$arg") ;;
       src) [ -z "$sources" ] || usage; sources=$arg ;;
       *) usage ;;
       esac ;;
    esac
done
[ ${#binaries[@]} -gt 0 ] || [ -n "$sources" ] || usage

# Calls that exist on Linux alone (BSD, macOS and Windows have none of them).
linux_only='^(epoll_[a-z0-9_]+|eventfd|eventfd_read|eventfd_write|accept4|signalfd|signalfd4|timerfd_[a-z_]+|inotify_[a-z0-9_]+|fanotify_[a-z_]+|memfd_create|pipe2|dup3|splice|vmsplice|tee|sendmmsg|recvmmsg|sendfile|sendfile64|prctl|fallocate|fallocate64|syncfs|getauxval|sched_getaffinity|sched_setaffinity|clone|unshare|setns)$'
posix_headers='^[[:space:]]*#[[:space:]]*include[[:space:]]*<(sys/[^>]+|unistd\.h|fcntl\.h|netinet/[^>]+|arpa/[^>]+|poll\.h|netdb\.h|pthread\.h|dlfcn\.h|termios\.h|pwd\.h|grp\.h|syslog\.h|linux/[^>]+)>'
platform_dirs='^(core/net/epoll|core/platform/posix|core/platform/linux|core/platform/windows)/'

found=0
for b in "${binaries[@]}"; do
    [ -e "$b" ] || { echo "FAIL: $b does not exist"; found=1; continue; }
    # Undefined symbols: of an executable's dynamic table, of each member of an archive.
    if [[ $b == *.a || $b == *.o ]]; then
        syms=$(nm -A --undefined-only "$b" 2>/dev/null | awk '{print $1, $NF}')
    else
        syms=$(nm -D --undefined-only "$b" 2>/dev/null | awk -v f="$b:" '{print f, $NF}')
    fi
    while read -r where sym; do
        [ -n "$sym" ] || continue
        name=${sym%%@*}
        if [[ $name =~ $linux_only ]]; then
            echo "FAIL: ${where%:} references the Linux-only symbol $name"
            found=1
        fi
    done <<<"$syms"
done

if [ -n "$sources" ]; then
    cd "$sources"
    while IFS= read -r f; do
        rel=${f#./}
        [[ $rel =~ $platform_dirs ]] && continue
        while IFS=: read -r line text; do
            header=$(sed -E 's/.*<([^>]+)>.*/\1/' <<<"$text")
            echo "FAIL: $rel:$line includes the POSIX-only header <$header> outside the platform files"
            found=1
        done < <(grep -nE "$posix_headers" "$f" || true)
    done < <(find ./core ./ui ./app -type f \( -name '*.cpp' -o -name '*.h' \) 2>/dev/null | sort)
fi

if [ "$found" -eq 0 ]; then
    echo "portability: clean (${#binaries[@]} binaries${sources:+, sources in $sources})"
fi
exit "$found"
