package io.decisionlog.graph.bench.pages;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.BlameFile;
import io.decisionlog.events.BlameRange;
import io.decisionlog.events.ChainDecision;
import io.decisionlog.events.ClientConfigs;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.Json;
import io.decisionlog.events.Keys;
import io.decisionlog.events.Topic;
import io.decisionlog.events.TopicAdmin;
import io.decisionlog.events.Topics;
import io.decisionlog.events.Via;
import io.decisionlog.graph.bench.store.StoreDataset;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times the web UI's two heavy pages against a floor, as ratios (issue #18). Writes straight onto the topics the
 * store projects: one file of 2,000 lines in 300 ranges by 300 commits (their chains from {@link StoreDataset}: 0-2
 * CI runs, 0-2 decisions each) and one decision, D-2024-100, whose 20 commits own 10,000 lines in 200 files of 50.
 * Then times, interleaved, the file page, the decision page and the floor {@code GET /sign-in} (a Qute page through
 * the same HTTP/JAX-RS stack, no store access) on one keep-alive HTTP/1.1 connection; the client shares the 2 cores,
 * and the floor carries its cost too, so the ratio is what compares across runs.
 *
 * <pre>PAGE_BENCH_TOKEN=dl_… java -cp … io.decisionlog.graph.bench.pages.PageBench url=http://127.0.0.1:8080 \
 *     bootstrap=127.0.0.1:19092 [rounds=5 requests=200 warmup=300 load=1]</pre> (bench/pages.sh does all that)
 */
public final class PageBench {
    private static final String REPO = StoreDataset.REPO;
    private static final String BIG = "config/big.yaml";
    private static final int LINES = 2_000;
    private static final int RANGES = 300;
    private static final int CHIP_DECISIONS = 20; // D-2020-000..019: the big file's chips
    private static final int DECISION = 4_100; // D-2024-100, none of the chips
    private static final String ID = StoreDataset.decisionId(DECISION);
    private static final int DECISION_COMMITS = 20;
    private static final int FILES = 200;
    private static final int FILE_LINES = 50;

    /** A page to time; {@code metric} is its uri template in /q/metrics. */
    record Page(String name, String path, String metric) {
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String token;

    private PageBench(String url, String token) {
        this.url = url;
        this.token = token;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (String arg : argv) {
            args.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        StoreDataset data = new StoreDataset(42, 1, LINES, RANGES, CHIP_DECISIONS);
        if (!"0".equals(args.get("load"))) {
            load(args.getOrDefault("bootstrap", "127.0.0.1:9092"), data);
        }
        PageBench bench = new PageBench(args.getOrDefault("url", "http://127.0.0.1:8080"), System.getenv("PAGE_BENCH_TOKEN"));
        bench.awaitStore(Integer.parseInt(args.getOrDefault("timeout", "300")));
        List<Page> pages = List.of(new Page("floor /sign-in", "/sign-in", "/sign-in"),
                new Page("file page", "/repos/" + REPO + "/blob/" + BIG, "/repos/{owner}/{name}/blob/{path: .*}"),
                new Page("decision page", "/decisions/" + ID, "/decisions/{id}"));
        int rounds = Integer.parseInt(args.getOrDefault("rounds", "5"));
        int requests = Integer.parseInt(args.getOrDefault("requests", "200"));
        bench.run(pages, new long[rounds][pages.size()][requests], Integer.parseInt(args.getOrDefault("warmup", "300")));
    }

    // --- the data set ---------------------------------------------------------------------------------------------

    private static void load(String bootstrap, StoreDataset data) {
        System.out.println(TopicAdmin.ensureTopics(bootstrap, List.of(Topics.BLAME, Topics.CHAINS, Topics.MINUTES), (short) 1));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(ClientConfigs.durableProducer(bootstrap, "page-bench"))) {
            for (int d = 0; d < CHIP_DECISIONS; d++) {
                send(producer, Topics.MINUTES, StoreDataset.decisionId(d), data.minutes(d));
            }
            send(producer, Topics.MINUTES, ID, data.minutes(DECISION));
            for (int c = 0; c < RANGES; c++) {
                send(producer, Topics.CHAINS, Keys.commit(REPO, data.sha(c)), data.chain(c));
            }
            for (int c = RANGES; c < RANGES + DECISION_COMMITS; c++) {
                send(producer, Topics.CHAINS, Keys.commit(REPO, data.sha(c)), decisionChain(data, c));
            }
            send(producer, Topics.BLAME, Keys.blame(REPO, BIG), bigFile(data));
            for (int f = 0; f < FILES; f++) {
                BlameFile file = decidedFile(data, f);
                send(producer, Topics.BLAME, Keys.blame(REPO, file.path()), file);
            }
            producer.flush();
        }
        System.out.println("written: " + (CHIP_DECISIONS + 1) + " minutes, " + (RANGES + DECISION_COMMITS)
                + " chains, " + (FILES + 1) + " blamed files");
    }

