#!/usr/bin/env bash
# Store and query API benchmark (issue #7). Starts the local runtime and ONLY decision-graph in a data directory of
# its own, writes 10,000 files x 100 blamed lines, 50,000 chains and 5,000 minutes straight onto the projected topics
# (StoreLoad), times the projection's catch-up (from the first record written, and from the end of the load) until
# GET /api/v1/admin/projection says caught_up with lag 0 and every record applied, times a rebuild
# (POST /api/v1/admin/rebuild) the same way, then drives GET /api/v1/trace with an open-model generator at fixed
# rates (TraceLoad), sampling decision-graph's RSS (VmRSS) throughout. `./decisionlog down` runs on exit, always.
#
#   bench/store.sh                          everything, defaults below
#   RATES=2000 DURATION=20 bench/store.sh   one rate
#
# Environment (all optional):
#   RATES (500,1000,2000,3000,4000)  DURATION (30 s measured)  WARMUP (10 s)  RUNS (1 per rate)  CONNECTIONS (64)
#   CLIENT (raw: TraceLoad's minimal HTTP/1.1 client; http: java.net.http.HttpClient, which on 2 cores costs more CPU
#   than the server it measures)  HTTP_RATES (none: rates for an extra HttpClient pass after the main one)
#   PREWARM (60 s of JIT warm-up at PREWARM_RATE, 500/s, before the first rate; not counted)
#   REFINE (2: bisection steps for the rate from which p99 stays over 50 ms)   REBUILD (1)   DIAG (1: row counts,
#   sizes, EXPLAIN ANALYZE of the trace's one statement; at the end decision-graph's heap, live heap after a full GC,
#   threads and large anonymous mappings)   SLOW_MS (10: answers slower than this go to RESULTS/trace-slow.csv with their
#   due time on the wall clock, to line up with a GC log written with -Xlog:gc*:file=F:utctime)
#   LOADGEN_JAVA_OPTS (-Xmx512m -XX:+UseSerialGC: the trace load generator's JVM)
#   DUMPS (0; 1: two jcmd thread dumps under load at DUMP_RATE, 2000/s)
#   DECISIONLOG_GRAPH_JAVA_OPTS, DECISIONLOG_JAVA_OPTS, MALLOC_ARENA_MAX (unset: decision-graph's defaults in
#   ./decisionlog; -Xmx256m -XX:+UseSerialGC and MALLOC_ARENA_MAX=16, glibc's own for 2 cores, were those before #7)
#   BENCH_KAFKA_PORT (19092; the controller takes the next)  BENCH_POSTGRES_PORT (15433): not the defaults of
#   `./decisionlog up`, so a developer's own stack is left alone (decision-graph itself needs :8080)
#   DATA_DIR (a new temporary directory, removed at the end unless KEEP=1)   RESULTS (a new directory under /tmp)
#   BUILD (1: package decision-graph, this module only, when its jar is missing or older than its sources)
#   APP (decision-graph/target/quarkus-app: the built service to run; a copy kept from an earlier build measures
#   that build against the current one in the same conditions; not built, and needs SNAPSHOT=1)
#   FLOOR (0; 1: measure the trace against its floor, GET /api/v1/trace-floor, a constant body of the trace's size
#   through the same stack, each run at each rate both in turn; needs a build with -Ddecisionlog.bench.trace-floor=true,
#   which FLOOR=1 makes in decision-graph/target/trace-floor-app, apart from the product's build; FLOOR=only: the
#   floor alone, for rates past the trace's saturation)
#   SNAPSHOT (1: run a copy of the built service and runtime, so that someone rebuilding decision-graph mid-run
#   cannot change or delete the jars under the running JVM, and so that `up` can never start a build of the whole
#   tree; 0 runs ./decisionlog from the tree itself, which builds everything if anything it checks for is missing)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

