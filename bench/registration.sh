#!/usr/bin/env bash
# Registration -> every file queryable, against the full blame alone (issue #24). Starts the local runtime with the
# blame-ingester and decision-graph only (own data directory and ports), then PAIRS pairs in turn (ours first in odd
# pairs): registers the clone under a new name with `./decisionlog register-repo` and times it until decision-graph's
# GET /api/v1/coverage counts every line the full blame finds; and times the full blame alone as a whole process
# (BlameBench, the services' JVM flags, as bench/blame-floor.sh runs it). Prints each pair, the median and range of the
# ratio, and where each registration's time went as the blame-ingester logged it (fetch, commits, blame, publish); the
# rest is Kafka, the topology's join and the store's writes. `./decisionlog down` runs on exit, always.
#
#   bench/registration.sh /path/to/clone.git [PAIRS=5]
#
# The clone's every file must publish: the bench waits for as many lines as the floor's blame finds. A file the sync
# skips (a binary, a symbolic link, a blame record over Kafka's 1 MB even without its text: two CRD files of
# prometheus-community/helm-charts) leaves the store short, and the bench gives up after 600 s saying how short.
#
# FLOOR_IGNORE_REVS (1): the floor's blame ignores the revisions the clone's .git-blame-ignore-revs names, as the
# service's sync does, so both sides make the same blame; 0 gives the floor the plain blame of bench/blame-floor.sh.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
CLONE=$(cd "${1:?usage: bench/registration.sh CLONE [PAIRS]}" && pwd)
PAIRS=${2:-5}
JAVA_OPTS=${BLAME_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}
BRANCH=$(git --git-dir="$CLONE" symbolic-ref --short HEAD)

# shellcheck source=bench/stack.sh
. bench/stack.sh
now_ms() { date +%s%3N; }

# shellcheck source=bench/classpath.sh
. bench/classpath.sh
module_classpath blame-ingester

DATA_DIR=$(mktemp -d /tmp/registration-bench.XXXXXX)
export DECISIONLOG_DATA_DIR=$DATA_DIR DECISIONLOG_SERVICES="blame-ingester decision-graph"
export DECISIONLOG_KAFKA_PORT=${BENCH_KAFKA_PORT:-19192} DECISIONLOG_POSTGRES_PORT=${BENCH_POSTGRES_PORT:-15533}
export DECISIONLOG_PORT_BASE=${BENCH_PORT_BASE:-18080}
export DECISIONLOG_LOCAL_REPO_ROOTS=$(dirname "$CLONE")
API=http://127.0.0.1:$DECISIONLOG_PORT_BASE
stack_up "starting the local runtime, the blame-ingester and decision-graph"
stack_auth_header

blame_alone() { # appends "wall_s lines" to $DATA_DIR/floor
  local out
  out=$( { BENCH_IGNORE_REVS=${FLOOR_IGNORE_REVS:-1} /usr/bin/time -f "wall %e" \
            java $JAVA_OPTS -cp "$CP" io.decisionlog.blame.bench.BlameBench "$CLONE" 0; } 2>&1)
  echo "$(sed -n 's/^wall //p' <<< "$out") $(sed -n 's/^decision-log: .* \([0-9]*\) lines blamed.*/\1/p' <<< "$out")" \
    >> "$DATA_DIR/floor"
}
lines_in_store() { # the lines decision-graph's coverage counts for a repository (0 until it knows it)
  # the total comes before the per-file list in the answer, so the first "lines" is the repository's
  # a generous limit: a poll that gave up would leave its query running in PostgreSQL while the next one starts
  local started answer
  started=$(now_ms)
  answer=$(curl -fsS --max-time 60 -H @"$AUTH_HEADER" "$API/api/v1/coverage?repo=$1" 2> /dev/null || true)
  echo "$1 $(( $(now_ms) - started ))" >> "$DATA_DIR/polls"
  grep -o '"lines":[0-9]*' <<< "$answer" | head -n 1 | cut -d: -f2 || true
}
register() { # name: appends "seconds" to $DATA_DIR/ours once every line is in the store
  local name=$1 expected started lines
  expected=$(tail -n 1 "$DATA_DIR/floor" | cut -d' ' -f2)
  started=$(now_ms)
  DECISIONLOG_TOKEN=$(cat "$DATA_DIR/admin.token") ./decisionlog register-repo "$name" "$CLONE" --branch "$BRANCH" \
    --url "http://127.0.0.1:$((DECISIONLOG_PORT_BASE + 2))" \
    > "$DATA_DIR/register-${name//\//-}.log" 2>&1 || { cat "$DATA_DIR/register-${name//\//-}.log" >&2; exit 1; }
  while :; do
    lines=$(lines_in_store "$name")
    [ "${lines:-0}" -ge "$expected" ] && break
    if (( $(now_ms) - started > 600000 )); then
      echo "registration of $name: $lines of $expected lines in the store after 600 s" >&2
      exit 1
    fi
    sleep 0.5
  done
  awk -v ms=$(( $(now_ms) - started )) 'BEGIN { printf "%.2f\n", ms / 1000 }' >> "$DATA_DIR/ours"
}

say "the floor's blame ignores the revisions the clone's .git-blame-ignore-revs names, as the sync does:" \
  "$([ "${FLOOR_IGNORE_REVS:-1}" = 1 ] && echo yes || echo "no (FLOOR_IGNORE_REVS=0)")"
say "warm-up: one of each, untimed"
blame_alone
register bench/warm-up
: > "$DATA_DIR/ours"
: > "$DATA_DIR/floor.timed"
for ((i = 1; i <= PAIRS; i++)); do
  if ((i % 2)); then
    register "bench/pair-$i"
    blame_alone
  else
    blame_alone
    register "bench/pair-$i"
  fi
  tail -n 1 "$DATA_DIR/floor" >> "$DATA_DIR/floor.timed"
  say "pair $i: registration -> queryable $(tail -n 1 "$DATA_DIR/ours") s | full blame alone $(tail -n 1 "$DATA_DIR/floor" | cut -d' ' -f1) s" \
    "($(tail -n 1 "$DATA_DIR/floor" | cut -d' ' -f2) lines)"
done

sort -k2 -n "$DATA_DIR/polls" | awk '{ ms[++n] = $2 } END {
  printf "coverage polls: %d, median %d ms, 90th percentile %d ms, slowest %d ms\n", n, ms[int((n + 1) / 2)], ms[int(n * 0.9)], ms[n] }'
echo "where each registration's time went, as the blame-ingester logged it:"
grep -h "RepoSync\] .* sync to " "$DATA_DIR"/logs/blame-ingester.log | sed 's/.*RepoSync\] //' | tail -n "$((PAIRS + 1))" || echo "(none in $DATA_DIR/logs/blame-ingester.log)"
paste -d ' ' "$DATA_DIR/ours" "$DATA_DIR/floor.timed" | awk '
  function median(a, n,   i, j, t) {
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  { n++; r[n] = $1 / $2; o[n] = $1; f[n] = $2 }
  END {
    m = median(r, n); lo = r[1]; hi = r[n]
    printf "registration -> queryable: median %.2f s; full blame alone: median %.2f s\n", median(o, n), median(f, n)
    printf "ratio: median %.2f (%.2f-%.2f) over %d pairs\n", m, lo, hi, n
  }'
