package io.decisionlog.blame.api;

import io.decisionlog.deploy.local.Wait;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.decisionlog.deploy.local.AsAdmin.given;

/** Helpers of the blame-ingester's flow tests: a git work tree to commit to, and waiting for a sync to land. */
final class WorkTree {
    private WorkTree() {
    }

    static void write(Path root, String path, String content) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** Commits every change in the work tree, deletions included. */
    static RevCommit commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        return git.commit().setMessage(message).setAuthor("Li Wei", "li.wei@example.com")
                .setCommitter("Li Wei", "li.wei@example.com").call();
    }

    /** Waits until the repository's status shows the tip published and the sync finished. */
    static void awaitTip(String repo, String sha) {
        Wait.until(repo + " synced to " + sha, Duration.ofSeconds(90), () -> {
            var status = given().get("/api/v1/repos/" + repo).then().extract();
            return status.statusCode() == 200 && sha.equals(status.path("tip")) && "synced".equals(status.path("state"));
        });
    }
}
