package io.decisionlog.deploy.faults;

import io.decisionlog.events.ClientConfigs;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pushes: GitCommit records written straight to decisionlog.git.commits.v1, as the blame-ingester would after a
 * fetch, with the durable producer every service uses (acks=all, idempotent). A send that fails (its delivery
 * timeout passed while a leader was down) is sent again, as the blame-ingester's next sync would.
 */
final class Pushes implements AutoCloseable {
    private static final int MAX_TRIES = 20;

    private final KafkaProducer<String, byte[]> producer;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("push-retries"));
    private final Map<String, GitCommit> pushed = new ConcurrentHashMap<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger failedSends = new AtomicInteger();

    Pushes(String bootstrapServers) {
        Map<String, Object> config = ClientConfigs.durableProducer(bootstrapServers, "faultrun-pushes");
        this.producer = new KafkaProducer<>(config);
    }

    void push(GitCommit commit) {
        if (pushed.putIfAbsent(commit.key(), commit) != null) {
            return;
        }
        pending.incrementAndGet();
        send(commit, 1);
    }

    private void send(GitCommit commit, int attempt) {
        byte[] value = Topics.COMMITS.valueSerde().serialize(Topics.COMMITS.name(), commit);
        try {
            producer.send(new ProducerRecord<>(Topics.COMMITS.name(), commit.key(), value), (metadata, error) -> {
                if (error == null) {
                    acknowledged.add(commit.key());
                    pending.decrementAndGet();
                } else {
                    retry(commit, attempt, error);
                }
            });
        } catch (RuntimeException error) {
            retry(commit, attempt, error);
        }
    }

    private void retry(GitCommit commit, int attempt, Throwable error) {
        failedSends.incrementAndGet();
        if (attempt >= MAX_TRIES) {
            Console.say("push of %s given up after %d tries: %s", commit.key(), attempt, error);
            pending.decrementAndGet();
            return;
        }
        retries.schedule(() -> send(commit, attempt + 1), 1, TimeUnit.SECONDS);
    }

    /** Waits until every push is acknowledged or abandoned; true when none is pending. */
    boolean awaitAll(Duration timeout) {
        producer.flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return pending.get() == 0;
    }

    Map<String, GitCommit> pushed() {
        return pushed;
    }

    Set<String> acknowledged() {
        return acknowledged;
    }

    int failedSends() {
        return failedSends.get();
    }

    @Override
    public void close() {
        retries.shutdownNow();
        producer.close(Duration.ofSeconds(10));
    }
}
