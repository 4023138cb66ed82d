package io.decisionlog.graph.bench.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.Json;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Open-model load on {@code GET /api/v1/trace}: at a fixed rate R, request i is due at t0 + i/R by the clock,
 * whatever happened to the ones before; its latency runs from that due time to the end of the response, so a stalled
 * server (or a full connection pool: at most {@code connections} requests are in flight) cannot hide its queue
 * (no coordinated omission). Each request asks for a random line of {@link StoreDataset}; every 200 answer is checked
 * to carry the commit the generator wrote for that line, and a sample is parsed and checked field by field (line,
 * path, text, blame.sha), so a fast error page cannot pass for a fast answer.
 * <p>
 * For each rate (and each of {@code runs} runs): {@code warmup} s at the rate, discarded, then {@code duration} s
 * measured. Prints achieved rate, p50/p90/p99/p99.9/max, non-200s, failures and wrong answers, the CPU each watched
 * process used (cores) and what the rest of the machine used ({@code others}: other people's work on a shared box),
 * and at the end the median per rate and the rate from which p99 stays above {@code thresholdMs} (bisected
 * {@code refine} times between it and the measured rate below).
 * <p>
 * {@code endpoints=trace,floor} measures the trace against its floor (issue #24): {@code GET /api/v1/trace-floor},
 * present only in a build made with {@code -Ddecisionlog.bench.trace-floor=true}, goes through the same stack and
 * answers a constant body as large as the sanity request's trace. Each run at each rate measures both in turn
 * (trace first in odd runs, the floor first in even ones), and the end prints the ratio of their crossing rates and
 * of their p99 at each rate. The token goes in {@code TRACE_BENCH_TOKEN}, never on the command line.
 * <p>
 * {@code client=http} (default) sends with {@code java.net.http.HttpClient} (HTTP/1.1, async); {@code client=raw} with a
 * minimal blocking HTTP/1.1 client, one thread per connection, same schedule and accounting. On a 2-core machine
 * that also runs the server, HttpClient's CPU (~0.5-0.9 ms per request measured here, against ~0.12 ms for the raw
 * client) is what saturates first; see the root BENCHMARKS.md.
 *
 * <pre>java -cp … io.decisionlog.graph.bench.store.TraceLoad url=http://127.0.0.1:8080 rates=500,1000,2000,3000,4000
 *     [client=http|raw duration=30 warmup=10 runs=1 connections=64 thresholdMs=50 refine=2 abortMs=5000
 *      prewarm=60 prewarmRate=500 (JIT warm-up before the first rate) executor=pool|direct threads=2 (HttpClient)
 *      watch=decision-graph:PID,postgres:PID+,kafka:PID   (PID+ adds the process's children)
 *      seed=42 files=10000 lines=100 commits=50000 decisions=5000 csv=FILE]</pre>
 */
public final class TraceLoad {
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);
    private static final String MACHINE = "(machine)";

    private final Map<String, String> args;
    private final StoreDataset data;
    private final String baseUrl;
    private final int connections;
    private final HttpClient client;
    private final String clientKind;
    private Sender sender;
    private final StoreDataset.Ranges[] ranges;
    private final String[] paths;
    private final String[] shas;
    private final Map<String, Watched> watched = new LinkedHashMap<>();
    private final int clockTicks;
    /** slow=FILE: every measured answer slower than slowMs, with its due time on the wall clock (to line up with GC logs). */
    private final Path slowLog;
    private final long slowMicros;
    private final long wallMinusNano = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
    /** The "Authorization" header's value, or null. */
    private final String authorization;
    /** The floor's body size: the sanity request's trace answer, in bytes. */
    private int floorBytes;

    /** What a request asks: the line's trace, or the same request's floor (a constant body through the same stack). */
    private enum Endpoint {
        TRACE("/api/v1/trace"), FLOOR("/api/v1/trace-floor");

        final String path;

        Endpoint(String path) {
            this.path = path;
        }
    }

    private TraceLoad(Map<String, String> args) {
        this.args = args;
        this.data = StoreDataset.of(args);
        this.baseUrl = args.getOrDefault("url", "http://127.0.0.1:8080");
        this.connections = Integer.parseInt(args.getOrDefault("connections", "64"));
        // the keep-alive cache never holds more than the connections in use
        System.setProperty("jdk.httpclient.connectionPoolSize", Integer.toString(connections));
        // executor=direct runs response handling on HttpClient's selector thread (fewer hand-offs, less CPU)
        java.util.concurrent.Executor executor = "direct".equals(args.get("executor")) ? Runnable::run
                : Executors.newFixedThreadPool(Integer.parseInt(args.getOrDefault("threads", "2")), r -> {
                    Thread thread = new Thread(r, "trace-load-client");
                    thread.setDaemon(true);
                    return thread;
                });
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.clientKind = args.getOrDefault("client", "http");
        this.ranges = new StoreDataset.Ranges[data.files];
        this.paths = new String[data.files];
        for (int f = 0; f < data.files; f++) {
            ranges[f] = data.ranges(f);
            paths[f] = URLEncoder.encode(data.path(f), StandardCharsets.UTF_8);
        }
        this.shas = new String[data.commits];
        for (int c = 0; c < data.commits; c++) {
            shas[c] = data.sha(c);
        }
        watched.put("load-gen", new Watched(ProcessHandle.current().pid(), false));
        for (String entry : args.getOrDefault("watch", "").split(",")) {
            if (!entry.isBlank() && entry.contains(":")) {
                String pid = entry.substring(entry.indexOf(':') + 1).trim();
                if (!pid.isEmpty() && !pid.equals("+") && !pid.startsWith("-")) {
                    boolean children = pid.endsWith("+");
                    watched.put(entry.substring(0, entry.indexOf(':')),
                            new Watched(Long.parseLong(children ? pid.substring(0, pid.length() - 1) : pid), children));
                }
            }
        }
        this.clockTicks = Integer.parseInt(args.getOrDefault("clockTicks", "100"));
        this.slowLog = args.containsKey("slow") ? Path.of(args.get("slow")) : null;
        this.slowMicros = (long) (Double.parseDouble(args.getOrDefault("slowMs", "10")) * 1_000);
        String token = System.getenv("TRACE_BENCH_TOKEN");
        this.authorization = token == null || token.isBlank() ? null : "Bearer " + token.trim();
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (String arg : argv) {
            args.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        new TraceLoad(args).run();
        System.exit(0);
    }

    private void run() throws Exception {
        int[] rates = Arrays.stream(args.getOrDefault("rates", "500,1000,2000,3000,4000").split(","))
                .map(String::trim).mapToInt(Integer::parseInt).sorted().toArray();
        int duration = Integer.parseInt(args.getOrDefault("duration", "30"));
        int warmup = Integer.parseInt(args.getOrDefault("warmup", "10"));
        int runs = Integer.parseInt(args.getOrDefault("runs", "1"));
        double threshold = Double.parseDouble(args.getOrDefault("thresholdMs", "50"));
        double abort = Double.parseDouble(args.getOrDefault("abortMs", "5000"));
        int refine = Integer.parseInt(args.getOrDefault("refine", "2"));
        List<Endpoint> endpoints = Arrays.stream(args.getOrDefault("endpoints", "trace").split(","))
                .map(name -> Endpoint.valueOf(name.trim().toUpperCase(Locale.ROOT))).distinct().toList();
        System.out.printf("open model: %s %s, client %s, %d connections at most, warm-up %d s + %d s measured"
                + " per run, %d run(s) per rate, rates %s; watching %s%n", baseUrl,
                endpoints.stream().map(e -> e.path).toList(), clientKind, connections, warmup, duration, runs,
                Arrays.toString(rates), watched.keySet());
        floorBytes = sanity();
        if (endpoints.contains(Endpoint.FLOOR)) {
            sanityOfFloor();
        }
        sender = switch (clientKind) {
            case "http" -> new HttpClientSender(client, connections);
            case "raw" -> new RawSender(URI.create(baseUrl), connections);
            default -> throw new IllegalArgumentException("client must be http or raw, not " + clientKind);
        };

        // the JIT of a fresh server needs tens of thousands of requests: warm it before the first measured rate
        int prewarm = Integer.parseInt(args.getOrDefault("prewarm", "60"));
        if (prewarm > 0) {
            int prewarmRate = Integer.parseInt(args.getOrDefault("prewarmRate", "500"));
            for (Endpoint endpoint : endpoints) {
                System.out.println(phase(endpoint, prewarmRate, 0, prewarm / endpoints.size(), 0).line()
                        + "   (JIT warm-up, not counted)");
            }
        }
        Map<Endpoint, Map<Integer, List<Result>>> results = new EnumMap<>(Endpoint.class);
        endpoints.forEach(endpoint -> results.put(endpoint, new TreeMap<>()));
        for (int rate : rates) {
            for (int run = 1; run <= runs; run++) {
                List<Endpoint> inTurn = new ArrayList<>(endpoints);
                if (run % 2 == 0) {
                    Collections.reverse(inTurn);
                }
                for (Endpoint endpoint : inTurn) {
                    Result result = phase(endpoint, rate, warmup, duration, run);
                    String label = endpoints.size() > 1 ? endpoint.name().toLowerCase(Locale.ROOT) + " " : "";
                    System.out.println(label + result.line());
                    results.get(endpoint).computeIfAbsent(rate, any -> new ArrayList<>()).add(result);
                }
            }
            if (endpoints.stream().allMatch(endpoint -> median(results.get(endpoint).get(rate), Result::p99) > abort)) {
                System.out.printf("p99 at %d/s is over %.0f ms: higher rates skipped%n", rate, abort);
                break;
            }
        }
        Map<Endpoint, Integer> crossings = new EnumMap<>(Endpoint.class);
        for (Endpoint endpoint : endpoints) {
            System.out.printf("%n== %s%n", endpoint.path);
            crossings.put(endpoint, summarize(endpoint, results.get(endpoint), threshold, warmup, duration, refine));
        }
        if (endpoints.size() == 2) {
            compareWithFloor(results, crossings);
        }
    }

    /** The table of one endpoint's results, and the rate from which its p99 stays over the threshold (null: never). */
    private Integer summarize(Endpoint endpoint, Map<Integer, List<Result>> results, double threshold, int warmup,
                              int duration, int refine) throws IOException, InterruptedException {
        // where p99 crosses the threshold for good: the lowest rate from which every higher measured rate is above it
        // (a blip at a lower rate, say from other work on the machine, is reported but does not count), then bisect
        // between it and the measured rate below
        List<Integer> measured = new ArrayList<>(results.keySet());
        int firstAbove = -1;
        for (int k = measured.size() - 1; k >= 0 && median(results.get(measured.get(k)), Result::p99) > threshold; k--) {
            firstAbove = k;
        }
        Integer above = firstAbove < 0 ? null : measured.get(firstAbove);
        Integer below = firstAbove < 0 ? measured.get(measured.size() - 1) : firstAbove > 0 ? measured.get(firstAbove - 1) : null;
        List<Integer> blips = measured.stream().filter(r -> (above == null || r < above)
                && median(results.get(r), Result::p99) > threshold).toList();
        Integer crossing = above;
        Integer under = below;
        for (int step = 0; step < refine && crossing != null && under != null && crossing - under > 100; step++) {
            int middle = (under + crossing) / 2 / 50 * 50;
            if (middle <= under || middle >= crossing) {
                break;
            }
            Result result = phase(endpoint, middle, warmup, duration, 1);
            System.out.println(result.line() + "   (refining the crossing)");
            results.put(middle, List.of(result));
            if (result.p99() > threshold) {
                crossing = middle;
            } else {
                under = middle;
            }
        }

        System.out.println();
        System.out.printf("%-8s %-5s %-10s %8s %8s %8s %8s %8s %7s %7s %6s  %s%n", "rate/s", "runs", "achieved/s",
                "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "non200", "failed", "wrong",
                "CPU cores (median run): " + String.join(" / ", watched.keySet()) + " / others");
        StringBuilder csv = new StringBuilder("rate,runs,achieved,p50_ms,p90_ms,p99_ms,p999_ms,max_ms,non200,failed,wrong,p99_runs\n");
        for (Map.Entry<Integer, List<Result>> entry : results.entrySet()) {
            List<Result> list = entry.getValue();
            Result mid = list.stream().sorted((a, b) -> Double.compare(a.p99(), b.p99())).toList().get(list.size() / 2);
            long non200 = list.stream().mapToLong(Result::non200).sum();
            long failed = list.stream().mapToLong(Result::failed).sum();
            long wrong = list.stream().mapToLong(Result::wrong).sum();
            String p99s = list.stream().map(r -> String.format(Locale.ROOT, "%.1f", r.p99())).collect(Collectors.joining(" "));
            System.out.printf("%-8d %-5d %-10.0f %8.2f %8.2f %8.2f %8.1f %8.1f %7d %7d %6d  %s   (p99 per run: %s)%n",
                    entry.getKey(), list.size(), median(list, Result::achieved), median(list, Result::p50),
                    median(list, Result::p90), median(list, Result::p99), median(list, Result::p999),
                    median(list, Result::max), non200, failed, wrong, mid.cpuText(), p99s);
            csv.append(String.format(Locale.ROOT, "%d,%d,%.0f,%.2f,%.2f,%.2f,%.1f,%.1f,%d,%d,%d,%s%n", entry.getKey(),
                    list.size(), median(list, Result::achieved), median(list, Result::p50), median(list, Result::p90),
                    median(list, Result::p99), median(list, Result::p999), median(list, Result::max), non200, failed,
                    wrong, p99s));
        }
        System.out.printf("highest throughput achieved: %.0f/s%n",
                results.values().stream().flatMap(List::stream).mapToDouble(Result::achieved).max().orElse(0));
        if (!blips.isEmpty()) {
            System.out.printf("p99 was also over %.0f ms at %s/s, below rates that stayed under it (noise?)%n", threshold, blips);
        }
        if (crossing == null) {
            System.out.printf("p99 stayed at or under %.0f ms at every rate measured (up to %d/s)%n", threshold,
                    measured.get(measured.size() - 1));
            System.out.println("crossing_rate=none");
        } else {
            System.out.printf("p99 crosses %.0f ms at %d/s (median p99 %.1f ms)%s%n", threshold, crossing,
                    median(results.get(crossing), Result::p99),
                    under == null ? " — already at the lowest rate" : String.format(Locale.ROOT,
                            "; at %d/s it was %.1f ms", under, median(results.get(under), Result::p99)));
            System.out.println("crossing_rate=" + crossing);
        }
        if (args.containsKey("csv")) {
            String file = args.get("csv");
            String named = endpoint == Endpoint.TRACE ? file : file.replaceFirst("(\\.csv)?$", "-floor.csv");
            Files.writeString(Path.of(named), csv);
        }
        return crossing;
    }

    /** The trace against its floor: crossing rates, and p99 at each rate both measured. */
    private static void compareWithFloor(Map<Endpoint, Map<Integer, List<Result>>> results,
                                         Map<Endpoint, Integer> crossings) {
        System.out.println();
        System.out.println("the trace against its floor (a constant body of the same size through the same stack):");
        for (Integer rate : results.get(Endpoint.TRACE).keySet()) {
            List<Result> trace = results.get(Endpoint.TRACE).get(rate);
            List<Result> floor = results.get(Endpoint.FLOOR).get(rate);
            if (floor != null) {
                String perRun = IntStream.range(0, Math.min(trace.size(), floor.size()))
                        .mapToObj(i -> String.format(Locale.ROOT, "%.2f/%.2f", trace.get(i).p99(), floor.get(i).p99()))
                        .collect(Collectors.joining(" "));
                System.out.printf(Locale.ROOT, "  %5d/s: p99 trace %.2f ms, floor %.2f ms (medians); per run: %s%n", rate,
                        median(trace, Result::p99), median(floor, Result::p99), perRun);
            }
        }
        Integer trace = crossings.get(Endpoint.TRACE);
        Integer floor = crossings.get(Endpoint.FLOOR);
        if (trace != null && floor != null) {
            System.out.printf(Locale.ROOT, "saturation (p99 crossing) ratio, trace / floor: %d / %d = %.2f%n", trace, floor,
                    trace / (double) floor);
        } else {
            System.out.printf("saturation ratio: not measured (crossing rate: trace %s, floor %s; null = not reached)%n",
                    trace, floor);
        }
    }

    /**
     * One request by hand, checked in full, before any load: a broken stack must not produce figures.
     *
     * @return the answer's size in bytes, which the floor's answers take
     */
    private int sanity() throws IOException, InterruptedException {
        int file = data.files / 2;
        int line = data.lines / 2;
        HttpResponse<String> response = client.send(request(file, line), HttpResponse.BodyHandlers.ofString());
        String problem = check(file, line, response.statusCode(), response.body(), true);
        if (problem != null) {
            throw new IllegalStateException("the stack does not answer the data set's lines correctly: " + problem
                    + "\n" + response.body());
        }
        System.out.printf("sanity: %s line %d -> 200, blame.sha %s, %d bytes%n", data.path(file), line,
                shas[commitOf(file, line)].substring(0, 10), response.body().length());
        return response.body().length();
    }

    /** The floor answers 200 with a body as large as the trace's, through the same stack. */
    private void sanityOfFloor() throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request(Endpoint.FLOOR, 0, 1), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            throw new IllegalStateException("GET /api/v1/trace-floor answers 404: the service was built without"
                    + " -Ddecisionlog.bench.trace-floor=true (bench/store.sh FLOOR=1 builds one)");
        }
        String problem = checkFloor(response.statusCode(), response.body());
        if (problem != null) {
            throw new IllegalStateException("the floor does not answer as it should: " + problem);
        }
        System.out.printf("sanity: the floor -> 200, %d bytes%n", response.body().length());
    }

    private HttpRequest request(int file, int line) {
        return request(Endpoint.TRACE, file, line);
    }

    private HttpRequest request(Endpoint endpoint, int file, int line) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + target(endpoint, file, line)))
                .timeout(Duration.ofSeconds(20)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    private String target(Endpoint endpoint, int file, int line) {
        String target = endpoint.path + "?repo=bench%2Fstore&path=" + paths[file] + "&line=" + line;
        return endpoint == Endpoint.FLOOR ? target + "&bytes=" + floorBytes : target;
    }

    private String checkFloor(int status, String body) {
        if (status != 200) {
            return "status " + status;
        }
        return body.length() == floorBytes ? null : body.length() + " bytes, not " + floorBytes;
    }

    private int commitOf(int file, int line) {
        StoreDataset.Ranges r = ranges[file];
        return r.commits()[r.rangeOf(line)];
    }

    /** Null when the answer is right; else what is wrong with it. */
    private String check(int file, int line, int status, String body, boolean full) {
        if (status != 200) {
            return "status " + status;
        }
        String sha = shas[commitOf(file, line)];
        if (!body.contains("\"sha\":\"" + sha + "\"")) {
            return "blame.sha is not " + sha;
        }
        if (!full) {
            return null;
        }
        try {
            JsonNode answer = Json.MAPPER.readTree(body);
            if (!sha.equals(answer.path("blame").path("sha").asText())) {
                return "blame.sha " + answer.path("blame").path("sha").asText() + " is not " + sha;
            }
            if (answer.path("line").asInt() != line || !data.path(file).equals(answer.path("path").asText())
                    || !StoreDataset.REPO.equals(answer.path("repo").asText())) {
                return "answer is about another line: " + answer.path("repo").asText() + " " + answer.path("path").asText()
                        + ":" + answer.path("line").asInt();
            }
            if (!data.text(file, line).equals(answer.path("text").asText())) {
                return "text '" + answer.path("text").asText() + "' is not '" + data.text(file, line) + "'";
            }
            if (!shas[commitOf(file, line)].equals(answer.path("blame").path("sha").asText())
                    || answer.path("blame").path("subject").asText().isEmpty()) {
                return "blame has no commit subject (chain missing?)";
            }
        } catch (IOException e) {
            return "not JSON: " + e.getMessage();
        }
        return null;
    }

    private Result phase(Endpoint endpoint, int rate, int warmup, int duration, int run)
            throws InterruptedException, IOException {
        int warmupCount = rate * warmup;
        int total = warmupCount + rate * duration;
        SplittableRandom random = new SplittableRandom(data.seed * 31 + rate * 7L + run);
        double load0 = loadAverage();
        long t0 = System.nanoTime() + 50_000_000L;
        Phase phase = new Phase(endpoint, total, Math.max(1, rate * duration / 200), // ~200 answers parsed in full per run
                t0 + (long) warmupCount * 1_000_000_000L / rate, t0 + (warmup + duration + 15L) * 1_000_000_000L);
        Map<String, Long> cpuStart = null;
        long cpuStartNanos = 0;
        int sent = 0;
        for (int i = 0; i < total; i++) {
            long due = t0 + (long) i * 1_000_000_000L / rate;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (i == warmupCount) {
                cpuStart = cpuTicks();
                cpuStartNanos = System.nanoTime();
            }
            Call call = new Call(phase, random.nextInt(data.files), 1 + random.nextInt(data.lines), due,
                    i >= warmupCount, i >= warmupCount && i % phase.fullEvery == 0);
            if (!sender.send(call)) {
                break; // the rest are never sent: counted below as failed, with latency up to the deadline
            }
            sent++;
        }
        long sendEnd = System.nanoTime();
        Map<String, Long> cpuEnd = cpuTicks();
        double cpuSeconds = (sendEnd - cpuStartNanos) / 1e9;
        for (int i = sent; i < total; i++) {
            phase.done.countDown();
        }
        boolean finished = phase.done.await(Math.max(1, phase.deadline + 25_000_000_000L - System.nanoTime()),
                TimeUnit.NANOSECONDS);
        int abandoned = sender.abandon(phase);
        phase.closed = true;
        // never sent or never answered: at least as late as the deadline
        long lost = Math.min(total - sent, rate * duration) + abandoned + (finished ? 0 : phase.done.getCount());
        for (long k = 0; k < lost; k++) {
            phase.latency.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, (phase.deadline - phase.measureStart) / 1_000)));
        }
        phase.failed.addAndGet(lost);
        if (lost > 0) {
            phase.problems.computeIfAbsent("not sent or not answered by the deadline", any -> new AtomicInteger())
                    .addAndGet((int) lost);
        }
        double achieved = phase.measuredDone.get()
                / Math.max(1e-9, (Math.max(phase.lastEnd.get(), phase.measureStart) - phase.measureStart) / 1e9);
        Map<String, Double> cores = new LinkedHashMap<>();
        if (cpuStart != null) {
            double ours = 0;
            for (String name : watched.keySet()) {
                Long before = cpuStart.get(name);
                Long after = cpuEnd.get(name);
                if (before != null && after != null) {
                    cores.put(name, (after - before) / (double) clockTicks / cpuSeconds);
                    ours += cores.get(name);
                }
            }
            if (cpuStart.containsKey(MACHINE) && cpuEnd.containsKey(MACHINE)) {
                double machine = (cpuEnd.get(MACHINE) - cpuStart.get(MACHINE)) / (double) clockTicks / cpuSeconds;
                cores.put("others", Math.max(0, machine - ours));
            }
        }
        if (slowLog != null) {
            Files.writeString(slowLog, "# rate " + rate + " run " + run + ": due (UTC), ms\n" + String.join("", phase.slow),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        Histogram latency = phase.latency;
        return new Result(rate, run, rate * duration, phase.measuredDone.get(), achieved, ms(latency, 50), ms(latency, 90),
                ms(latency, 99), ms(latency, 99.9), latency.getMaxValue() / 1000.0, phase.non200.get(),
                phase.failed.get(), phase.wrong.get(), phase.checkedFull.get(), phase.late.getValueAtPercentile(99) / 1000.0,
                cores, load0, loadAverage(), phase.problems.isEmpty() ? "" : phase.problems + ", e.g. " + phase.firstProblem.get(),
                finished);
    }

    /** What one run at one rate counts. */
    private final class Phase {
        final Histogram latency = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        final Histogram late = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        final CountDownLatch done;
        final int fullEvery;
        final long measureStart;
        final long deadline;
        final AtomicLong non200 = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong wrong = new AtomicLong();
        final AtomicLong checkedFull = new AtomicLong();
        final AtomicLong lastEnd = new AtomicLong();
        final AtomicInteger measuredDone = new AtomicInteger();
        final Map<String, AtomicInteger> problems = new ConcurrentHashMap<>();
        final AtomicReference<String> firstProblem = new AtomicReference<>();
        final Queue<String> slow = new ConcurrentLinkedQueue<>();
        final Endpoint endpoint;
        volatile boolean closed;

        Phase(Endpoint endpoint, int total, int fullEvery, long measureStart, long deadline) {
            this.endpoint = endpoint;
            this.done = new CountDownLatch(total);
            this.fullEvery = fullEvery;
            this.measureStart = measureStart;
            this.deadline = deadline;
        }

        /** Called when a request leaves, with the time it was due. */
        void sending(Call call) {
            if (call.measured()) {
                late.recordValue(Math.max(0, (System.nanoTime() - call.due()) / 1_000));
            }
        }

        void complete(Call call, int status, String body, Throwable error) {
            long end = System.nanoTime();
            if (call.measured() && !closed) {
                latency.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, (end - call.due()) / 1_000)));
                if (slowLog != null && (end - call.due()) / 1_000 > slowMicros) {
                    slow.add(String.format(Locale.ROOT, "%s,%.3f%n", Instant.ofEpochSecond(0,
                            call.due() + wallMinusNano), (end - call.due()) / 1e6));
                }
                lastEnd.accumulateAndGet(end, Math::max);
                measuredDone.incrementAndGet();
                String problem;
                if (error != null) {
                    failed.incrementAndGet();
                    problem = error.getClass().getSimpleName() + ": " + error.getMessage();
                } else {
                    problem = endpoint == Endpoint.FLOOR ? checkFloor(status, body)
                            : check(call.file(), call.line(), status, body, call.full());
                    if (call.full()) {
                        checkedFull.incrementAndGet();
                    }
                    if (status != 200) {
                        non200.incrementAndGet();
                    } else if (problem != null) {
                        wrong.incrementAndGet();
                    }
                }
                if (problem != null) {
                    problems.computeIfAbsent(error != null ? error.getClass().getSimpleName()
                            : status != 200 ? "status " + status : "wrong answer", any -> new AtomicInteger()).incrementAndGet();
                    firstProblem.compareAndSet(null, problem + " for " + data.path(call.file()) + ":" + call.line());
                }
            }
            done.countDown();
        }
    }

    /** One request: which line, when it was due, whether it counts. */
    private record Call(Phase phase, int file, int line, long due, boolean measured, boolean full) {
    }

    /** Sends calls with at most {@code connections} in flight; a call waits for a free connection, its clock running. */
    private interface Sender {
        /** False when the phase's deadline passed before the call could be sent. */
        boolean send(Call call) throws InterruptedException;

        /** Drops the phase's calls still waiting for a connection; returns how many. */
        int abandon(Phase phase);
    }

    /** java.net.http.HttpClient, HTTP/1.1, asynchronous; a semaphore bounds the connections in use. */
    private final class HttpClientSender implements Sender {
        private final HttpClient client;
        private final Semaphore permits;

        HttpClientSender(HttpClient client, int connections) {
            this.client = client;
            this.permits = new Semaphore(connections);
        }

        @Override
        public boolean send(Call call) throws InterruptedException {
            if (!permits.tryAcquire(Math.max(0, call.phase().deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
            call.phase().sending(call);
            client.sendAsync(request(call.phase().endpoint, call.file(), call.line()), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> {
                        permits.release();
                        call.phase().complete(call, response == null ? 0 : response.statusCode(),
                                response == null ? null : response.body(), error);
                    });
            return true;
        }

        @Override
        public int abandon(Phase phase) {
            return 0; // nothing waits inside: send() itself waits for a connection
        }
    }

    /**
     * A minimal HTTP/1.1 client: one keep-alive socket per connection, one thread each, taking due calls from one
     * queue. It costs the machine a fraction of what HttpClient does per request, which matters when the generator
     * shares two cores with the server it measures.
     */
    private final class RawSender implements Sender {
        private final java.util.concurrent.LinkedBlockingQueue<Call> queue = new java.util.concurrent.LinkedBlockingQueue<>();
        private final String host;
        private final int port;

        RawSender(URI base, int connections) {
            this.host = base.getHost();
            this.port = base.getPort() < 0 ? 80 : base.getPort();
            for (int c = 0; c < connections; c++) {
                Thread worker = new Thread(this::work, "trace-load-raw-" + c);
                worker.setDaemon(true);
                worker.start();
            }
        }

        @Override
        public boolean send(Call call) {
            queue.add(call);
            return true;
        }

        @Override
        public int abandon(Phase phase) {
            List<Call> left = new ArrayList<>();
            queue.drainTo(left);
            int dropped = 0;
            for (Call call : left) {
                if (call.phase() == phase) {
                    dropped += call.measured() ? 1 : 0;
                    phase.done.countDown();
                } else {
                    queue.add(call);
                }
            }
            return dropped;
        }

        private void work() {
            RawConnection connection = null;
            while (true) {
                Call call;
                try {
                    call = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                call.phase().sending(call);
                try {
                    if (connection == null) {
                        connection = new RawConnection(host, port, authorization);
                    }
                    connection.get(target(call.phase().endpoint, call.file(), call.line()));
                    call.phase().complete(call, connection.status, connection.body, null);
                    if (connection.mustClose) {
                        connection.close();
                        connection = null;
                    }
                } catch (IOException | RuntimeException e) {
                    if (connection != null) {
                        connection.close();
                        connection = null;
                    }
                    call.phase().complete(call, 0, null, e);
                }
            }
        }
    }

    /** One keep-alive HTTP/1.1 connection: GET, then status, headers, and a Content-Length or chunked body. */
    private static final class RawConnection {
        private final java.net.Socket socket;
        private final java.io.InputStream in;
        private final java.io.OutputStream out;
        private final byte[] hostHeader;
        private final byte[] buffer = new byte[64 * 1024];
        private int position;
        private int limit;
        int status;
        String body;
        boolean mustClose;

        RawConnection(String host, int port, String authorization) throws IOException {
            socket = new java.net.Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new java.net.InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(20_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            hostHeader = (" HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAccept: application/json\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }

        void get(String target) throws IOException {
            byte[] line = ("GET " + target).getBytes(StandardCharsets.US_ASCII);
            byte[] request = Arrays.copyOf(line, line.length + hostHeader.length);
            System.arraycopy(hostHeader, 0, request, line.length, hostHeader.length);
            out.write(request);
            out.flush();
            String statusLine = readLine();
            if (!statusLine.startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP response: " + statusLine);
            }
            status = Integer.parseInt(statusLine.substring(9, 12));
            int length = -1;
            boolean chunked = false;
            mustClose = statusLine.startsWith("HTTP/1.0");
            for (String header = readLine(); !header.isEmpty(); header = readLine()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    mustClose = true;
                }
            }
            java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream(Math.max(length, 1024));
            if (chunked) {
                for (int size = Integer.parseInt(readLine().split(";")[0].trim(), 16); size > 0;
                     size = Integer.parseInt(readLine().split(";")[0].trim(), 16)) {
                    readBytes(content, size);
                    readLine();
                }
                while (!readLine().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                readBytes(content, length);
            } else {
                throw new IOException("response without a length");
            }
            body = content.toString(StandardCharsets.UTF_8);
        }

        private boolean fill() throws IOException {
            position = 0;
            limit = in.read(buffer);
            if (limit < 0) {
                limit = 0;
                throw new java.io.EOFException("connection closed by the server");
            }
            return true;
        }

        private String readLine() throws IOException {
            StringBuilder text = new StringBuilder(64);
            while (true) {
                if (position == limit) {
                    fill();
                }
                byte b = buffer[position++];
                if (b == '\n') {
                    int end = text.length();
                    return end > 0 && text.charAt(end - 1) == '\r' ? text.substring(0, end - 1) : text.toString();
                }
                text.append((char) (b & 0xff));
            }
        }

        private void readBytes(java.io.ByteArrayOutputStream into, int count) throws IOException {
            while (count > 0) {
                if (position == limit) {
                    fill();
                }
                int n = Math.min(count, limit - position);
                into.write(buffer, position, n);
                position += n;
                count -= n;
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private static double median(List<Result> results, java.util.function.ToDoubleFunction<Result> value) {
        double[] values = results.stream().mapToDouble(value).sorted().toArray();
        return values.length == 0 ? Double.NaN : values[values.length / 2];
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** utime + stime (+ reaped children) of each watched process, and of its live children when asked. */
    private Map<String, Long> cpuTicks() {
        Map<String, Long> ticks = new HashMap<>();
        Map<Long, List<Long>> childrenOf = null;
        for (Map.Entry<String, Watched> entry : watched.entrySet()) {
            long[] own = stat(entry.getValue().pid());
            if (own == null) {
                continue;
            }
            long sum = own[1];
            if (entry.getValue().children()) {
                sum += own[2];
                if (childrenOf == null) {
                    childrenOf = processTree();
                }
                for (long child : childrenOf.getOrDefault(entry.getValue().pid(), List.of())) {
                    long[] stat = stat(child);
                    if (stat != null) {
                        sum += stat[1];
                    }
                }
            }
            ticks.put(entry.getKey(), sum);
        }
        // the whole machine's busy time (user, nice, system, irq, softirq, steal): what is left is other people's work
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            ticks.put(MACHINE, Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]) + Long.parseLong(cpu[3])
                    + Long.parseLong(cpu[6]) + Long.parseLong(cpu[7]) + Long.parseLong(cpu[8]));
        } catch (IOException | RuntimeException e) {
            // no machine figure
        }
        return ticks;
    }

    private static Map<Long, List<Long>> processTree() {
        Map<Long, List<Long>> tree = new HashMap<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            dirs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit)).forEach(n -> {
                long[] stat = stat(Long.parseLong(n));
                if (stat != null) {
                    tree.computeIfAbsent(stat[0], any -> new ArrayList<>()).add(Long.parseLong(n));
                }
            });
        } catch (IOException e) {
            // no tree: children are left out
        }
        return tree;
    }

    /** ppid, utime + stime, cutime + cstime; null when the process is gone. */
    private static long[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
                    Long.parseLong(fields[13]) + Long.parseLong(fields[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private record Watched(long pid, boolean children) {
    }

    private record Result(int rate, int run, int due, int completed, double achieved, double p50, double p90, double p99,
                          double p999, double max, long non200, long failed, long wrong, long checkedFull,
                          double queuedP99, Map<String, Double> cores, double load0, double load1, String problems,
                          boolean finished) {

        String cpuText() {
            return cores.values().stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).collect(Collectors.joining(" / "));
        }

        String line() {
            return String.format(Locale.ROOT, "rate %5d/s run %d: %,d due, %,d answered, achieved %.0f/s | ms p50 %.2f p90 %.2f"
                            + " p99 %.2f p99.9 %.1f max %.1f | non-200 %d, failed %d, wrong %d (%d checked in full)"
                            + " | sent after due p99 %.1f ms | CPU cores %s %s | load %.1f -> %.1f%s%s",
                    rate, run, due, completed, achieved, p50, p90, p99, p999, max, non200, failed, wrong, checkedFull,
                    queuedP99, String.join("/", cores.keySet()), cpuText(), load0, load1,
                    problems.isEmpty() ? "" : " | " + problems, finished ? "" : " | NOT FINISHED by the deadline");
        }
    }
}
