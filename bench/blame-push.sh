#!/usr/bin/env bash
# Push latency of the blame-ingester: a real broker, the service's tracker on a copy of a real repository (the
# clone itself is never written to), the first full sync, then pushes of one commit touching FILES text files
# each, timed from "new tip fetched" to "every record published and acknowledged, new tip recorded". Prints each
# push, the median, the load average, and checks the published blame against a from-scratch blame at the end.
#
#   bench/blame-push.sh /path/to/some/clone.git [PUSHES] [FILES] [WARMUP]   # defaults 7 10 1
#
# Builds only blame-ingester (MAVEN_ARGS=-o for offline); its upstream modules (events, deploy/local) must be
# installed once:
#   ./mvnw -pl blame-ingester -am install -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
GIT_DIR=$(cd "${1:?usage: bench/blame-push.sh GIT_DIR [PUSHES] [FILES] [WARMUP]}" && pwd)
./mvnw -B -q -pl blame-ingester test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
cd blame-ingester
exec java -Xmx1536m ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.decisionlog.blame.bench.PushBench "$GIT_DIR" "${2:-7}" "${3:-10}" "${4:-1}"