    private static <V> void send(KafkaProducer<String, byte[]> producer, Topic<V> topic, String key, V value) {
        // get(): a failed write must stop the benchmark, not leave it waiting for data that never comes
        try {
            producer.send(new ProducerRecord<>(topic.name(), key, topic.valueSerde().serialize(topic.name(), value))).get();
        } catch (Exception e) {
            throw new IllegalStateException("writing " + key + " to " + topic.name(), e);
        }
    }

    /** 2,000 lines in 300 ranges of 6-7 lines, range k by commit k. */
    private static BlameFile bigFile(StoreDataset data) {
        List<BlameRange> ranges = new ArrayList<>();
        for (int k = 0; k < RANGES; k++) {
            int start = 1 + k * LINES / RANGES;
            int end = 1 + (k + 1) * LINES / RANGES;
            ranges.add(new BlameRange(start, end - start, data.sha(k), BIG, start));
        }
        return new BlameFile(REPO, BIG, data.sha(RANGES - 1), LINES, ranges, text(data, 0, LINES));
    }

    /** 50 lines in two ranges, each by one of the decision's commits: the decision page links both. */
    private static BlameFile decidedFile(StoreDataset data, int f) {
        int half = FILE_LINES / 2;
        List<BlameRange> ranges = List.of(
                new BlameRange(1, half, data.sha(RANGES + f % DECISION_COMMITS), "x", 1),
                new BlameRange(half + 1, FILE_LINES - half, data.sha(RANGES + (f + 1) % DECISION_COMMITS), "x", half + 1));
        String path = String.format("decided/svc-%03d.yaml", f);
        ranges = ranges.stream().map(r -> new BlameRange(r.start(), r.count(), r.sha(), path, r.origStart())).toList();
        return new BlameFile(REPO, path, data.sha(RANGES), FILE_LINES, ranges, text(data, 1 + f, FILE_LINES));
    }

    private static List<String> text(StoreDataset data, int file, int lines) {
        List<String> text = new ArrayList<>(lines);
        for (int line = 1; line <= lines; line++) {
            text.add(data.text(file, line));
        }
        return text;
    }

    /** A commit with a trailer naming the decision; its CI runs as StoreDataset makes them (none for one in five). */
    private static DecisionChain decisionChain(StoreDataset data, int c) {
        var runs = data.chain(c).ciRuns();
        return new DecisionChain(data.commit(c, List.of(ID)), runs,
                List.of(new ChainDecision(ID, List.of(Via.TRAILER), data.minutes(DECISION))), !runs.isEmpty(),
                runs.isEmpty() ? List.of("no CI run for this commit") : List.of());
    }

    // --- HTTP -----------------------------------------------------------------------------------------------------

