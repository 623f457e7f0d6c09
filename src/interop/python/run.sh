#!/usr/bin/env bash
# Runs the Python interop scenario. zeep comes from Debian's python3-zeep, which only the system
# interpreter sees (a pyenv or venv python3 earlier on PATH would not), so pick an interpreter that
# can import zeep, trying /usr/bin/python3 first.
set -euo pipefail
cd "$(dirname "$0")"
for py in /usr/bin/python3 python3; do
  if "$py" -c 'import zeep, prometheus_client' 2>/dev/null; then exec "$py" scenario.py; fi
done
echo "zeep or prometheus_client is not importable: run ./install.sh first" >&2
echo "0 passed, 1 failed"
exit 1
