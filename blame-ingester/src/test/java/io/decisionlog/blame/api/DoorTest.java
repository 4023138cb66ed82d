package io.decisionlog.blame.api;

import com.sun.net.httpserver.HttpServer;
import io.decisionlog.deploy.local.LocalRuntimeResource;
import io.decisionlog.deploy.local.Readiness;
import io.decisionlog.deploy.local.RuntimeTest;
import io.decisionlog.deploy.local.ScratchDirs;
import io.decisionlog.deploy.local.TestTokens;
import io.decisionlog.deploy.local.Wait;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.decisionlog.blame.api.WorkTree.commit;
import static io.decisionlog.blame.api.WorkTree.write;
import static io.decisionlog.deploy.local.AsAdmin.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Who may register and read repositories, and what a registration may make the service reach. The test config allows
 * 127.0.0.1 (for the git servers these tests stand up) and binds a token to it; nothing else on this host or network.
 */
@QuarkusTest
@QuarkusTestResource(LocalRuntimeResource.class)
@RuntimeTest
class DoorTest {
    private final List<HttpServer> servers = new ArrayList<>();

    /** Registrations get 503 until this instance holds the sync lease, a moment after start (LeaseStandbyTest). */
    @BeforeEach
    void awaitTheLease() {
        Readiness.await();
    }

    @AfterEach
    void stopServers() {
        servers.forEach(server -> server.stop(0));
    }

    private static RequestSpecification as(String token) {
        return token == null ? RestAssured.given() : RestAssured.given().header("Authorization", "Bearer " + token);
    }

    private static Map<String, Object> registration(String repo, String url) {
        return Map.of("repo", repo, "url", url, "branch", "main");
    }

    @Test
    void shouldGiveEachRoleWhatItMayAndNothingMore() throws Exception {
        String repo = "door/" + UUID.randomUUID().toString().substring(0, 8);
        String url = localRepository().toString();
        String reader = TestTokens.mint("reader", List.of(repo));
        String operator = TestTokens.mint("operator", List.of());
        TestTokens.awaitAccepted(() -> as(reader).get("/api/v1/repos").statusCode());
        TestTokens.awaitAccepted(() -> as(operator).get("/api/v1/repos").statusCode());

        as(null).get("/api/v1/repos").then().statusCode(401).body("error", equalTo("unauthorized"));
        as(reader).contentType(ContentType.JSON).body(registration(repo, url)).post("/api/v1/repos").then().statusCode(403);
        as(operator).contentType(ContentType.JSON).body(registration(repo, url)).post("/api/v1/repos").then().statusCode(202);
        as(reader).post("/api/v1/repos/" + repo + "/sync").then().statusCode(403);
        as(reader).delete("/api/v1/repos/" + repo).then().statusCode(403);
        as(reader).get("/api/v1/repos/" + repo).then().statusCode(200).body("repo", equalTo(repo));

        String other = "door/other-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(registration(other, url)).post("/api/v1/repos").then().statusCode(202);
        // another repository's data is as unknown to the scoped reader as a repository nobody registered
        String unknown = as(reader).get("/api/v1/repos/door/never-registered").then().statusCode(404).extract().path("message");
        as(reader).get("/api/v1/repos/" + other).then().statusCode(404)
                .body("message", equalTo(unknown.replace("door/never-registered", other)));
        assertThat(as(reader).get("/api/v1/repos").jsonPath().getList("repo", String.class)).containsExactly(repo);

        as(operator).delete("/api/v1/repos/" + other).then().statusCode(204);
        given().get("/api/v1/repos/" + other).then().statusCode(404);
        given().get("/api/v1/audit").then().statusCode(404);
    }

    @Test
    void shouldRefuseATakeoverUnlessReplaceSaysSo() throws Exception {
        String repo = "door/" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(registration(repo, localRepository().toString()))
                .post("/api/v1/repos").then().statusCode(202);
        String elsewhere = localRepository().toString();

        given().contentType(ContentType.JSON).body(registration(repo, elsewhere)).post("/api/v1/repos").then()
                .statusCode(409).body("field", equalTo("url")).body("message", containsString("\"replace\": true"));
        given().contentType(ContentType.JSON).body(Map.of("repo", repo, "url", elsewhere, "replace", true))
                .post("/api/v1/repos").then().statusCode(202);
        given().get("/api/v1/repos/" + repo).then().body("url", equalTo(elsewhere));
        given().contentType(ContentType.JSON).body(Map.of("repo", repo, "url", elsewhere, "exlcude", List.of("x")))
                .post("/api/v1/repos").then().statusCode(400).body("message", containsString("exlcude"));
    }

