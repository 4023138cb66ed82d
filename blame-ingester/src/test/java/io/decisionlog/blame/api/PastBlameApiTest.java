package io.decisionlog.blame.api;

import io.decisionlog.deploy.local.LocalRuntimeResource;
import io.decisionlog.deploy.local.RuntimeTest;
import io.decisionlog.deploy.local.ScratchDirs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static io.decisionlog.blame.api.WorkTree.awaitTip;
import static io.decisionlog.blame.api.WorkTree.commit;
import static io.decisionlog.blame.api.WorkTree.write;
import static io.decisionlog.deploy.local.AsAdmin.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

/**
 * {@code GET /api/v1/repos/{repo}/blame?path=&rev=}: a file as it was at a past commit of the tracked branch, named by
 * a sha prefix, a tag or the branch; and a 404 that says which for a revision the clone does not know, one the branch
 * no longer reaches (dropped by a force-push), or a path that did not exist then. And a line's history.
 */
@QuarkusTest
@QuarkusTestResource(LocalRuntimeResource.class)
@RuntimeTest
class PastBlameApiTest {
    private static final String VALUES = "deploy/values-prod.yaml";

    @Test
    void shouldBlameAFileAsItWasAtAPastRevision() throws Exception {
        String repo = "acme/past-" + UUID.randomUUID().toString().substring(0, 8);
        Path work = ScratchDirs.create("past-blame-");
        RevCommit first;
        RevCommit second;
        RevCommit dropped;
        RevCommit tip;
        try (Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
            write(work, VALUES, "replicas: 3\ntimeout: 30s\n");
            first = commit(git, "First values\n\nDecision: D-2024-087\n");
            git.tag().setName("v1.0").setAnnotated(true).setMessage("release 1.0").call();
            write(work, VALUES, "replicas: 3\ntimeout: 45s\nretries: 5\n");
            write(work, "config/app.yaml", "name: payments\n");
            second = commit(git, "Lengthen the timeout");
            write(work, VALUES, "replicas: 4\ntimeout: 45s\nretries: 5\n");
            dropped = commit(git, "Four replicas (force-pushed away later)");
        }
        given().contentType(ContentType.JSON).body(Map.of("repo", repo, "url", work.toString(), "branch", "main"))
                .post("/api/v1/repos").then().statusCode(202);
        awaitTip(repo, dropped.name());
        try (Git git = Git.open(work.toFile())) {
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(second.name()).call();
            write(work, VALUES, "replicas: 5\ntimeout: 45s\nretries: 5\n");
            tip = commit(git, "Five replicas");
        }
        given().post("/api/v1/repos/" + repo + "/sync").then().statusCode(202);
        awaitTip(repo, tip.name());

        blame(repo, first.name().substring(0, 7), VALUES).then().statusCode(200)
                .body("rev", equalTo(first.name()))
                .body("text", contains("replicas: 3", "timeout: 30s"))
                .body("ranges.sha", everyItem(equalTo(first.name())));
        blame(repo, "v1.0", VALUES).then().statusCode(200).body("rev", equalTo(first.name()));
        blame(repo, second.name(), VALUES).then().statusCode(200)
                .body("text", contains("replicas: 3", "timeout: 45s", "retries: 5"))
                .body("ranges.sha", contains(first.name(), second.name()))
                .body("ranges.start", contains(1, 2));
        blame(repo, "main", VALUES).then().statusCode(200).body("rev", equalTo(tip.name()))
                .body("ranges.sha", contains(tip.name(), second.name()));

        given().queryParam("path", VALUES).queryParam("line", 2).get("/api/v1/repos/" + repo + "/history").then()
                .statusCode(200).body("rev", equalTo(tip.name())).body("complete", equalTo(true))
                .body("changes.sha", contains(second.name(), first.name()))
                .body("changes[0].text", contains("timeout: 45s"))
                .body("changes[1].text", contains("timeout: 30s"));
        given().queryParam("path", VALUES).queryParam("line", 1).queryParam("rev", "v1.0")
                .get("/api/v1/repos/" + repo + "/history").then().statusCode(200)
                .body("rev", equalTo(first.name())).body("changes.sha", contains(first.name()));
        given().queryParam("path", VALUES).queryParam("line", 9).get("/api/v1/repos/" + repo + "/history").then()
                .statusCode(400).body("message", containsString("line 9 is out of range"));
        given().queryParam("path", "config/app.yaml").queryParam("line", 1).queryParam("rev", "v1.0")
                .get("/api/v1/repos/" + repo + "/history").then().statusCode(404)
                .body("message", containsString("no file config/app.yaml in " + repo + " at v1.0"));
        given().queryParam("path", VALUES).queryParam("line", "x").get("/api/v1/repos/" + repo + "/history").then()
                .statusCode(400).body("field", equalTo("line"));

        blame(repo, "0000000", VALUES).then().statusCode(404)
                .body("message", equalTo("revision '0000000' is unknown in " + repo + " (neither a commit of its main nor a tag)"));
        blame(repo, dropped.name(), VALUES).then().statusCode(404)
                .body("message", containsString("is not on " + repo + "'s main: its tip " + tip.name().substring(0, 7)
                        + " does not reach it"));
        blame(repo, "v1.0", "config/app.yaml").then().statusCode(404)
                .body("message", equalTo("no file config/app.yaml in " + repo + " at v1.0 (" + first.name().substring(0, 7) + ")"));
        given().get("/api/v1/repos/" + repo + "/blame?path=" + VALUES).then().statusCode(400).body("field", equalTo("rev"));
        blame(repo, "HEAD~1", VALUES).then().statusCode(404);
        blame(repo, "x".repeat(300), VALUES).then().statusCode(400).body("field", equalTo("rev"));
        blame("acme/nobody-" + UUID.randomUUID(), "main", VALUES).then().statusCode(404)
                .body("message", containsString("is not tracked"));
        given().get("/api/v1/repos/" + repo + "/blame?rev=main").then().statusCode(400).body("field", equalTo("path"));
    }

    private static io.restassured.response.Response blame(String repo, String rev, String path) {
        return given().queryParam("rev", rev).queryParam("path", path).get("/api/v1/repos/" + repo + "/blame");
    }
}
