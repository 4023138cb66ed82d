package io.decisionlog.ciaudit.api;

import io.decisionlog.deploy.local.LocalRuntimeResource;
import io.decisionlog.deploy.local.RuntimeTest;
import io.decisionlog.deploy.local.Wait;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.decisionlog.deploy.local.AsAdmin.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

/** Boots ci-audit-ingester against the local runtime's real broker, Dev Services off. */
@QuarkusTest
@QuarkusTestResource(LocalRuntimeResource.class)
@RuntimeTest
class HealthTest {

    @Test
    void shouldBeReadyWithKafkaAndLedgerChecksUp() {
        // ready once the ledger has read the CI topics, which the service creates at start-up
        Wait.until("readiness", Duration.ofSeconds(30), () -> given().get("/q/health/ready").statusCode() == 200);
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("Kafka connection health check", "CI ingestion"))
                .body("checks.find { it.name == 'CI ingestion' }.data.github", equalTo("signature required"));
    }

    @Test
    void shouldDocumentEveryEndpoint() {
        given().when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/webhooks/github")).body(containsString("/webhooks/gitlab"))
                .body(containsString("/webhooks/jenkins")).body(containsString("/api/v1/ci-runs"));
    }
}
