package io.decisionlog.minutes.api;

import io.decisionlog.deploy.local.ScratchDirs;
import io.decisionlog.minutes.MinutesRepo;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.decisionlog.minutes.MinutesRepo.minutes;

/**
 * A minutes repository configured at start ({@code decisionlog.sources}) for the module's Quarkus app. A test resource
 * and not a test profile: test resources are global, so every {@code @QuarkusTest} here shares one app (with one
 * configured source, which the others ignore), where a profile cost a second boot. What {@link ConfiguredSourcesTest}
 * looks for comes back as configuration.
 */
public class ConfiguredSource implements QuarkusTestResourceLifecycleManager {
    static final String SOURCE = "test.configured-source.id";
    static final String DECISION = "test.configured-source.decision";
    static final String COMMIT = "test.configured-source.commit";

    private Path dir;

    @Override
    public Map<String, String> start() {
        String source = "configured/minutes-" + UUID.randomUUID();
        String decision = "CFG-2024-" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        String commit;
        dir = ScratchDirs.create("configured-minutes-");
        try (MinutesRepo repo = MinutesRepo.create(dir)) {
            commit = repo.write("minutes/a.yaml", minutes("Configured", decision)).commit("configured");
        }
        return Map.of("decisionlog.sources", source + "=" + dir + "#main",
                SOURCE, source, DECISION, decision, COMMIT, commit);
    }

    @Override
    public void stop() {
        ScratchDirs.deleteRecursively(dir);
    }
}
