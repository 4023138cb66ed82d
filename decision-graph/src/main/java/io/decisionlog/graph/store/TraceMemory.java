package io.decisionlog.graph.store;

import io.decisionlog.graph.config.StoreConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.Deflater;

/**
 * What traces read, kept in memory: files' blame at their tips and their commits' trace parts, read through from the
 * store on a miss and bounded in bytes ({@code decisionlog.store.trace-memory}); PostgreSQL stays the source.
 * <p>
 * Every instance forgets what the store's writers announce as stale ({@link TraceNotices}, received by
 * {@link TraceMemoryListener}), so an instance answers from memory only while it listens. A read that overlapped a
 * notice is answered but not remembered: it may have seen the store before that notice's transaction.
 */
@ApplicationScoped
public class TraceMemory {
    // a FileKey or CommitKey with its two strings, about
    private static final int KEY_BYTES = 160;
    private final StoreQueries queries;
    private final ClockMap<Object, Remembered> entries;
    private final boolean enabled;
    private final Object guard = new Object();
    private long notices;
    private volatile boolean listening;

    /** A file's blame or a commit's chain. */
    interface Remembered extends ClockMap.Weighed {
    }

    @Inject
    public TraceMemory(StoreQueries queries, StoreConfig config, MeterRegistry registry) {
        this.queries = queries;
        long bytes = config.traceMemory().asLongValue();
        this.enabled = bytes > 0;
        this.entries = new ClockMap<>(Math.max(bytes, 0));
        // the names Micrometer gives a cache's meters
        FunctionCounter.builder("cache.gets", entries.hits, LongAdder::sum).tags("cache", "trace_memory", "result", "hit")
                .description("Trace memory's answers from memory").register(registry);
        FunctionCounter.builder("cache.gets", entries.misses, LongAdder::sum).tags("cache", "trace_memory", "result", "miss")
                .description("Trace memory's reads of the store").register(registry);
        FunctionCounter.builder("cache.evictions", entries.evictions, LongAdder::sum).tags("cache", "trace_memory")
                .description("Entries trace memory let go for room").register(registry);
        Gauge.builder("cache.size", entries, ClockMap::size).tags("cache", "trace_memory")
                .description("Files and chains in trace memory").register(registry);
        Gauge.builder("decisionlog.trace.memory", entries, ClockMap::bytes)
                .description("Bytes of trace memory in use, about (bounded by decisionlog.store.trace-memory)")
                .baseUnit("bytes").register(registry);
    }

    public boolean enabled() {
        return enabled;
    }

    /** As {@link StoreQueries#lineAt}, from memory where it can. */
    public Optional<LineAt> lineAt(String repo, String path, int line, boolean withBody) {
        if (withBody || !listening) {
            return queries.lineAt(repo, path, line, withBody);
        }
        FileKey key = new FileKey(repo, path);
        FileBlame file = (FileBlame) entries.get(key);
        if (file == null) {
            long seen = noticesSoFar();
            Optional<FileBlame> stored = queries.fileBlame(repo, path);
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            file = stored.get();
            // a repository's name once in memory, not once per entry (the key came with the request)
            remember(new FileKey(repo.intern(), path), file, seen);
        }
        return Optional.of(file.at(line, sha -> chain(repo, sha)));
    }

    private StoredChain chain(String repo, String sha) {
        CommitKey key = new CommitKey(repo, sha);
        KnownChain known = (KnownChain) entries.get(key);
        if (known != null) {
            return known.stored(repo, sha);
        }
        long seen = noticesSoFar();
        Optional<StoredChain> stored = queries.chainOf(repo, sha, false);
        if (stored.isEmpty()) {
            remember(new CommitKey(repo.intern(), sha), KnownChain.NONE, seen);
            return null;
        }
        // a row without parts (projected before they existed) is rendered from its body until it is rewritten
        if (stored.get().parts() != null) {
            remember(new CommitKey(repo.intern(), sha), KnownChain.of(stored.get().parts()), seen);
        }
        return stored.get();
    }

    /** The store's writers made these stale; an empty list: everything. */
    void forget(Optional<List<TraceNotices.Stale>> stale) {
        synchronized (guard) {
            notices++;
            if (stale.isEmpty()) {
                entries.clear();
                return;
            }
            stale.get().forEach(entry -> entries.remove(entry.key()));
        }
    }

    /** Listening or not: either way what was remembered before may have missed notices. */
    void listening(boolean now) {
        synchronized (guard) {
            notices++;
            entries.clear();
            listening = now && enabled;
        }
    }

    private long noticesSoFar() {
        synchronized (guard) {
            return notices;
        }
    }

    private void remember(Object key, Remembered value, long seen) {
        synchronized (guard) {
            if (listening && notices == seen) {
                entries.put(key, value, KEY_BYTES);
            }
        }
    }

    /** A commit's trace parts, deflated, or none: the store has no chain of the commit. */
    record KnownChain(Deflated parts, int commitLength) implements Remembered {
        static final KnownChain NONE = new KnownChain(null, 0);

        // what every chain's parts share, for deflate to refer back to: 1.8 KB of JSON deflate to ~50 % alone
        private static final byte[] SHAPE = ("{\"author\":{\"name\":\"\",\"email\":null},\"committer\":{\"name\":\"\","
                + "\"email\":null},\"authored_at\":\"\",\"committed_at\":\"\",\"subject\":\"\"}"
                + "{\"ci_runs\":[{\"provider\":\"github\",\"repo\":\"\",\"run_id\":\"\",\"attempt\":1,\"workflow\":\"\","
                + "\"workflow_path\":\".github/workflows/\",\"event\":\"push\",\"head_sha\":\"\",\"head_branch\":\"main\","
                + "\"actor\":\"\",\"status\":\"completed\",\"conclusion\":\"success\",\"started_at\":\"\",\"updated_at\":\"\","
                + "\"completed_at\":\"\",\"url\":\"https://\",\"title\":\"\",\"decision_ids\":[],\"reason\":null,"
                + "\"delivery_id\":\"\",\"received_at\":\"\",\"origin\":null,\"triggering_actor\":null,\"inputs\":{},"
                + "\"decision_ref\":null}],\"decisions\":[{\"decision_id\":\"\",\"via\":[\"trailer\",\"ci_input\","
                + "\"ci_title\"],\"minutes\":{\"decision_id\":\"\",\"title\":\"\",\"status\":\"accepted\",\"date\":\"\","
                + "\"owner\":\"\",\"attendees\":[],\"topic\":\"\",\"context\":\"\",\"decision\":\"\",\"rationale\":\"\","
                + "\"supersedes\":[],\"commits\":[],\"links\":[],\"meeting\":{\"title\":\"\",\"date\":\"\","
                + "\"source_repo\":\"\",\"path\":\"\",\"commit\":\"\"}}}],\"complete\":false,\"missing\":[]}")
                .getBytes(StandardCharsets.UTF_8);

        static KnownChain of(TraceParts parts) {
            // the default level: 8 % smaller than the fastest on the bench's chains; a chain is 1-2 KB, quick either way
            return new KnownChain(Deflated.of(parts.commit() + parts.links(), SHAPE, Deflater.DEFAULT_COMPRESSION),
                    parts.commit().length());
        }

        StoredChain stored(String repo, String sha) {
            if (parts == null) {
                return null;
            }
            String both = parts.text(0, parts.length());
            return new StoredChain(repo, sha, new TraceParts(both.substring(0, commitLength), both.substring(commitLength)), null);
        }

        @Override
        public int weight() {
            return 96 + (parts == null ? 0 : parts.bytes().length);
        }
    }
}