RATES=${RATES:-500,1000,2000,3000,4000}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-10}
RUNS=${RUNS:-1}
CONNECTIONS=${CONNECTIONS:-64}
CLIENT=${CLIENT:-raw}
HTTP_RATES=${HTTP_RATES:-}
PREWARM=${PREWARM:-60}
PREWARM_RATE=${PREWARM_RATE:-500}
REFINE=${REFINE:-2}
REBUILD=${REBUILD:-1}
DIAG=${DIAG:-1}
DUMPS=${DUMPS:-0}
DUMP_RATE=${DUMP_RATE:-2000}
SLOW_MS=${SLOW_MS:-10}
LOADGEN_JAVA_OPTS=${LOADGEN_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC}
BUILD=${BUILD:-1}
FLOOR=${FLOOR:-0}
SNAPSHOT=${SNAPSHOT:-1}
KAFKA_PORT=${BENCH_KAFKA_PORT:-19092}
POSTGRES_PORT=${BENCH_POSTGRES_PORT:-15433}
DATASET_ARGS=(seed=42 files=10000 lines=100 commits=50000 decisions=5000)
API=http://127.0.0.1:8080

# shellcheck source=bench/stack.sh
. bench/stack.sh
now_ms() { date +%s%3N; }
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

for port in 8080 "$KAFKA_PORT" "$((KAFKA_PORT + 1))" "$POSTGRES_PORT"; do
  if port_taken "$port"; then
    echo "port $port on 127.0.0.1 is taken (ss -ltnp says by whom); decision-graph needs :8080, and BENCH_KAFKA_PORT /" \
      "BENCH_POSTGRES_PORT choose the others" >&2
    exit 3
  fi
done

# --- build (decision-graph only; never the whole tree) -------------------------------------------------------------
DG=decision-graph
if [ "$FLOOR" != 0 ] && [ -z "${APP:-}" ]; then
  say "packaging decision-graph with the trace's floor endpoint (this module only, offline) into $DG/target/trace-floor-app"
  ./mvnw -B -o -q -pl $DG package -DskipTests -Ddecisionlog.bench.trace-floor=true -Dquarkus.package.output-directory=trace-floor-app
  APP=$DG/target/trace-floor-app
fi
APP=${APP:-$DG/target/quarkus-app}
JAR=$APP/quarkus-run.jar
if [ "$APP" = $DG/target/quarkus-app ] && [ "$BUILD" = 1 ] && { [ ! -f "$JAR" ] || [ -n "$(find $DG/src/main $DG/pom.xml -newer "$JAR" -type f -print -quit)" ]; }; then
  say "packaging decision-graph (this module only, offline)"
  ./mvnw -B -o -q -pl $DG package -DskipTests
fi
[ -f "$JAR" ] || { echo "$JAR is missing: ./mvnw -o -pl $DG package -DskipTests" >&2; exit 4; }
[ -f deploy/local/target/runtime.classpath ] || { echo "deploy/local is not built (./mvnw -o -pl deploy/local install)" >&2; exit 4; }
BENCH_CLASS=$DG/target/test-classes/io/decisionlog/graph/bench/store/TraceLoad.class
if [ ! -f "$BENCH_CLASS" ] || [ -n "$(find $DG/src/test/java/io/decisionlog/graph/bench/store -newer "$BENCH_CLASS" -type f -print -quit)" ]; then
  say "compiling the benchmark (test-compile, this module only, offline)"
  ./mvnw -B -o -q -pl $DG test-compile
fi
if [ ! -s $DG/target/store-bench.cp ] || [ $DG/pom.xml -nt $DG/target/store-bench.cp ]; then
  ./mvnw -B -o -q -pl $DG dependency:build-classpath -Dmdep.outputFile=target/store-bench.cp -Dmdep.includeScope=test > /dev/null
fi

