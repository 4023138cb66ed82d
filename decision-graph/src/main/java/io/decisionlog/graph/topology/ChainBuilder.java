package io.decisionlog.graph.topology;

import io.decisionlog.events.ChainDecision;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.JsonSerde;
import io.decisionlog.events.Topics;
import io.decisionlog.graph.topology.LinkState.ChainFacts;
import io.decisionlog.graph.topology.LinkState.CommitChange;
import io.decisionlog.graph.topology.LinkState.CommitFacts;
import io.decisionlog.graph.topology.LinkState.LinkUpdate;
import io.decisionlog.graph.topology.LinkState.LinkedFacts;
import io.decisionlog.graph.topology.LinkState.MinutesChange;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Assembles the chain of a commit whenever anything it depends on changed, and writes it, serialized, only when it
 * differs from the chain the facts before the change gave: assembly is a pure function of the facts, so no copy of
 * the last chain needs keeping. What it assembles from, all in the commit-keyed task, each its own input and
 * processor over the same stores:
 * <ul>
 * <li>{@link #ofCommitChanges}: the commit and its runs, {@link CommitSide}'s row, whose changes arrive as before and
 *     after, by commit key; supplies this stage's stores, so it goes into the topology first;</li>
 * <li>{@link #ofLinkUpdates}: runs of merge commits and minutes links, re-keyed by commit: kept here
 *     ({@link #LINKED});</li>
 * <li>{@link #ofMinutesChanges}: minutes and why a minutes file was rejected, by decision id, from
 *     {@link MinutesCopy}'s stores; a change rebuilds the
 *     chains of this partition that name the decision, found through an index of chains by decision
 *     ({@link #BY_DECISION}).</li>
 * </ul>
 */
final class ChainBuilder {
    static final String LINKED = "linked-facts";
    static final String BY_DECISION = "chains-by-decision";
    /** The stores all three processors use, to connect by name: the commit side's, the minutes', and this stage's. */
    static final String[] STORES = {CommitSide.STORE, MinutesCopy.STORE, MinutesCopy.REJECTIONS, LINKED, BY_DECISION};

    private final StoreFactory stores;
    private final ChainAssembler assembler;

    ChainBuilder(StoreFactory stores, ChainAssembler assembler) {
        this.stores = stores;
        this.assembler = assembler;
    }

    /** A commit's own facts changed: its chain, built from them before and after. */
    ProcessorSupplier<String, CommitChange, String, byte[]> ofCommitChanges() {
        return new ProcessorSupplier<>() {
            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(stores.keyValue(LINKED, Serdes.String(), JsonSerde.of(LinkedFacts.class)),
                        stores.keyValue(BY_DECISION, Serdes.String(), Serdes.String()));
            }

            @Override
            public Processor<String, CommitChange, String, byte[]> get() {
                return new Building<>() {
                    @Override
                    public void process(Record<String, CommitChange> record) {
                        LinkedFacts links = linkedOf(record.key());
                        CommitChange change = record.value();
                        rebuild(record, record.key(), change.before(), change.after(), links, links, null);
                    }
                };
            }
        };
    }

    /** Runs of a merge commit or a minutes link reached a commit: kept beside it, and its chain rebuilt. */
    ProcessorSupplier<String, LinkUpdate, String, byte[]> ofLinkUpdates() {
        return () -> new Building<>() {
            @Override
            public void process(Record<String, LinkUpdate> record) {
                LinkedFacts before = linkedOf(record.key());
                LinkedFacts after = record.value().applyTo(before);
                if (before.equals(after)) {
                    return;
                }
                if (after.isEmpty()) {
                    linked.delete(record.key());
                } else {
                    linked.put(record.key(), after);
                }
                CommitFacts facts = ownOf(record.key());
                rebuild(record, record.key(), facts, facts, before, after, null);
            }
        };
    }

    /**
     * A decision's minutes changed: this partition's chains that name it, which had the old minutes before. A chain
     * shows the minutes of each decision it names, so new minutes always change it, and never which decisions it
     * names (minutes links come as link updates): it is written without assembling the chain the old minutes gave.
     * Only a change of why the minutes were rejected, with the minutes themselves unchanged, may leave it as it was.
     */
    ProcessorSupplier<String, MinutesChange, String, byte[]> ofMinutesChanges() {
        return () -> new Building<>() {
            @Override
            public void process(Record<String, MinutesChange> record) {
                MinutesChange change = record.value();
                boolean minutesChanged = !Objects.equals(change.before(), change.after());
                for (KeyValue<String, String> chain : StoreRows.group(byDecision, record.key())) {
                    CommitFacts facts = ownOf(chain.value);
                    LinkedFacts links = linkedOf(chain.value);
                    if (minutesChanged && facts.commit() != null) {
                        write(record, chain.value, chain(facts, links, minutes::get, rejections::get));
                    } else {
                        rebuild(record, chain.value, facts, facts, links, links, change);
                    }
                }
            }
        };
    }

    /** What the three inputs share: the stores, and rebuilding a chain from its facts before and after. */
    private abstract class Building<V> implements Processor<String, V, String, byte[]> {
        private ProcessorContext<String, byte[]> context;
        private KeyValueStore<String, CommitFacts> own;
        KeyValueStore<String, DecisionMinutes> minutes;
        KeyValueStore<String, String> rejections;
        KeyValueStore<String, LinkedFacts> linked;
        KeyValueStore<String, String> byDecision;

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
            own = context.getStateStore(CommitSide.STORE);
            minutes = context.getStateStore(MinutesCopy.STORE);
            rejections = context.getStateStore(MinutesCopy.REJECTIONS);
            linked = context.getStateStore(LINKED);
            byDecision = context.getStateStore(BY_DECISION);
        }

        /** {@code minutesChange}: the minutes of the record's decision, or why they were rejected, changed (else null). */
        void rebuild(Record<String, V> record, String commitKey, CommitFacts ownBefore, CommitFacts ownAfter,
                     LinkedFacts linkedBefore, LinkedFacts linkedAfter, MinutesChange minutesChange) {
            Map<String, DecisionMinutes> read = new HashMap<>();
            Function<String, DecisionMinutes> now = id -> read.computeIfAbsent(id, minutes::get);
            Function<String, DecisionMinutes> before = minutesChange == null ? now
                    : id -> id.equals(record.key()) ? minutesChange.before() : now.apply(id);
            Function<String, String> rejectedNow = rejections::get;
            Function<String, String> rejectedBefore = minutesChange == null ? rejectedNow
                    : id -> id.equals(record.key()) ? minutesChange.rejectedBefore() : rejectedNow.apply(id);
            DecisionChain was = chain(ownBefore, linkedBefore, before, rejectedBefore);
            DecisionChain is = chain(ownAfter, linkedAfter, now, rejectedNow);
            index(commitKey, was, is);
            if (!Objects.equals(was, is)) {
                write(record, commitKey, is);
            }
        }

        /** The chain of {@code commitKey}, serialized; null: a tombstone. */
        void write(Record<String, V> record, String commitKey, DecisionChain chain) {
            byte[] bytes = chain == null ? null : Topics.CHAINS.valueSerde().serialize(Topics.CHAINS.name(), chain);
            context.forward(record.withKey(commitKey).withValue(bytes));
        }

        DecisionChain chain(CommitFacts facts, LinkedFacts links, Function<String, DecisionMinutes> lookup,
                            Function<String, String> rejected) {
            return facts.commit() == null ? null : assembler.assemble(ChainFacts.of(facts, links), lookup, rejected);
        }

        /** Keeps {@link #BY_DECISION} in step with the decisions of each chain. */
        private void index(String commitKey, DecisionChain was, DecisionChain is) {
            Set<String> before = decisionIds(was);
            Set<String> after = decisionIds(is);
            before.stream().filter(id -> !after.contains(id))
                    .forEach(id -> byDecision.delete(CompositeKey.of(id, commitKey)));
            after.stream().filter(id -> !before.contains(id))
                    .forEach(id -> byDecision.put(CompositeKey.of(id, commitKey), commitKey));
        }

        CommitFacts ownOf(String commitKey) {
            CommitFacts facts = own.get(CommitSide.row(commitKey));
            return facts == null ? CommitFacts.NONE : facts;
        }

        LinkedFacts linkedOf(String commitKey) {
            LinkedFacts facts = linked.get(commitKey);
            return facts == null ? LinkedFacts.NONE : facts;
        }
    }

    private static Set<String> decisionIds(DecisionChain chain) {
        return chain == null ? Set.of()
                : chain.decisions().stream().map(ChainDecision::decisionId).collect(Collectors.toSet());
    }
}
