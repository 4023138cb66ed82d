package io.decisionlog.ciaudit.api;

import io.decisionlog.deploy.local.KafkaBroker;
import io.decisionlog.deploy.local.Ports;
import io.decisionlog.deploy.local.ScratchDirs;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A broker of the outage test's own, which it stops and starts again: the shared broker serves every other test
 * in this JVM and must stay up.
 */
public class OwnBroker implements QuarkusTestResourceLifecycleManager {
    private static Path dir;
    private static int port;
    private static int controllerPort;
    private static KafkaBroker broker;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OwnBroker.class));
        }
    }

    @Override
    public Map<String, String> start() {
        dir = ScratchDirs.create("decisionlog-outage-broker-");
        port = Ports.free();
        controllerPort = Ports.free();
        startBroker();
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        stopBroker();
    }

    static String bootstrapServers() {
        return Ports.LOOPBACK + ":" + port;
    }

    static synchronized void stopBroker() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** Same directory, same ports: the broker comes back with its data, as after a crash and restart. */
    static synchronized void startBroker() {
        try {
            broker = KafkaBroker.start(dir, port, controllerPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
