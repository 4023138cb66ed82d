package io.decisionlog.minutes.api;

import io.decisionlog.deploy.local.LocalRuntimeResource;
import io.decisionlog.deploy.local.RuntimeTest;
import io.decisionlog.deploy.local.TopicSnapshot;
import io.decisionlog.deploy.local.Wait;
import io.decisionlog.events.Topics;
import io.decisionlog.minutes.MinutesRepo;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.decisionlog.minutes.MinutesRepo.minutes;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** {@code decisionlog.sources}: a source configured at start is registered and synced without any REST call. */
@QuarkusTest
@TestProfile(ConfiguredSourcesTest.WithConfiguredSource.class)
@QuarkusTestResource(LocalRuntimeResource.class)
@RuntimeTest
class ConfiguredSourcesTest {
    static final String SOURCE = "configured/minutes-" + UUID.randomUUID();
    static final String DECISION = "CFG-2024-" + (100_000 + Math.abs(UUID.randomUUID().hashCode() % 900_000));
    static final String COMMIT;
    static final Path REPO;

    static {
        try {
            REPO = Files.createTempDirectory("configured-minutes-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (MinutesRepo repo = MinutesRepo.create(REPO)) {
            COMMIT = repo.write("minutes/a.yaml", minutes("Configured", DECISION)).commit("configured");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (var paths = Files.walk(REPO)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir left behind is harmless
            }
        }, "configured-minutes-cleanup"));
    }

    public static class WithConfiguredSource implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("decisionlog.sources", SOURCE + "=" + REPO + "#main");
        }
    }

    @Test
    void shouldRegisterAndSyncAConfiguredSourceAtStart() {
        Wait.until(SOURCE + " synced at start", Duration.ofSeconds(60), () ->
                given().when().get("/api/v1/sources/" + SOURCE).statusCode() == 200
                        && COMMIT.equals(given().when().get("/api/v1/sources/" + SOURCE).path("head_commit")));

        given().when().get("/api/v1/sources/" + SOURCE).then().statusCode(200)
                .body("branch", equalTo("main"))
                .body("decisions_published", equalTo(1));
        assertThat(TopicSnapshot.records(Topics.MINUTES.name(), DECISION)).hasSize(1);
    }
}
