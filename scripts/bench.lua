-- wrk script for scripts/bench.py: a browser's headers (User-Agent,
-- Accept-Encoding), optional rotation over many paths (a file named by
-- BENCH_PATHS, one path per line) and a JSON summary with p50, p95 and p99
-- latencies. Only ever pointed at 127.0.0.1.
local paths = {}
local index = 0
local file = os.getenv("BENCH_PATHS")
if file and file ~= "" then
  for line in io.lines(file) do paths[#paths + 1] = line end
end
local cookie = os.getenv("BENCH_COOKIE") or ""
local agent = os.getenv("BENCH_UA") or "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36"
-- What every browser sends; "" sends none (a client that takes no gzip).
local encoding = os.getenv("BENCH_ACCEPT_ENCODING") or "gzip, deflate, br, zstd"

-- Each run starts its threads at new places in the list: unseeded, LuaJIT
-- gives the same offsets every run, so a run would read again the pages
-- the run before it had just cached (the "cold" page was then partly warm).
math.randomseed(os.time())

function setup(thread)
  thread:set("offset", math.random(1, math.max(#paths, 1)))
end

request = function()
  local headers = {["User-Agent"] = agent}
  if encoding ~= "" then headers["Accept-Encoding"] = encoding end
  if cookie ~= "" then headers["Cookie"] = cookie end
  if #paths > 0 then
    index = index + 1
    local path = paths[((index + (offset or 0)) % #paths) + 1]
    return wrk.format("GET", path, headers)
  end
  return wrk.format("GET", nil, headers)
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    'BENCH {"requests": %d, "seconds": %.3f, "rps": %.2f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "errors": %d, "non2xx": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    errors, summary.errors.status))
end
