#!/usr/bin/env bash
# Load test of POST /webhooks/github: RATE signed workflow_run deliveries per second for SECONDS, each a new run
# that Kafka must acknowledge before the 202. Starts the local runtime and ci-audit-ingester (with a GitHub secret,
# so signatures are checked) unless they already run, and stops what it started.
#
#   bench/ci-webhooks.sh [RATE] [SECONDS]        e.g. bench/ci-webhooks.sh 3000 20
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${1:-3000}
DURATION=${2:-20}
SECRET=bench-secret

./mvnw -B -q -pl ci-audit-ingester -am install -DskipTests
./mvnw -B -q -pl ci-audit-ingester dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath

started=0
if ! curl -fs -o /dev/null http://127.0.0.1:8081/q/health/ready; then
  DECISIONLOG_SERVICES=ci-audit-ingester DECISIONLOG_CI_GITHUB_SECRET=$SECRET ./decisionlog up
  started=1
fi
trap '[ $started -eq 1 ] && ./decisionlog down > /dev/null' EXIT

classpath="ci-audit-ingester/target/test-classes:$(cat ci-audit-ingester/target/bench.classpath)"
# a short warm-up so the JIT has compiled the hot path before the measured run
java -Xmx1g -cp "$classpath" io.decisionlog.ciaudit.bench.WebhookLoad \
  http://127.0.0.1:8081/webhooks/github "$((RATE / 4))" 10 "$SECRET" > /dev/null
java -Xmx1g -cp "$classpath" io.decisionlog.ciaudit.bench.WebhookLoad \
  http://127.0.0.1:8081/webhooks/github "$RATE" "$DURATION" "$SECRET"
