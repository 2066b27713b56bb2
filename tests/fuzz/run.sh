#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time from its seed corpus.
#   run.sh BINARY CORPUS_DIR ARTIFACT_DIR
#   QCC_FUZZ_SECONDS=N   fuzz for N seconds (default 60); 0 only replays the corpus
# New inputs go to a scratch directory, never into the repository; a crash is written to
# ARTIFACT_DIR (add it to CORPUS_DIR as a regression input once fixed).
set -euo pipefail
bin=$1 corpus=$2 artifacts=$3
seconds=${QCC_FUZZ_SECONDS:-60}
name=$(basename "$bin")
mkdir -p "$artifacts"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
opts=(-timeout=10 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1
      "-artifact_prefix=$artifacts/$name-")
if [ "$seconds" -eq 0 ]; then
    exec "$bin" "${opts[@]}" -runs=0 "$corpus"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" "${opts[@]}" -max_total_time="$seconds" "$work" "$corpus"
