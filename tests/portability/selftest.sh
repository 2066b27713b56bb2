#!/usr/bin/env bash
# Proves that check.sh fails when a Linux-only call is added to a portable file: it takes a
# real portable source (core/net/qtsocket.cpp), compiles it as the build does (its command from
# compile_commands.json), checks it clean, then adds an epoll call and its header and expects
# the check to fail naming the file, the header and the symbol.
#   selftest.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
file=core/net/qtsocket.cpp

# 1. Sources: a copy of the tree is clean; one include more is not.
mkdir -p "$tmp/tree"
cp -r "$src/core" "$src/ui" "$src/app" "$tmp/tree/"
"$here/check.sh" --sources "$tmp/tree" >"$tmp/out" || fail "the pristine tree fails: $(cat "$tmp/out")"
printf '#include <sys/epoll.h>\n' >>"$tmp/tree/$file"
if "$here/check.sh" --sources "$tmp/tree" >"$tmp/out"; then
    fail "an added <sys/epoll.h> in $file passed the check"
fi
grep -q "$file:.*<sys/epoll.h>" "$tmp/out" || fail "the report does not name $file and <sys/epoll.h>: $(cat "$tmp/out")"
echo "PASS: an added POSIX header is found: $(head -1 "$tmp/out")"

# 2. Symbols: the file compiled as the build compiles it is clean; with an epoll call it is not.
compile() { # source object
    python3 - "$build/compile_commands.json" "$src/$file" "$1" "$2" "$src/core/net" <<'PY'
import json, shlex, subprocess, sys
db, original, source, obj, incdir = sys.argv[1:]
entry = next(e for e in json.load(open(db)) if e["file"] == original)
args = entry.get("arguments") or shlex.split(entry["command"])
out = []
it = iter(args)
for a in it:
    if a == "-o":
        next(it)
        out += ["-o", obj]
    elif a in ("-MF", "-MT", "-MQ"):
        next(it)  # no dependency file for the copy
    elif a not in ("-MD", "-MMD"):
        out.append(source if a == original else a)
out.append("-I" + incdir)  # the copy's quoted includes are the original's neighbours
sys.exit(subprocess.run(out, cwd=entry["directory"]).returncode)
PY
}
cp "$src/$file" "$tmp/clean.cpp"
compile "$tmp/clean.cpp" "$tmp/clean.o" || fail "cannot compile $file as the build does"
"$here/check.sh" --binaries "$tmp/clean.o" >"$tmp/out" || fail "the pristine object fails: $(cat "$tmp/out")"
cp "$src/$file" "$tmp/dirty.cpp"
cat >>"$tmp/dirty.cpp" <<'CPP'
#include <sys/epoll.h>
int qccPortabilitySelftest() { return epoll_create1(0); }
CPP
compile "$tmp/dirty.cpp" "$tmp/dirty.o" || fail "cannot compile $file with an epoll call"
if "$here/check.sh" --binaries "$tmp/dirty.o" >"$tmp/out"; then
    fail "an epoll_create1 call in $file passed the check"
fi
grep -q "dirty.o.*epoll_create1" "$tmp/out" || fail "the report does not name the object and epoll_create1: $(cat "$tmp/out")"
echo "PASS: an added Linux-only call is found: $(head -1 "$tmp/out")"
