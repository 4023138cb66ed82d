package io.decisionlog.blame.git;

import io.decisionlog.kit.git.GitRemotes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The guarded git transport as the tests use it: repositories on this machine, anywhere (the tests make them). */
public final class TestRemotes {
    private TestRemotes() {
    }

    public static GitRemotes local() {
        return GitRemotes.local(List.of(Path.of("/")), Duration.ofSeconds(60));
    }

    public static Clones clones(Path root) {
        return new Clones(root, local());
    }
}
