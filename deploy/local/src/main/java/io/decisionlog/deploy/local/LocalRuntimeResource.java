package io.decisionlog.deploy.local;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the test JVM's one local runtime (real broker, real PostgreSQL):
 * {@code @QuarkusTestResource(LocalRuntimeResource.class)}. PostgreSQL only for a service with a JDBC datasource
 * (Agroal on its class path), as Quarkus' Dev Services decide; the others get the broker alone. The runtime outlives
 * each Quarkus app, so {@link #stop()} leaves it running for the next test class.
 */
public class LocalRuntimeResource implements QuarkusTestResourceLifecycleManager {
    private static final String DATASOURCE = "io.agroal.api.AgroalDataSource";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(hasDatasource() ? SharedTestRuntime.get().serviceConfig()
                : Map.of("kafka.bootstrap.servers", SharedTestRuntime.bootstrapServers()));
        // the door is on in tests as everywhere: the tests call as this admin unless they test someone else
        config.put("decisionlog.admin-token", TestTokens.ADMIN);
        return config;
    }

    private static boolean hasDatasource() {
        for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                LocalRuntimeResource.class.getClassLoader()}) {
            try {
                Class.forName(DATASOURCE, false, loader);
                return true;
            } catch (ClassNotFoundException | RuntimeException | LinkageError absent) {
                // not on this loader
            }
        }
        return false;
    }

    @Override
    public void stop() {
        // the shared runtime stops when the test JVM exits
    }
}
