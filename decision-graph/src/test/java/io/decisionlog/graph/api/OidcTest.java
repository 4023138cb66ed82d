package io.decisionlog.graph.api;

import io.decisionlog.deploy.local.LocalRuntimeResource;
import io.decisionlog.deploy.local.RuntimeTest;
import io.decisionlog.deploy.local.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.hamcrest.Matchers.containsString;

/**
 * OIDC access tokens beside API tokens, against Quarkus' OIDC test server: roles from the groups claim (with the roles
 * they include), repositories from the repos claim.
 */
@QuarkusTest
@TestProfile(OidcTest.Oidc.class)
@QuarkusTestResource(LocalRuntimeResource.class)
@RuntimeTest
class OidcTest {

    /** OIDC on, as DECISIONLOG_OIDC_AUTH_SERVER_URL turns it on, pointed at the test server. */
    public static class Oidc implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus/",
                    "quarkus.oidc.client-id", "quarkus-service-app",
                    "quarkus.oidc.token.audience", "https://service.example.com");
        }

        @Override
        public java.util.List<TestResourceEntry> testResources() {
            return java.util.List.of(new TestResourceEntry(OidcWiremockTestResource.class));
        }
    }

    private static String token(Set<String> groups, Map<String, String> claims) {
        return OidcWiremockTestResource.generateJwtToken("alice", groups, "alice", "https://server.example.com",
                Set.of("https://service.example.com"), claims);
    }

    @Test
    void shouldLetAnOidcReaderReadAndNotWrite() {
        String reader = token(Set.of("reader"), Map.of());
        RestAssured.given().auth().oauth2(reader).get("/api/v1/decisions").then().statusCode(200);
        RestAssured.given().auth().oauth2(reader).post("/api/v1/admin/rebuild").then().statusCode(403);
    }

    @Test
    void shouldGiveAnOidcAdminEverythingTheRoleIncludes() {
        String admin = token(Set.of("admin"), Map.of());
        RestAssured.given().auth().oauth2(admin).get("/api/v1/tokens").then().statusCode(200);
        RestAssured.given().auth().oauth2(admin).get("/api/v1/decisions").then().statusCode(200);
    }

    @Test
    void shouldRefuseAnOidcPrincipalWithoutARoleAndATokenNotSignedByTheIssuer() {
        RestAssured.given().auth().oauth2(token(Set.of("visitor"), Map.of())).get("/api/v1/decisions").then()
                .statusCode(403);
        RestAssured.given().auth().oauth2("eyJhbGciOiJub25lIn0.eyJzdWIiOiJtYWxsb3J5In0.").get("/api/v1/decisions")
                .then().statusCode(401);
    }

    @Test
    void shouldScopeAnOidcReaderToItsReposClaimAndStillAcceptApiTokens() {
        String scoped = token(Set.of("reader"), Map.of("repos", "acme/only-this-one"));
        RestAssured.given().auth().oauth2(scoped).queryParam("repo", "acme/other").queryParam("path", "x")
                .get("/api/v1/files").then().statusCode(404).body("message", containsString("acme/other is unknown"));
        RestAssured.given().header("Authorization", "Bearer " + TestTokens.ADMIN).get("/api/v1/tokens").then()
                .statusCode(200);
    }
}
