#!/usr/bin/env bash
# The decision-graph topology on a real KRaft broker with exactly-once: input records/s while it works off a
# preloaded backlog, then produce -> committed chain latency of single CI runs (BENCHMARKS.md at the root).
# Arguments are GraphBenchmark's, key=value; these defaults are the figures' workload:
#
#   bench/graph.sh                          # the real topology, warm (backlog worked off once first)
#   bench/graph.sh topology=join-floor      # the least any topology joining runs to commits does, for comparison
#   bench/graph.sh topology=floor topics=1  # read, keep, write one record; records per topic at the end
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl decision-graph -am install -DskipTests
./mvnw -B -q -pl decision-graph test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
cd decision-graph
java -Xmx1g -Ddecisionlog.kafka.jit=full -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  io.decisionlog.graph.bench.GraphBenchmark commits=20000 runs=20000 decisions=2000 samples=300 warmup=1 "$@"
