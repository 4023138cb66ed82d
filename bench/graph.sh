#!/usr/bin/env bash
# The decision-graph topology on a real KRaft broker with exactly-once: input records/s while it works off a
# preloaded backlog, then produce -> committed chain latency of single CI runs (BENCHMARKS.md at the root).
# Arguments are GraphBenchmark's, key=value; these defaults are the figures' workload:
#
#   bench/graph.sh                          # the real topology, warm (backlog worked off once first)
#   bench/graph.sh topology=join-floor      # the least any topology joining runs to commits does, for comparison
#   bench/graph.sh topology=floor topics=1  # read, keep, write one record; records per topic at the end
#
# bench/graph-floor.sh runs the real topology and the join floor in interleaved pairs and reports their ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/graph-classpath.sh
. bench/graph-classpath.sh
graph_bench "$CP" "$@"