# --- a stack of its own ----------------------------------------------------------------------------------------------
DATA_DIR=${DATA_DIR:-$(mktemp -d /tmp/store-bench-data.XXXXXX)}
RESULTS=${RESULTS:-$(mktemp -d /tmp/store-bench-results.XXXXXX)}
mkdir -p "$DATA_DIR" "$RESULTS"
CLI=$ROOT/decisionlog
BENCH_CP=$ROOT/$DG/target/test-classes:$(cat $DG/target/store-bench.cp)
if [ "$SNAPSHOT" = 1 ]; then
  # the same script and the same build, copied: `up` and `down` then find exactly these jars
  TREE=$DATA_DIR/tree
  mkdir -p "$TREE/$DG/target" "$TREE/deploy/local/target" "$TREE/bench-classes/io/decisionlog/graph/bench"
  cp decisionlog "$TREE/"
  cp -r "$APP" "$TREE/$DG/target/quarkus-app"
  cp -r deploy/local/target/classes deploy/local/target/runtime.classpath "$TREE/deploy/local/target/"
  # `up` checks that the command-line client is built, although it does not start it; an empty stand-in will do
  mkdir -p "$TREE/deploy/cli/target"
  if [ -f deploy/cli/target/runtime.classpath ]; then cp deploy/cli/target/runtime.classpath "$TREE/deploy/cli/target/"
  else : > "$TREE/deploy/cli/target/runtime.classpath"; fi
  # and `up` must never build the whole tree from here: a mvnw that refuses
  printf '#!/bin/sh\necho "bench/store.sh: the snapshot does not build ($*); is something missing from it?" >&2\nexit 1\n' > "$TREE/mvnw"
  chmod +x "$TREE/mvnw"
  cp -r $DG/target/test-classes/io/decisionlog/graph/bench/store "$TREE/bench-classes/io/decisionlog/graph/bench/"
  CLI=$TREE/decisionlog
  BENCH_CP=$TREE/bench-classes:$(cat $DG/target/store-bench.cp)
fi
export DECISIONLOG_DATA_DIR=$DATA_DIR DECISIONLOG_SERVICES=decision-graph
export DECISIONLOG_KAFKA_PORT=$KAFKA_PORT DECISIONLOG_POSTGRES_PORT=$POSTGRES_PORT
# the stack makes its own admin token in its data directory; requests carry it from a file, never on a command line
unset DECISIONLOG_ADMIN_TOKEN

SAMPLER=
BACKGROUND=
cleanup() {
  local status=$?
  set +e
  [ -n "$BACKGROUND" ] && kill "$BACKGROUND" 2>/dev/null && wait "$BACKGROUND" 2>/dev/null
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null && wait "$SAMPLER" 2>/dev/null
  say "stopping the stack"
  "$CLI" down > "$RESULTS/down.log" 2>&1 || cat "$RESULTS/down.log"
  cp "$DATA_DIR/logs/decision-graph.log" "$DATA_DIR"/gc*.log "$RESULTS/" 2> /dev/null
  if [ "${KEEP:-0}" = 1 ]; then say "data kept in $DATA_DIR"; else rm -rf "$DATA_DIR"; fi
  say "logs and results in $RESULTS"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
say "load average before: $LOAD_BEFORE; data in $DATA_DIR; results in $RESULTS"
say "starting the local runtime and decision-graph"
UP_START=$(now_ms)
"$CLI" up 2>&1 | tee "$RESULTS/up.log"
UP_MS=$(( $(now_ms) - UP_START ))
stack_auth_header

prop() { sed -n "s/^$1=//p" "$DATA_DIR/run/runtime.properties" | sed 's/\\:/:/g; s/\\=/=/g'; }
DG_PID=$(cat "$DATA_DIR/run/decision-graph.pid")
DG_JVM=$(tr '\0' ' ' < "/proc/$DG_PID/cmdline" | sed -E 's/^[^ ]*java //; s/ -jar .*//')
DG_ARENAS=$(tr '\0' '\n' < "/proc/$DG_PID/environ" | sed -n 's/^MALLOC_ARENA_MAX=//p')
say "decision-graph: $DG_JVM; MALLOC_ARENA_MAX=${DG_ARENAS:-unset}"
PG_PID=$(prop postgres.pid)
KAFKA_PID=$(prop broker.pid)
BOOTSTRAP=$(prop kafka.bootstrap.servers)
PG_PORT=$(prop quarkus.datasource.jdbc.url | sed -E 's#.*:([0-9]+)/.*#\1#')
sql() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d decisionlog -X -q -At "$@"; }

# --- RSS of decision-graph, every 0.5 s, tagged with the phase -------------------------------------------------------
echo startup > "$RESULTS/phase"
(
  while kill -0 "$DG_PID" 2> /dev/null; do
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$DG_PID/status" 2> /dev/null || true)
    echo "$(now_ms) $(cat "$RESULTS/phase") ${rss:-0}" >> "$RESULTS/rss.log"
    sleep 0.5
  done
) &
SAMPLER=$!
phase() { echo "$1" > "$RESULTS/phase"; }
rss_max() { awk -v p="$1" '$2 == p && $3 > m {m = $3} END {printf "%.0f", m / 1024}' "$RESULTS/rss.log"; }

