package io.decisionlog.minutes.api;

import io.decisionlog.deploy.local.LocalRuntimeResource;
import io.decisionlog.deploy.local.RuntimeTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.decisionlog.deploy.local.AsAdmin.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** The endpoint a pre-commit hook or the minutes repository's CI calls. */
@QuarkusTest
@QuarkusTestResource(LocalRuntimeResource.class)
@RuntimeTest
class ValidateTest {

    @Test
    void shouldAnswer200WithTheDecisionsAndWarnings() {
        given().contentType("application/yaml").body("""
                        meeting: Weekly sync
                        date: 2024-04-10
                        room: 4
                        decisions:
                          - id: D-2024-087
                            title: Gray-release
                            status: accepted
                            decision: 5% then 100%
                        """.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/minutes/validate").then().statusCode(200)
                .body("valid", equalTo(true))
                .body("decisions.decision_id", contains("D-2024-087"))
                .body("decisions[0].date", equalTo("2024-04-10"))
                .body("decisions[0].meeting.title", equalTo("Weekly sync"))
                .body("errors", empty())
                .body("warnings[0].message", equalTo("unknown field 'room' is ignored"))
                .body("warnings[0].line", equalTo(3));
    }

    @Test
    void shouldAnswer422WithEveryErrorAndItsPosition() {
        given().contentType("text/plain").body("""
                        decisions:
                          - id: D-2024-087
                            status: approved
                            decision: d
                        """)
                .when().post("/api/v1/minutes/validate").then().statusCode(422)
                .body("valid", equalTo(false))
                .body("decisions", empty())
                .body("errors", hasSize(2))
                .body("errors[0].message", equalTo("the decision has no title: 'title:' is required"))
                .body("errors[0].line", equalTo(2))
                .body("errors[0].column", equalTo(5))
                .body("errors[1].message", containsString("unknown status 'approved'"))
                .body("errors[1].line", equalTo(3))
                .body("errors[1].column", equalTo(13));
    }

    @Test
    void shouldAnswer422ForA4MiBFileWithoutParsingIt() {
        byte[] big = ("# " + "x".repeat(4 * 1024 * 1024)).getBytes(StandardCharsets.UTF_8);

        given().contentType("application/octet-stream").body(big)
                .when().post("/api/v1/minutes/validate").then().statusCode(422)
                .body("errors", hasSize(1))
                .body("errors[0].message", containsString("minutes files may be at most 262144 bytes"))
                .body("errors[0].line", equalTo(0));
    }

    @Test
    void shouldAnswer422ForBytesThatAreNotUtf8() {
        given().contentType("application/octet-stream").body(new byte[] {'m', ':', ' ', (byte) 0xFF, '\n'})
                .when().post("/api/v1/minutes/validate").then().statusCode(422)
                .body("errors[0].message", containsString("not valid UTF-8"))
                .body("errors[0].line", equalTo(1))
                .body("errors[0].column", equalTo(4));
    }
}
