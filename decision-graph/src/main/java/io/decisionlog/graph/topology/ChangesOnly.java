package io.decisionlog.graph.topology;

import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;

/**
 * Forwards a chain, already serialized, only when its bytes differ from the last chain forwarded for that commit
 * (a digest per commit is kept), and a tombstone only when a chain was forwarded. The joins above re-emit equal
 * chains whenever any input of a commit moves; readers of the chains topic (the store) need each change once.
 */
final class ChangesOnly implements ProcessorSupplier<String, DecisionChain, String, byte[]> {
    static final String STORE = "chain-digests";

    private final Stores stores;

    ChangesOnly(Stores stores) {
        this.stores = stores;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(stores.keyValue(STORE, Serdes.String(), Serdes.String()));
    }

    @Override
    public Processor<String, DecisionChain, String, byte[]> get() {
        return new Processor<>() {
            private ProcessorContext<String, byte[]> context;
            private KeyValueStore<String, String> digests;

            @Override
            public void init(ProcessorContext<String, byte[]> context) {
                this.context = context;
                digests = context.getStateStore(STORE);
            }

            @Override
            public void process(Record<String, DecisionChain> record) {
                if (record.value() == null) {
                    if (digests.delete(record.key()) != null) {
                        context.forward(record.withValue(null));
                    }
                    return;
                }
                byte[] bytes = Topics.CHAINS.valueSerde().serialize(Topics.CHAINS.name(), record.value());
                String digest = digest(bytes);
                if (!digest.equals(digests.get(record.key()))) {
                    digests.put(record.key(), digest);
                    context.forward(record.withValue(bytes));
                }
            }
        };
    }

    private static String digest(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