projection() { curl -fsS --max-time 5 -H @"$AUTH_HEADER" "$API/api/v1/admin/projection" 2> /dev/null || echo '{}'; }
field() { sed -nE "s/.*\"$2\":\"?([^,}\"]*).*/\1/p" <<< "$1"; }

# waits until the projection is caught up with lag 0 and has applied (or skipped) at least $1 records; prints the time
await_caught_up() { # target-applied timeout-seconds label
  local target=$1 deadline=$(( SECONDS + $2 )) label=$3 json applied skipped next_report=$(( SECONDS + 10 ))
  while true; do
    json=$(projection)
    applied=$(field "$json" applied); applied=${applied:-0}
    skipped=$(field "$json" skipped); skipped=${skipped:-0}
    if [ "$(field "$json" caught_up)" = true ] && [ "$(field "$json" lag)" = 0 ] \
       && [ $(( applied + skipped )) -ge "$target" ]; then
      now_ms
      return 0
    fi
    if [ $SECONDS -ge $next_report ]; then
      echo "  $label: applied $applied/$target, lag $(field "$json" lag), skipped $skipped" >&2
      next_report=$(( SECONDS + 10 ))
    fi
    [ $SECONDS -lt $deadline ] || { echo "  $label: not caught up in $2 s: $json" >&2; return 1; }
    sleep 0.2
  done
}

# the empty store is caught up once the consumer has its partitions
await_caught_up 0 120 start > /dev/null
APPLIED0=$(field "$(projection)" applied)

# --- load, then catch-up ----------------------------------------------------------------------------------------------
say "writing the data set (StoreLoad -> $BOOTSTRAP)"
phase load
java -Xmx512m -XX:+UseSerialGC -cp "$BENCH_CP" io.decisionlog.graph.bench.store.StoreLoad bootstrap="$BOOTSTRAP" \
  "${DATASET_ARGS[@]}" | tee "$RESULTS/storeload.log"
FIRST_SEND=$(sed -n 's/^first_send_epoch_ms=//p' "$RESULTS/storeload.log")
ACKED=$(sed -n 's/^acked_epoch_ms=//p' "$RESULTS/storeload.log")
RECORDS=$(sed -n 's/^records_total=//p' "$RESULTS/storeload.log")
phase catch-up
say "waiting for the projection to apply $RECORDS records"
CAUGHT=$(await_caught_up $(( APPLIED0 + RECORDS )) 900 catch-up)
phase idle
CATCHUP_MS=$(( CAUGHT - FIRST_SEND ))
CATCHUP_AFTER_MS=$(( CAUGHT - ACKED ))
LOAD_MS=$(( ACKED - FIRST_SEND ))
say "caught up $(( CATCHUP_MS / 1000 )).$(( CATCHUP_MS % 1000 / 100 )) s after the first record, $(( CATCHUP_AFTER_MS / 1000 )).$(( CATCHUP_AFTER_MS % 1000 / 100 )) s after the load ended"
projection > "$RESULTS/projection-after-load.json"
sleep 5

if [ "$DIAG" = 1 ]; then
  {
    echo "rows: blame_file, blame_range, lines, chain, chain_decision, decision; database size"
    sql -c "SELECT (SELECT count(*) FROM blame_file), (SELECT count(*) FROM blame_range),
                   (SELECT sum(line_count) FROM blame_range), (SELECT count(*) FROM chain),
                   (SELECT count(*) FROM chain_decision), (SELECT count(*) FROM decision),
                   pg_size_pretty(pg_database_size('decisionlog'))"
    echo "table sizes (heap+toast+indexes):"
    sql -c "SELECT relname, pg_size_pretty(pg_total_relation_size(oid)) FROM pg_class
            WHERE relname IN ('blame_file','blame_range','chain','chain_decision','decision') ORDER BY 1"
    echo "settings:"
    sql -c "SELECT name || '=' || setting || coalesce(unit, '') FROM pg_settings
            WHERE name IN ('shared_buffers','work_mem','max_connections','synchronous_commit','fsync','wal_level','checkpoint_timeout','max_wal_size')"
    echo "EXPLAIN ANALYZE of the trace's one statement (StoreQueries.lineAt), svc-0250/config/app-00.yaml line 50:"
    sql -c "EXPLAIN (ANALYZE, BUFFERS)
            SELECT f.line_count, f.rev, r.start_line, r.line_count, r.sha, r.orig_path, r.orig_start,
                   r.lines[50 - r.start_line + 1], c.sha IS NOT NULL, c.trace_commit, c.trace_links,
                   CASE WHEN false OR c.trace_commit IS NULL THEN c.body END
            FROM blame_file f LEFT JOIN LATERAL (
                SELECT * FROM blame_range r WHERE r.repo = f.repo AND r.path = f.path AND r.start_line <= 50
                ORDER BY r.start_line DESC LIMIT 1) r ON true
            LEFT JOIN chain c ON c.repo = f.repo AND c.sha = r.sha
            WHERE f.repo = 'bench/store' AND f.path = 'svc-0250/config/app-00.yaml'"
  } > "$RESULTS/diag-store.txt" 2>&1 || true
  cat "$RESULTS/diag-store.txt"