    private HttpResponse<byte[]> get(String path) throws Exception {
        // no Accept-Encoding: the sizes are what goes on the wire uncompressed
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Until both the file (every range with its chain) and the decision (all its lines) are in the store. */
    private void awaitStore(int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<byte[]> file = get("/api/v1/files?repo=" + REPO + "&path=" + BIG);
            HttpResponse<byte[]> decision = get("/api/v1/decisions/" + ID);
            if (file.statusCode() == 200 && decision.statusCode() == 200) {
                JsonNode ranges = Json.MAPPER.readTree(file.body()).path("ranges");
                JsonNode d = Json.MAPPER.readTree(decision.body());
                long known = 0;
                for (JsonNode range : ranges) {
                    known += range.path("subject").isTextual() ? 1 : 0;
                }
                last = ranges.size() + " ranges, " + known + " with chains; lines_owned " + d.path("lines_owned").asInt()
                        + ", " + d.path("commits").size() + " commits";
                if (ranges.size() == RANGES && known == RANGES && d.path("lines_owned").asInt() == FILES * FILE_LINES
                        && d.path("commits").size() == DECISION_COMMITS) {
                    System.out.println("store ready: " + last);
                    return;
                }
            } else {
                last = "files " + file.statusCode() + ", decision " + decision.statusCode();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the store did not get the data set in " + seconds + " s: " + last);
    }

    // --- timing ---------------------------------------------------------------------------------------------------

    /** samples[round][page][i]: nanoseconds. Each iteration asks every page once, starting one page later each time. */
    private void run(List<Page> pages, long[][][] samples, int warmup) throws Exception {
        int[] bytes = new int[pages.size()];
        for (int i = 0; i < warmup; i++) {
            for (int p = 0; p < pages.size(); p++) {
                bytes[p] = time(pages.get(p)).body().length;
            }
        }
        double[][] before = serverTimes(pages);
        String load = loadAverage();
        for (long[][] round : samples) {
            for (int i = 0; i < round[0].length; i++) {
                for (int k = 0; k < pages.size(); k++) {
                    int p = (i + k) % pages.size();
                    long started = System.nanoTime();
                    time(pages.get(p));
                    round[p][i] = System.nanoTime() - started;
                }
            }
        }
        double[][] after = serverTimes(pages);
        System.out.printf("%d rounds x %d requests per page after %d warm-up; load average before %s, after %s%n",
                samples.length, samples[0][0].length, warmup, load, loadAverage());
        report(pages, samples, bytes, before, after);
    }

    private HttpResponse<byte[]> time(Page page) throws Exception {
        HttpResponse<byte[]> response = get(page.path());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(page.path() + " answered " + response.statusCode());
        }
        return response;
    }

    /** Per page {count, seconds} of Micrometer's http_server_requests: the server's own time, from /q/metrics. */
    private double[][] serverTimes(List<Page> pages) throws Exception {
        String text = new String(get("/q/metrics").body());
        double[][] times = new double[pages.size()][2];
        Matcher m = Pattern.compile("(?m)^http_server_requests_seconds_(count|sum)\\{(.*)} (\\S+)$").matcher(text);
        while (m.find()) {
            for (int p = 0; p < pages.size(); p++) {
                if (m.group(2).contains("status=\"200\"") && m.group(2).contains("uri=\"" + pages.get(p).metric() + "\"")) {
                    times[p][m.group(1).equals("count") ? 0 : 1] += Double.parseDouble(m.group(3));
                }
            }
        }
        return times;
    }

    private static void report(List<Page> pages, long[][][] samples, int[] bytes, double[][] before, double[][] after) {
        System.out.printf("%-15s %9s %9s %9s %9s %18s %9s %11s%n", "page", "bytes", "median ms", "p90 ms",
                "ratio", "ratio range", "excess ms", "server mean");
        for (int p = 0; p < pages.size(); p++) {
            double[] ratios = new double[samples.length];
            double[] excess = new double[samples.length];
            List<Long> all = new ArrayList<>();
            for (int r = 0; r < samples.length; r++) {
                double page = median(samples[r][p]);
                double floor = median(samples[r][0]);
                ratios[r] = page / floor;
                excess[r] = (page - floor) / 1e6;
                Arrays.stream(samples[r][p]).forEach(all::add);
            }
            long[] pooled = all.stream().mapToLong(Long::longValue).sorted().toArray();
            double server = (after[p][1] - before[p][1]) / Math.max(1, after[p][0] - before[p][0]) * 1e3;
            System.out.printf("%-15s %,9d %9.2f %9.2f %9.2f %8.2f – %7.2f %9.2f %11.2f%n", pages.get(p).name(),
                    bytes[p], pooled[pooled.length / 2] / 1e6, pooled[pooled.length * 9 / 10] / 1e6, median(ratios),
                    Arrays.stream(ratios).min().orElse(0), Arrays.stream(ratios).max().orElse(0), median(excess), server);
        }
        System.out.println("median/p90: all rounds pooled, client-side; ratio: page median / floor median per round, the "
                + "median and range over rounds; excess: page - floor per round, median; server mean: Micrometer's "
                + "http_server_requests over the timed requests (mean, not median)");
    }

    private static double median(long[] values) {
        return median(Arrays.stream(values).asDoubleStream().toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" "), 3));
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
