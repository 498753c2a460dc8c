-- wrk script: each request takes a random line "host path [cookie]" of the file in WRK_PATHS
-- (the cookie, without spaces, sent as the Cookie header: a logged-in admin user);
-- at the end one JSON line with the counts and latency percentiles (microseconds).
-- With WRK_COUNT_HEADER set, every response's value of that header is counted too
-- ("headers": {"MISS": n, "-": m}, "-" when absent): only then does wrk hand responses to
-- Lua, which costs throughput, so targets that need no check leave it unset.
local targets = {}
local counter = 0
local threads = {}
local count_header = os.getenv("WRK_COUNT_HEADER")
tallies = {}

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  threads[#threads + 1] = thread
end

function init(args)
  for line in io.lines(os.getenv("WRK_PATHS")) do
    local host, path, cookie = line:match("^(%S+)%s+(%S+)%s*(%S*)$")
    if host then
      local headers = { Host = host }
      if cookie ~= "" then
        headers["Cookie"] = cookie
      end
      targets[#targets + 1] = wrk.format("GET", path, headers)
    end
  end
  math.randomseed(os.time() * 100 + (id or 0))
end

function request()
  return targets[math.random(#targets)]
end

if count_header then
  function response(status, headers, body)
    local value = headers[count_header] or "-"
    tallies[value] = (tallies[value] or 0) + 1
  end
end

local function header_counts()
  local merged = {}
  for _, thread in ipairs(threads) do
    for value, count in pairs(thread:get("tallies") or {}) do
      merged[value] = (merged[value] or 0) + count
    end
  end
  local parts = {}
  for value, count in pairs(merged) do
    parts[#parts + 1] = string.format('"%s": %d', value:gsub('[%c"\\]', "?"), count)
  end
  return "{" .. table.concat(parts, ", ") .. "}"
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "p50": %d, "p95": %d, "p99": %d, "max": %d, ' ..
    '"headers": %s}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    header_counts()))
end
