-- GCRA over every KEYS[i] in one atomic call; the same function as gcra.rs (read its header).
-- ARGV[1] = cost, ARGV[2] = period in ms, ARGV[2 + i] = limit of KEYS[i].
-- Returns {all_allowed, then per key: allowed, remaining, reset_ms, retry_after_ms}.
-- Redis's own clock is the clock, so instances with skewed clocks share one timeline.
local cost = tonumber(ARGV[1])
local period = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local all = 1
local out = {0}
local tats = {}
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[2 + i])
  local interval = period / limit
  local tat = tonumber(redis.call('GET', key)) or now
  if tat < now then tat = now end
  local new_tat = tat + cost * interval
  local ok = (new_tat - now) <= period
  local used = tat
  local retry = 0
  if ok then
    used = new_tat
  else
    all = 0
    retry = math.ceil(new_tat - now - period)
  end
  tats[i] = new_tat
  local remaining = math.floor((period - (used - now)) / interval + 1e-9)
  if remaining < 0 then remaining = 0 end
  out[#out + 1] = ok and 1 or 0
  out[#out + 1] = remaining
  out[#out + 1] = math.ceil(used - now)
  out[#out + 1] = retry
end
if all == 1 then
  for i, key in ipairs(KEYS) do
    redis.call('SET', key, string.format('%.3f', tats[i]), 'PX', math.max(1, math.ceil(tats[i] - now)))
  end
end
out[1] = all
return out
