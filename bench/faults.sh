#!/usr/bin/env bash
# Faults on this machine (issue #8): a 3-node KRaft cluster (separate broker processes), PostgreSQL, the
# ci-audit-ingester and two decision-graph instances, all on 127.0.0.1 and on ports of their own (brokers
# 29092-29097, PostgreSQL 25433, services 28080/28081/28090), so it runs beside ./decisionlog up and the tests.
# CI deliveries and pushes stream in while the leader of decisionlog.ci.runs.v1 is killed -9 and restarted five
# times and one decision-graph instance is killed -9 for good; then every delivery that got a 202 must be in the
# chains and the store exactly once, and the store must equal a rebuild. See deploy/faults/README.md.
#
#   bench/faults.sh [FaultRun options, e.g. --rate 20 --leader-kills 3]     (--help lists them)
#
# Exit code: 0 when nothing acknowledged was lost or duplicated and every check held, 1 when a check failed,
# 2 when the run could not be carried out, 124 when it overran its time limit (FAULTS_TIMEOUT, 900 s).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DATA_DIR=${FAULTS_DATA_DIR:-$ROOT/deploy/faults/target/fault-run}
LIMIT=${FAULTS_TIMEOUT:-900}
# the run to carry out: FaultRun, or bench/scale-out.sh's ScaleOutRun
MAIN=${FAULTS_MAIN:-io.decisionlog.deploy.faults.FaultRun}

# build what the run needs: the services only when their jars are missing
# (offline, and bounded too: the whole script stays within its limits)
for service in ci-audit-ingester decision-graph blame-ingester; do
  if [ ! -f "$service/target/quarkus-app/quarkus-run.jar" ]; then
    timeout 600 ./mvnw -o -q -pl "$service" -am install -DskipTests
  fi
done
timeout 300 ./mvnw -o -q -pl deploy/local,deploy/faults -am install -DskipTests

# a safety net: if the run itself is killed before it can stop what it started, stop those processes here (each
# pid is checked against its command line, which names this run's data directory)
cleanup() {
  [ -f "$DATA_DIR/pids" ] || return 0
  while read -r pid name; do
    [[ $pid =~ ^[1-9][0-9]*$ ]] || continue
    if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$DATA_DIR"; then
      echo "faults.sh: stopping $name (pid $pid), left running"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done < "$DATA_DIR/pids"
}
trap cleanup EXIT

set +e
timeout --kill-after=60 "$LIMIT" java -Xmx256m -XX:+UseSerialGC \
  -cp "deploy/faults/target/classes:$(cat deploy/faults/target/runtime.classpath)" \
  "$MAIN" --root "$ROOT" --data-dir "$DATA_DIR" "$@"
code=$?
set -e
[ $code -eq 124 ] && echo "faults.sh: the run overran its limit of $LIMIT s"
exit $code
