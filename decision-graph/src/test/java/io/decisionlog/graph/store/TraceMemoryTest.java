package io.decisionlog.graph.store;

import io.decisionlog.graph.config.StoreConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What memory keeps and forgets, against a store that counts its reads (PostgreSQL's side is in StoreApiTest). */
class TraceMemoryTest {
    private final CountingStore store = new CountingStore();
    private final TraceMemory memory = new TraceMemory(store, config(64 << 20), new SimpleMeterRegistry());

    @Test
    void shouldReadTheStoreOnceAndAnswerFromMemoryAfter() {
        memory.listening(true);

        LineAt first = memory.lineAt("r", "a.yaml", 2, false).orElseThrow();
        LineAt again = memory.lineAt("r", "a.yaml", 2, false).orElseThrow();

        assertThat(again).isEqualTo(first);
        assertThat(first.text()).isEqualTo("two");
        assertThat(first.chain().parts()).isEqualTo(new TraceParts("{\"subject\":\"s\"}", "{\"complete\":true}"));
        assertThat(store.reads).containsExactly("file r:a.yaml", "chain r@a");
    }

    @Test
    void shouldReadTheStoreWhileNotListeningOrWhenTheBodyIsWanted() {
        memory.lineAt("r", "a.yaml", 2, false);
        memory.listening(true);
        memory.lineAt("r", "a.yaml", 2, true);
        memory.listening(false);
        memory.lineAt("r", "a.yaml", 2, false);

        assertThat(store.reads).containsExactly("line r:a.yaml:2", "line r:a.yaml:2 with body", "line r:a.yaml:2");
    }

    @Test
    void shouldForgetWhatANoticeNamesAndEverythingOnEverything() {
        memory.listening(true);
        memory.lineAt("r", "a.yaml", 2, false);
        memory.forget(Optional.of(List.of(new TraceNotices.Stale.Chain("r", "a"))));
        memory.lineAt("r", "a.yaml", 2, false);
        memory.forget(Optional.of(List.of(new TraceNotices.Stale.File("r", "a.yaml"))));
        memory.lineAt("r", "a.yaml", 2, false);
        memory.forget(Optional.empty());
        memory.lineAt("r", "a.yaml", 2, false);

        assertThat(store.reads).containsExactly("file r:a.yaml", "chain r@a", "chain r@a", "file r:a.yaml",
                "file r:a.yaml", "chain r@a");
    }

    @Test
    void shouldNotKeepAReadThatANoticeOverlapped() {
        memory.listening(true);
        // the store answers with what it held before a writer's transaction, whose notice arrives meanwhile
        store.duringRead = () -> memory.forget(Optional.of(List.of(new TraceNotices.Stale.File("r", "a.yaml"))));
        memory.lineAt("r", "a.yaml", 2, false);
        store.duringRead = () -> { };
        memory.lineAt("r", "a.yaml", 2, false);
        memory.lineAt("r", "a.yaml", 2, false);

        // the file read again once (the chain was read after the notice, so it was kept), then nothing
        assertThat(store.reads).containsExactly("file r:a.yaml", "chain r@a", "file r:a.yaml");
    }

    @Test
    void shouldRememberThatACommitHasNoChainUntilToldItHasOne() {
        memory.listening(true);
        store.chains = false;
        assertThat(memory.lineAt("r", "a.yaml", 1, false).orElseThrow().chain()).isNull();
        assertThat(memory.lineAt("r", "a.yaml", 1, false).orElseThrow().chain()).isNull();
        store.chains = true;
        memory.forget(Optional.of(List.of(new TraceNotices.Stale.Chain("r", "a"))));

        assertThat(memory.lineAt("r", "a.yaml", 1, false).orElseThrow().chain()).isNotNull();
        assertThat(store.reads).containsExactly("file r:a.yaml", "chain r@a", "chain r@a");
    }

    @Test
    void shouldNotRememberAnUnknownFileNorAChainWithoutItsParts() {
        memory.listening(true);
        assertThat(memory.lineAt("r", "gone.yaml", 1, false)).isEmpty();
        store.parts = false;
        memory.lineAt("r", "a.yaml", 1, false);
        memory.lineAt("r", "a.yaml", 1, false);

        assertThat(store.reads).containsExactly("file r:gone.yaml", "file r:a.yaml", "chain r@a", "chain r@a");
    }

    private static StoreConfig config(long bytes) {
        return new StoreConfig() {
            @Override
            public String groupId() {
                return "g";
            }

            @Override
            public int maxBatch() {
                return 1;
            }

            @Override
            public MemorySize traceMemory() {
                return new MemorySize(BigInteger.valueOf(bytes));
            }

            @Override
            public Duration readTimeout() {
                return Duration.ofSeconds(10);
            }

            @Override
            public boolean enabled() {
                return true;
            }
        };
    }

    private static final class CountingStore extends StoreQueries {
        final List<String> reads = new ArrayList<>();
        Runnable duringRead = () -> { };
        boolean chains = true;
        boolean parts = true;

        CountingStore() {
            super(null, null);
        }

        @Override
        public Optional<LineAt> lineAt(String repo, String path, int line, boolean withBody) {
            reads.add("line " + repo + ":" + path + ":" + line + (withBody ? " with body" : ""));
            return Optional.empty();
        }

        @Override
        Optional<FileBlame> fileBlame(String repo, String path) {
            reads.add("file " + repo + ":" + path);
            duringRead.run();
            if (!path.equals("a.yaml")) {
                return Optional.empty();
            }
            return Optional.of(FileBlame.builder(path, 2, "tip").range(1, 2, "a", null, 1, false, new String[]{"one", "two"}).build());
        }

        @Override
        public Optional<StoredChain> chainOf(String repo, String sha, boolean withBody) {
            reads.add("chain " + repo + "@" + sha);
            if (!chains) {
                return Optional.empty();
            }
            TraceParts traceParts = parts ? new TraceParts("{\"subject\":\"s\"}", "{\"complete\":true}") : null;
            return Optional.of(new StoredChain(repo, sha, traceParts, parts ? null : "{}"));
        }
    }
}
