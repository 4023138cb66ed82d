package io.decisionlog.graph.bench.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.ClientConfigs;
import io.decisionlog.events.Json;
import io.decisionlog.events.Keys;
import io.decisionlog.events.TopicAdmin;
import io.decisionlog.events.Topics;
import io.decisionlog.events.evidence.BundleVerification;
import io.decisionlog.events.tlog.NoteKeys;
import io.decisionlog.graph.bench.store.StoreDataset;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The evidence export of 10,000 commits against its floor, as a ratio (issue #20): the floor is the walk of the same
 * range through {@code GET /api/v1/chains} (pages of 500 whole chains: the same rows, the same chains, through the same
 * stack), timed in turn with the export in every round. The service's heap is sampled from /q/metrics during each,
 * and the first bundle is verified offline ({@link BundleVerification}) so the timed answer is a right one.
 *
 * <pre>PAGE_BENCH_TOKEN=dl_… java -cp … io.decisionlog.graph.bench.evidence.EvidenceBench url=http://127.0.0.1:8080 \
 *     bootstrap=127.0.0.1:19092 [commits=10000 rounds=5]</pre> (bench/evidence.sh does all that)
 */
public final class EvidenceBench {
    private static final String RANGE = "repo=" + StoreDataset.REPO + "&since=2022-01-01&until=2022-12-31";
    private static final Pattern HEAP = Pattern.compile("(?m)^jvm_memory_used_bytes\\{([^}]*)} (\\S+)$");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String token;

    private EvidenceBench(String url, String token) {
        this.url = url;
        this.token = token;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (String arg : argv) {
            args.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        int commits = Integer.parseInt(args.getOrDefault("commits", "10000"));
        StoreDataset data = new StoreDataset(42, 1, 10, commits, 50);
        load(args.getOrDefault("bootstrap", "127.0.0.1:9092"), data);
        EvidenceBench bench = new EvidenceBench(args.getOrDefault("url", "http://127.0.0.1:8080"),
                System.getenv("PAGE_BENCH_TOKEN"));
        bench.awaitStore(commits, Integer.parseInt(args.getOrDefault("timeout", "600")));
        bench.checkOnce(commits);
        bench.run(Integer.parseInt(args.getOrDefault("rounds", "5")));
    }

    private static void load(String bootstrap, StoreDataset data) {
        System.out.println(TopicAdmin.ensureTopics(bootstrap, List.of(Topics.BLAME, Topics.CHAINS, Topics.MINUTES),
                (short) 1));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(ClientConfigs.durableProducer(bootstrap,
                "evidence-bench"))) {
            for (int d = 0; d < data.decisions; d++) {
                String id = StoreDataset.decisionId(d);
                producer.send(new ProducerRecord<>(Topics.MINUTES.name(), id,
                        Topics.MINUTES.valueSerde().serialize(Topics.MINUTES.name(), data.minutes(d))));
            }
            for (int c = 0; c < data.commits; c++) {
                producer.send(new ProducerRecord<>(Topics.CHAINS.name(), Keys.commit(StoreDataset.REPO, data.sha(c)),
                        Topics.CHAINS.valueSerde().serialize(Topics.CHAINS.name(), data.chain(c))));
            }
            // a repository is known to the API by its blame: one file of it
            producer.send(new ProducerRecord<>(Topics.BLAME.name(), Keys.blame(StoreDataset.REPO, data.path(0)),
                    Topics.BLAME.valueSerde().serialize(Topics.BLAME.name(), data.blame(0))));
            producer.flush();
        }
        System.out.println("written: " + data.decisions + " minutes, " + data.commits + " chains, 1 blamed file");
    }

    private HttpResponse<InputStream> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(5)).GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        return response;
    }

    private String text(String path) throws Exception {
        try (InputStream body = get(path).body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Until the commits list of the range holds every commit. */
    private void awaitStore(int commits, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long known = 0;
        while (System.nanoTime() < deadline) {
            try {
                known = walk("/api/v1/commits?" + RANGE + "&limit=500");
            } catch (IllegalStateException notYet) {
                known = -1; // 404 until the repository's blame is in the store
            }
            if (known == commits) {
                System.out.println("store ready: " + known + " commits");
                return;
            }
            Thread.sleep(1_000);
        }
        throw new IllegalStateException("the store has " + known + " of " + commits + " commits after " + seconds + " s");
    }

    /** Pages through a cursor-paged list; the number of items seen. */
    private long walk(String first) throws Exception {
        long items = 0;
        String cursor = null;
        do {
            JsonNode page = Json.MAPPER.readTree(text(first + (cursor == null ? "" : "&cursor=" + cursor)));
            items += page.path("items").size();
            cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
        } while (cursor != null);
        return items;
    }

    private void checkOnce(int commits) throws Exception {
        NoteKeys.Verifier key = NoteKeys.verifier(text("/api/v1/log/key"));
        try (InputStream body = get("/api/v1/evidence?" + RANGE).body()) {
            BundleVerification.Report report = BundleVerification.verify(
                    new InputStreamReader(body, StandardCharsets.UTF_8), key, null);
            if (!report.ok() || report.holds().stream().noneMatch(h -> h.startsWith(commits + " commits"))) {
                throw new IllegalStateException("the bundle does not verify: " + report);
            }
            System.out.println("the bundle verifies offline: " + report.holds());
        }
    }

    private long export() throws Exception {
        try (InputStream body = get("/api/v1/evidence?" + RANGE).body()) {
            return body.transferTo(OutputStream.nullOutputStream());
        }
    }

    private void run(int rounds) throws Exception {
        export();
        walk("/api/v1/chains?" + RANGE + "&limit=500");
        double[] exportMs = new double[rounds];
        double[] floorMs = new double[rounds];
        long[] exportHeap = new long[rounds];
        long[] floorHeap = new long[rounds];
        long bytes = 0;
        for (int r = 0; r < rounds; r++) {
            boolean exportFirst = r % 2 == 0;
            for (int k = 0; k < 2; k++) {
                boolean exporting = (k == 0) == exportFirst;
                HeapSampler heap = new HeapSampler();
                long started = System.nanoTime();
                if (exporting) {
                    bytes = export();
                } else {
                    walk("/api/v1/chains?" + RANGE + "&limit=500");
                }
                double ms = (System.nanoTime() - started) / 1e6;
                long peak = heap.stop();
                (exporting ? exportMs : floorMs)[r] = ms;
                (exporting ? exportHeap : floorHeap)[r] = peak;
            }
            System.out.printf("round %d: export %.0f ms (heap peak %d MB), chains walk %.0f ms (heap peak %d MB), "
                    + "ratio %.2f%n", r + 1, exportMs[r], exportHeap[r] >> 20, floorMs[r], floorHeap[r] >> 20,
                    exportMs[r] / floorMs[r]);
        }
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratios[r] = exportMs[r] / floorMs[r];
        }
        Arrays.sort(ratios);
        System.out.printf("export of the range: %d bytes; median %.0f ms against the chains walk's %.0f ms: ratio %.2f "
                        + "(%.2f-%.2f); the service's heap peak %d MB exporting, %d MB walking%n", bytes,
                median(exportMs), median(floorMs), median(ratios), ratios[0], ratios[rounds - 1],
                Arrays.stream(exportHeap).max().orElse(0) >> 20, Arrays.stream(floorHeap).max().orElse(0) >> 20);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The service's used heap now: the sum of its heap pools in /q/metrics. */
    private long heapUsed() throws Exception {
        Matcher m = HEAP.matcher(text("/q/metrics"));
        long used = 0;
        while (m.find()) {
            if (m.group(1).contains("area=\"heap\"")) {
                used += (long) Double.parseDouble(m.group(2));
            }
        }
        return used;
    }

    /** Samples the service's heap every 100 ms until stopped; the highest seen. */
    private final class HeapSampler implements Runnable {
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread = new Thread(this, "heap-sampler");
        private volatile boolean running = true;

        HeapSampler() {
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            while (running) {
                try {
                    peak.accumulateAndGet(heapUsed(), Math::max);
                    Thread.sleep(100);
                } catch (Exception e) {
                    return;
                }
            }
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return peak.get();
        }
    }
}
