#!/usr/bin/env bash
# Interleaved A/B of two builds of the service (see "Comparing two builds" in src/bench/README.md).
#
#   src/bench/ab.sh BEFORE_DIR AFTER_DIR [ROUNDS] [SECONDS]
#
# Each directory is a checkout built with `mvn -Pbench package -DskipTests` (a git worktree of an older
# commit works). Both servers start with the same configuration and preload (10,000 jobs), are warmed
# up at 4 connections, then wrk alternates between them: for each round, workload (by default w1
# getActiveJobs by handle and w3 submitJob; WORKLOADS adds w2, 20 jobs with task progress, and w4,
# getJobLogs of 100 rows) and connection count (8, 64) both are measured back to back, the order
# flipping every round. Prints medians over the rounds: req/s, p99, and the server process's CPU time per
# request (user + system, from /proc), which is steadier than req/s on a shared machine.
#
# Environment: CFG (configuration for both; default AFTER_DIR/target/bench/work/config.yaml, written by
# run.sh), CFG_BEFORE / CFG_AFTER (one side differently, e.g. to switch a feature off), CS (connection
# counts, default "8 64"), WORKLOADS (default "w1 w3"; any of w1 w2 w3 w4: w2 and w4 preload 20 jobs
# and 100,000 logs more, about 10 s per side), BEFORE_OLD_HANDLES=1 when BEFORE predates IPS-style
# job handles.
set -eu
BEFORE=$(cd "$1" && pwd); AFTER=$(cd "$2" && pwd); ROUNDS=${3:-8}; SECS=${4:-6}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$AFTER/target/bench/ab; mkdir -p "$WORK"
CFG=${CFG:-$AFTER/target/bench/work/config.yaml}
[ -f "$CFG" ] || { echo "no $CFG: run src/bench/run.sh once, or set CFG" >&2; exit 2; }
PW=$(grep -o 'password:.*' "$(dirname "$CFG")/config-plain-password.yaml" | head -1 | sed 's/password: *//; s/"//g')
LUA=$HERE/lua/soap.lua
WORKLOADS=${WORKLOADS:-w1 w3}
PRELOAD=bench=10000
case " $WORKLOADS " in *" w2 "*) PRELOAD=$PRELOAD,twenty=20;; esac
case " $WORKLOADS " in *" w4 "*) PRELOAD=$PRELOAD,logs=100000;; esac
declare -A DIR PORT CTL PID CONF ACTION
ACTION[w1]=getActiveJobs; ACTION[w2]=getActiveJobs; ACTION[w3]=submitJob; ACTION[w4]=getJobLogs
DIR[before]=$BEFORE; DIR[after]=$AFTER
CONF[before]=${CFG_BEFORE:-$CFG}; CONF[after]=${CFG_AFTER:-$CFG}
i=0
for side in before after; do
  PORT[$side]=$((19100+i)); CTL[$side]=$((19200+i)); i=$((i+1))
  (cd "${DIR[$side]}" && exec java -cp "target/ips-job-service.jar:$(ls target/*-bench.jar | head -1)" \
     org.ipsjobs.bench.BenchServer service --config "${CONF[$side]}" --port ${PORT[$side]} \
     --control ${CTL[$side]} --preload $PRELOAD) > "$WORK/$side.log" 2>&1 &
  PID[$side]=$!
done
trap 'kill ${PID[before]} ${PID[after]} 2>/dev/null || true' EXIT
for side in before after; do
  for n in $(seq 1 300); do curl -fs http://127.0.0.1:${CTL[$side]}/ready 2>/dev/null | grep -q ready && break; sleep 0.5; done
