#!/usr/bin/env bash
# Full blame of a real repository, side by side with `git blame --porcelain` over the same files, and the share
# of lines whose commit differs. Point it at any clone (bare is fine):
#
#   bench/blame.sh /path/to/helm-charts.git [SAMPLE_FILES_FOR_GIT]
set -euo pipefail
cd "$(dirname "$0")/.."
GIT_DIR=${1:?usage: bench/blame.sh GIT_DIR [SAMPLE_FILES]}
SAMPLE=${2:-100000}
./mvnw -B -q -pl blame-ingester -am install -DskipTests
./mvnw -B -q -pl blame-ingester test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
cd blame-ingester
java -Xmx1536m -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.decisionlog.blame.bench.BlameBench "$GIT_DIR" "$SAMPLE"
