#!/usr/bin/env bash
# Runs one of the blame-ingester's benchmark mains (test sources) with its test classpath: the plumbing the blame
# benchmarks share. bench/blame-main.sh CLASS ARGS...
set -euo pipefail
cd "$(dirname "$0")/.."
CLASS=${1:?usage: bench/blame-main.sh CLASS ARGS...}
shift
./mvnw -B -q -pl blame-ingester -am install -DskipTests
./mvnw -B -q -pl blame-ingester test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
cd blame-ingester
exec java -Xmx1536m ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  "io.decisionlog.blame.bench.$CLASS" "$@"
