package io.decisionlog.ciaudit.api;

import io.decisionlog.ciaudit.Fixtures;
import io.decisionlog.deploy.local.LocalRuntimeResource;
import io.decisionlog.deploy.local.RuntimeTest;
import io.decisionlog.deploy.local.TestTokens;
import io.decisionlog.deploy.local.TopicSnapshot;
import io.decisionlog.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Who may record a CI run through the API: an operator's token (one scoped to repositories, for those only) or an
 * admin's; nobody without a token, with an expired or revoked one, or with a reader's. Webhooks keep their own secrets.
 */
@QuarkusTest
@QuarkusTestResource(LocalRuntimeResource.class)
@RuntimeTest
class DoorTest {
    private static final byte[] RUN = Fixtures.bytes("own/cdevents.pipelinerun_finished.with-custom-data.json");

    private static Response post(String token) {
        var request = RestAssured.given().contentType(ContentType.JSON).body(RUN);
        return (token == null ? request : request.header("Authorization", "Bearer " + token)).post("/api/v1/ci-runs");
    }

    @Test
    void shouldRefuseACallerWithoutAValidTokenSayingWhy() {
        post(null).then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"))
                .body("error", equalTo("unauthorized")).body("message", containsString("token is required"));
        post("dl_not-a-token-anybody-minted").then().statusCode(401).body("message", containsString("unknown or revoked"));

        TestTokens.Minted expired = TestTokens.mint("operator", List.of(), Instant.now().minusSeconds(60));
        TestTokens.awaitAccepted(() -> post(expired.secret()).jsonPath().getString("message")
                .contains("expired") ? 200 : 401);
        post(expired.secret()).then().statusCode(401).body("message", containsString("expired at"));
    }

    @Test
    void shouldLetAnOperatorRecordRunsUntilItsTokenIsRevoked() {
        TestTokens.Minted operator = TestTokens.mint("operator", List.of(), Instant.now().plusSeconds(3600));
        TestTokens.awaitAccepted(() -> post(operator.secret()).statusCode());
        assertThat(post(operator.secret()).statusCode()).isIn(200, 202);
        assertThat(TopicSnapshot.records(Topics.CI_RUNS.name(), "cdevents:acme/payments:mySubject123:1")).isNotEmpty();

        TestTokens.revoke(operator.id());
        TestTokens.awaitRefused(() -> post(operator.secret()).statusCode());
        post(operator.secret()).then().statusCode(401).body("message", containsString("unknown or revoked"));
    }

    @Test
    void shouldForbidAReaderAndAnOperatorOfOtherRepositories() {
        String reader = TestTokens.mint("reader", List.of());
        TestTokens.awaitAccepted(() -> post(reader).statusCode());
        post(reader).then().statusCode(403).body("error", equalTo("forbidden"));

        String elsewhere = TestTokens.mint("operator", List.of("acme/other"));
        TestTokens.awaitAccepted(() -> post(elsewhere).statusCode());
        post(elsewhere).then().statusCode(403).body("message", containsString("cannot record runs of acme/payments"));

        String admin = TestTokens.mint("admin", List.of());
        TestTokens.awaitAccepted(() -> post(admin).statusCode());
        assertThat(post(admin).statusCode()).isIn(200, 202);
    }

    @Test
    void shouldShowHowEachWebhookIsGuardedInHealth() {
        RestAssured.given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'CI ingestion' }.data.api", containsString("operator"))
                .body("checks.find { it.name == 'api tokens' }.status", equalTo("UP"));
    }
}
