-- Shared by every scenario: numbers each thread, and prints one machine-readable line when wrk
-- is done, which run.sh reads instead of parsing wrk's human-oriented text.
-- Scenarios that look at responses (POSTs) count 2xx and non-2xx per thread in the globals
-- `ok` and `bad`; wrk itself only counts statuses above 399 as errors.

local threads = {}

function setup(thread)
   thread:set("id", #threads + 1)
   table.insert(threads, thread)
end

ok = 0
bad = 0

function done(summary, latency, requests)
   local counted_ok, counted_bad, looked = 0, 0, false
   for _, thread in ipairs(threads) do
      local seen_ok = thread:get("ok")
      local seen_bad = thread:get("bad")
      if thread:get("counts") then
         looked = true
      end
      counted_ok = counted_ok + (seen_ok or 0)
      counted_bad = counted_bad + (seen_bad or 0)
   end
   local e = summary.errors
   local status_errors = e.status
   if looked then
      status_errors = counted_bad
   end
   io.write(string.format(
      "BENCH_RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d socket_errors=%d status_errors=%d acked=%s timeouts=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
      e.connect + e.read + e.write + e.timeout, status_errors, looked and tostring(counted_ok) or "-", e.timeout))
end

-- One bearer token per line in $BENCH_TOKENS; never printed.
function read_tokens()
   local tokens = {}
   local file = assert(io.open(os.getenv("BENCH_TOKENS"), "r"))
   for line in file:lines() do
      if #line > 0 then
         table.insert(tokens, line)
      end
   end
   file:close()
   assert(#tokens > 0, "no tokens in BENCH_TOKENS")
   return tokens
end
