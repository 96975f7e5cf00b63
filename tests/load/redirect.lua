-- wrk script of `make load-stack`: GET /r/<code> over the codes in LOAD_CODES_FILE (one per line), each
-- request from a visitor of its own (a browser User-Agent no other request uses, so every click counts:
-- the repeat rule only folds clicks of the same visitor on the same link), without following the 302.
-- Counts the answers by status so the run can reconcile redirects sent with clicks stored.

local codes = {}
local counter = 0
local thread_id = 0
statuses = {}  -- global: done() reads it from each thread

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("tid", next_id)
  table.insert(threads, thread)
end

function init(args)
  thread_id = tid
  for line in io.lines(os.getenv("LOAD_CODES_FILE")) do
    if #line > 0 then
      table.insert(codes, line)
    end
  end
  -- each thread (and each run, through LOAD_RUN) starts at its own place and has its own visitors
  counter = thread_id * 7919
end

function request()
  counter = counter + 1
  local code = codes[(counter % #codes) + 1]
  local agent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0."
    .. (os.getenv("LOAD_RUN") or "0") .. "." .. thread_id .. "." .. counter .. " Safari/537.36"
  return wrk.format("GET", "/r/" .. code, { ["User-Agent"] = agent, ["Accept"] = "text/html" })
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, n in pairs(counts) do
      totals[status] = (totals[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(totals) do
    table.insert(parts, '"' .. status .. '": ' .. n)
  end
  io.write("LOADJSON {\"statuses\": {" .. table.concat(parts, ", ") .. "}, \"requests\": " .. summary.requests
    .. ", \"duration_us\": " .. summary.duration
    .. ", \"errors\": " .. (summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout)
    .. ", \"p50_us\": " .. latency:percentile(50) .. ", \"p95_us\": " .. latency:percentile(95)
    .. ", \"p99_us\": " .. latency:percentile(99) .. ", \"max_us\": " .. latency.max .. "}\n")
end
