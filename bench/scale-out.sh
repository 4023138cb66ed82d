#!/usr/bin/env bash
# Scale-out on this machine (issue #23): a 3-node KRaft cluster, PostgreSQL, two ci-audit-ingesters, two blame-ingesters
# and two decision-graph instances (one standby replica per task), all on 127.0.0.1 on ports of their own (brokers
# 29192-29197, PostgreSQL 25533, services 28180-28190). While CI deliveries and pushes stream in, one decision-graph
# instance is killed -9: the other must take over every task (timed), answer queries throughout, and every
# acknowledged delivery must be in the chains and the store exactly once. See deploy/faults/README.md.
#
#   bench/scale-out.sh [options, e.g. --rate 20 --warm-up 30]     (the fault run's options; --help lists them)
#
# Exit code: 0 when every check held, 1 when one failed, 2 when the run could not be carried out, 124 when it
# overran its time limit (SCALE_OUT_TIMEOUT, 900 s).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DATA_DIR=${SCALE_OUT_DATA_DIR:-$ROOT/deploy/faults/target/scale-out-run}
LIMIT=${SCALE_OUT_TIMEOUT:-900}

for service in ci-audit-ingester decision-graph blame-ingester; do
  if [ ! -f "$service/target/quarkus-app/quarkus-run.jar" ]; then
    timeout 600 ./mvnw -o -q -pl "$service" -am install -DskipTests
  fi
done
timeout 300 ./mvnw -o -q -pl deploy/local,deploy/faults -am install -DskipTests

# if the run itself is killed before it can stop what it started, stop those processes here (each pid is checked
# against its command line, which names this run's data directory)
cleanup() {
  [ -f "$DATA_DIR/pids" ] || return 0
  while read -r pid name; do
    [[ $pid =~ ^[1-9][0-9]*$ ]] || continue
    if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$DATA_DIR"; then
      echo "scale-out.sh: stopping $name (pid $pid), left running"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done < "$DATA_DIR/pids"
}
trap cleanup EXIT

set +e
timeout --kill-after=60 "$LIMIT" java -Xmx256m -XX:+UseSerialGC \
  -cp "deploy/faults/target/classes:$(cat deploy/faults/target/runtime.classpath)" \
  io.decisionlog.deploy.faults.ScaleOutRun --root "$ROOT" --data-dir "$DATA_DIR" "$@"
code=$?
set -e
[ $code -eq 124 ] && echo "scale-out.sh: the run overran its limit of $LIMIT s"
exit $code
