package io.decisionlog.graph.bench.store;

import io.decisionlog.events.ClientConfigs;
import io.decisionlog.events.Keys;
import io.decisionlog.events.Topic;
import io.decisionlog.events.TopicAdmin;
import io.decisionlog.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes the store benchmark's data set ({@link StoreDataset}) straight onto the topics the store projects, as the
 * ingesters and the topology would have: {@code decisionlog.minutes.v1}, {@code decisionlog.chains.v1} (one chain per
 * commit, key {@code <repo>@<sha>}) and {@code decisionlog.git.blame.v1} (one record per file). It does not write
 * {@code decisionlog.git.commits.v1}: the topology would then join every commit, and the point is the store.
 * <p>
 * Prints counts, bytes (uncompressed key + value, and what the producer sent after lz4), and, for bench/store.sh,
 * {@code first_send_epoch_ms=} and {@code acked_epoch_ms=}.
 *
 * <pre>java -cp … io.decisionlog.graph.bench.store.StoreLoad bootstrap=127.0.0.1:9092 [seed=42 files=10000 lines=100
 *     commits=50000 decisions=5000 linger=20 batch=262144]</pre>
 */
public final class StoreLoad {
    /** Held so the level sticks. */
    private static java.util.logging.Logger kafkaLog;

    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, long[]> perTopic = new LinkedHashMap<>(); // records, key+value bytes
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private long firstSend;

    private StoreLoad(KafkaProducer<String, byte[]> producer) {
        this.producer = producer;
    }

    public static void main(String[] argv) throws Exception {
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        kafkaLog = java.util.logging.Logger.getLogger("org.apache.kafka");
        kafkaLog.setLevel(java.util.logging.Level.WARNING);
        Map<String, String> args = new HashMap<>();
        for (String arg : argv) {
            args.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        String bootstrap = args.getOrDefault("bootstrap", "127.0.0.1:9092");
        StoreDataset data = StoreDataset.of(args);
        System.out.println(TopicAdmin.ensureTopics(bootstrap, List.of(Topics.BLAME, Topics.CHAINS, Topics.MINUTES), (short) 1));

        Map<String, Object> config = ClientConfigs.durableProducer(bootstrap, "store-load");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, Integer.parseInt(args.getOrDefault("linger", "20")));
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.parseInt(args.getOrDefault("batch", "262144")));
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            StoreLoad load = new StoreLoad(producer);
            load.run(data);
        }
    }

    private void run(StoreDataset data) {
        long started = System.nanoTime();
        firstSend = System.currentTimeMillis();
        System.out.println("first_send_epoch_ms=" + firstSend);
        for (int d = 0; d < data.decisions; d++) {
            send(Topics.MINUTES, StoreDataset.decisionId(d), data.minutes(d));
        }
        for (int c = 0; c < data.commits; c++) {
            send(Topics.CHAINS, Keys.commit(StoreDataset.REPO, data.sha(c)), data.chain(c));
        }
        long lines = 0;
        for (int f = 0; f < data.files; f++) {
            var blame = data.blame(f);
            lines += blame.lines();
            send(Topics.BLAME, Keys.blame(StoreDataset.REPO, blame.path()), blame);
        }
        producer.flush();
        long acked = System.currentTimeMillis();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.println("acked_epoch_ms=" + acked);
        long records = 0;
        long bytes = 0;
        for (Map.Entry<String, long[]> entry : perTopic.entrySet()) {
            records += entry.getValue()[0];
            bytes += entry.getValue()[1];
            System.out.printf("%-28s %,9d records %,12d bytes (key + value JSON, %,d bytes/record)%n", entry.getKey(),
                    entry.getValue()[0], entry.getValue()[1], entry.getValue()[1] / Math.max(1, entry.getValue()[0]));
        }
        System.out.printf("total                        %,9d records %,12d bytes; %,d files, %,d blamed lines, %,d commits with chains, %,d minutes%n",
                records, bytes, data.files, lines, data.commits, data.decisions);
        System.out.printf("sent to the broker after lz4: %,d bytes (compression ratio %.2f); written and acknowledged in %.1f s (%,.0f records/s)%n",
                (long) metric("outgoing-byte-total"), metric("compression-rate-avg"), seconds, records / seconds);
        System.out.println("records_total=" + records);
        if (failed.get() > 0) {
            System.out.println("FAILED sends: " + failed.get() + "; first: " + firstFailure.get());
            System.exit(1);
        }
    }

    private <V> void send(Topic<V> topic, String key, V value) {
        byte[] bytes = topic.valueSerde().serialize(topic.name(), value);
        long[] counts = perTopic.computeIfAbsent(topic.name(), any -> new long[2]);
        counts[0]++;
        counts[1] += key.getBytes(StandardCharsets.UTF_8).length + bytes.length;
        producer.send(new ProducerRecord<>(topic.name(), key, bytes), (metadata, error) -> {
            if (error != null) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, error);
            }
        });
    }

    private double metric(String name) {
        for (Map.Entry<MetricName, ? extends Metric> entry : producer.metrics().entrySet()) {
            if (entry.getKey().name().equals(name) && entry.getKey().group().equals("producer-metrics")) {
                Object value = entry.getValue().metricValue();
                return value instanceof Number number ? number.doubleValue() : Double.NaN;
            }
        }
        return Double.NaN;
    }
}
