#!/usr/bin/env bash
# A GitHub backfill against its floor, as ratios (issue #19): CiPullBench fills a fake GitHub (the API's own example
# run as every run's body) with DAYS x PER_DAY runs, then times, interleaved, the backfill as the service runs it
# (6-hour created windows, pages of 100, the ordering rule, serialization) and the floor (the same pages through the
# same client and outbound guard, fetched and thrown away). Prints runs/s, CPU per run, requests against the minimum
# the paging allows, the pull/floor ratio (median, range) and what the next pass costs (304s). No broker: the
# publishing path is bench/ci-webhooks.sh's.
#
#   bench/ci-pull.sh                               defaults: days=30 perDay=2000 rounds=5
#   bench/ci-pull.sh days=3 rounds=3               CiPullBench's arguments, key=value
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
M=ci-audit-ingester
BENCH_CLASS=$M/target/test-classes/io/decisionlog/ciaudit/bench/CiPullBench.class
if [ ! -f "$BENCH_CLASS" ] || [ -n "$(find $M/src -newer "$BENCH_CLASS" -type f -print -quit)" ]; then
  echo "compiling $M and its tests (this module only, offline)"
  ./mvnw -B -o -q -pl $M test-compile
fi
if [ ! -s $M/target/bench.cp ] || [ $M/pom.xml -nt $M/target/bench.cp ]; then
  ./mvnw -B -o -q -pl $M dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test > /dev/null
fi
# the fake keeps every page it built (about 800 MB for 60,000 runs): hence the heap
exec java -Xmx3g -XX:+UseParallelGC -cp "$M/target/test-classes:$M/target/classes:$(cat $M/target/bench.cp)" \
  io.decisionlog.ciaudit.bench.CiPullBench "$@"
