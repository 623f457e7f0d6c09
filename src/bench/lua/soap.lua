-- wrk script for the IPS benchmarks: POSTs one fixed SOAP request over keep-alive connections and
-- prints the result as one JSON line. Set by the harness through the environment:
--   BENCH_BODY     file holding the request envelope
--   BENCH_ACTION   SOAPAction header
--   BENCH_RANDOM   optional "N": each request asks for job handle "<prefix>|job-<1..N>|" instead,
--                  where the body holds the placeholder JOB_NUMBER (used by the scale lookups)
local file = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
local body = file:read("*a")
file:close()

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "text/xml; charset=UTF-8"
wrk.headers["SOAPAction"] = os.getenv("BENCH_ACTION")

local random_jobs = tonumber(os.getenv("BENCH_RANDOM") or "")
if random_jobs then
  local before, after = body:match("^(.*)JOB_NUMBER(.*)$")
  local counter = 0
  function init(args)
    math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 1000)
  end
  request = function()
    return wrk.format(nil, nil, nil, before .. math.random(random_jobs) .. after)
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"micros":%d,"bytes":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,' ..
    '"status_errors":%d,"timeouts":%d,"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d,"mean":%.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max, latency.mean))
end
