package io.decisionlog.graph.topology;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

import java.util.Map;

/**
 * Caps the off-heap memory of all RocksDB stores of the process together (the pattern of the Kafka Streams
 * memory-management docs). Left alone, each store of each task takes its own block cache and write buffers, and
 * this topology has 12 stores per partition (TopologyShapeTest lists them; 72 RocksDB instances with 6 partitions, on
 * a single application instance): hundreds of megabytes for little data. Here every store shares one block cache of
 * {@value #TOTAL_BYTES} bytes, which also holds their index and filter blocks and is charged with their memtables;
 * all memtables together are flushed at {@value #MEMTABLE_BYTES} bytes (each store has at most two of 4 MiB). The
 * cache is a process-wide resource, not state: nothing in it is needed for correctness.
 * <p>
 * The memtables' arena blocks are small ({@value #ARENA_BLOCK_BYTES} bytes) because the write buffer manager counts
 * every block a memtable holds, and each memtable holds one from the moment it is made. At RocksDB's default, an eighth of
 * the write buffer (512 KiB), 72 memtables held 36 MiB before a byte was written: always over the budget, so every
 * write to a store flushed its memtable, however small. The benchmark wrote 45 files of 20 KB a second, and RocksDB's
 * flush and compaction threads took 40 % of the process's CPU (BENCHMARKS.md, issue #24).
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {
    static final long TOTAL_BYTES = 64L * 1024 * 1024;
    static final long MEMTABLE_BYTES = 32L * 1024 * 1024;
    static final long ARENA_BLOCK_BYTES = 64L * 1024;
    static final int MAX_WRITE_BUFFERS = 2;

    static {
        // Kafka Streams initialises a setter it is given by name while it reads its config, before it opens a store and
        // so before RocksDB's native library is loaded; Quarkus loads it at start, a plain KafkaStreams does not
        RocksDB.loadLibrary();
    }

    private static final Cache CACHE = new LRUCache(TOTAL_BYTES, -1, false, 0.1);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setTableFormatConfig(table);
        options.setMaxWriteBufferNumber(MAX_WRITE_BUFFERS);
        options.setWriteBufferSize(4L * 1024 * 1024);
        options.setArenaBlockSize(ARENA_BLOCK_BYTES);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and write buffer manager are shared by every store: closing them here would break the others
    }
}