fi

# --- rebuild ----------------------------------------------------------------------------------------------------------
REBUILD_MS=
if [ "$REBUILD" = 1 ]; then
  APPLIED1=$(field "$(projection)" applied)
  say "rebuild: POST /api/v1/admin/rebuild"
  phase rebuild
  REBUILD_START=$(now_ms)
  curl -fsS -X POST -H @"$AUTH_HEADER" "$API/api/v1/admin/rebuild" > "$RESULTS/rebuild.json"
  echo
  REBUILT=$(await_caught_up $(( APPLIED1 + RECORDS )) 900 rebuild)
  phase idle
  REBUILD_MS=$(( REBUILT - REBUILD_START ))
  say "rebuilt and caught up in $(( REBUILD_MS / 1000 )).$(( REBUILD_MS % 1000 / 100 )) s"
  projection > "$RESULTS/projection-after-rebuild.json"
  sleep 5
fi

# --- trace load -------------------------------------------------------------------------------------------------------
say "trace load ($CLIENT client): rates $RATES, ${WARMUP}s warm-up + ${DURATION}s measured, $RUNS run(s) each, $CONNECTIONS connections"
phase trace
TRACE_LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
ENDPOINTS=trace
[ "$FLOOR" = 1 ] && ENDPOINTS=trace,floor
[ "$FLOOR" = only ] && ENDPOINTS=floor
trace_load() { # client rates prewarm-seconds csv log
  TRACE_BENCH_TOKEN=$(cat "$DATA_DIR/admin.token") \
  java $LOADGEN_JAVA_OPTS -cp "$BENCH_CP" io.decisionlog.graph.bench.store.TraceLoad url=$API "${DATASET_ARGS[@]}" \
    client="$1" rates="$2" duration="$DURATION" warmup="$WARMUP" runs="$RUNS" connections="$CONNECTIONS" refine="$REFINE" \
    prewarm="$3" prewarmRate="$PREWARM_RATE" watch="decision-graph:$DG_PID,postgres:$PG_PID+,kafka:$KAFKA_PID" csv="$4" \
    slow="${4%.csv}-slow.csv" slowMs="$SLOW_MS" endpoints="$ENDPOINTS" | tee "$5"
}
trace_load "$CLIENT" "$RATES" "$PREWARM" "$RESULTS/trace.csv" "$RESULTS/trace.log"
if [ -n "$HTTP_RATES" ]; then
  say "the same with java.net.http.HttpClient: rates $HTTP_RATES"
  trace_load http "$HTTP_RATES" "$PREWARM" "$RESULTS/trace-http.csv" "$RESULTS/trace-http.log"
fi
phase after-trace
TRACE_LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

if [ "$DUMPS" = 1 ]; then
  say "thread dumps under load at $DUMP_RATE/s (not measured)"
  TRACE_BENCH_TOKEN=$(cat "$DATA_DIR/admin.token") \
  java -Xmx512m -XX:+UseSerialGC -cp "$BENCH_CP" io.decisionlog.graph.bench.store.TraceLoad url=$API "${DATASET_ARGS[@]}" \
    client="$CLIENT" rates="$DUMP_RATE" duration=20 warmup=5 refine=0 prewarm=0 > "$RESULTS/dump-load.log" 2>&1 &
  BACKGROUND=$!
  sleep 14; jcmd "$DG_PID" Thread.print > "$RESULTS/threads-1.txt" 2>&1 || true
  sleep 4; jcmd "$DG_PID" Thread.print > "$RESULTS/threads-2.txt" 2>&1 || true
  wait "$BACKGROUND" || true
  BACKGROUND=
