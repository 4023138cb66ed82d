#!/usr/bin/env bash
# A change to the blame walk against the build before it (issue #24): REV (default HEAD~1) is built in a worktree of
# its own, then one JVM runs both builds' full blame of the clone, each in a class loader of its own, alternated
# (WalkBuildsAlternated): A is REV, B the working tree. Prints each pair's walk times and B/A, then the median and
# quartiles. The walk alone, with no JVM start or JIT in it; for the whole process against git, bench/blame-floor.sh.
#
#   bench/blame-builds.sh /path/to/clone.git [PAIRS=10] [REV=HEAD~1]
#
# BLAME_JAVA_OPTS: the JVM's flags (default the services' -Xmx256m -XX:+UseSerialGC).
set -euo pipefail
cd "$(dirname "$0")/.."
GIT_DIR=$(cd "${1:?usage: bench/blame-builds.sh GIT_DIR [PAIRS] [REV]}" && pwd)
PAIRS=${2:-10}
REV=${3:-HEAD~1}
JAVA_OPTS=${BLAME_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}

# shellcheck source=bench/classpath.sh
. bench/classpath.sh
module_classpath blame-ingester
CP_B=$CP
# shellcheck source=bench/worktree.sh
. bench/worktree.sh
worktree_of "$REV"
(cd "$TREE" && ./mvnw -B -q -o -pl blame-ingester -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath)
CP_A="$TREE/blame-ingester/target/test-classes:$TREE/blame-ingester/target/classes:$(cat "$TREE/blame-ingester/target/bench.classpath")"
# shellcheck disable=SC2086
java $JAVA_OPTS -cp "blame-ingester/target/test-classes" io.decisionlog.blame.bench.WalkBuildsAlternated \
  "$GIT_DIR" "$PAIRS" "$CP_A" "$CP_B" 2> >(grep -v "LogManager\|JBossLoggerFinder" >&2)
