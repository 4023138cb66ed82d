package io.decisionlog.blame.sync;

import io.decisionlog.events.CommitSignature;
import io.decisionlog.events.Json;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signed tags' coverage each repository's commits were last published with, under {@code <data-dir>/tags/}: the
 * tags' state ({@code <repo>.state}, small: a sync reads it on every poll to tell that no tag changed) and the verdict
 * each covered commit carries ({@code <repo>.covered}, one checked {@link BucketFile}, read only when commits are
 * published). A lost or damaged file is an unknown state: the next sync computes the coverage again and re-publishes
 * every covered commit, which changes nothing.
 */
public final class PublishedTags {
    private static final Logger LOG = Logger.getLogger(PublishedTags.class);

    private final Path root;

    public PublishedTags(Path root) {
        this.root = root;
    }

    /** The tags' state the coverage was published for; "" when unknown. */
    String state(String repo) {
        try {
            return Files.readString(fileOf(repo, ".state"), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            LOG.warnf("%s: the signed tags' state cannot be read (%s): their coverage is computed again", repo,
                    e.getMessage());
            return "";
        }
    }

    /** Each covered commit's verdict as published, by sha. */
    Map<String, CommitSignature> covered(String repo) {
        Map<String, CommitSignature> covered = new HashMap<>();
        try {
            Map<String, byte[]> entries = BucketFile.read(fileOf(repo, ".covered"));
            if (entries != null) {
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    covered.put(entry.getKey(), Json.MAPPER.readValue(entry.getValue(), CommitSignature.class));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("%s: the signed tags' coverage cannot be read (%s): every covered commit is published again", repo,
                    e.getMessage());
            covered.clear();
        }
        return covered;
    }

    /** The coverage first, then the state: a crash between the two leaves the old state, so it is all done again. */
    void write(String repo, String state, Map<String, CommitSignature> covered) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (Map.Entry<String, CommitSignature> entry : covered.entrySet()) {
            entries.put(entry.getKey(), Json.MAPPER.writeValueAsBytes(entry.getValue()));
        }
        Files.createDirectories(root);
        BucketFile.write(fileOf(repo, ".covered"), entries);
        BucketFile.writeAtomically(fileOf(repo, ".state"), (state + "\n").getBytes(StandardCharsets.UTF_8));
    }

    void delete(String repo) throws IOException {
        Files.deleteIfExists(fileOf(repo, ".state"));
        Files.deleteIfExists(fileOf(repo, ".covered"));
    }

    private Path fileOf(String repo, String suffix) {
        return root.resolve(URLEncoder.encode(repo, StandardCharsets.UTF_8) + suffix);
    }
}
