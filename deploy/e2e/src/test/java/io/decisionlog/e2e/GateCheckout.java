package io.decisionlog.e2e;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.lib.PersonIdent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A CI job's checkout of the sample team's payments repository: {@code origin/main} is what the change merges into,
 * and each scenario starts again from it with a governing {@code .decisionlog.yaml} and one change on top.
 */
final class GateCheckout implements AutoCloseable {
    static final String POLICY = """
            # what needs a decision before it merges
            governed: ["config/**", "deploy/**"]
            require: commit
            statuses: [accepted]
            """;
    private static final PersonIdent ENGINEER = new PersonIdent("Li Wei", "li.wei@acme.example");

    private final Git git;
    private final Path dir;

    private GateCheckout(Git git, Path dir) {
        this.git = git;
        this.dir = dir;
    }

    static GateCheckout cloneOf(Path origin, Path dir) throws Exception {
        return new GateCheckout(Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(dir.toFile())
                .setBranch("main").call(), dir);
    }

    Path dir() {
        return dir;
    }

    /** Back to origin/main, then the policy and one change to {@code path} committed with this message. */
    GateCheckout change(String path, String message) throws Exception {
        git.reset().setMode(ResetCommand.ResetType.HARD).setRef("origin/main").call();
        write(".decisionlog.yaml", POLICY);
        commit("Govern config and deploy\n\nDecision: D-2024-087");
        return append(path, message);
    }

    /** Back to origin/main, then one change to {@code path}, and no policy file: the registration's rules govern. */
    GateCheckout changeWithoutPolicy(String path, String message) throws Exception {
        git.reset().setMode(ResetCommand.ResetType.HARD).setRef("origin/main").call();
        return append(path, message);
    }

    private GateCheckout append(String path, String message) throws Exception {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, (Files.exists(file) ? Files.readString(file) : "") + "# tuned by the gate test\n");
        commit(message);
        return this;
    }

    private void write(String path, String text) throws IOException {
        Files.writeString(dir.resolve(path), text);
    }

    private void commit(String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.commit().setMessage(message).setAuthor(ENGINEER).setCommitter(ENGINEER).call();
    }

    @Override
    public void close() {
        git.close();
    }
}
