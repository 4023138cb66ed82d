package io.decisionlog.graph.topology;

import io.decisionlog.events.JsonSerde;
import io.decisionlog.events.MinutesError;
import io.decisionlog.events.MinutesFileState;
import io.decisionlog.graph.topology.LinkState.MinutesRejection;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The minutes-ingester's file states, by file: a rejected file that names its decisions (the ids it defines, when it
 * parsed that far) says, per decision id, why its minutes are missing; a fixed or deleted file takes that back. Keeps
 * what each file last said, so that it can take back exactly that.
 */
final class RejectedMinutesFiles implements ProcessorSupplier<String, MinutesFileState, String, MinutesRejection> {
    static final String STORE = "rejected-minutes-files";
    /** A reason is one line of a chain's missing: a long message is cut. */
    static final int MAX_REASON = 300;

    /** What a rejected file said: the decisions it defines and its first error. */
    record RejectedFile(List<String> decisionIds, String reason) {
    }

    private final StoreFactory stores;

    RejectedMinutesFiles(StoreFactory stores) {
        this.stores = stores;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(stores.keyValue(STORE, Serdes.String(), JsonSerde.of(RejectedFile.class)));
    }

    @Override
    public Processor<String, MinutesFileState, String, MinutesRejection> get() {
        return new Processor<>() {
            private ProcessorContext<String, MinutesRejection> context;
            private KeyValueStore<String, RejectedFile> files;

            @Override
            public void init(ProcessorContext<String, MinutesRejection> context) {
                this.context = context;
                files = context.getStateStore(STORE);
            }

            @Override
            public void process(Record<String, MinutesFileState> record) {
                RejectedFile before = files.get(record.key());
                RejectedFile after = rejected(record.value());
                if (Objects.equals(before, after)) {
                    return;
                }
                StoreRows.put(files, record.key(), after);
                if (before != null) {
                    before.decisionIds().stream().filter(id -> after == null || !after.decisionIds().contains(id))
                            .forEach(id -> context.forward(record.withKey(id).withValue(new MinutesRejection(null))));
                }
                if (after != null) {
                    after.decisionIds().forEach(id ->
                            context.forward(record.withKey(id).withValue(new MinutesRejection(after.reason()))));
                }
            }
        };
    }

    static RejectedFile rejected(MinutesFileState file) {
        if (file == null || !file.rejected() || file.defines().isEmpty()) {
            return null;
        }
        MinutesError first = file.errors().get(0);
        String reason = file.path() + ":" + first.line() + ":" + first.column() + ": " + first.message();
        return new RejectedFile(file.defines(), reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason);
    }
}
