-- wrk script: each request takes a random line "host path" of the file in WRK_PATHS;
-- at the end one JSON line with the counts and latency percentiles (microseconds).
local targets = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  for line in io.lines(os.getenv("WRK_PATHS")) do
    local host, path = line:match("^(%S+)%s+(%S+)$")
    if host then
      targets[#targets + 1] = wrk.format("GET", path, { Host = host })
    end
  end
  math.randomseed(os.time() * 100 + (id or 0))
end

function request()
  return targets[math.random(#targets)]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "p50": %d, "p95": %d, "p99": %d, "max": %d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
