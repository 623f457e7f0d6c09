#!/usr/bin/env bash
# Installs zeep for the system Python 3 from Debian (python3-zeep pulls in lxml, requests, isodate),
# and the Prometheus client library, whose text-format parser reads the service's /metrics.
set -euo pipefail
if /usr/bin/python3 -c 'import zeep, prometheus_client' 2>/dev/null; then exit 0; fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends python3 python3-zeep python3-prometheus-client \
  || { apt-get update && apt-get install -y --no-install-recommends python3 python3-zeep python3-prometheus-client; }
