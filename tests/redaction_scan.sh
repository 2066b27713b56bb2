#!/bin/sh
# Run last in every ctest run (the cleanup of the qcc_run fixture): no file the run produced may
# hold a whole key. The tests' fake keys look like sk-fake-test-NAME-000000000000 (and
# sk-fake-api03-..., sk-ant-...); only the masked form, a prefix and the last four characters
# ("sk-…0000"), may appear. Scanned: ctest's logs (every test's stdout and stderr) and the
# artifacts directory where the tests leave the config, state and log files QCC wrote. Folders
# named input/ hold what the tests themselves wrote for QCC to read (configs with plaintext
# keys) and are skipped.
set -eu
build=$1
artifacts=$2
# While ctest runs, this run's log is LastTest.log.tmp; LastTest.log is the previous run's.
log=$build/Testing/Temporary/LastTest.log.tmp
[ -f "$log" ] || log=$build/Testing/Temporary/LastTest.log
dirs="$log $artifacts"
files=$(find $dirs -type f -not -path '*/input/*' 2>/dev/null | wc -l)
if [ "$files" -eq 0 ]; then
    echo "redaction scan: nothing to scan in $dirs" >&2
    exit 1
fi
logs=$(find "$artifacts" -type f -name '*.log' | wc -l)
# A whole key: the prefix, then at least six more key characters (the mask has an ellipsis).
pattern='sk-(fake|ant)-[A-Za-z0-9_-]{6,}'
found=$(grep -rEaoH --exclude-dir=input "$pattern" $dirs 2>/dev/null | sort | uniq -c || true)
if [ -n "$found" ]; then
    echo "redaction scan: whole keys in test output (shown cut):" >&2
    # never print the keys themselves: that would leak them into the next scan's input
    printf '%s\n' "$found" | sed -E 's/(sk-[a-z]+-[A-Za-z0-9]{0,4})[A-Za-z0-9_-]*/\1…/g' >&2
    exit 1
fi
echo "redaction scan: $files files ($logs QCC logs) without a whole key"
