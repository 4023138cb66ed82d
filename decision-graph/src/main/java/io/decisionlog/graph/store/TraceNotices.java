package io.decisionlog.graph.store;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What a store transaction made stale in every instance's {@link TraceMemory}, sent as PostgreSQL notifications on
 * {@link #CHANNEL} inside that transaction: PostgreSQL delivers them at its commit, to every listening instance,
 * whichever instance wrote. A payload lists files and commits, each as kind, then repository and name, each with its
 * length ({@code f12:acme/paymen…}); {@link #EVERYTHING} stands for what does not fit.
 */
public final class TraceNotices {
    public static final String CHANNEL = "decisionlog_trace";
    public static final String EVERYTHING = "*";
    // PostgreSQL refuses a payload of 8,000 bytes or more
    static final int MAX_PAYLOAD_BYTES = 7_900;
    // past this many payloads in one transaction (a catch-up, a replay) forgetting everything costs less
    static final int MAX_PAYLOADS = 16;

    private TraceNotices() {
    }

    /** One stale entry: a file's blame or a commit's chain. */
    public sealed interface Stale {
        /** Its key in {@link TraceMemory}. */
        Object key();

        record File(String repo, String path) implements Stale {
            @Override
            public Object key() {
                return new FileKey(repo, path);
            }
        }

        record Chain(String repo, String sha) implements Stale {
            @Override
            public Object key() {
                return new CommitKey(repo, sha);
            }
        }
    }

    /** Sends the notices of {@code changes} in the transaction of {@code connection}; nothing when none is stale. */
    static void send(Connection connection, Collection<StoreChange> changes) throws SQLException {
        send(connection, payloads(stale(changes)));
    }

    /** Tells every instance to forget everything (the store was emptied). */
    static void sendEverything(Connection connection) throws SQLException {
        send(connection, List.of(EVERYTHING));
    }

    private static void send(Connection connection, List<String> payloads) throws SQLException {
        if (payloads.isEmpty()) {
            return;
        }
        Array array = connection.createArrayOf("text", payloads.toArray());
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, p) FROM unnest(?) p")) {
            notify.setString(1, CHANNEL);
            notify.setArray(2, array);
            notify.executeQuery().close();
        } finally {
            array.free();
        }
    }

    // minutes reach traces through the chains the topology rewrites for them; the transparency log is not in a trace
    static List<Stale> stale(Collection<StoreChange> changes) {
        List<Stale> stale = new ArrayList<>();
        for (StoreChange change : changes) {
            if (change instanceof StoreChange.Blame blame) {
                stale.add(new Stale.File(blame.repo(), blame.path()));
            } else if (change instanceof StoreChange.Chain chain) {
                stale.add(new Stale.Chain(chain.repo(), chain.sha()));
            }
        }
        return stale;
    }

    /** The payloads that name {@code stale}: several when they do not fit in one, {@link #EVERYTHING} when too many. */
    static List<String> payloads(List<Stale> stale) {
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder();
        int bytes = 0;
        for (Stale entry : stale) {
            String encoded = encode(entry);
            int size = encoded.getBytes(StandardCharsets.UTF_8).length;
            if (size > MAX_PAYLOAD_BYTES) {
                return List.of(EVERYTHING);
            }
            if (bytes + size > MAX_PAYLOAD_BYTES) {
                payloads.add(payload.toString());
                payload.setLength(0);
                bytes = 0;
            }
            payload.append(encoded);
            bytes += size;
        }
        if (bytes > 0) {
            payloads.add(payload.toString());
        }
        return payloads.size() > MAX_PAYLOADS ? List.of(EVERYTHING) : payloads;
    }

    /** The entries a payload names; empty when it stands for everything or cannot be read (forget everything then). */
    public static Optional<List<Stale>> read(String payload) {
        if (payload.equals(EVERYTHING)) {
            return Optional.empty();
        }
        List<Stale> stale = new ArrayList<>();
        int at = 0;
        try {
            while (at < payload.length()) {
                char kind = payload.charAt(at++);
                int repoEnd = payload.indexOf(':', at);
                int repoStart = repoEnd + 1;
                String repo = payload.substring(repoStart, repoStart + Integer.parseInt(payload, at, repoEnd, 10));
                at = repoStart + repo.length();
                int nameEnd = payload.indexOf(':', at);
                int nameStart = nameEnd + 1;
                String name = payload.substring(nameStart, nameStart + Integer.parseInt(payload, at, nameEnd, 10));
                at = nameStart + name.length();
                if (kind == 'f') {
                    stale.add(new Stale.File(repo, name));
                } else if (kind == 'c') {
                    stale.add(new Stale.Chain(repo, name));
                } else {
                    return Optional.empty();
                }
            }
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
        return Optional.of(stale);
    }

    private static String encode(Stale entry) {
        if (entry instanceof Stale.File file) {
            return "f" + lengthPrefixed(file.repo()) + lengthPrefixed(file.path());
        }
        Stale.Chain chain = (Stale.Chain) entry;
        return "c" + lengthPrefixed(chain.repo()) + lengthPrefixed(chain.sha());
    }

    private static String lengthPrefixed(String text) {
        return text.length() + ":" + text;
    }
}
