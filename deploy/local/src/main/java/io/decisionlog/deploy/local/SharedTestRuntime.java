package io.decisionlog.deploy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One local runtime per test JVM, on free ports in a temporary directory, started on first use and stopped
 * (and its directory deleted) when the JVM exits. Tests isolate themselves by unique topic and group names.
 * PostgreSQL starts only for those who ask for it ({@link #get()}; services without a database need only
 * {@link #bootstrapServers()}), alongside the broker rather than after it, from binaries unpacked once per machine.
 * <p>
 * Per JVM, not per class loader: Quarkus runs the tests of each test profile, and the plain tests after them, in
 * class loaders of their own, each with its own copy of this class. Every copy asks the copy of the system class
 * loader (the test class path, which surefire puts there), so the runtime starts once, and its shutdown hook belongs
 * to a class loader that is never closed. Only JDK types cross between the copies.
 */
public final class SharedTestRuntime {
    private static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    private static final String BROKER_PID = "broker.pid";
    private static final String JDBC_URL = "jdbc.url";
    private static final String POSTGRES_PORT = "postgres.port";
    private static final String POSTGRES_PID = "postgres.pid";
    /** Unpacking PostgreSQL takes 3-10 s; every test JVM of the machine shares the result. */
    private static final Path POSTGRES_BINARIES = Path.of(System.getProperty("java.io.tmpdir"), "decisionlog-test-postgres");

    // the system class loader's copy: what runs
    private static volatile Path dir;
    private static volatile KafkaBroker broker;
    private static volatile EmbeddedDatabase database;

    // every copy: what it was told
    private static String bootstrapServers;
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

    /** The broker and PostgreSQL. */
    public static synchronized Addresses get() {
        if (addresses == null) {
            Map<String, String> shared = fromSystemClassLoader(true);
            addresses = new Addresses(shared.get(BOOTSTRAP_SERVERS), shared.get(JDBC_URL),
                    Integer.parseInt(shared.get(POSTGRES_PORT)), Long.parseLong(shared.get(BROKER_PID)),
                    Long.parseLong(shared.get(POSTGRES_PID)));
        }
        return addresses;
    }

    /** The broker alone: for services and tests without a database. */
    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = fromSystemClassLoader(false).get(BOOTSTRAP_SERVERS);
        }
        return bootstrapServers;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> fromSystemClassLoader(boolean withPostgres) {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        if (SharedTestRuntime.class.getClassLoader() == system) {
            return startOnce(withPostgres);
        }
        Class<?> owner;
        try {
            owner = Class.forName(SharedTestRuntime.class.getName(), true, system);
        } catch (ClassNotFoundException notOnTheClassPath) {
            // a class loader that does not delegate to the test class path: this copy is the only one
            return startOnce(withPostgres);
        }
        try {
            Method startOnce = owner.getDeclaredMethod("startOnce", boolean.class);
            startOnce.setAccessible(true);
            return (Map<String, String>) startOnce.invoke(null, withPostgres);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException("cannot start the local runtime for tests", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the test JVM's local runtime", e);
        }
    }

    /** Called on the system class loader's copy (reflectively, from the others); starts what is missing. */
    private static synchronized Map<String, String> startOnce(boolean withPostgres) {
        // Kafka's clients load their plugins through the context class loader: this copy's, not the caller's
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        thread.setContextClassLoader(SharedTestRuntime.class.getClassLoader());
        try {
            start(withPostgres && database == null);
        } finally {
            thread.setContextClassLoader(caller);
        }
        Map<String, String> running = new HashMap<>();
        running.put(BOOTSTRAP_SERVERS, broker.bootstrapServers());
        running.put(BROKER_PID, String.valueOf(broker.pid()));
        if (database != null) {
            running.put(JDBC_URL, database.jdbcUrl());
            running.put(POSTGRES_PORT, String.valueOf(database.port()));
            running.put(POSTGRES_PID, String.valueOf(database.pid()));
        }
        return running;
    }

    private static void start(boolean postgres) {
        if (broker != null && !postgres) {
            return;
        }
        long began = System.nanoTime();
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("decisionlog-test-");
                Runtime.getRuntime().addShutdownHook(new Thread(SharedTestRuntime::stop, "decisionlog-test-runtime-stop"));
            }
            // PostgreSQL on a thread of its own while this one starts the broker: the two take about as long
            FutureTask<EmbeddedDatabase> startingPostgres = postgres ? new FutureTask<>(() -> EmbeddedDatabase.start(
                    dir.resolve("postgres"), POSTGRES_BINARIES, Ports.free(), true)) : null;
            if (startingPostgres != null) {
                new Thread(startingPostgres, "decisionlog-test-postgres-start").start();
            }
            try {
                if (broker == null) {
                    broker = KafkaBroker.start(dir.resolve("kafka"), Ports.free(), Ports.free());
                }
            } finally {
                if (startingPostgres != null) {
                    database = startingPostgres.get();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local runtime for tests", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot start PostgreSQL for tests: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the local runtime for tests", e);
        }
        System.out.printf("decision-log test runtime: Kafka %s%s, up in %d ms (%s)%n", broker.bootstrapServers(),
                postgres ? ", PostgreSQL " + database.jdbcUrl() : "", (System.nanoTime() - began) / 1_000_000, dir);
    }

    private static void stop() {
        try {
            if (broker != null) {
                broker.close();
            }
        } finally {
            if (database != null) {
                database.close();
            }
            ScratchDirs.deleteRecursively(dir);
        }
    }
}
