-- Replays pre-signed workflow_run deliveries (bench/wrk/signed-deliveries.py), each thread its own share,
-- so every request is a new run that Kafka must acknowledge before the 202.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  deliveries = {}
  local count = tonumber(os.getenv("THREADS") or "1")
  local n = 0
  for line in io.lines(os.getenv("DELIVERIES") or "deliveries.tsv") do
    if n % count == id then
      local signature, delivery, body = line:match("([^\t]+)\t([^\t]+)\t(.*)")
      table.insert(deliveries, {signature, delivery, body})
    end
    n = n + 1
  end
  next_delivery = 1
  not_accepted = 0
end

function request()
  local d = deliveries[next_delivery]
  next_delivery = next_delivery % #deliveries + 1
  return wrk.format("POST", "/webhooks/github", {
    ["Content-Type"] = "application/json",
    ["X-GitHub-Event"] = "workflow_run",
    ["X-GitHub-Delivery"] = d[2],
    ["X-Hub-Signature-256"] = d[1],
  }, d[3])
end

function response(status, headers, body)
  if status ~= 202 then
    not_accepted = not_accepted + 1
  end
end

function done(summary, latency, requests)
  io.write(string.format("requests %d, errors %d; latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms\n",
    summary.requests, summary.errors.status + summary.errors.timeout + summary.errors.connect,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000))
end
