#!/usr/bin/env bash
# The web UI's two heavy pages against a floor, as ratios (issue #18). Starts the local runtime and ONLY
# decision-graph in a data directory of its own, writes one file of 2,000 lines in 300 ranges and one decision that
# owns 10,000 lines (PageBench), then times, interleaved on one connection, GET /sign-in (a constant Qute page through
# the same HTTP stack: the floor), the file page and the decision page. `./decisionlog down` runs on exit, always.
#
#   bench/pages.sh                           defaults: rounds=5 requests=200 warmup=300
#   bench/pages.sh rounds=9 requests=100     PageBench's arguments, key=value
#
# Environment: BENCH_KAFKA_PORT (19092; the controller takes the next), BENCH_POSTGRES_PORT (15433): not the defaults
# of `./decisionlog up`, so a developer's own stack is left alone (decision-graph itself needs :8080);
# KEEP=1 keeps the data directory.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
DG=decision-graph
KAFKA_PORT=${BENCH_KAFKA_PORT:-19092}
POSTGRES_PORT=${BENCH_POSTGRES_PORT:-15433}

# shellcheck source=bench/stack.sh
. bench/stack.sh
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in 8080 "$KAFKA_PORT" "$((KAFKA_PORT + 1))" "$POSTGRES_PORT"; do
  if port_taken "$port"; then
    echo "port $port on 127.0.0.1 is taken (ss -ltnp says by whom); decision-graph needs :8080, and BENCH_KAFKA_PORT /" \
      "BENCH_POSTGRES_PORT choose the others" >&2
    exit 3
  fi
done

JAR=$DG/target/quarkus-app/quarkus-run.jar
if [ ! -f "$JAR" ] || [ -n "$(find $DG/src/main $DG/pom.xml -newer "$JAR" -type f -print -quit)" ]; then
  say "packaging decision-graph (this module only, offline)"
  ./mvnw -B -o -q -pl $DG package -DskipTests
fi
[ -f deploy/local/target/runtime.classpath ] || { echo "deploy/local is not built (./mvnw -o install -DskipTests)" >&2; exit 4; }
BENCH_CLASS=$DG/target/test-classes/io/decisionlog/graph/bench/pages/PageBench.class
if [ ! -f "$BENCH_CLASS" ] || [ -n "$(find $DG/src/test/java/io/decisionlog/graph/bench -newer "$BENCH_CLASS" -type f -print -quit)" ]; then
  say "compiling the benchmark (test-compile, this module only, offline)"
  ./mvnw -B -o -q -pl $DG test-compile
fi
if [ ! -s $DG/target/store-bench.cp ] || [ $DG/pom.xml -nt $DG/target/store-bench.cp ]; then
  ./mvnw -B -o -q -pl $DG dependency:build-classpath -Dmdep.outputFile=target/store-bench.cp -Dmdep.includeScope=test > /dev/null
fi

DATA_DIR=$(mktemp -d /tmp/pages-bench-data.XXXXXX)
export DECISIONLOG_DATA_DIR=$DATA_DIR DECISIONLOG_SERVICES=decision-graph
export DECISIONLOG_KAFKA_PORT=$KAFKA_PORT DECISIONLOG_POSTGRES_PORT=$POSTGRES_PORT
stack_up "starting the local runtime and decision-graph"
BOOTSTRAP=$(sed -n 's/^kafka.bootstrap.servers=//p' "$DATA_DIR/run/runtime.properties" | sed 's/\\:/:/g')
# the token goes to the benchmark through its environment, not its command line (ps shows that to everyone)
PAGE_BENCH_TOKEN=$(cat "$DATA_DIR/admin.token") java -Xmx512m -XX:+UseSerialGC -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "$DG/target/test-classes:$(cat $DG/target/store-bench.cp)" "${BENCH_MAIN:-io.decisionlog.graph.bench.pages.PageBench}" \
  url=http://127.0.0.1:8080 bootstrap="$BOOTSTRAP" "$@"
