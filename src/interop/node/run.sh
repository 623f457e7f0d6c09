#!/usr/bin/env bash
# Runs the interop scenario with node-soap against the server named by IPS_WSDL / IPS_ENDPOINT.
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules/soap ] || ./install.sh >&2
exec node scenario.js
