package io.decisionlog.minutes;

import io.decisionlog.deploy.local.LocalRuntimeResource;
import io.decisionlog.deploy.local.Readiness;
import io.decisionlog.deploy.local.RuntimeTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.decisionlog.deploy.local.AsAdmin.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

/** Boots minutes-ingester against the local runtime's real broker, Dev Services off. */
@QuarkusTest
@QuarkusTestResource(LocalRuntimeResource.class)
@RuntimeTest
class HealthTest {

    @Test
    void shouldBeReadyWithKafkaCheckUp() {
        // readiness waits for start-up work (topics, state read back from Kafka, Streams running)
        Readiness.await();
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("Kafka connection health check"));
    }
}
