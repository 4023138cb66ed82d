# Sourced by the benchmarks that run decision-graph's benchmark mains in a JVM of their own (bench/graph.sh,
# bench/graph-floor.sh): builds the module and its test classes offline and sets CP to their class path. Needs the
# repository's root as the working directory.
./mvnw -B -q -o -pl decision-graph -am install -DskipTests
./mvnw -B -q -o -pl decision-graph test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
CP="decision-graph/target/classes:decision-graph/target/test-classes:$(cat decision-graph/target/bench.classpath)"
# the figures' workload and JVM; a run's own key=value arguments come after these and win
GRAPH_BENCH=(java -Xmx1g -Ddecisionlog.kafka.jit=full -cp "$CP" io.decisionlog.graph.bench.GraphBenchmark
  commits=20000 runs=20000 decisions=2000 samples=300 warmup=1)
