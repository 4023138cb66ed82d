package io.decisionlog.graph.api;

import io.agroal.api.AgroalDataSource;
import io.decisionlog.deploy.local.LocalRuntimeResource;
import io.decisionlog.deploy.local.RuntimeTest;
import io.decisionlog.deploy.local.Wait;
import io.decisionlog.events.SignoffEvent;
import io.decisionlog.events.Topics;
import io.decisionlog.events.tlog.Checkpoint;
import io.decisionlog.events.tlog.LogVerification;
import io.decisionlog.events.tlog.NoteKeys;
import io.decisionlog.events.tlog.Rfc9162Reference;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.decisionlog.deploy.local.AsAdmin.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transparency log through the real service: sign-offs and audit events become entries; the signed checkpoint's
 * root, every inclusion proof and a consistency proof are the ones RFC 9162's definitions give over the entries (a
 * reference written in the events tests, sharing no code with the log); a rebuild of the store from Kafka gives the
 * same tree; a row edited or deleted in PostgreSQL behind the service's back is found by the auditor's check.
 */
@QuarkusTest
@QuarkusTestResource(LocalRuntimeResource.class)
@RuntimeTest
class TransparencyLogTest {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void theLogIsTheReferencesTreeSurvivesARebuildAndShowsAnEditedRow() throws Exception {
        NoteKeys.Verifier key = NoteKeys.verifier(given().get("/api/v1/log/key").asString());
        Checkpoint before = Checkpoint.open(checkpoint(), key);

        // two audit events (tokens minted) and a sign-off and its revocation, as another instance would write them
        mintToken("log-a");
        mintToken("log-b");
        Instant now = Instant.now();
        try (TopicFeed feed = new TopicFeed()) {
            feed.send(Topics.SIGNOFFS, "log-s1", new SignoffEvent.SignedOff("log-s1", "D-2026-901", "acme/log",
                    "sha256:" + "ab".repeat(32), "looked", "li.wei", null, now));
            feed.send(Topics.SIGNOFFS, "log-s1", new SignoffEvent.Revoked("log-s1", "D-2026-901", "acme/log",
                    "not mine", "li.wei", now.plusSeconds(1)));
        }
        Wait.until("four more entries in the log", Duration.ofSeconds(60),
                () -> Checkpoint.open(checkpoint(), key).size() >= before.size() + 4);
        String signed = checkpoint();
        Checkpoint after = Checkpoint.open(signed, key);
        List<String> bodies = bodies();
        assertThat(bodies).hasSizeGreaterThanOrEqualTo((int) after.size());
        assertThat(String.join("\n", bodies)).contains("\"source\":\"decisionlog.signoffs.v1\"", "log-s1",
                "\"kind\":\"revocation\"", "token.create");

        List<byte[]> leaves = bodies.subList(0, (int) after.size()).stream()
                .map(body -> body.getBytes(StandardCharsets.UTF_8)).toList();
        assertThat(after.root()).isEqualTo(Rfc9162Reference.mth(leaves));
        for (int entry = (int) before.size(); entry < after.size(); entry++) {
            JsonPath proof = given().queryParam("entry", entry).queryParam("size", after.size()).get("/api/v1/log/proof")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(decoded(proof.getList("proof", String.class)))
                    .usingElementComparator(java.util.Arrays::compare)
                    .containsExactlyElementsOf(Rfc9162Reference.path(entry, leaves));
        }
        if (before.size() > 0) {
            JsonPath consistency = given().queryParam("from", before.size()).queryParam("to", after.size())
                    .get("/api/v1/log/consistency").then().statusCode(200).extract().jsonPath();
            assertThat(decoded(consistency.getList("proof", String.class)))
                    .usingElementComparator(java.util.Arrays::compare)
                    .containsExactlyElementsOf(Rfc9162Reference.proof((int) before.size(), leaves));
        }
        assertThat(verify(signed, key).problems()).isEmpty();
        given().queryParam("entry", after.size() + 5).get("/api/v1/log/proof").then().statusCode(400);