done
envelope() {
  printf '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header><authHeader xmlns="http://www.scene7.com/IpsApi/xsd"><user>bench@example.com</user><password>%s</password><appName>ab</appName><appVersion>1</appVersion></authHeader></soapenv:Header><soapenv:Body>%s</soapenv:Body></soapenv:Envelope>' "$PW" "$1"
}
NS=http://www.scene7.com/IpsApi/xsd/2022-11-01-beta
OLD_HANDLE='bench|job-5000|'; HANDLE='j|bench|job-5000||'
envelope "<getActiveJobsParam xmlns=\"$NS\"><jobHandle>$([ "${BEFORE_OLD_HANDLES:-0}" = 1 ] && echo "$OLD_HANDLE" || echo "$HANDLE")</jobHandle></getActiveJobsParam>" > "$WORK/w1-before.xml"
envelope "<getActiveJobsParam xmlns=\"$NS\"><jobHandle>$HANDLE</jobHandle></getActiveJobsParam>" > "$WORK/w1-after.xml"
envelope "<submitJobParam xmlns=\"$NS\"><companyHandle>submit</companyHandle><jobName>ab submit UNIQUE</jobName><imageServingPublishJob><publishType>Full</publishType><emailSetting>Error</emailSetting></imageServingPublishJob></submitJobParam>" > "$WORK/w3-before.xml"
cp "$WORK/w3-before.xml" "$WORK/w3-after.xml"
envelope "<getActiveJobsParam xmlns=\"$NS\"><companyHandle>twenty</companyHandle></getActiveJobsParam>" > "$WORK/w2-before.xml"
cp "$WORK/w2-before.xml" "$WORK/w2-after.xml"
envelope "<getJobLogsParam xmlns=\"$NS\"><companyHandle>logs</companyHandle><numRows>100</numRows></getJobLogsParam>" > "$WORK/w4-before.xml"
cp "$WORK/w4-before.xml" "$WORK/w4-after.xml"
cpu() { awk '{print $14+$15}' /proc/$1/stat; }
run() { # side workload connections
  local c0 out c1
  c0=$(cpu ${PID[$1]})
  out=$(BENCH_BODY=$WORK/$2-$1.xml BENCH_ACTION=${ACTION[$2]} \
    wrk -t $3 -c $3 -d ${SECS}s -s "$LUA" http://127.0.0.1:${PORT[$1]}/scene7/services/IpsApiService 2>/dev/null | tail -1)
  c1=$(cpu ${PID[$1]})
  echo "${out%\}},\"cpu_ticks\":$((c1-c0)),\"ticks_per_second\":$(getconf CLK_TCK)}"
}
for side in before after; do for w in $WORKLOADS; do run $side $w 4 > /dev/null; run $side $w 4 > /dev/null; done; done
for r in $(seq 1 $ROUNDS); do
  for w in $WORKLOADS; do for c in ${CS:-8 64}; do
    order="before after"; [ $((r % 2)) = 0 ] && order="after before"
    for side in $order; do echo "$r $w $c $side $(run $side $w $c)"; done
  done; done
done > "$WORK/results.txt"
python3 - "$WORK/results.txt" <<'PY'
import json, statistics, collections, sys
d = collections.defaultdict(list)
for line in open(sys.argv[1]):
    r, w, c, side, js = line.split(' ', 4)
    j = json.loads(js)
    d[(w, int(c), side)].append((j['requests'] / (j['micros'] / 1e6), j['p99'] / 1000, j['status_errors'],
                                 j['cpu_ticks'] * 1e6 / j['ticks_per_second'] / j['requests']))
med = lambda xs, i: statistics.median(x[i] for x in xs)
print("| Workload | C | before req/s | after req/s | after ÷ before | p99 ms before → after | CPU µs/request before → after | errors |")
print("|---|--:|--:|--:|--:|--:|--:|--:|")
for w in sorted({k[0] for k in d}):
    for c in sorted({k[1] for k in d}):
        b, a = d[(w, c, 'before')], d[(w, c, 'after')]
        print(f"| {w} | {c} | {med(b,0):,.0f} | {med(a,0):,.0f} | {med(a,0)/med(b,0):.2f} | {med(b,1):.1f} → {med(a,1):.1f} "
              f"| {med(b,3):.0f} → {med(a,3):.0f} ({med(a,3)/med(b,3):.2f}) | {sum(x[2] for x in b + a)} |")
PY
