#!/usr/bin/env bash
# The benchmark in one command: builds the service and the harness, then measures the service beside
# its references and writes src/bench/results/<date>.md and .json. About 13 minutes on 2 cores.
# Options are passed to the harness, e.g. --seconds 5 --rounds 2 --warmup 24 --scale-jobs 1000000
# (see src/bench/README.md).
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi

mvn -B -q -Pbench package -DskipTests
exec java -cp "target/ips-job-service.jar:$(ls target/*-bench.jar | head -1)" org.ipsjobs.bench.BenchRunner "$@"
