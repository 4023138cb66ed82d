package io.decisionlog.events;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Record keys of the topics, in one place: producers and consumers must agree on them byte for byte. Each key that
 * is read back into its parts has its parser here, beside its format.
 */
public final class Keys {
    /** A repository id: {@code owner/name}, or deeper for GitLab subgroups ({@code group/sub/project}). */
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+");
    private static final String COMMIT_SHAPE = "<repo>@<sha>";
    private static final String BLAME_SHAPE = "<repo>:<path>";

    /** The parts of a commit key {@code <repo>@<sha>}. */
    public record CommitKey(String repo, String sha) {
    }

    /** The parts of a blame key {@code <repo>:<path>}. */
    public record BlameKey(String repo, String path) {
    }

    private Keys() {
    }

    /** True when the value can be a repository id, the join key every service must agree on. */
    public static boolean isRepo(String value) {
        return value != null && REPO.matcher(value).matches();
    }

    /** {@code <repo>@<sha>}: commits, chains. */
    public static String commit(String repo, String sha) {
        return repo + "@" + sha;
    }

    /**
     * The repository and sha of a commit key.
     *
     * @throws IllegalArgumentException when the key is not {@code <repo>@<sha>}, naming that shape
     */
    public static CommitKey parseCommit(String key) {
        return tryParseCommit(key).orElseThrow(() -> notOfTheForm(key, COMMIT_SHAPE));
    }

    /** The repository and sha of a commit key; empty when it is not {@code <repo>@<sha>} with both parts. */
    public static Optional<CommitKey> tryParseCommit(String key) {
        return split(key, '@').map(parts -> new CommitKey(parts[0], parts[1]));
    }

    /** {@code <repo>:<path>}: blame. */
    public static String blame(String repo, String path) {
        return repo + ":" + path;
    }

    /**
     * The repository and path of a blame key; the path may hold ':' itself.
     *
     * @throws IllegalArgumentException when the key is not {@code <repo>:<path>}, naming that shape
     */
    public static BlameKey parseBlame(String key) {
        return split(key, ':').map(parts -> new BlameKey(parts[0], parts[1]))
                .orElseThrow(() -> notOfTheForm(key, BLAME_SHAPE));
    }

    /** {@code <provider>:<repo>:<run_id>:<attempt>}: CI runs. */
    public static String ciRun(String provider, String repo, String runId, int attempt) {
        return provider + ":" + repo + ":" + runId + ":" + attempt;
    }

    /** {@code <provider>:<repo>:<delivery_id>}: CI dispatches. */
    public static String ciDispatch(String provider, String repo, String deliveryId) {
        return provider + ":" + repo + ":" + deliveryId;
    }

    /** {@code <source>:<path>}: rejected minutes. */
    public static String rejectedMinutes(String source, String path) {
        return source + ":" + path;
    }

    // repository ids hold neither ':' nor '@' (isRepo), so the first separator ends the repository
    private static Optional<String[]> split(String key, char separator) {
        int at = key == null ? -1 : key.indexOf(separator);
        if (at <= 0 || at == key.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new String[] {key.substring(0, at), key.substring(at + 1)});
    }

    private static IllegalArgumentException notOfTheForm(String key, String shape) {
        return new IllegalArgumentException("key '" + key + "' is not of the form " + shape);
    }
}