fi
sleep 1
# what trace memory held and how often it answered (store/TraceMemory's metrics)
curl -fsS -H @"$AUTH_HEADER" "$API/q/metrics" 2> /dev/null | grep -E 'trace_memory' | grep -v '^#' > "$RESULTS/trace-memory.txt" || true
HWM=$(awk '/^VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$DG_PID/status")
if [ "$DIAG" = 1 ]; then
  # where decision-graph's memory is, after the measurements (the forced full GC shows the live heap)
  {
    grep -E '^(VmRSS|VmHWM|RssAnon|RssFile|Threads)' "/proc/$DG_PID/status"
    echo "heap now:"; jcmd "$DG_PID" GC.heap_info | grep -E 'total|Metaspace|class space'
    jcmd "$DG_PID" GC.run > /dev/null
    echo "heap after a full GC:"; jcmd "$DG_PID" GC.heap_info | grep -E 'total'
    echo "anonymous mappings of 32-64 MiB (glibc malloc arenas, RocksDB):"
    pmap -x "$DG_PID" | awk '$6 == "[" && $7 == "anon" && $2 >= 32768 && $2 <= 65536 {n++; rss += $3} END {printf "%d mappings, %.0f MiB resident\n", n, rss / 1024}'
  } > "$RESULTS/diag-memory.txt" 2>&1 || true
fi
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# --- summary ----------------------------------------------------------------------------------------------------------
secs() { [ -n "$1" ] && printf '%d.%d s' $(( $1 / 1000 )) $(( $1 % 1000 / 100 )) || printf -- '-'; }
{
  echo
  echo "== store benchmark (issue #7) =="
  echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB; decision-graph $DG_JVM; MALLOC_ARENA_MAX=${DG_ARENAS:-unset}"
  grep -E '^total|^sent to the broker' "$RESULTS/storeload.log"
  printf '%-52s %s\n' "stack up (runtime + decision-graph ready)" "$(secs $UP_MS)"
  printf '%-52s %s\n' "load written and acknowledged (StoreLoad)" "$(secs $LOAD_MS)"
  printf '%-52s %s   (goal <= 120 s)\n' "projection caught up, from the first record written" "$(secs $CATCHUP_MS)"
  printf '%-52s %s\n' "projection caught up, from the end of the load" "$(secs $CATCHUP_AFTER_MS)"
  printf '%-52s %s\n' "rebuild (POST rebuild -> caught up again)" "$(secs "$REBUILD_MS")"
  printf '%-52s load %s, catch-up %s, idle %s, rebuild %s, trace %s; peak (VmHWM) %s MiB   (goal <= 512 MiB)\n' \
    "decision-graph RSS max (MiB)" "$(rss_max load)" "$(rss_max catch-up)" "$(rss_max idle)" "$(rss_max rebuild)" \
    "$(rss_max trace)" "$HWM"
  echo "load average (1/5/15 min): before $LOAD_BEFORE; trace load before $TRACE_LOAD_BEFORE, after $TRACE_LOAD_AFTER; end $LOAD_AFTER"
  [ -f "$RESULTS/diag-memory.txt" ] && sed 's/^/  /' "$RESULTS/diag-memory.txt"
  echo "trace memory at the end (gets by result, bytes held, entries, evictions):"
  sed 's/^/  /' "$RESULTS/trace-memory.txt"
  echo "trace load (open model, $CLIENT client, $CONNECTIONS connections; median of $RUNS run(s) per rate):"
  sed -n '/^rate\/s/,$p' "$RESULTS/trace.log" | grep -v '^crossing_rate='
  if [ -n "$HTTP_RATES" ]; then
    echo "trace load with java.net.http.HttpClient:"
    sed -n '/^rate\/s/,$p' "$RESULTS/trace-http.log" | grep -v '^crossing_rate='
  fi
} | tee "$RESULTS/summary.txt"
