package io.decisionlog.graph.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Peak memory over the measured phase only (the warm-up's left out): the Streams JVM's heap (every heap pool's peak,
 * summed) and resident set, and the broker's resident set, from Linux's high-water marks, which writing 5 to
 * {@code /proc/PID/clear_refs} resets. Beside the heap's peak, its largest occupancy right after a collection: the
 * peak is mostly the young generation the collector chose to fill (it moves with -Xmx and the GC's ergonomics), the
 * occupancy after a collection is what the topology keeps.
 */
final class Memory implements AutoCloseable {
    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());

    private final ProcessHandle broker;
    private final boolean reset;
    private final AtomicLong afterGc = new AtomicLong();
    private final NotificationListener listener = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            long used = heapUsed(GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                    .getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                    .filter(pool -> HEAP_POOLS.contains(pool.getKey())).map(Map.Entry::getValue));
            afterGc.accumulateAndGet(used, Math::max);
        }
    };

    private Memory(ProcessHandle broker, boolean reset) {
        this.broker = broker;
        this.reset = reset;
        ManagementFactory.getGarbageCollectorMXBeans()
                .forEach(gc -> ((NotificationEmitter) gc).addNotificationListener(listener, null, null));
    }

    /** Starts the measured phase; {@code broker} null when the broker is not ours. */
    static Memory resetPeaks(ProcessHandle broker) {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        boolean reset = clearHighWaterMark(ProcessHandle.current()) && (broker == null || clearHighWaterMark(broker));
        return new Memory(broker, reset);
    }

    String peaks() {
        long heap = heapUsed(ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getPeakUsage));
        return String.format("peak memory while working it off: Streams JVM heap %d MiB (%d MiB after a collection),"
                + " RSS %d MiB; broker RSS %s MiB%s", heap >> 20, afterGc.get() >> 20,
                highWaterMark(ProcessHandle.current()) >> 10,
                broker == null ? "?" : String.valueOf(highWaterMark(broker) >> 10),
                reset ? "" : " (RSS: peaks since each process started, not resettable here)");
    }

    @Override
    public void close() {
        ManagementFactory.getGarbageCollectorMXBeans().forEach(gc -> {
            try {
                ((NotificationEmitter) gc).removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // never added to this collector: nothing to remove
            }
        });
    }

    private static long heapUsed(Stream<MemoryUsage> pools) {
        return pools.mapToLong(MemoryUsage::getUsed).sum();
    }

    private static boolean clearHighWaterMark(ProcessHandle process) {
        try {
            Files.writeString(Path.of("/proc", String.valueOf(process.pid()), "clear_refs"), "5");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** VmHWM in KiB, -1 when not readable. */
    private static long highWaterMark(ProcessHandle process) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }
}
