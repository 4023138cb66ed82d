package io.decisionlog.graph.web;

import io.decisionlog.deploy.local.LocalRuntimeResource;
import io.decisionlog.deploy.local.RuntimeTest;
import io.decisionlog.deploy.local.TestTokens;
import io.decisionlog.deploy.local.Wait;
import io.decisionlog.graph.api.TeamFixture;
import io.decisionlog.graph.api.TopicFeed;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.decisionlog.deploy.local.AsAdmin.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * The web UI against the real store: sign-in (CSRF, the session cookie, where it may send you next), each page with
 * what it must show, a scoped reader who meets another team's pages as 404s, and the headers every page carries.
 * The browser's side (clicks, keys, the diagram) is in deploy/e2e's WebUiTest.
 */
@QuarkusTest
@QuarkusTestResource(LocalRuntimeResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RuntimeTest
class WebPagesTest {
    private final TeamFixture ours = new TeamFixture();
    private final TeamFixture theirs = new TeamFixture();
    private boolean published;

    @BeforeEach
    void publishTwoTeams() {
        if (!published) {
            try (TopicFeed feed = new TopicFeed()) {
                ours.publish(feed);
                ours.publishUnlinkedChange(feed);
                theirs.publish(feed);
            }
            Wait.until("both teams in the store", Duration.ofSeconds(60), () -> stored(ours) && stored(theirs)
                    && given().queryParam("repo", ours.repo).queryParam("path", "config/pool.yaml")
                    .get("/api/v1/files").statusCode() == 200);
            published = true;
        }
    }

    private static boolean stored(TeamFixture team) {
        return given().get("/api/v1/decisions/" + team.decisionA).statusCode() == 200
                && !given().get("/api/v1/decisions/" + team.decisionA).jsonPath().getList("commits").isEmpty()
                && !given().get("/api/v1/decisions/" + team.decisionB).jsonPath().getList("commits").isEmpty();
    }

    /** A browser: no redirects followed, the session cookie sent as a browser would. */
    private static RequestSpecification browser(String session) {
        RequestSpecification spec = RestAssured.given().redirects().follow(false);
        return session == null ? spec : spec.cookie(SessionCookie.NAME, session);
    }

    private static String signIn(String token) {
        ExtractableResponse<Response> form = browser(null).get("/sign-in").then().statusCode(200).extract();
        String csrf = form.cookie("dl_csrf");
        ExtractableResponse<Response> done = browser(null).cookie("dl_csrf", csrf).contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", csrf).formParam("token", token).formParam("next", "/repos")
                .post("/sign-in").then().statusCode(303).extract();
        assertThat(done.header("Location")).endsWith("/repos");
        String setCookie = done.headers().getValues("Set-Cookie").stream()
                .filter(value -> value.startsWith(SessionCookie.NAME + "=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
        return done.cookie(SessionCookie.NAME);
    }

    /** The page's own content, without the header (whose CSRF token differs on every page). */
    private static String main(String page) {
        return page.substring(page.indexOf("<main>"), page.indexOf("</main>"));
    }

    private int api(String token) {
        return RestAssured.given().header("Authorization", "Bearer " + token).get("/api/v1/decisions/" + theirs.decisionA)
                .statusCode();
    }

    @Test
    void shouldSendAPageWithoutASessionToSignInAndBack() {
        String location = browser(null).get("/repos/" + ours.repo + "/blob/config/app.yaml").then().statusCode(303)
                .extract().header("Location");
        assertThat(location).contains("/sign-in?next=").contains("config%2Fapp.yaml");
        browser(null).get("/sign-in?next=/decisions/x").then().statusCode(200)
                .body(containsString("name=\"csrf-token\"")).body(containsString("value=\"/decisions/x\""));
    }

    @Test
    void shouldSignInWithAnApiTokenIntoAnHttpOnlyStrictCookieAndRefuseAnythingElse() {
        String session = signIn(TestTokens.ADMIN);
        browser(session).get("/repos").then().statusCode(200).body(containsString(ours.repo));

        ExtractableResponse<Response> form = browser(null).get("/sign-in").then().extract();
        String csrf = form.cookie("dl_csrf");
        browser(null).cookie("dl_csrf", csrf).contentType("application/x-www-form-urlencoded").formParam("csrf-token", csrf)
                .formParam("token", "dl_not-a-real-token").post("/sign-in").then().statusCode(401)
                .body(containsString("not valid"));
        // no CSRF token: another site's form cannot sign a browser in
        browser(null).contentType("application/x-www-form-urlencoded").formParam("token", TestTokens.ADMIN)
                .post("/sign-in").then().statusCode(400);
        // where sign-in sends you is this site only
        String location = browser(null).cookie("dl_csrf", csrf).contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", csrf).formParam("token", TestTokens.ADMIN).formParam("next", "//evil.example/x")
                .post("/sign-in").then().statusCode(303).extract().header("Location");
        assertThat(location).endsWith("/repos").doesNotContain("evil");
    }

    @Test
    void shouldShowAFileWithItsBlameGutterAndDecisionChips() {
        String session = signIn(TestTokens.ADMIN);
        String page = browser(session).get("/repos/" + ours.repo + "/blob/config/app.yaml").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Cache-Control", "no-store").extract().asString();
        assertThat(page).contains("id=L1", "id=L6", "  retries: 5", ours.decisionA, ours.decisionB,
                "Raise callback retries", "data-chain=\"/repos/" + ours.repo + "/chain/config/app.yaml\"");
        String pool = browser(session).get("/repos/" + ours.repo + "/blob/config/pool.yaml").then().statusCode(200)
                .extract().asString();
        assertThat(pool).as("shipped by a run, with no decision").contains("chip na").contains(">N/A<");
        browser(session).get("/repos/" + ours.repo + "/blob/config").then().statusCode(200)
                .body(containsString("app.yaml")).body(containsString("pool.yaml"));
    }

    @Test
    void shouldShowALinesChainAndItsCommit() {
        String session = signIn(TestTokens.ADMIN);
        browser(session).get("/repos/" + ours.repo + "/chain/config/app.yaml?line=2").then().statusCode(200)
                .body(containsString("Raise callback retries")).body(containsString("Gray-release the downgrade switch"))
                .body(containsString("named in the commit&#39;s trailer")).body(not(containsString("li.wei@acme.example")));
        browser(session).get("/repos/" + ours.repo + "/chain/config/app.yaml?line=6").then().statusCode(200)
                .body(containsString("has not seen this commit"));
        browser(session).get("/repos/" + ours.repo + "/chain/config/app.yaml?line=99").then().statusCode(400)
                .body(containsString("out of range"));
        browser(session).get("/repos/" + ours.repo + "/commit/" + ours.shaB.substring(0, 10)).then().statusCode(200)
                .body(containsString("Switch on the downgrade")).body(containsString("Deploy"))
                .body(containsString("signed: ssh verified · li.wei · SHA256:Y+sIgqM9mQp8uAUo0VeAaSzJnSmHt"));
    }

    @Test
    void shouldShowADecisionWithItsDiagramCommitsAndOwnedLines() {
        String session = signIn(TestTokens.ADMIN);
        browser(session).get("/decisions/" + ours.decisionA).then().statusCode(200)
                .body(containsString("Gray-release the downgrade switch")).body(containsString("class=\"mermaid\""))
                .body(containsString("flowchart LR")).body(containsString("/webjars/mermaid/"))
                .body(containsString("config/app.yaml#L1-L3")).body(containsString("Weekly architecture sync"));
    }

    @Test
    void shouldSearchAndGoStraightToAnIdOrASha() {
        String session = signIn(TestTokens.ADMIN);
        assertThat(browser(session).get("/search?q=" + ours.decisionA).then().statusCode(303).extract()
                .header("Location")).endsWith("/decisions/" + ours.decisionA);
        assertThat(browser(session).get("/search?q=" + ours.shaD.substring(0, 12)).then().statusCode(303).extract()
                .header("Location")).endsWith("/repos/" + ours.repo + "/commit/" + ours.shaD);
        String found = browser(session).get("/search?q=pool").then().statusCode(200).extract().asString();
        assertThat(found).contains("Bump the pool size").contains("config/pool.yaml");
        browser(session).get("/search?q=" + "x".repeat(201)).then().statusCode(400);
    }

    @Test
    void shouldListUnlinkedChangesAsAPageAndAsCsv() {
        String session = signIn(TestTokens.ADMIN);
        String since = "since=2025-02-01&until=2025-03-31";
        browser(session).get("/repos/" + ours.repo + "/unlinked?" + since).then().statusCode(200)
                .body(containsString("Bump the pool size")).body(containsString("zhang-san"))
                .body(not(containsString("Raise callback retries")));
        String csv = browser(session).get("/repos/" + ours.repo + "/unlinked?" + since + "&format=csv").then()
                .statusCode(200).header("Content-Disposition", containsString("attachment")).extract().asString();
        assertThat(csv.lines().toList()).hasSize(2);
        assertThat(csv).startsWith("committed_at,repo,sha,author,subject,ci_runs").contains(ours.shaD);
        browser(session).get("/repos/" + ours.repo + "/unlinked?since=yesterday").then().statusCode(400);
    }

    @Test
    void shouldShowAScopedReaderOnlyItsRepositoryAndAnotherAsNotFound() {
        String reader = TestTokens.mint("reader", List.of(theirs.repo));
        TestTokens.awaitAccepted(() -> api(reader));
        String session = signIn(reader);
        browser(session).get("/repos/" + theirs.repo + "/blob/config/app.yaml").then().statusCode(200);
        String hidden = browser(session).get("/repos/" + ours.repo + "/blob/config/app.yaml").then().statusCode(404)
                .extract().asString();
        String unknown = browser(session).get("/repos/acme/never-" + ours.year + "/blob/config/app.yaml").then()
                .statusCode(404).extract().asString();
        assertThat(main(hidden).replace(ours.repo, "R")).isEqualTo(main(unknown).replace("acme/never-" + ours.year, "R"))
                .contains("404");
        browser(session).get("/decisions/" + ours.decisionA).then().statusCode(404);
        browser(session).get("/repos").then().statusCode(200).body(not(containsString(ours.repo)));
        assertThat(browser(session).get("/search?q=" + ours.shaD.substring(0, 12)).then().statusCode(200).extract()
                .asString()).doesNotContain(ours.shaD);
    }

    @Test
    void shouldNeverLetTheCookieAuthorizeAnApiCallAndEndARevokedSession() {
        TestTokens.Minted minted = TestTokens.mint("reader", List.of(), Instant.now().plus(Duration.ofHours(1)));
        String reader = minted.secret();
        TestTokens.awaitAccepted(() -> api(reader));
        String session = signIn(reader);
        browser(session).queryParam("repo", ours.repo).queryParam("path", "config/app.yaml").get("/api/v1/files")
                .then().statusCode(401);

        TestTokens.revoke(minted.id());
        TestTokens.awaitRefused(() -> api(reader));
        ExtractableResponse<Response> ended = browser(session).get("/repos").then().statusCode(303).extract();
        assertThat(ended.header("Location")).contains("/sign-in?expired=true");
        assertThat(ended.headers().getValues("Set-Cookie")).anySatisfy(cookie ->
                assertThat(cookie).startsWith(SessionCookie.NAME + "=;").contains("Max-Age=0"));
    }

    @Test
    void shouldLetAStewardSignOffAndRevokeOnTheDecisionPageAndNobodyElse() {
        String steward = TestTokens.mint("steward", List.of(ours.repo));
        TestTokens.awaitAccepted(() -> RestAssured.given().header("Authorization", "Bearer " + steward)
                .get("/api/v1/decisions/" + ours.decisionB).statusCode());
        String session = signIn(steward);
        String decision = "/decisions/" + ours.decisionB;
        ExtractableResponse<Response> page = browser(session).get(decision).then().statusCode(200).extract();
        String digest = field(page.asString(), "digest");
        assertThat(digest).isEqualTo(given().queryParam("repo", ours.repo).get("/api/v1/decisions/" + ours.decisionB
                + "/signoffs").jsonPath().getString("digest"));
        assertThat(page.asString()).contains("No steward has signed this decision off", "ssh-keygen -Y sign -n decisionlog");
        String csrf = page.cookie("dl_csrf");

        // the digest the steward read, a comment, no SSH signature: taken, and back to the page
        String location = stewardsForm(session, csrf).formParam("repo", ours.repo)
                .formParam("digest", digest).formParam("comment", "read the minutes and the run")
                .post(decision + "/signoffs").then().statusCode(303).extract().header("Location");
        assertThat(location).endsWith(decision + "#signoffs");
        String signed = browser(session).get(decision).then().statusCode(200).extract().asString();
        assertThat(signed).contains("chip current", "test steward", "read the minutes and the run", "no SSH signature");
        browser(session).get("/repos/" + ours.repo + "/chain/config/app.yaml?line=4").then().statusCode(200)
                .body(containsString("Signed off")).body(containsString("chip current"));

        // a digest the chain no longer has, and a form without its CSRF token, are refused, saying why
        stewardsForm(session, csrf).formParam("repo", ours.repo).formParam("digest", "sha256:" + "0".repeat(64))
                .post(decision + "/signoffs").then().statusCode(409).body(containsString("review it again"));
        browser(session).contentType("application/x-www-form-urlencoded").formParam("repo", ours.repo)
                .formParam("digest", digest).post(decision + "/signoffs").then().statusCode(400);

        // a reader sees the sign-off but no form, and cannot post one
        String reader = TestTokens.mint("reader", List.of(ours.repo));
        TestTokens.awaitAccepted(() -> RestAssured.given().header("Authorization", "Bearer " + reader)
                .get("/api/v1/decisions/" + ours.decisionB).statusCode());
        String readers = signIn(reader);
        ExtractableResponse<Response> read = browser(readers).get(decision).then().statusCode(200).extract();
        assertThat(read.asString()).contains("chip current").doesNotContain("signoff-form", "Revoke");
        stewardsForm(readers, read.cookie("dl_csrf")).formParam("repo", ours.repo)
                .formParam("digest", digest).post(decision + "/signoffs").then().statusCode(403)
                .body(containsString("only a steward"));

        // revoked from the page: the sign-off stays, shown revoked with who and why
        String revoke = field(signed, "action", "/revocation");
        stewardsForm(session, csrf).formParam("reason", "signed the wrong run").post(revoke).then()
                .statusCode(303);
        assertThat(browser(session).get(decision).then().statusCode(200).extract().asString())
                .contains("chip revoked", "revoked by test steward", "signed the wrong run");
        given().queryParam("repo", ours.repo).get("/api/v1/decisions/" + ours.decisionB + "/signoffs").then()
                .body("signoffs[0].state", is("revoked"));
    }

    private static RequestSpecification stewardsForm(String session, String csrf) {
        return browser(session).cookie("dl_csrf", csrf).contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", csrf);
    }

    /** The value of the first {@code name="…" value="…"} field (or attribute ending as given) in a page. */
    private static String field(String page, String name) {
        Matcher found = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(page);
        assertThat(found.find()).as("a field " + name).isTrue();
        return found.group(1);
    }

    private static String field(String page, String attribute, String ending) {
        Matcher found = Pattern.compile(attribute + "=\"([^\"]+" + Pattern.quote(ending) + ")\"").matcher(page);
        assertThat(found.find()).as("an " + attribute + " ending " + ending).isTrue();
        return found.group(1);
    }
}
