package io.decisionlog.events;

import java.util.regex.Pattern;

/** Record keys of the topics, in one place: producers and consumers must agree on them byte for byte. */
public final class Keys {
    /** A repository id: {@code owner/name}, or deeper for GitLab subgroups ({@code group/sub/project}). */
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+");

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

    /** {@code <repo>:<path>}: blame. */
    public static String blame(String repo, String path) {
        return repo + ":" + path;
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
}
