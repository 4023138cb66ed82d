package io.decisionlog.ciaudit.bench;

import io.decisionlog.ciaudit.publish.RunLedger;
import io.decisionlog.ciaudit.pull.ApiClient;
import io.decisionlog.ciaudit.pull.FakeGitHub;
import io.decisionlog.ciaudit.pull.GitHubRunsApi;
import io.decisionlog.ciaudit.pull.PullPass;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.CiSource;
import io.decisionlog.events.Topics;
import io.decisionlog.events.outbound.GuardProxy;
import io.decisionlog.events.outbound.OutboundPolicy;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A GitHub backfill against its floor, as ratios (issue #19). {@link FakeGitHub} holds {@code days × perDay} runs
 * created at random times (the API's own example run as each one's body, ~13 KB) and serves each page from memory
 * after its first build, so the client is what is timed. Each round runs, in turn:
 * <ul>
 *   <li><b>pull</b>: the backfill as the service runs it ({@link PullPass} with {@link GitHubRunsApi}, 6-hour
 *       windows, pages of 100, the ordering rule of a fresh {@link RunLedger}, each new run serialized as it is
 *       published; the broker's acknowledgement is left out: {@code bench/ci-webhooks.sh} measures that path);</li>
 *   <li><b>floor</b>: the same pages, the same URLs through the same client and outbound guard, fetched and
 *       thrown away.</li>
 * </ul>
 * It prints runs/s, CPU per run (the whole process: client, guard and the fake's serving), requests against the
 * minimum the paging allows ({@code ceil(runs / 100)}), and the pull/floor ratio of wall time, median and range.
 *
 * <pre>java -cp … io.decisionlog.ciaudit.bench.CiPullBench days=30 perDay=2000 rounds=5</pre>
 */
public final class CiPullBench {
    private static final Duration WINDOW = Duration.ofHours(6);

    private record Sample(long nanos, long cpuNanos, long requests) {
    }

    private CiPullBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int days = Integer.parseInt(options.getOrDefault("days", "30"));
        int perDay = Integer.parseInt(options.getOrDefault("perDay", "2000"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
        Clock clock = Clock.systemUTC();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant backfillFrom = now.minus(Duration.ofDays(days));
        try (FakeGitHub github = new FakeGitHub();
             GuardProxy guard = GuardProxy.start(OutboundPolicy.of(List.of("127.0.0.1"), List.of()))) {
            int runs = days * perDay;
            fill(github, runs, backfillFrom, now);
            github.memoize();
            CiSource source = new CiSource("bench", "github", "acme/payments", github.apiUrl(), "acme/payments", "bench",
                    Duration.ofMinutes(5), Duration.ofHours(24), backfillFrom, null, null, null, 0);
            System.out.printf("%,d runs over %d days in the fake; warming up (one pull, one floor)%n", runs, days);
            List<String> pages = pullOnce(github, guard, clock, source, runs);
            floorOnce(github, guard, clock, pages);
            List<Sample> pulls = new ArrayList<>();
            List<Sample> floors = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                pulls.add(measure(() -> pullOnce(github, guard, clock, source, runs), github));
                floors.add(measure(() -> floorOnce(github, guard, clock, pages), github));
                System.out.printf("round %d: pull %,d ms, floor %,d ms%n", round, pulls.get(round - 1).nanos() / 1_000_000,
                        floors.get(round - 1).nanos() / 1_000_000);
            }
            report(runs, pages.size(), pulls, floors);
            steadyState(github, guard, clock, source, runs);
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static Sample measure(Work work, FakeGitHub github) throws Exception {
        System.gc();
        int requests = github.requests();
        long cpu = processCpu();
        long start = System.nanoTime();
        work.run();
        return new Sample(System.nanoTime() - start, processCpu() - cpu, github.requests() - requests);
    }

    /** One backfill from scratch: a new client (no ETags yet) and a new ledger. Returns the pages it asked for. */
    private static List<String> pullOnce(FakeGitHub github, GuardProxy guard, Clock clock, CiSource source, int runs)
            throws Exception {
        github.asked().clear();
        RunLedger ledger = new RunLedger(Duration.ofDays(60));
        long[] bytes = {0};
        PullPass.Outcome outcome = PullPass.run(source, new GitHubRunsApi(client(guard, clock), WINDOW, clock, null),
                clock, new PullPass.Publisher() {
                    @Override
                    public boolean publish(CiRun run) {
                        if (!ledger.isNews(run)) {
                            return false;
                        }
                        bytes[0] += Topics.CI_RUNS.valueSerde().serialize(Topics.CI_RUNS.name(), run).length;
                        ledger.record(run);
                        return true;
                    }

                    @Override
                    public boolean isNews(CiRun run) {
                        return ledger.isNews(run);
                    }
                }, saved -> { });
        if (outcome.published() != runs || !outcome.refused().isEmpty()) {
            throw new IllegalStateException("the pull published " + outcome.published() + " of " + runs + " runs; refused: "
                    + outcome.refused());
        }
        return List.copyOf(github.asked());
    }

    private static void floorOnce(FakeGitHub github, GuardProxy guard, Clock clock, List<String> pages) throws Exception {
        ApiClient client = client(guard, clock);
        long bytes = 0;
        for (String page : pages) {
            bytes += client.get(URI.create(github.apiUrl() + page), Map.of("Accept", "application/vnd.github+json"))
                    .body().length;
        }
        if (bytes == 0) {
            throw new IllegalStateException("the floor read nothing");
        }
    }

    /** After the backfill, the next pass reads the lookback again: every page a 304 when nothing changed. */
    private static void steadyState(FakeGitHub github, GuardProxy guard, Clock clock, CiSource source, int runs)
            throws Exception {
        ApiClient client = client(guard, clock);
        GitHubRunsApi api = new GitHubRunsApi(client, WINDOW, clock, null);
        RunLedger ledger = new RunLedger(Duration.ofDays(60));
        PullPass.Publisher publisher = new PullPass.Publisher() {
            @Override
            public boolean publish(CiRun run) {
                boolean news = ledger.isNews(run);
                ledger.record(run);
                return news;
            }

            @Override
            public boolean isNews(CiRun run) {
                return ledger.isNews(run);
            }
        };
        PullPass.Outcome backfill = PullPass.run(source, api, clock, publisher, saved -> { });
        long before = client.requests();
        long notModified = client.notModified();
        PullPass.Outcome next = PullPass.run(backfill.source(), api, clock, publisher, saved -> { });
        System.out.printf("steady state: the next pass (24 h lookback) made %d requests, %d of them 304, published %d"
                + " (backfill published %,d of %,d)%n", client.requests() - before, client.notModified() - notModified,
                next.published(), backfill.published(), runs);
    }

    private static ApiClient client(GuardProxy guard, Clock clock) {
        return new ApiClient(guard.selector(), new ApiClient.Limits(Duration.ofSeconds(30), 4, Duration.ofMillis(100),
                Duration.ofMinutes(5), 16 << 20), clock, pause -> { });
    }

    private static void fill(FakeGitHub github, int runs, Instant from, Instant to) {
        Random random = new Random(19);
        long span = Duration.between(from, to).toSeconds();
        List<FakeGitHub.Run> all = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            Instant created = from.plusSeconds(1 + (long) (random.nextDouble() * (span - 2)));
            all.add(new FakeGitHub.Run(1_000_000L + i, created, created.plusSeconds(90), "completed",
                    i % 17 == 0 ? "failure" : "success", sha(i), "deploy " + i));
        }
        github.addAll(all);
    }

    private static void report(int runs, int requests, List<Sample> pulls, List<Sample> floors) {
        int minimum = (runs + 99) / 100;
        double[] ratios = new double[pulls.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = (double) pulls.get(i).nanos() / floors.get(i).nanos();
        }
        Arrays.sort(ratios);
        System.out.printf("requests per backfill: %d (the minimum the paging allows: %d, %.2fx)%n", requests, minimum,
                (double) requests / minimum);
        System.out.printf("pull:  %,.0f runs/s (median; range %,.0f-%,.0f), CPU %.1f us per run%n",
                runs / seconds(median(pulls, Sample::nanos)), runs / seconds(max(pulls)), runs / seconds(min(pulls)),
                median(pulls, Sample::cpuNanos) / 1_000.0 / runs);
        System.out.printf("floor: %,.0f runs/s (median), CPU %.1f us per run%n",
                runs / seconds(median(floors, Sample::nanos)), median(floors, Sample::cpuNanos) / 1_000.0 / runs);
        System.out.printf("ratio pull/floor (wall): median %.2f, range %.2f-%.2f over %d rounds%n",
                ratios[ratios.length / 2], ratios[0], ratios[ratios.length - 1], ratios.length);
    }

    private static long median(List<Sample> samples, java.util.function.ToLongFunction<Sample> value) {
        long[] values = samples.stream().mapToLong(value).sorted().toArray();
        return values[values.length / 2];
    }

    private static long min(List<Sample> samples) {
        return samples.stream().mapToLong(Sample::nanos).min().orElseThrow();
    }

    private static long max(List<Sample> samples) {
        return samples.stream().mapToLong(Sample::nanos).max().orElseThrow();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String sha(int i) {
        return HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(20).putInt(i).putInt(16, 19).array());
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("arguments are key=value: " + arg);
            }
            options.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        return options;
    }
}
