package io.decisionlog.events.bench;

import io.decisionlog.events.paths.Glob;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A glob of 200 characters against 1,000 long paths, timed against its floor: the same paths run through the JDK's own
 * glob matcher with an ordinary pattern of the same length (which compiles to a regex), in the same run, interleaved.
 * Then the pathological pattern that made the old regex matcher take minutes, through the JDK's matcher with a time
 * limit, for the record. {@code java -cp … io.decisionlog.events.bench.GlobBench [ROUNDS]}
 */
public final class GlobBench {
    private static final int PATHS = 1_000;
    private static final int PATH_LENGTH = 400;

    private GlobBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        List<String> paths = paths();
        String ordinary = ordinary();
        String pathological = "**/" + "*a".repeat(98) + "b";
        Glob ours = Glob.compile(pathological);
        PathMatcher jdk = FileSystems.getDefault().getPathMatcher("glob:" + ordinary);
        System.out.printf("patterns: %d characters (ours, pathological), %d (floor, ordinary); %d paths of ~%d characters%n",
                pathological.length(), ordinary.length(), PATHS, PATH_LENGTH);
        for (int warmup = 0; warmup < 3; warmup++) {
            run(() -> matchAll(ours, paths));
            run(() -> matchAll(jdk, paths));
        }
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            double oursMs = run(() -> matchAll(ours, paths));
            double floorMs = run(() -> matchAll(jdk, paths));
            ratios[round] = oursMs / floorMs;
            System.out.printf("round %d: ours %.1f ms, floor (JDK glob, ordinary pattern) %.2f ms, ratio %.1f%n",
                    round + 1, oursMs, floorMs, ratios[round]);
        }
        Arrays.sort(ratios);
        System.out.printf("ratio median %.1f (range %.1f-%.1f): linear in the path, whatever the pattern%n",
                ratios[rounds / 2], ratios[0], ratios[rounds - 1]);
        System.out.println("the JDK's regex-backed glob on the pathological pattern, one path, 10 s limit: "
                + jdkOnPathological(pathological, paths.get(0)));
    }

    private static int matchAll(Glob glob, List<String> paths) {
        int matched = 0;
        for (String path : paths) {
            matched += glob.matches(path) ? 1 : 0;
        }
        return matched;
    }

    private static int matchAll(PathMatcher matcher, List<String> paths) {
        int matched = 0;
        for (String path : paths) {
            matched += matcher.matches(Path.of(path)) ? 1 : 0;
        }
        return matched;
    }

    private interface Work {
        int run();
    }

    private static double run(Work work) {
        long started = System.nanoTime();
        int matched = work.run();
        double ms = (System.nanoTime() - started) / 1e6;
        if (matched < 0) {
            throw new IllegalStateException();
        }
        return ms;
    }

    private static String jdkOnPathological(String pattern, String path) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        long started = System.nanoTime();
        Future<Boolean> match = thread.submit(() ->
                FileSystems.getDefault().getPathMatcher("glob:" + pattern).matches(Path.of(path)));
        try {
            match.get(10, TimeUnit.SECONDS);
            return String.format("%.0f ms", (System.nanoTime() - started) / 1e6);
        } catch (TimeoutException e) {
            return "did not finish (abandoned after 10 s)";
        }
    }

    /** Paths made of 'a's and slashes, which the pathological pattern almost matches. */
    private static List<String> paths() {
        Random random = new Random(42);
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < PATHS; i++) {
            StringBuilder path = new StringBuilder();
            while (path.length() < PATH_LENGTH) {
                path.append("a".repeat(1 + random.nextInt(30))).append('/');
            }
            paths.add(path.append("aaaa.yaml").toString());
        }
        return paths;
    }

    private static String ordinary() {
        StringBuilder pattern = new StringBuilder("**/");
        while (pattern.length() < 190) {
            pattern.append("a*/");
        }
        return pattern.append("*.yaml").toString();
    }
}
