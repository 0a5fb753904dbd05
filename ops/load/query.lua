-- wrk: POST properties(first: 50) with owners, leases and latest valuation nested.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("REOS_BENCH_TOKEN")
wrk.body = [[{"query":"{ properties(first: 50) { edges { node { id name listPrice address { city state } owners { sharePct owner { name } } leases { tenantName areaSf rentPsf end } latestValuation { model value } } } } }"}]]

done = function(summary, latency, requests)
  local out = io.open(os.getenv("REOS_BENCH_OUT"), "w")
  out:write(string.format(
    '{"requests": %d, "errors": %d, "duration_s": %.3f, "requests_per_s": %.1f, "latency_ms": {"p50": %.3f, "p90": %.3f, "p99": %.3f, "max": %.3f}}',
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  out:close()
end
