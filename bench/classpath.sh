# Sourced by the benchmarks that run a module's benchmark mains in a JVM of their own; needs the repository's root as
# the working directory. module_classpath MODULE builds the module (offline) with what it depends on, compiles its
# test classes, and sets CP to their class path.
module_classpath() {
  local module=$1
  ./mvnw -B -q -o -pl "$module" -am install -DskipTests
  ./mvnw -B -q -o -pl "$module" test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath
  CP="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")"
}
