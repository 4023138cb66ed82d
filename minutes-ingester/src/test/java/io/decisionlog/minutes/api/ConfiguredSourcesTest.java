package io.decisionlog.minutes.api;

import io.decisionlog.deploy.local.LocalRuntimeResource;
import io.decisionlog.deploy.local.RuntimeTest;
import io.decisionlog.deploy.local.TopicSnapshot;
import io.decisionlog.deploy.local.Wait;
import io.decisionlog.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.decisionlog.deploy.local.AsAdmin.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** {@code decisionlog.sources}: a source configured at start is registered and synced without any REST call. */
@QuarkusTest
@QuarkusTestResource(ConfiguredSource.class)
@QuarkusTestResource(LocalRuntimeResource.class)
@RuntimeTest
class ConfiguredSourcesTest {
    @ConfigProperty(name = ConfiguredSource.SOURCE)
    String source;
    @ConfigProperty(name = ConfiguredSource.DECISION)
    String decision;
    @ConfigProperty(name = ConfiguredSource.COMMIT)
    String commit;

    @Test
    void shouldRegisterAndSyncAConfiguredSourceAtStart() {
        Wait.until(source + " synced at start", Duration.ofSeconds(60), () ->
                given().when().get("/api/v1/sources/" + source).statusCode() == 200
                        && commit.equals(given().when().get("/api/v1/sources/" + source).path("head_commit")));

        given().when().get("/api/v1/sources/" + source).then().statusCode(200)
                .body("branch", equalTo("main"))
                .body("decisions_published", equalTo(1));
        assertThat(TopicSnapshot.records(Topics.MINUTES.name(), decision)).hasSize(1);
    }
}
