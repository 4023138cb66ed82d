package io.decisionlog.minutes.api;

import io.decisionlog.deploy.local.LocalRuntimeResource;
import io.decisionlog.deploy.local.RuntimeTest;
import io.decisionlog.deploy.local.TestTokens;
import io.decisionlog.deploy.local.TopicSnapshot;
import io.decisionlog.deploy.local.Wait;
import io.decisionlog.events.Topics;
import io.decisionlog.minutes.MinutesRepo;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.decisionlog.deploy.local.AsAdmin.given;
import static io.decisionlog.minutes.MinutesRepo.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Who may register, sync, unregister and read minutes sources, and what an unregistration takes back. */
@QuarkusTest
@QuarkusTestResource(LocalRuntimeResource.class)
@RuntimeTest
class DoorTest {
    @TempDir
    Path tmp;

    private static RequestSpecification as(String token) {
        return token == null ? RestAssured.given() : RestAssured.given().header("Authorization", "Bearer " + token);
    }

    private static Map<String, Object> registration(String source, String url) {
        return Map.of("source", source, "url", url, "branch", "main");
    }

    @Test
    void shouldGiveEachRoleWhatItMayAndHideOtherSources() {
        String source = "door/minutes-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "door/other-" + UUID.randomUUID().toString().substring(0, 8);
        MinutesRepo repo = MinutesRepo.create(tmp.resolve("repo"));
        repo.write("minutes/a.yaml", minutes("A", "DOOR-2024-" + (100 + (int) (Math.random() * 800)))).commit("a");
        String reader = TestTokens.mint("reader", List.of(source));
        String operator = TestTokens.mint("operator", List.of());
        TestTokens.awaitAccepted(() -> as(reader).get("/api/v1/sources").statusCode());
        TestTokens.awaitAccepted(() -> as(operator).get("/api/v1/sources").statusCode());

        as(null).get("/api/v1/sources").then().statusCode(401);
        as(null).contentType("text/plain").body("x: 1").post("/api/v1/minutes/validate").then().statusCode(401);
        as(reader).contentType(ContentType.JSON).body(registration(source, repo.url())).post("/api/v1/sources").then()
                .statusCode(403);
        as(operator).contentType(ContentType.JSON).body(registration(source, repo.url())).post("/api/v1/sources")
                .then().statusCode(201);
        given().contentType(ContentType.JSON).body(registration(other, repo.url())).post("/api/v1/sources").then()
                .statusCode(201);
        as(reader).post("/api/v1/sources/" + source + "/sync").then().statusCode(403);
        as(reader).get("/api/v1/sources/" + source).then().statusCode(200);
        as(reader).get("/api/v1/sources/" + other).then().statusCode(404)
                .body("message", equalTo("no minutes source '" + other + "' is registered (POST /api/v1/sources registers one)"));
        assertThat(as(reader).get("/api/v1/sources").jsonPath().getList("source", String.class)).containsExactly(source);
        as(reader).contentType("text/plain").body("x: 1").post("/api/v1/minutes/validate").then().statusCode(422);
    }

    @Test
    void shouldRefuseAMinutesSourceThatReachesTheHostsNetwork() {
        Map<String, String> refusals = Map.of("https://169.254.169.254/latest", "is a link-local address",
                "file:///etc", "is outside the directories DECISIONLOG_LOCAL_REPO_ROOTS lists",
                "https://10.1.1.1/minutes.git", "is a private address");
        refusals.forEach((url, rule) -> given().contentType(ContentType.JSON).body(registration("door/refused", url))
                .post("/api/v1/sources").then().statusCode(400).body("field", equalTo("url"))
                .body("message", containsString(rule)));
        given().get("/api/v1/sources/door/refused").then().statusCode(404);
    }

    @Test
    void shouldRefuseATakeoverAndTakeBackWhatAnUnregisteredSourcePublished() {
        String source = "door/minutes-" + UUID.randomUUID().toString().substring(0, 8);
        String decision = "DOOR-2025-" + (100 + (int) (Math.random() * 800));
        MinutesRepo repo = MinutesRepo.create(tmp.resolve("first"));
        repo.write("minutes/a.yaml", minutes("A", decision)).commit("a");
        MinutesRepo elsewhere = MinutesRepo.create(tmp.resolve("elsewhere"));
        elsewhere.write("minutes/b.yaml", minutes("B")).commit("b");

        given().contentType(ContentType.JSON).body(registration(source, repo.url())).post("/api/v1/sources").then()
                .statusCode(201);
        Wait.until(decision + " published", Duration.ofSeconds(30),
                () -> !TopicSnapshot.records(Topics.MINUTES.name(), decision).isEmpty());
        given().contentType(ContentType.JSON).body(registration(source, elsewhere.url())).post("/api/v1/sources")
                .then().statusCode(409).body("message", containsString("\"replace\": true"));

        given().delete("/api/v1/sources/" + source).then().statusCode(204);
        given().get("/api/v1/sources/" + source).then().statusCode(404);
        var records = TopicSnapshot.records(Topics.MINUTES.name(), decision);
        assertThat(records.get(records.size() - 1).value()).as("the decision's tombstone").isNull();
        assertThat(TopicSnapshot.records(Topics.MINUTES_SOURCES.name(), source)).last()
                .satisfies(record -> assertThat(record.value()).isNull());
    }
}
