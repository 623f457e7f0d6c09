#!/usr/bin/env bash
# Runs the plain-XML interop scenario (AEM's way of calling IPS) with the JDK alone.
set -euo pipefail
cd "$(dirname "$0")"
exec java PlainXmlScenario.java
