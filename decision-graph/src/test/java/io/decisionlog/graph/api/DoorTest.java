package io.decisionlog.graph.api;

import io.decisionlog.deploy.local.LocalRuntimeResource;
import io.decisionlog.deploy.local.RuntimeTest;
import io.decisionlog.deploy.local.TestTokens;
import io.decisionlog.deploy.local.Wait;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.decisionlog.deploy.local.AsAdmin.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * The query API's door: tokens minted and revoked here, roles (a reader reads, an operator cannot rebuild, an admin
 * does all), a reader scoped to one team's repository that sees another's only as unknown, and the audit trail.
 */
@QuarkusTest
@QuarkusTestResource(LocalRuntimeResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RuntimeTest
class DoorTest {
    private final TeamFixture ours = new TeamFixture();
    private final TeamFixture theirs = new TeamFixture();
    private boolean published;

    @BeforeEach
    void publishTwoTeams() {
        if (!published) {
            try (TopicFeed feed = new TopicFeed()) {
                ours.publish(feed);
                theirs.publish(feed);
            }
            Wait.until("both teams' files and chains in the store", Duration.ofSeconds(60), () ->
                    stored(ours) && stored(theirs));
            published = true;
        }
    }

    private static boolean stored(TeamFixture team) {
        return given().queryParam("repo", team.repo).queryParam("path", "config/app.yaml").get("/api/v1/files")
                .statusCode() == 200 && given().get("/api/v1/decisions/" + team.decisionA).statusCode() == 200
                && !given().get("/api/v1/decisions/" + team.decisionA).jsonPath().getList("commits").isEmpty();
    }

    private static RequestSpecification as(String token) {
        return token == null ? RestAssured.given() : RestAssured.given().header("Authorization", "Bearer " + token);
    }

    private String mint(String role, List<String> repos) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", "door " + role, "role", role, "repos", repos, "expires_in", "1h"))
                .post("/api/v1/tokens").then().statusCode(201)
                .body("note", containsString("shown this once")).extract().path("secret");
    }

    @Test
    void shouldMintListAndRevokeTokensWithoutEverShowingASecretTwice() {
        String secret = mint("reader", List.of(ours.repo));
        as(secret).queryParam("repo", ours.repo).queryParam("path", "config/app.yaml").queryParam("line", "2")
                .get("/api/v1/trace").then().statusCode(200);
        String id = given().get("/api/v1/tokens").then().statusCode(200)
                .body("secret", not(hasItem(secret))).extract().jsonPath()
                .getString("find { it.name == 'door reader' && it.repos == ['" + ours.repo + "'] }.id");
        assertThat(given().get("/api/v1/tokens").asString()).doesNotContain(secret);

        given().delete("/api/v1/tokens/" + id).then().statusCode(204);
        as(secret).get("/api/v1/decisions").then().statusCode(401).body("message", containsString("unknown or revoked"));
        given().delete("/api/v1/tokens/" + id).then().statusCode(404);
    }

    @Test
    void shouldRefuseWithoutATokenAndKeepEachRoleToItsOwn() {
        as(null).get("/api/v1/decisions").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
        String reader = mint("reader", List.of());
        String operator = mint("operator", List.of());

        as(reader).get("/api/v1/decisions").then().statusCode(200);
        as(reader).post("/api/v1/admin/rebuild").then().statusCode(403).body("error", equalTo("forbidden"));
        as(reader).get("/api/v1/tokens").then().statusCode(403);
        as(reader).contentType(ContentType.JSON).body(Map.of("name", "x", "role", "admin")).post("/api/v1/tokens")
                .then().statusCode(403);
        as(reader).get("/api/v1/audit").then().statusCode(403);
        as(operator).post("/api/v1/admin/rebuild").then().statusCode(403);
        as(operator).get("/api/v1/admin/projection").then().statusCode(403);
        given().get("/api/v1/admin/projection").then().statusCode(200);
    }

    @Test
    void shouldHaveNoTraceFloorOutsideABenchmarkBuild() {
        // the trace benchmark's constant-body endpoint exists only in a build made with -Ddecisionlog.bench.trace-floor=true
        given().queryParam("repo", ours.repo).queryParam("path", "config/app.yaml").queryParam("line", "1")
                .queryParam("bytes", "100").get("/api/v1/trace-floor").then().statusCode(404);
    }

    @Test
    void shouldShowAScopedReaderAnotherTeamsDataOnlyAsUnknown() {
        String reader = mint("reader", List.of(ours.repo));
        as(reader).queryParam("repo", ours.repo).queryParam("path", "config/app.yaml").get("/api/v1/files").then()
                .statusCode(200);

        String unknown = as(reader).queryParam("repo", "acme/never-registered").queryParam("path", "config/app.yaml")
                .get("/api/v1/files").then().statusCode(404).extract().path("message");
        for (String path : List.of("/api/v1/files", "/api/v1/coverage", "/api/v1/unlinked")) {
            as(reader).queryParam("repo", theirs.repo).queryParam("path", "config/app.yaml").get(path).then()
                    .statusCode(404).body("message", equalTo(unknown.replace("acme/never-registered", theirs.repo)));
        }
        as(reader).queryParam("repo", theirs.repo).queryParam("path", "config/app.yaml").queryParam("line", "1")
                .get("/api/v1/trace").then().statusCode(404);
        as(reader).get("/api/v1/commits/" + theirs.repo + "/" + theirs.shaA).then().statusCode(404);
        as(reader).get("/api/v1/decisions/" + theirs.decisionA).then().statusCode(404);
        as(reader).get("/api/v1/decisions/" + theirs.decisionA + "/history").then().statusCode(404);
        as(reader).get("/api/v1/decisions/" + ours.decisionA).then().statusCode(200);
        as(reader).contentType("application/json").body(java.util.Map.of("repo", theirs.repo, "decision_ids",
                List.of(theirs.decisionA))).post("/api/v1/gate").then().statusCode(404);
        as(reader).get("/api/v1/gate/policy?repo=" + theirs.repo).then().statusCode(404);
        as(reader).get("/api/v1/commits?repo=" + theirs.repo).then().statusCode(404);
        // the gate on our repository answers another team's decision as unknown, as the decision page does
        as(reader).contentType("application/json").body(java.util.Map.of("repo", ours.repo, "decision_ids",
                List.of(theirs.decisionA))).post("/api/v1/gate").then().statusCode(200)
                .body("decisions[0].counts", equalTo(false))
                .body("decisions[0].reason", equalTo(theirs.decisionA + " is not known: no minutes define it"));
        assertThat(as(reader).queryParam("q", "downgrade").queryParam("limit", "100").get("/api/v1/decisions")
                .jsonPath().getList("items.decision_id", String.class))
                .contains(ours.decisionA).doesNotContain(theirs.decisionA);
    }

    @Test
    void shouldKeepAnAuditTrailOfEveryWrite() {
        String secret = mint("operator", List.of());
        as(secret).post("/api/v1/admin/rebuild").then().statusCode(403);

        given().queryParam("action", "token.create").get("/api/v1/audit").then().statusCode(200)
                .body("[0].target", equalTo("door operator")).body("[0].outcome", equalTo("accepted"))
                .body("[0].principal", containsString("admin")).body("[0].service", equalTo("decision-graph"))
                .body("[0].detail", nullValue());
    }
}
