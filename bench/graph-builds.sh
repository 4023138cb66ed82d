#!/usr/bin/env bash
# A change to the topology against an earlier build (issue #24): REV's decision-graph, events and service-kit are
# compiled in a worktree of their own, and this tree's GraphBenchmark drives REV's topology (A) and this tree's (B)
# on the same workload, each in a JVM and broker of its own, PAIRS pairs in turn (A first in odd pairs). Prints each
# pair, then the median and range of B / A, pair by pair, of: input records/s, CPU per input record (Streams JVM +
# broker), broker records written per input record, peak heap, heap after a collection, RSS. The way to tell what a
# change did from what the day did, and to hold memory to the issue's rule (no peak more than 20 % over the build
# compared with), which figures from different days cannot.
#
#   bench/graph-builds.sh [PAIRS=5] [REV=HEAD~1] [key=value ...]   # the arguments go to both sides (GraphBenchmark's)
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${1:-5}
REV=${2:-HEAD~1}
shift $(($# < 2 ? $# : 2))
# shellcheck source=bench/graph-classpath.sh
. bench/graph-classpath.sh
CP_B=$CP
# shellcheck source=bench/worktree.sh
. bench/worktree.sh
worktree_of "$REV"
(cd "$TREE" && ./mvnw -B -q -o -pl decision-graph -am compile)
# B's harness, then A's classes, which shadow the events and service-kit jars (B's) among the dependencies both share
CP_A="decision-graph/target/test-classes:$TREE/decision-graph/target/classes:$TREE/events/target/classes"
CP_A="$CP_A:$TREE/service-kit/target/classes:$(cat decision-graph/target/bench.classpath)"

for ((i = 1; i <= PAIRS; i++)); do
  if ((i % 2)); then
    graph_measure "$WORK" A "$i" "$CP_A" topology=real "$@"
    graph_measure "$WORK" B "$i" "$CP_B" topology=real "$@"
  else
    graph_measure "$WORK" B "$i" "$CP_B" topology=real "$@"
    graph_measure "$WORK" A "$i" "$CP_A" topology=real "$@"
  fi
  echo "pair $i: A $(tail -n 1 "$WORK/A") | B $(tail -n 1 "$WORK/B")"
done
echo "(each: input records/s, CPU us per input record Streams JVM and broker, broker records written per input" \
  "record, peak heap MiB, RSS MiB, broker RSS MiB, p99 ms, heap MiB after a collection)"

paste -d ' ' "$WORK/A" "$WORK/B" | awk "$graph_median_awk"'
  {
    n++
    rate[n] = $10 / $1; cpu[n] = ($11 + $12) / ($2 + $3); wr[n] = $13 / $4
    h[n] = $14 / $5; l[n] = $18 / $9; r[n] = $15 / $6
  }
  END {
    stat("input records/s, B / A", rate, n, "%.2f")
    stat("CPU per input record (Streams JVM + broker), B / A", cpu, n, "%.2f")
    stat("broker records written per input record, B / A", wr, n, "%.2f")
    stat("peak heap, B / A", h, n, "%.2f")
    stat("heap after a collection, largest, B / A", l, n, "%.2f")
    stat("peak RSS, B / A", r, n, "%.2f")
  }'
