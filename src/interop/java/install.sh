#!/usr/bin/env bash
# Nothing to install: the machine has Java 17 and Maven, and Maven fetches CXF and the plugins itself.
set -euo pipefail
command -v java >/dev/null && command -v mvn >/dev/null || { echo "java and mvn are required" >&2; exit 1; }
