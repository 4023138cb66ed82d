package io.decisionlog.graph.topology;

import io.decisionlog.events.Topics;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedRocksDbMemoryTest {
    private static final long ROCKSDB_LARGEST_DEFAULT_ARENA_BLOCK = 1024 * 1024;

    @Test
    void shouldLeaveMostOfTheMemtableBudgetToDataWhenEveryStoreHoldsAnEmptyMemtable() {
        // the write buffer manager counts each memtable's arena blocks: when empty memtables alone fill its budget,
        // every write flushes a store (45 tiny files a second and 40 % of the CPU in the benchmark)
        long memtables = (long) storesPerPartition() * Topics.PARTITIONS * BoundedRocksDbMemory.MAX_WRITE_BUFFERS;
        try (Options options = new Options()) {
            options.setTableFormatConfig(new BlockBasedTableConfig()); // as Kafka Streams hands it over
            new BoundedRocksDbMemory().setConfig("commit-facts", options, Map.of());

            assertThat(memtables * arenaBlock(options)).isLessThan(BoundedRocksDbMemory.MEMTABLE_BYTES / 2);
        }
    }

    /** RocksDB's rule when it is left at 0: an eighth of the write buffer, at most 1 MiB. */
    private static long arenaBlock(Options options) {
        return options.arenaBlockSize() != 0 ? options.arenaBlockSize()
                : Math.min(ROCKSDB_LARGEST_DEFAULT_ARENA_BLOCK, options.writeBufferSize() / 8);
    }

    private static int storesPerPartition() {
        Set<String> stores = new TreeSet<>();
        DecisionGraphTopology.build(GraphSettings.defaults()).describe().subtopologies()
                .forEach(subtopology -> subtopology.nodes().forEach(node -> {
                    if (node instanceof TopologyDescription.Processor processor) {
                        stores.addAll(processor.stores());
                    }
                }));
        return stores.size();
    }
}
