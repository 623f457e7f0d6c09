#!/usr/bin/env bash
# Runs every interop client against the real server: starts target/ips-job-service.jar on a free
# loopback port with interop-config.yaml, in a fresh temporary folder that holds the files its jobs
# store (assets, drop, publish, export), runs each client's run.sh, stops the server and deletes the
# folder whatever happens.
# Each client prints "N passed, M failed" as its last line; this script fails if any client fails or
# cannot start. Usage: src/interop/run-all.sh [client ...]   (default: every folder with a run.sh)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="${IPS_JAR:-$root/target/ips-job-service.jar}"
[ -f "$jar" ] || { echo "missing $jar: run mvn -B verify first" >&2; exit 2; }
jar="$(realpath "$jar")"   # the server starts in another folder

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
work="$(mktemp -d)"
log="$work/server.log"
# the config's relative paths (./ips-data, ...) resolve against the server's working directory
mkdir "$work/files"
(cd "$work/files" && exec java -jar "$jar" --config "$here/interop-config.yaml" --host 127.0.0.1 --port "$port") \
  >"$log" 2>&1 &
server_pid=$!
cleanup() { kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

export IPS_ENDPOINT="http://127.0.0.1:$port/scene7/services/IpsApiService"
export IPS_WSDL="http://127.0.0.1:$port/scene7/webservice/IpsApi-2022-11-01-beta.wsdl"
# the admin API (JSON): each client resets the service through it, adds fault rules, reads the journal
export IPS_ADMIN="http://127.0.0.1:$port/__admin"
export IPS_USER="interop@example.com" IPS_PASSWORD="interop-secret" IPS_COMPANY="47"
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "$IPS_WSDL" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { echo "server did not start:"; cat "$log"; exit 1; }
  sleep 0.2
done
curl -fsS -o /dev/null "$IPS_WSDL" || { echo "server not answering at $IPS_WSDL"; cat "$log"; exit 1; }

if [ $# -gt 0 ]; then clients=("$@"); else
  clients=(); for d in "$here"/*/; do [ -x "$d/run.sh" ] && clients+=("$(basename "$d")"); done
fi
failed=0
summary=""
for c in "${clients[@]}"; do
  echo "=== interop client: $c"
  out="$work/$c.out"
  (cd "$here/$c" && timeout 600 ./run.sh) 2>&1 | tee "$out"
  rc=${PIPESTATUS[0]}
  last="$(tail -n 1 "$out")"
  if [ "$rc" -ne 0 ] || ! [[ "$last" =~ ^[0-9]+\ passed,\ 0\ failed$ ]]; then
    failed=1; summary+="  $c: FAILED (exit $rc; last line: $last)"$'\n'
  else
    summary+="  $c: $last"$'\n'
  fi
done
echo "=== interop summary"; printf '%s' "$summary"
if [ "$failed" -ne 0 ]; then echo "--- server log (tail)"; tail -n 50 "$log"; fi
exit "$failed"