        // a reader may see the hashes, not the entries (the audit trail)
        String reader = io.decisionlog.deploy.local.TestTokens.mint("reader", List.of());
        RestAssured.given().auth().oauth2(reader).get("/api/v1/log/checkpoint").then().statusCode(200);
        RestAssured.given().auth().oauth2(reader).get("/api/v1/log/entries").then().statusCode(403);

        // a rebuild replays the log topic into the same tree
        given().post("/api/v1/admin/rebuild").then().statusCode(202);
        Wait.until("the rebuilt log to reach the tree it had", Duration.ofSeconds(90),
                () -> Checkpoint.open(checkpoint(), key).size() >= after.size());
        assertThat(given().queryParam("entry", 0).queryParam("size", after.size()).get("/api/v1/log/proof")
                .then().statusCode(200).extract().jsonPath().getString("root_hash"))
                .isEqualTo(Base64.getEncoder().encodeToString(after.root()));

        // edited behind the service's back: the entry is named
        long edited = before.size() + 2;
        sql("UPDATE log_entry SET body = replace(body, 'li.wei', 'bob') WHERE idx = ?", edited);
        assertThat(verify(checkpoint(), key).problems()).anyMatch(problem ->
                problem.startsWith("entry " + edited + ": its body does not hash to the leaf"));
        sql("UPDATE log_entry SET body = replace(body, 'bob', 'li.wei') WHERE idx = ?", edited);
        assertThat(verify(checkpoint(), key).problems()).isEmpty();
        String body = bodies().get((int) edited);
        sql("DELETE FROM log_entry WHERE idx = ?", edited);
        assertThat(verify(checkpoint(), key).problems()).anyMatch(problem -> problem.contains("missing"));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement restore = connection.prepareStatement(
                     "INSERT INTO log_entry (idx, log_offset, source, body) SELECT ?, -1 - ?, 'restored', ?")) {
            restore.setLong(1, edited);
            restore.setLong(2, edited);
            restore.setString(3, body);
            restore.executeUpdate();
        }
        assertThat(verify(checkpoint(), key).problems()).isEmpty();
    }

    private LogVerification.Report verify(String signed, NoteKeys.Verifier key) {
        List<LogVerification.Entry> entries = new ArrayList<>();
        Long start = 0L;
        while (start != null) {
            JsonPath page = given().queryParam("start", start).get("/api/v1/log/entries").then().statusCode(200)
                    .extract().jsonPath();
            List<Map<String, Object>> served = page.getList("entries");
            served.forEach(entry -> entries.add(new LogVerification.Entry(((Number) entry.get("index")).longValue(),
                    (String) entry.get("body"), entry.get("leaf_hash") == null ? null
                    : Base64.getDecoder().decode((String) entry.get("leaf_hash")))));
            start = page.get("next") == null ? null : ((Number) page.get("next")).longValue();
        }
        return LogVerification.verify(signed, key, entries, size -> Base64.getDecoder().decode(given()
                .queryParam("entry", 0).queryParam("size", size).get("/api/v1/log/proof").jsonPath()
                .getString("root_hash")));
    }

    private static String checkpoint() {
        return given().get("/api/v1/log/checkpoint").then().statusCode(200).extract().asString();
    }

    private static List<String> bodies() {
        List<String> bodies = new ArrayList<>();
        Long start = 0L;
        while (start != null) {
            JsonPath page = given().queryParam("start", start).get("/api/v1/log/entries").then().statusCode(200)
                    .extract().jsonPath();
            bodies.addAll(page.getList("entries.body", String.class));
            start = page.get("next") == null ? null : ((Number) page.get("next")).longValue();
        }
        return bodies;
    }

    private static List<byte[]> decoded(List<String> hashes) {
        return hashes.stream().map(Base64.getDecoder()::decode).toList();
    }

    private static void mintToken(String name) {
        given().contentType(ContentType.JSON).body(Map.of("name", name, "role", "reader", "expires_in", "1h"))
                .post("/api/v1/tokens").then().statusCode(201);
    }

    private void sql(String statement, long index) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(statement)) {
            update.setLong(1, index);
            update.executeUpdate();
        }
    }
}
