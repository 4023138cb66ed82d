# Sourced by bench/graph.sh, bench/graph-floor.sh and bench/graph-builds.sh: decision-graph's class path in CP
# (bench/classpath.sh), graph_bench, the figures' workload and JVM, and graph_measure, one run's figures on a line.
# A run's own key=value arguments come after the workload's and win.
# shellcheck source=bench/classpath.sh
. bench/classpath.sh
module_classpath decision-graph
GRAPH_WORKLOAD=(commits=20000 runs=20000 decisions=2000 samples=300 warmup=1)
graph_bench() { # CLASS_PATH [key=value ...]: runs GraphBenchmark on that class path
  java -Xmx1g -Ddecisionlog.kafka.jit=full -cp "$1" io.decisionlog.graph.bench.GraphBenchmark \
    "${GRAPH_WORKLOAD[@]}" "${@:2}"
}

# graph_measure WORK NAME PAIR CLASS_PATH [key=value ...]: one run; appends to WORK/NAME the line
# "records/s jvm_us broker_us written heap_mib rss_mib broker_rss_mib p99_ms live_heap_mib"; a failed run's whole
# output is kept under TMPDIR and named
graph_measure() {
  local work=$1 name=$2 pair=$3 out="$1/$2.$3.out" kept="${TMPDIR:-/tmp}/graph-$2-$3.failed.out"
  if ! graph_bench "$4" "${@:5}" > "$out" 2>&1; then
    tail -n 30 "$out" >&2
    cp "$out" "$kept"
    echo "bench: the $name run of pair $pair failed; its whole output: $kept" >&2
    exit 1
  fi
  awk '
    function after(label,   rest) { # the number after label on this line, commas dropped
      if (!match($0, label " [0-9.,]+")) return "-"
      rest = substr($0, RSTART + length(label) + 1, RLENGTH - length(label) - 1); gsub(",", "", rest); return rest
    }
    /input records\/s$/ { rate = after(":") }
    /^CPU per input record/ { jvm = after("Streams JVM"); broker = after("broker") }
    /^broker records written/ { written = after("off:") }
    /^peak memory/ {
      heap = after("heap"); rss = after(", RSS"); brss = after("broker RSS")
      live = match($0, /\([0-9]+ MiB after/) ? substr($0, RSTART + 1, RLENGTH - 11) : "-"
    }
    /^produce -> committed chain/ { p99 = after("p99") }
    END { print rate, jvm, broker, written, heap, rss, brss, (p99 == "" ? "-" : p99), live }' "$out" >> "$work/$name"
}

# graph_median_awk: awk functions for the scripts' summaries: stat(name, values, n, printf format) prints the median
# and range of values[1..n]
graph_median_awk='
  function sorted(a, n,   i, j, t) {
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
  }
  function median(a, n) { sorted(a, n); return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  function stat(name, a, n, format,   m) {
    m = median(a, n)
    printf "%s: median " format " (" format "-" format ")\n", name, m, a[1], a[n]
  }'
