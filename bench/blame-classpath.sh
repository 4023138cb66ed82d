# Sourced by the benchmarks that run the blame-ingester's benchmark mains in a JVM of their own (bench/blame-floor.sh,
# bench/registration.sh): builds the module and its test classes offline and sets CP to their class path. Needs the
# repository's root as the working directory.
./mvnw -B -q -o -pl blame-ingester -am install -DskipTests
./mvnw -B -q -o -pl blame-ingester test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
CP="blame-ingester/target/test-classes:blame-ingester/target/classes:$(cat blame-ingester/target/bench.classpath)"
