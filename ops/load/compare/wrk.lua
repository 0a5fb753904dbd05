-- wrk script of ops/load/compare.sh: POSTs the GraphQL body in $BENCH_BODY with $BENCH_TOKEN as bearer,
-- counts non-2xx answers and 200s whose body carries "errors", and writes a JSON summary to $BENCH_OUT.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.body = os.getenv("BENCH_BODY")

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  responses, non2xx, graphql_errors = 0, 0, 0
end

function response(status, headers, body)
  responses = responses + 1
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  elseif string.find(body, '"errors"', 1, true) then
    graphql_errors = graphql_errors + 1
  end
end

done = function(summary, latency, requests)
  local r, n, g = 0, 0, 0
  for _, t in ipairs(threads) do
    r = r + t:get("responses")
    n = n + t:get("non2xx")
    g = g + t:get("graphql_errors")
  end
  local e = summary.errors
  local out = io.open(os.getenv("BENCH_OUT"), "w")
  out:write(string.format(
    '{"requests": %d, "responses_seen": %d, "non2xx": %d, "graphql_errors": %d, "socket_errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d}, "errors": %d, '
      .. '"duration_s": %.3f, "requests_per_s": %.1f, "latency_ms": {"p50": %.3f, "p90": %.3f, "p99": %.3f, "max": %.3f}}',
    summary.requests, r, n, g, e.connect, e.read, e.write, e.timeout,
    n + g + e.connect + e.read + e.write + e.timeout,
    summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  out:close()
end
