#!/usr/bin/env bash
# The upload throughput benchmark (issue 12) in one command: builds the service and the harness, then
# has the real service fetch 1,000 files of 100 KB and 20 files of 20 MB from a local file server,
# beside curl fetching the same files, and writes src/bench/results/<date>-upload.md and .json.
# A few minutes on 2 cores. Options are passed to the harness, e.g. --rounds 3 --max-heap 256m
# (see src/bench/README.md, "Upload throughput").
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v curl >/dev/null; then
  echo "installing curl (Debian package)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq curl >/dev/null
fi

if [ "${SKIP_BUILD:-}" != 1 ]; then
  mvn -B -q -Pbench package -DskipTests
fi
exec java -cp "target/ips-job-service.jar:$(ls target/*-bench.jar | head -1)" org.ipsjobs.bench.UploadBench "$@"
