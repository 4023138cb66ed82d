package io.decisionlog.blame.bench;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two builds of the blame walk in one JVM, each in a class loader of its own, their full blames of one repository
 * alternated (A B, B A, ...) after two untimed rounds of each: what a change to the walk does to the walk alone, with
 * neither JVM start nor JIT in it, and with the host's noise shared by both sides of each pair. Prints each pair and
 * the median and quartiles of the ratio B/A.
 *
 * <pre>java -cp … io.decisionlog.blame.bench.WalkBuildsAlternated GIT_DIR PAIRS CLASSPATH_A CLASSPATH_B</pre>
 */
public final class WalkBuildsAlternated {
    /** By name: this class's own loader is not to load it, each build's loader does. */
    private static final String BENCH = "io.decisionlog.blame.bench.BlameBench";
    private static final Pattern WALK_SECONDS = Pattern.compile("blamed in ([0-9.]+) s");

    private WalkBuildsAlternated() {
    }

    public static void main(String[] args) throws Exception {
        String gitDir = args[0];
        int pairs = Integer.parseInt(args[1]);
        Method a = benchOf(args[2]);
        Method b = benchOf(args[3]);
        for (int round = 0; round < 2; round++) {
            walk(a, gitDir);
            walk(b, gitDir);
        }
        double[] ratios = new double[pairs];
        for (int pair = 0; pair < pairs; pair++) {
            double first = walk(pair % 2 == 0 ? a : b, gitDir);
            double second = walk(pair % 2 == 0 ? b : a, gitDir);
            double timeA = pair % 2 == 0 ? first : second;
            double timeB = pair % 2 == 0 ? second : first;
            ratios[pair] = timeB / timeA;
            System.out.printf("pair %d: A %.2f s, B %.2f s, B/A %.3f%n", pair + 1, timeA, timeB, ratios[pair]);
        }
        Arrays.sort(ratios);
        System.out.printf("B/A over %d pairs: median %.3f, quartiles %.3f-%.3f, range %.3f-%.3f%n", pairs,
                quantile(ratios, 0.5), quantile(ratios, 0.25), quantile(ratios, 0.75), ratios[0], ratios[pairs - 1]);
    }

    /** BlameBench's main in a class loader of its own over {@code classPath}, below the platform's. */
    private static Method benchOf(String classPath) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        return loader.loadClass(BENCH).getMethod("main", String[].class);
    }

    /** One full blame, nothing compared; its time as BlameBench reports it. */
    private static double walk(Method bench, String gitDir) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            bench.invoke(null, (Object) new String[]{gitDir, "0"});
        } finally {
            System.setOut(out);
        }
        Matcher seconds = WALK_SECONDS.matcher(captured.toString(StandardCharsets.UTF_8));
        if (!seconds.find()) {
            throw new IllegalStateException("BlameBench reported no time:\n" + captured);
        }
        return Double.parseDouble(seconds.group(1));
    }

    private static double quantile(double[] sorted, double q) {
        double at = q * (sorted.length - 1);
        int below = (int) Math.floor(at);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (at - below);
    }
}