    @Test
    void shouldRefuseEveryUrlThatReachesTheHostOrItsNetworkNamingTheRule() throws Exception {
        Map<String, String> refusals = Map.of(
                "https://127.0.0.2/acme/x.git", "127.0.0.2 is a loopback address",
                "https://169.254.169.254/latest/meta-data", "169.254.169.254 is a link-local address",
                "https://10.0.0.8/acme/x.git", "10.0.0.8 is a private address",
                "https://192.168.1.1/acme/x.git", "192.168.1.1 is a private address",
                "file:///etc", "is outside the directories DECISIONLOG_LOCAL_REPO_ROOTS lists",
                "/usr/share", "is outside the directories DECISIONLOG_LOCAL_REPO_ROOTS lists",
                "http://github.com/acme/x.git", "cleartext http",
                "https://bob:hunter2@github.com/acme/x.git", "carries a password",
                "git@github.com:acme/x.git", "ssh remotes are not supported yet");
        refusals.forEach((url, rule) -> {
            String repo = "door/refused-" + UUID.randomUUID().toString().substring(0, 8);
            given().contentType(ContentType.JSON).body(registration(repo, url)).post("/api/v1/repos").then()
                    .statusCode(400).body("field", equalTo("url")).body("message", containsString(rule))
                    .body("message", org.hamcrest.Matchers.not(containsString("hunter2")));
            given().get("/api/v1/repos/" + repo).then().statusCode(404);
        });
    }

    @Test
    void shouldNotFollowARedirectFromAnAllowedHostIntoTheNetworkAndFetchNothingThere() throws Exception {
        AtomicInteger insideHits = new AtomicInteger();
        HttpServer inside = server("127.0.0.2", (exchange, status) -> {
            insideHits.incrementAndGet();
            return status(exchange, 200);
        });
        HttpServer allowed = server("127.0.0.1", (exchange, status) -> {
            exchange.getResponseHeaders().add("Location",
                    "http://127.0.0.2:" + inside.getAddress().getPort() + exchange.getRequestURI());
            return status(exchange, 302);
        });
        String repo = "door/redirected-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body(registration(repo, "http://127.0.0.1:" + allowed.getAddress().getPort() + "/acme/x.git"))
                .post("/api/v1/repos").then().statusCode(202);

        Wait.until("the sync of " + repo + " to fail", Duration.ofSeconds(60),
                () -> "failed".equals(given().get("/api/v1/repos/" + repo).jsonPath().getString("state")));
        given().get("/api/v1/repos/" + repo).then().body("errors[0]", containsString("127.0.0.2 is a loopback address"));
        assertThat(insideHits).as("requests that reached the address behind the redirect").hasValue(0);
    }

    @Test
    void shouldNeverSendTheHostsTokenOverCleartextHttp() throws Exception {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer asking = server("127.0.0.1", (exchange, status) -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                authorizations.add(authorization);
            }
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
            return status(exchange, 401);
        });
        String repo = "door/cleartext-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body(registration(repo, "http://127.0.0.1:" + asking.getAddress().getPort() + "/acme/x.git"))
                .post("/api/v1/repos").then().statusCode(202);

        Wait.until("the sync of " + repo + " to fail", Duration.ofSeconds(60),
                () -> "failed".equals(given().get("/api/v1/repos/" + repo).jsonPath().getString("state")));
        assertThat(authorizations).as("the token for 127.0.0.1 is bound to https").isEmpty();
    }

    private interface Handler {
        int handle(com.sun.net.httpserver.HttpExchange exchange, int unused) throws IOException;
    }

    private static int status(com.sun.net.httpserver.HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        return status;
    }

    private HttpServer server(String address, Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                handler.handle(exchange, 0);
            }
        });
        server.start();
        servers.add(server);
        return server;
    }

    private static Path localRepository() throws Exception {
        Path work = ScratchDirs.create("blame-door-");
        try (Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
            write(work, "config/app.yaml", "timeout: 30s\n");
            commit(git, "config");
        }
        return work;
    }
}
