# Sourced by bench/graph.sh and bench/graph-floor.sh: decision-graph's class path (bench/classpath.sh) and
# GRAPH_BENCH, the figures' workload and JVM; a run's own key=value arguments come after these and win.
# shellcheck source=bench/classpath.sh
. bench/classpath.sh
module_classpath decision-graph
GRAPH_BENCH=(java -Xmx1g -Ddecisionlog.kafka.jit=full -cp "$CP" io.decisionlog.graph.bench.GraphBenchmark
  commits=20000 runs=20000 decisions=2000 samples=300 warmup=1)
