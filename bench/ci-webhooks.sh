#!/usr/bin/env bash
# Load test of POST /webhooks/github with wrk: signed workflow_run deliveries, each a new run that Kafka must
# acknowledge before the 202, for SECONDS over CONNECTIONS keep-alive connections (closed loop: each connection
# waits for its answer; throughput is exact, latency under saturation understates queueing). Signing happens
# before the run (bench/wrk/signed-deliveries.py) so wrk's one core spends nothing on HMAC. Starts the local
# runtime and ci-audit-ingester (with a GitHub secret, so signatures are checked) unless they already run.
#
#   bench/ci-webhooks.sh [CONNECTIONS] [SECONDS]        e.g. bench/ci-webhooks.sh 16 15
#
# For an open-model run at a fixed rate (latency from the scheduled send time), the Java generator
# io.decisionlog.ciaudit.bench.WebhookLoad does that, but it needs a core of its own above ~300 requests/s.
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${1:-16}
DURATION=${2:-15}
SECRET=bench-secret
if ! command -v wrk > /dev/null; then
  echo "bench/ci-webhooks.sh needs wrk, the HTTP load generator that drives this benchmark, and it is not installed." >&2
  command -v apt-get > /dev/null || { echo "Install wrk (https://github.com/wg/wrk) and run this again." >&2; exit 1; }
  sudo=(); [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  echo "Installing it now: ${sudo[*]:+${sudo[*]} }apt-get install -y wrk (the Debian/Ubuntu package; apt-get update first if needed)." >&2
  "${sudo[@]}" apt-get install -y wrk > /dev/null \
    || { "${sudo[@]}" apt-get update > /dev/null && "${sudo[@]}" apt-get install -y wrk > /dev/null; } \
    || { echo "Installing wrk failed; install it yourself and run this again." >&2; exit 1; }
fi

started=0
if ! curl -fs -o /dev/null http://127.0.0.1:8081/q/health/ready; then
  DECISIONLOG_SERVICES=ci-audit-ingester DECISIONLOG_CI_GITHUB_SECRET=$SECRET \
    DECISIONLOG_JAVA_OPTS="-Xmx512m -XX:+UseG1GC" ./decisionlog up
  started=1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"; [ $started -eq 1 ] && ./decisionlog down > /dev/null' EXIT

accepted() {
  curl -s http://127.0.0.1:8081/q/metrics \
    | awk '/^http_server_requests_seconds_count.*status="202",uri="\/webhooks\/github"/ {print int($2)}'
}
run() { # connections seconds
  python3 bench/wrk/signed-deliveries.py "$SECRET" $((12000 * $2)) > "$work/deliveries.tsv"
  local before; before=$(accepted); before=${before:-0}
  DELIVERIES="$work/deliveries.tsv" THREADS=1 wrk -t1 -c"$1" -d"$2"s -s bench/wrk/github.lua http://127.0.0.1:8081 \
    | grep -E 'Requests/sec|latency p50'
  echo "202 answers (new runs acknowledged by Kafka): $(( $(accepted) - before ))"
}
echo "warm-up (JIT):"; run 8 8 > /dev/null
echo "measured, $CONNECTIONS connections, $DURATION s:"; run "$CONNECTIONS" "$DURATION"
