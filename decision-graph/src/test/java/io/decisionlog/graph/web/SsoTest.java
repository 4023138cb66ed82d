package io.decisionlog.graph.web;

import io.decisionlog.deploy.local.LocalRuntimeResource;
import io.decisionlog.deploy.local.RuntimeTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.http.Cookies;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * Single sign-on against Quarkus' OIDC test server, step by step as a browser goes: the sign-in page offers it, the
 * code flow runs at /sign-in/sso, the provider's access token becomes the UI's session, and pages accept it.
 */
@QuarkusTest
@TestProfile(SsoTest.Sso.class)
@QuarkusTestResource(LocalRuntimeResource.class)
@RuntimeTest
class SsoTest {
    private static final Pattern HIDDEN = Pattern.compile("name=\"(state|redirect_uri)\" value=\"([^\"]*)\"");

    /** OIDC on with a client for the UI, as DECISIONLOG_OIDC_AUTH_SERVER_URL and DECISIONLOG_OIDC_WEB_CLIENT_ID do. */
    public static class Sso implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus/",
                    "quarkus.oidc.client-id", "quarkus-service-app",
                    "quarkus.oidc.web.tenant-enabled", "true",
                    "quarkus.oidc.web.auth-server-url", "${keycloak.url}/realms/quarkus/",
                    "quarkus.oidc.web.client-id", "quarkus-web-app",
                    "quarkus.oidc.web.credentials.secret", "secret",
                    "decisionlog.web.sso", "true");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OidcWiremockTestResource.class));
        }
    }

    @Test
    void shouldSignInThroughTheProviderAndKeepItsAccessTokenAsTheSession() {
        RestAssured.given().get("/sign-in?next=/repos").then().statusCode(200)
                .body(containsString("href=\"/sign-in/sso?next=%2Frepos\""));

        // the code flow: to the provider, its login form, back with a code, the code exchanged, the path restored
        Response toProvider = step(RestAssured.given(), "/sign-in/sso?next=%2Frepos", 302);
        Cookies flow = toProvider.detailedCookies();
        Response form = RestAssured.given().redirects().follow(false).get(toProvider.header("Location"));
        Map<String, String> hidden = hiddenFields(form.asString());
        Response login = RestAssured.given().redirects().follow(false).queryParams(hidden)
                .get(base(toProvider.header("Location")) + "/login");
        assertThat(login.statusCode()).isEqualTo(302);
        Response exchanged = step(RestAssured.given().cookies(flow), login.header("Location"), 302);
        assertThat(exchanged.header("Location")).contains("/sign-in/sso");
        Response signedIn = step(RestAssured.given().cookies(exchanged.detailedCookies()), exchanged.header("Location"), 303);

        assertThat(signedIn.header("Location")).endsWith("/repos");
        String session = signedIn.cookie(SessionCookie.NAME);
        assertThat(session).as("the provider's access token").isNotBlank().doesNotStartWith("dl_").contains(".");
        RestAssured.given().redirects().follow(false).cookie(SessionCookie.NAME, session).get("/repos").then()
                .statusCode(200).body(containsString("Repositories")).body(containsString("alice"));
        // and an API call still needs the bearer header, not the cookie
        RestAssured.given().cookie(SessionCookie.NAME, session).get("/api/v1/decisions").then().statusCode(401);
    }

    private static Response step(RequestSpecification spec, String url, int status) {
        Response response = spec.redirects().follow(false).get(url);
        assertThat(response.statusCode()).as("GET %s: %s", url, response.asString()).isEqualTo(status);
        return response;
    }

    private static Map<String, String> hiddenFields(String html) {
        Matcher matcher = HIDDEN.matcher(html);
        Map<String, String> fields = new HashMap<>();
        while (matcher.find()) {
            fields.put(matcher.group(1), URLDecoder.decode(matcher.group(2).replace("&amp;", "&"),
                    StandardCharsets.UTF_8));
        }
        assertThat(fields).as("the provider's login form:\n%s", html).containsKeys("state", "redirect_uri");
        return fields;
    }

    private static String base(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
