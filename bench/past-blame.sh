#!/usr/bin/env bash
# rev=: one file's blame at a past revision as the blame-ingester computes it, against `git blame --porcelain REV --
# PATH` on the same file, interleaved, with the ratio pair by pair and the fidelity of every line:
#
#   bench/past-blame.sh /path/to/jenkins.git HEAD~1000 core/src/main/java/hudson/model/Run.java [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
GIT_DIR=${1:?usage: bench/past-blame.sh GIT_DIR REV PATH [ROUNDS]}
REV=${2:?usage: bench/past-blame.sh GIT_DIR REV PATH [ROUNDS]}
FILE=${3:?usage: bench/past-blame.sh GIT_DIR REV PATH [ROUNDS]}
ROUNDS=${4:-7}
./mvnw -B -q -pl blame-ingester -am install -DskipTests
./mvnw -B -q -pl blame-ingester test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
cd blame-ingester
java -Xmx1536m -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.decisionlog.blame.bench.PastBlameBench "$GIT_DIR" "$REV" "$FILE" "$ROUNDS"
