#!/usr/bin/env bash
# Runs the PHP interop scenario with the PHP command-line interpreter (needs the soap extension).
set -euo pipefail
cd "$(dirname "$0")"
if ! php -r 'exit(class_exists("SoapClient") ? 0 : 1);' 2>/dev/null; then
  echo "php with the soap extension is not installed: run ./install.sh first" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
exec php scenario.php
