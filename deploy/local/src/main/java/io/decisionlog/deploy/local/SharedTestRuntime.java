package io.decisionlog.deploy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One local runtime per test JVM, on free ports in a temporary directory, started on first use and stopped
 * (and its directory deleted) when the JVM exits. Tests isolate themselves by unique topic and group names.
 * <p>
 * Per JVM, not per class loader: Quarkus runs the tests of each test profile, and the plain tests after them, in
 * class loaders of their own, each with its own copy of this class. Every copy asks the copy of the system class
 * loader (the test class path, which surefire puts there), so the runtime starts once, and its shutdown hook belongs
 * to a class loader that is never closed. Only JDK types cross between the copies.
 */
public final class SharedTestRuntime {
    private static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    private static final String JDBC_URL = "jdbc.url";
    private static final String POSTGRES_PORT = "postgres.port";
    private static final String BROKER_PID = "broker.pid";
    private static final String POSTGRES_PID = "postgres.pid";

    private static Map<String, String> started;
    private static Addresses addresses;

    private SharedTestRuntime() {
    }

    /** Where the test JVM's runtime listens, and its processes. */
    public record Addresses(String bootstrapServers, String jdbcUrl, int postgresPort, long brokerPid, long postgresPid) {
        /** The configuration a decision-log service needs to use this runtime, as Quarkus property names. */
        public Map<String, String> serviceConfig() {
            return LocalRuntime.serviceConfig(bootstrapServers, jdbcUrl);
        }
    }

    public static synchronized Addresses get() {
        if (addresses == null) {
            Map<String, String> shared = fromSystemClassLoader();
            addresses = new Addresses(shared.get(BOOTSTRAP_SERVERS), shared.get(JDBC_URL),
                    Integer.parseInt(shared.get(POSTGRES_PORT)), Long.parseLong(shared.get(BROKER_PID)),
                    Long.parseLong(shared.get(POSTGRES_PID)));
        }
        return addresses;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> fromSystemClassLoader() {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        if (SharedTestRuntime.class.getClassLoader() == system) {
            return startOnce();
        }
        Class<?> owner;
        try {
            owner = Class.forName(SharedTestRuntime.class.getName(), true, system);
        } catch (ClassNotFoundException notOnTheClassPath) {
            // a class loader that does not delegate to the test class path: this copy is the only one
            return startOnce();
        }
        try {
            Method startOnce = owner.getDeclaredMethod("startOnce");
            startOnce.setAccessible(true);
            return (Map<String, String>) startOnce.invoke(null);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException("cannot start the local runtime for tests", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the test JVM's local runtime", e);
        }
    }

    /** Called on the system class loader's copy (reflectively, from the others). */
    private static synchronized Map<String, String> startOnce() {
        if (started == null) {
            // Kafka's clients load their plugins through the context class loader: this copy's, not the caller's
            Thread thread = Thread.currentThread();
            ClassLoader caller = thread.getContextClassLoader();
            thread.setContextClassLoader(SharedTestRuntime.class.getClassLoader());
            LocalRuntime runtime;
            try {
                runtime = start();
            } finally {
                thread.setContextClassLoader(caller);
            }
            started = Map.of(BOOTSTRAP_SERVERS, runtime.bootstrapServers(), JDBC_URL, runtime.jdbcUrl(),
                    POSTGRES_PORT, String.valueOf(runtime.database().port()),
                    BROKER_PID, String.valueOf(runtime.broker().pid()),
                    POSTGRES_PID, String.valueOf(runtime.database().pid()));
        }
        return started;
    }

    private static LocalRuntime start() {
        try {
            Path dir = Files.createTempDirectory("decisionlog-test-");
            long began = System.nanoTime();
            LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Settings.forTests(dir));
            System.out.printf("decision-log test runtime: Kafka %s, PostgreSQL %s, up in %d ms (%s)%n",
                    runtime.bootstrapServers(), runtime.jdbcUrl(), (System.nanoTime() - began) / 1_000_000, dir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                runtime.close();
                deleteRecursively(dir);
            }, "decisionlog-test-runtime-stop"));
            return runtime;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local runtime for tests", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless; the JVM is exiting anyway
        }
    }
}
