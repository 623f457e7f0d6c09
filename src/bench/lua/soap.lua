-- wrk script for the IPS benchmarks: POSTs one fixed SOAP request over keep-alive connections, times
-- every request itself and prints the result as one JSON line. Set by the harness through the
-- environment:
--   BENCH_BODY     file holding the request envelope
--   BENCH_ACTION   SOAPAction header
--   BENCH_RANDOM   optional "N": each request asks for job handle "j|<prefix>|job-<1..N>||" instead,
--                  where the body holds the placeholder JOB_NUMBER (used by the scale lookups)
--   A body holding the placeholder UNIQUE gets a value no other request of the run has in its place
--   (run, thread and count): job names must be unique, so each submitJob names its own job.
--
-- Why not wrk's own latency numbers: on the benchmark machine they did not add up (at one connection
-- their sum came to several times the run's length), while timing each request here with the
-- monotonic clock agrees with a Java client. A request is timed from the moment wrk asks for it
-- (just before writing it) to the moment its answer is complete. The harness runs one wrk thread per
-- connection, so each thread has exactly one request in flight and its answer is the next one back.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *now);
]]
local now_buffer = ffi.new("bench_timespec")
local function now_us()
  ffi.C.clock_gettime(1, now_buffer) -- CLOCK_MONOTONIC
  return tonumber(now_buffer.tv_sec) * 1000000 + tonumber(now_buffer.tv_nsec) / 1000
end

local file = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
local body = file:read("*a")
file:close()

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "text/xml; charset=UTF-8"
wrk.headers["SOAPAction"] = os.getenv("BENCH_ACTION")

local random_jobs = tonumber(os.getenv("BENCH_RANDOM") or "")
local before, after = body:match("^(.*)JOB_NUMBER(.*)$")
local unique_before, unique_after = body:match("^(.*)UNIQUE(.*)$")
local fixed = nil
local sent = 0
thread_number = 0 -- set by setup() for each thread
-- wrk runs one after another against one server: the time and this Lua state's address tell them apart
local run_tag = os.time() .. "-" .. tostring({}):match("0x(%x+)")

-- per thread (each wrk thread has its own Lua state); read by done() through thread:get
histogram = {}  -- latency bucket (microseconds, rounded down to 3 significant digits) -> count
timed = 0
failed = 0
local started = 0 -- when this thread's request in flight was asked for

local function bucket(us)
  local step = 1
  while us >= 1000 * step do step = step * 10 end
  return math.floor(us / step) * step
end

function request()
  started = now_us()
  if random_jobs then
    return wrk.format(nil, nil, nil, before .. math.random(random_jobs) .. after)
  end
  if unique_before then
    sent = sent + 1
    return wrk.format(nil, nil, nil, unique_before .. run_tag .. "-" .. thread_number .. "-" .. sent .. unique_after)
  end
  fixed = fixed or wrk.format()
  return fixed
end

function response(status, headers, answer)
  local us = now_us() - started
  local b = bucket(us)
  histogram[b] = (histogram[b] or 0) + 1
  timed = timed + 1
  if status ~= 200 then failed = failed + 1 end
end

local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
  thread:set("thread_number", #threads)
end

local function percentile(all, total, p)
  local rank = math.max(1, math.ceil(total * p / 100))
  local seen = 0
  for _, entry in ipairs(all) do
    seen = seen + entry[2]
    if seen >= rank then return entry[1] end
  end
  return all[#all][1]
end

function done(summary, latency, requests)
  local merged = {}
  local total, sum, bad = 0, 0, 0
  for _, t in ipairs(threads) do
    for b, n in pairs(t:get("histogram")) do
      merged[b] = (merged[b] or 0) + n
      total = total + n
      sum = sum + b * n
    end
    bad = bad + t:get("failed")
  end
  local all = {}
  for b, n in pairs(merged) do all[#all + 1] = {b, n} end
  table.sort(all, function(x, y) return x[1] < y[1] end)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"micros":%d,"bytes":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,' ..
    '"status_errors":%d,"timeouts":%d,"timed":%d,"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d,"mean":%.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status + bad, e.timeout,
    total, percentile(all, total, 50), percentile(all, total, 90), percentile(all, total, 99),
    percentile(all, total, 99.9), all[#all][1], sum / math.max(1, total)))
end
