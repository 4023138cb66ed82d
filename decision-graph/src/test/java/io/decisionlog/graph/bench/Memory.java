package io.decisionlog.graph.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory over the measured phase only (the warm-up's left out): the Streams JVM's heap (every heap pool's peak,
 * summed) and resident set, and the broker's resident set, from Linux's high-water marks, which writing 5 to
 * {@code /proc/PID/clear_refs} resets.
 */
final class Memory {
    private final ProcessHandle broker;
    private final boolean reset;

    private Memory(ProcessHandle broker, boolean reset) {
        this.broker = broker;
        this.reset = reset;
    }

    /** Starts the measured phase; {@code broker} null when the broker is not ours. */
    static Memory resetPeaks(ProcessHandle broker) {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        boolean reset = clearHighWaterMark(ProcessHandle.current()) && (broker == null || clearHighWaterMark(broker));
        return new Memory(broker, reset);
    }

    String peaks() {
        long heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        return String.format("peak memory while working it off: Streams JVM heap %d MiB, RSS %d MiB;"
                + " broker RSS %s MiB%s", heap >> 20, highWaterMark(ProcessHandle.current()) >> 10,
                broker == null ? "?" : String.valueOf(highWaterMark(broker) >> 10),
                reset ? "" : " (RSS: peaks since each process started, not resettable here)");
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
