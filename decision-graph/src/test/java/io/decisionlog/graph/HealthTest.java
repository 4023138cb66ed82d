package io.decisionlog.graph;

import io.decisionlog.deploy.local.LocalRuntimeResource;
import io.decisionlog.deploy.local.Readiness;
import io.decisionlog.deploy.local.RuntimeTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.decisionlog.deploy.local.AsAdmin.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

/** Boots decision-graph against the real broker and PostgreSQL of the local runtime, Dev Services off. */
@QuarkusTest
@QuarkusTestResource(LocalRuntimeResource.class)
@RuntimeTest
class HealthTest {

    @Test
    void shouldBeReadyWithKafkaAndDatabaseChecksUp() {
        // readiness waits for start-up work (topics, state read back from Kafka, Streams running)
        Readiness.await();
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("Kafka connection health check", "Database connections health check"))
                .body("checks.status", hasItems("UP"))
                .body("checks.findAll { it.status != 'UP' }.size()", is(0));
    }

    @Test
    void shouldServeMetricsAndOpenApi() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/coverage'.get.responses.'503'.description",
                        containsString("decisionlog.store.read-timeout"))
                .body("paths.'/api/v1/gate/policy'.get.responses.'503'.description",
                        is("the blame-ingester did not answer"));
    }
}
