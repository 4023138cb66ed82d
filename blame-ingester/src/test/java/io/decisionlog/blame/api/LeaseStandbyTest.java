package io.decisionlog.blame.api;

import io.decisionlog.deploy.local.LocalRuntimeResource;
import io.decisionlog.deploy.local.Readiness;
import io.decisionlog.deploy.local.RuntimeTest;
import io.decisionlog.deploy.local.ScratchDirs;
import io.decisionlog.deploy.local.SharedTestRuntime;
import io.decisionlog.deploy.local.Wait;
import io.decisionlog.events.Topics;
import io.decisionlog.events.kafka.GroupLease;
import io.decisionlog.events.kafka.LeaseGroup;
import io.decisionlog.events.webhook.PushSignature;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.jgit.api.Git;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.decisionlog.blame.api.WorkTree.commit;
import static io.decisionlog.blame.api.WorkTree.write;
import static io.decisionlog.deploy.local.AsAdmin.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The service under test holds the lease and is ready; while another member of its group (this test, standing in for a
 * second instance) holds it, the service stands by: not ready, and every request that would register or sync answers
 * 503; when the other member goes, the service takes over again.
 */
@QuarkusTest
@QuarkusTestResource(LocalRuntimeResource.class)
@RuntimeTest
class LeaseStandbyTest {
    private static final String LEASE_CHECK = "checks.find { it.name == 'tracked repositories' }.data";

    @Inject
    GroupLease serviceLease;

    @ConfigProperty(name = "decisionlog.blame.lease.group")
    String group;

    @ConfigProperty(name = "decisionlog.blame.lease.session-timeout")
    Duration sessionTimeout;

    @Test
    void shouldHoldTheLeaseAndBeReady() {
        awaitReady();
        given().get("/q/health/ready").then().statusCode(200).body(LEASE_CHECK + ".role", equalTo("active"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void shouldStandByAndRefuseSyncsWhileAnotherInstanceHoldsTheLease() throws Exception {
        awaitReady();
        String repo = "acme/standby-" + UUID.randomUUID().toString().substring(0, 8);
        Path work = ScratchDirs.create("blame-standby-");
        try (Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
            write(work, "a.txt", "a\n");
            commit(git, "a");
        }
        GroupLease other = new GroupLease("other-instance", group, Topics.REPOS.name(), sessionTimeout,
                LeaseGroup.members(SharedTestRuntime.bootstrapServers(), "other-instance"), new NoWork());
        try {
            serviceLease.stop();
            other.start();
            Wait.until("the other instance to hold the lease", Duration.ofSeconds(30), other::held);
            serviceLease.start();
            Wait.until("the service back in the group, on standby", Duration.ofSeconds(30),
                    () -> LeaseGroup.stableWith(SharedTestRuntime.bootstrapServers(), group, 2));

            given().get("/q/health/ready").then().statusCode(503)
                    .body(LEASE_CHECK + ".role", equalTo("standby"))
                    .body(LEASE_CHECK + ".lease", containsString("another instance holds the lease"));
            given().get("/q/health/live").then().statusCode(200);
            given().contentType(ContentType.JSON).body(Map.of("repo", repo, "url", work.toString()))
                    .post("/api/v1/repos").then().statusCode(503).header("Retry-After", equalTo("10"))
                    .body("error", equalTo("standby")).body("message", containsString("another instance holds the lease"));
            given().post("/api/v1/repos/" + repo + "/sync").then().statusCode(503).body("error", equalTo("standby"));
            given().delete("/api/v1/repos/" + repo).then().statusCode(503).body("error", equalTo("standby"));
            byte[] push = ("{\"ref\":\"refs/heads/main\",\"repository\":{\"full_name\":\"" + repo + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            RestAssured.given().contentType(ContentType.JSON).header("X-GitHub-Event", "push")
                    .header("X-Hub-Signature-256", PushSignature.sign("push-test-secret".getBytes(StandardCharsets.UTF_8), push))
                    .body(push).post("/webhooks/push").then().statusCode(503).body("error", equalTo("standby"));

            other.stop();
            awaitReady();
            given().get("/q/health/ready").then().body(LEASE_CHECK + ".role", equalTo("active"));
            given().contentType(ContentType.JSON).body(Map.of("repo", repo, "url", work.toString()))
                    .post("/api/v1/repos").then().statusCode(202);
            given().get("/api/v1/repos").then().statusCode(200).body("repo", hasItem(repo));
        } finally {
            other.stop();
            serviceLease.start();
        }
    }

    /** Ready: holding the lease and restored (after another member left, at once: no session has to run out). */
    private void awaitReady() {
        Readiness.await();
    }

    /** The other instance's work: none, it only holds the lease. */
    private static final class NoWork implements GroupLease.Holder {
        @Override
        public void acquired() {
        }

        @Override
        public void released() {
        }
    }
}
