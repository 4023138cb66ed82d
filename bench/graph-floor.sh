#!/usr/bin/env bash
# The topology against its floor (issue #24): the real topology and the join floor (the least any topology joining
# runs to commits does: FloorTopology) on the same workload, each in a JVM and broker of its own, PAIRS pairs in turn
# (the real one first in odd pairs, the floor first in even ones). Prints each pair, then the median and range of:
# input records/s, real / floor; CPU per input record (Streams JVM + broker), real / floor; broker records written
# per input record, each side; produce -> committed chain p99 of the real topology against the EOS commit interval;
# and each side's peak heap (and its largest occupancy after a collection) and RSS while working the backlog off.
#
#   bench/graph-floor.sh [PAIRS=5] [key=value ...]   # the arguments go to both sides (GraphBenchmark's)
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${1:-5}
shift || true
# shellcheck source=bench/graph-classpath.sh
. bench/graph-classpath.sh
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
COMMIT_MS=75
for arg in "$@"; do
  case $arg in commitMs=*) COMMIT_MS=${arg#commitMs=} ;; esac
done

for ((i = 1; i <= PAIRS; i++)); do
  if ((i % 2)); then
    graph_measure "$WORK" real "$i" "$CP" topology=real "$@"
    graph_measure "$WORK" join-floor "$i" "$CP" topology=join-floor "$@"
  else
    graph_measure "$WORK" join-floor "$i" "$CP" topology=join-floor "$@"
    graph_measure "$WORK" real "$i" "$CP" topology=real "$@"
  fi
  echo "pair $i: real $(tail -n 1 "$WORK/real") | join floor $(tail -n 1 "$WORK/join-floor")"
done
echo "(each: input records/s, CPU us per input record Streams JVM and broker, broker records written per input" \
  "record, peak heap MiB, RSS MiB, broker RSS MiB, p99 ms, heap MiB after a collection)"
grep -A 30 "^broker records written" "$WORK/real.1.out" | sed -n '1,/^peak memory/p' | sed '$d'

paste -d ' ' "$WORK/real" "$WORK/join-floor" | awk -v commit="$COMMIT_MS" "$graph_median_awk"'
  {
    n++
    rate[n] = $1 / $10; cpu[n] = ($2 + $3) / ($11 + $12); jvm[n] = $2 / $11
    wr[n] = $4; wf[n] = $13; p99[n] = $8; p99r[n] = $8 / commit
    h[n] = $5; hf[n] = $14; r[n] = $6; rf[n] = $15; br[n] = $7; bf[n] = $16; l[n] = $9; lf[n] = $18
  }
  END {
    stat("input records/s, real / join floor", rate, n, "%.2f")
    stat("CPU per input record (Streams JVM + broker), real / join floor", cpu, n, "%.2f")
    stat("CPU per input record (Streams JVM alone), real / join floor", jvm, n, "%.2f")
    stat("broker records written per input record, real", wr, n, "%.2f")
    stat("broker records written per input record, join floor", wf, n, "%.2f")
    stat("produce -> committed chain p99 ms, real", p99, n, "%.0f")
    stat("p99 / commit interval (" commit " ms)", p99r, n, "%.2f")
    stat("peak heap MiB, real", h, n, "%.0f"); stat("peak heap MiB, join floor", hf, n, "%.0f")
    stat("heap MiB after a collection, largest, real", l, n, "%.0f")
    stat("heap MiB after a collection, largest, join floor", lf, n, "%.0f")
    stat("peak RSS MiB, real", r, n, "%.0f"); stat("peak RSS MiB, join floor", rf, n, "%.0f")
    stat("broker peak RSS MiB, real", br, n, "%.0f"); stat("broker peak RSS MiB, join floor", bf, n, "%.0f")
  }'
