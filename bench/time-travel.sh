#!/usr/bin/env bash
# Time travel on a real repository against git itself: rev= blame vs `git blame --porcelain REV -- PATH` (20
# revisions), blame with the repository's .git-blame-ignore-revs vs `git blame --ignore-revs-file`, and line histories
# vs `git log -L`, with the lines that differ:
#
#   bench/time-travel.sh /path/to/repo.git [FILES_PER_REVISION] [HISTORY_LINES] [IGNORE_FILES]
set -euo pipefail
cd "$(dirname "$0")/.."
GIT_DIR=${1:?usage: bench/time-travel.sh GIT_DIR [FILES_PER_REVISION] [HISTORY_LINES] [IGNORE_FILES]}
shift
./mvnw -B -q -pl blame-ingester -am install -DskipTests
./mvnw -B -q -pl blame-ingester test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
cd blame-ingester
java -Xmx1536m -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.decisionlog.blame.bench.TimeTravelCheck "$GIT_DIR" "$@"
