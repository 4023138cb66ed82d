package io.decisionlog.deploy.local;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the test JVM's one local runtime (real broker, real PostgreSQL):
 * {@code @QuarkusTestResource(LocalRuntimeResource.class)}. The runtime outlives each Quarkus app, so
 * {@link #stop()} leaves it running for the next test class.
 */
public class LocalRuntimeResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return SharedTestRuntime.get().serviceConfig();
    }

    @Override
    public void stop() {
        // the shared runtime stops when the test JVM exits
    }
}
