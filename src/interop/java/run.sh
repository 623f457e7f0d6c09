#!/usr/bin/env bash
# Generates a CXF client from the WSDL the server publishes, compiles it and runs the interop scenario.
# Reads IPS_WSDL, IPS_ENDPOINT, IPS_USER, IPS_PASSWORD, IPS_COMPANY (set by src/interop/run-all.sh).
set -euo pipefail
cd "$(dirname "$0")"
: "${IPS_WSDL:?}" "${IPS_ENDPOINT:?}" "${IPS_USER:?}" "${IPS_PASSWORD:?}" "${IPS_COMPANY:?}"
mkdir -p target
curl -fsS -o target/IpsApi.wsdl "$IPS_WSDL"
# Debian's Maven 3.8.7 writes ANSI reset codes to stdout at start and exit even with -B; without them
# the program's own "N passed, M failed" stays the last line. It exits non-zero when anything failed.
export MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true"
exec mvn -B -q compile exec:java
