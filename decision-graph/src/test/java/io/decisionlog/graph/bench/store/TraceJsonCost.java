package io.decisionlog.graph.bench.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Json;
import io.decisionlog.events.Topics;
import io.decisionlog.graph.api.TraceView;
import io.decisionlog.graph.store.PublicChain;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * What the JSON work of one {@code GET /api/v1/trace} cost, per request, on one thread, before the projection stored
 * each chain's trace parts (V2): reading the stored chain back into a {@link DecisionChain} (e-mails stripped), and
 * writing the {@link TraceView} (as the REST layer does, snake_case). A trace still does this for
 * {@code format=mermaid}, with {@code decisionlog.api.expose-emails=true}, and for rows projected before V2. Chains are
 * the benchmark's ({@link StoreDataset}), bodies exactly as the store keeps them. A diagnosis aid for the
 * root BENCHMARKS.md, not a test.
 *
 * <pre>java -cp … io.decisionlog.graph.bench.store.TraceJsonCost [seconds=20]</pre>
 */
public final class TraceJsonCost {
    private TraceJsonCost() {
    }

    public static void main(String[] argv) throws IOException {
        Map<String, String> args = new HashMap<>();
        for (String arg : argv) {
            args.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        StoreDataset data = StoreDataset.of(args);
        int seconds = Integer.parseInt(args.getOrDefault("seconds", "20"));
        int count = 4096;
        String[] bodies = new String[count];
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            // the commits lines point at: skewed towards the newest, as StoreDataset's ranges are
            int commit = data.commitOf((i * 7919) % data.files, 1 + (i * 31) % data.lines);
            bodies[i] = new String(Topics.CHAINS.valueSerde().serialize(Topics.CHAINS.name(), data.chain(commit)),
                    java.nio.charset.StandardCharsets.UTF_8);
            bytes += bodies[i].length();
        }
        ObjectMapper rest = Json.MAPPER.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        System.out.printf("%d stored chains, %d bytes on average%n", count, bytes / count);
        // half the time warms the JIT, the second half is measured
        for (int round = 0; round < 2; round++) {
            long readNanos = 0;
            long writeNanos = 0;
            long ops = 0;
            long sink = 0;
            long end = System.nanoTime() + seconds * 500_000_000L;
            while (System.nanoTime() < end) {
                for (int k = 0; k < 256; k++, ops++) {
                    String body = bodies[(int) (ops % count)];
                    long t0 = System.nanoTime();
                    DecisionChain chain = PublicChain.withoutEmails(Json.MAPPER.readValue(body, DecisionChain.class));
                    long t1 = System.nanoTime();
                    GitCommit c = chain.commit();
                    TraceView view = new TraceView(StoreDataset.REPO, "svc-0042/config/app-17.yaml", 17,
                            "  payments-timeout: 30s  # raised after incident", c.sha(),
                            new TraceView.Blame(c.sha(), "svc-0042/config/app-17.yaml", 15, false, c.author(), c.committer(),
                                    c.authoredAt(), c.committedAt(), c.subject()),
                            chain.ciRuns(), chain.decisions(), chain.complete(), chain.missing());
                    byte[] out = rest.writeValueAsBytes(view);
                    long t2 = System.nanoTime();
                    readNanos += t1 - t0;
                    writeNanos += t2 - t1;
                    sink += out.length;
                }
            }
            System.out.printf("%s: %,d traces; read the stored chain %.1f µs, write the answer %.1f µs per trace"
                            + " (%d bytes per answer)%n", round == 0 ? "warm-up" : "measured", ops,
                    readNanos / 1e3 / ops, writeNanos / 1e3 / ops, sink / ops);
        }
    }
}
