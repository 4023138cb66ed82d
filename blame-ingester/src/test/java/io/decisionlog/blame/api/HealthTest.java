package io.decisionlog.blame.api;

import io.decisionlog.deploy.local.LocalRuntimeResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

/** Boots blame-ingester against the local runtime's real broker, Dev Services off. */
@QuarkusTest
@QuarkusTestResource(LocalRuntimeResource.class)
class HealthTest {

    @Test
    void shouldBeReadyWithKafkaCheckUp() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("Kafka connection health check"));
    }
}
