#!/usr/bin/env bash
# Installs the Claude Code CLI from npm into tests/e2e/node_modules (cached between runs).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ -x "$here/node_modules/.bin/claude" ] && "$here/node_modules/.bin/claude" --version >/dev/null 2>&1; then
    exit 0
fi
cd "$here"
npm install --no-audit --no-fund --loglevel=error --prefix "$here" @anthropic-ai/claude-code >/dev/null
"$here/node_modules/.bin/claude" --version
