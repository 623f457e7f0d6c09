#!/usr/bin/env bash
# Installs the Node client's dependencies (the soap package, version pinned in package-lock.json).
# Node.js 20 must already be on the machine. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"
command -v node >/dev/null || { echo "node (v20+) is required" >&2; exit 1; }
npm ci --no-audit --no-fund
