#!/usr/bin/env bash
# What a stream of big answers does to the collector and the heap of one build of the service.
#
#   src/bench/gc.sh [BUILD_DIR] [CONFIG]
#
# BUILD_DIR is a checkout built with `mvn -Pbench package -DskipTests` (default: this one); CONFIG the
# service's configuration (default: the harness's target/bench/work/config.yaml, written by run.sh).
# Starts the bench server with the harness's preload (10,000 jobs, 20 with task progress, 100,000
# logs) and a GC log, sends w4 (getJobLogs, 100 rows, about 85 KB an answer) for 40 s at 4 connections
# and then 20 s at 8, and prints the rates, p50/p99 at 8 connections, the collector's pauses during
# the load (count, sum, longest), the heap after the last young pauses (used before -> after
# (committed)) and the process's resident memory. Run it for two builds one after the other, and
# again in the other order: on these shared machines one run proves little.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/../.." && pwd)
ROOT=$(cd "${1:-$HERE}" && pwd)
WORK="$HERE/target/bench/work"
CFG=${2:-$WORK/config.yaml}
[ -f "$CFG" ] && [ -f "$WORK/w4-request.xml" ] || { echo "no $CFG or w4-request.xml: run src/bench/run.sh once" >&2; exit 2; }
OUT=$(mktemp -d)
trap 'kill "$PID" 2>/dev/null || true; rm -rf "$OUT"' EXIT

cat > "$OUT/w4.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/xml; charset=UTF-8"
wrk.headers["SOAPAction"] = "getJobLogs"
local f = io.open("$WORK/w4-request.xml", "r"); wrk.body = f:read("*a"); f:close()
EOF
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
CONTROL=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
java -Xlog:gc:file="$OUT/gc.log" -cp "$ROOT/target/ips-job-service.jar:$ROOT/target/ips-job-service-0.1.0-SNAPSHOT-bench.jar" \
    org.ipsjobs.bench.BenchServer service --config "$CFG" --port "$PORT" --control "$CONTROL" \
    --preload bench=10000,twenty=20,logs=100000 > "$OUT/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 180); do grep -q "bench server ready" "$OUT/server.log" && break; sleep 1; done
grep -q "bench server ready" "$OUT/server.log" || { echo "the server did not get ready" >&2; exit 1; }
URL="http://127.0.0.1:$PORT/scene7/services/IpsApiService"
before=$(grep -c Pause "$OUT/gc.log" || true)
echo "build: $ROOT ($(git -C "$ROOT" rev-parse --short HEAD))"
echo "C=4, 40 s: $(wrk -t4 -c4 -d40s -s "$OUT/w4.lua" "$URL" | awk '/Requests\/sec/{print $2}') req/s"
wrk -t8 -c8 -d20s --latency -s "$OUT/w4.lua" "$URL" \
    | awk '/Requests\/sec/{r=$2} /^ +50%/{p50=$2} /^ +99%/{p99=$2} END {print "C=8, 20 s: " r " req/s, p50 " p50 ", p99 " p99}'
grep Pause "$OUT/gc.log" | tail -n +"$((before + 1))" | awk '{v=$NF; sub("ms","",v); v+=0; s+=v; n++; if (v>m) m=v}
    END {printf "pauses during the load: %d, %.0f ms in all, longest %.0f ms\n", n, s, m}'
echo "heap at the last young pauses: $(grep 'Pause Young' "$OUT/gc.log" | tail -3 | awk '{print $(NF-1)}' | paste -sd' ')"
echo "resident memory: $(( $(awk '/VmRSS/{print $2}' /proc/$PID/status) / 1024 )) MB"
