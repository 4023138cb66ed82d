package io.decisionlog.graph.topology;

import io.decisionlog.events.CiRun;
import io.decisionlog.events.JsonSerde;
import io.decisionlog.events.Placement;
import io.decisionlog.events.Topics;
import io.decisionlog.graph.topology.FanOut.Target;
import io.decisionlog.graph.topology.LinkState.CommitChange;
import io.decisionlog.graph.topology.LinkState.CommitInput;
import io.decisionlog.graph.topology.LinkState.CommitRecord;
import io.decisionlog.graph.topology.LinkState.LinkUpdate;
import io.decisionlog.graph.topology.LinkState.MinutesChange;
import io.decisionlog.graph.topology.LinkState.MinutesInput;
import io.decisionlog.graph.topology.LinkState.MinutesLinkEntry;
import io.decisionlog.graph.topology.LinkState.MinutesRecord;
import io.decisionlog.graph.topology.LinkState.MinutesRejection;
import io.decisionlog.graph.topology.LinkState.PrefixMatches;
import io.decisionlog.graph.topology.RunState.CorrelationInput;
import io.decisionlog.graph.topology.RunState.DispatchLinkUpdate;
import io.decisionlog.graph.topology.RunState.MergeEntry;
import io.decisionlog.graph.topology.RunState.RunChange;
import io.decisionlog.graph.topology.RunState.RunEntry;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StreamPartitioner;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Builds the topology that keeps {@code decisionlog.chains.v1} current from commits, CI runs, dispatches and
 * minutes. Pure: no CDI, no I/O; the same {@link Topology} runs in Quarkus, in TopologyTestDriver and in the
 * benchmark. Under exactly-once every store write and every repartition record is a record the broker takes inside a
 * transaction, and every repartition hop costs a transaction commit of latency, so each stage keeps one row per key
 * that all its inputs update, and passes changes to the next stage of the same key in memory, as before and after:
 * <ol>
 * <li>by commit key, in the task that reads the commits topic as it is and the runs on their commit's partition
 *     ({@link RunPlacement}): {@link RunTracker} (the newest status of each run, kept by run key; dispatched runs go
 *     to their correlation group), {@link RunLinker} (each run with its dispatch link, for its commit),
 *     {@link CommitSide} (the commit and its runs; a merge commit's runs go on to the commits it introduced),
 *     {@link MinutesCopy} (every partition gets all minutes: they are few, and any chain may name any decision),
 *     {@link PrefixMatcher} (short shas of the minutes against this partition's commits, indexed in memory) and
 *     {@link ChainBuilder} (the chain, written only when it changed);</li>
 * <li>by correlation group: {@link DispatchCorrelator} (dispatches and dispatched runs; links back to the run's
 *     partition);</li>
 * <li>by minutes entry: {@link PrefixCounter} (what all partitions matched: a link, or ambiguous).</li>
 * </ol>
 * A commit reaches its chain through no repartition topic, and so does a run the ci-audit-ingester placed: one
 * transaction from either to the chain. A run found on another partition takes one hop to its commit's first. The
 * partitions of the commit-keyed repartition topics follow the input topics', which all have
 * {@code Topics.PARTITIONS}: commits and the runs, minutes and links sent to them meet in the same task only because
 * those counts are equal.
 * <p>
 * Each stream carries one kind of key and one type of value. Where two inputs of one task share stores but not
 * their key (minutes by decision id, commits by commit key) or their type, each has its own processor over the
 * same stores; the processor that supplies a shared store is added before those that connect to it by name. Of
 * several processors reading one stream, the one added first gets each record first; the order below keeps the
 * order in which records reach the internal topics.
 */
public final class DecisionGraphTopology {
    private static final Serde<String> KEY = Serdes.String();

    private final StoreFactory stores;
    private final DispatchRule rule;
    private final ChainAssembler assembler;

    private DecisionGraphTopology(GraphSettings settings) {
        this.stores = new StoreFactory(settings.storeType());
        this.rule = new DispatchRule(settings.dispatchWindow(), settings.decisionIds());
        this.assembler = new ChainAssembler(settings.decisionIds());
    }

    public static Topology build(GraphSettings settings) {
        return new DecisionGraphTopology(settings).topology();
    }

    private Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, CommitInput> commits = builder.stream(Topics.COMMITS.name(),
                        Consumed.with(KEY, Topics.COMMITS.valueSerde()).withName("commits"))
                .<CommitInput>mapValues(CommitRecord::new, Named.as("commit-inputs"));
        KStream<String, CommitChange> commitChanges = commits.merge(runsByCommit(builder),
                        Named.as("commit-side-inputs"))
                .process(new CommitSide(stores), Named.as("commit-side"));
        KStream<String, MinutesChange> minutesChanges = builder.stream(Topics.MINUTES.name(),
                        Consumed.with(KEY, Topics.MINUTES.valueSerde()).withName("minutes"))
                .repartition(Repartitioned.with(KEY, Topics.MINUTES.valueSerde())
                        .withStreamPartitioner(everyPartition()).withName("minutes-everywhere"))
                .<MinutesInput>mapValues(MinutesRecord::new, Named.as("minutes-records"))
                .merge(rejections(builder), Named.as("minutes-inputs"))
                .process(new MinutesCopy(stores), Named.as("minutes-copy"));
        KStream<String, MinutesLinkEntry> minutesLinks = minutesLinks(commitChanges, minutesChanges);
        chains(commitChanges, minutesChanges, minutesLinks)
                .to(Topics.CHAINS.name(), Produced.with(KEY, Serdes.ByteArray()).withName("chains-sink"));
        transparencyLog(builder);
        return builder.build();
    }

    /**
     * Sign-offs and audit events into the transparency log: a sub-topology of its own, one task (both sources have one
     * partition), so the log has one order.
     */
    private static void transparencyLog(StreamsBuilder builder) {
        builder.stream(List.of(Topics.SIGNOFFS.name(), Topics.AUDIT.name()),
                        Consumed.with(KEY, Serdes.ByteArray()).withName("log-sources"))
                .process(LogEntries::new, Named.as("log-entries"))
                .to(Topics.LOG.name(), Produced.with(KEY, Serdes.ByteArray()).withName("log-sink"));
    }

    /**
     * The minutes-ingester's file states: why a rejected file's decisions have no minutes, by decision id, to every
     * partition like the minutes (the files topic has one partition: the copy gets as many as the minutes topic).
     */
    private KStream<String, MinutesInput> rejections(StreamsBuilder builder) {
        return builder.stream(Topics.MINUTES_FILES.name(),
                        Consumed.with(KEY, Topics.MINUTES_FILES.valueSerde()).withName("minutes-files"))
                .process(new RejectedMinutesFiles(stores), Named.as("rejected-minutes-files"))
                .repartition(Repartitioned.with(KEY, json(MinutesRejection.class)).withNumberOfPartitions(Topics.MINUTES.partitions())
                        .withStreamPartitioner(everyPartition()).withName("rejections-everywhere"))
                .mapValues(rejection -> (MinutesInput) rejection, Named.as("minutes-rejections"));
    }

    /**
     * ci.runs, each run in its commit's task ({@link RunPlacement}), through the run tracker and, with the dispatch
     * links the correlator sends back to the run's task, the run linker: each run's facts, keyed by the commit it ran
     * on, for the commit side of the same task.
     */
    private KStream<String, CommitInput> runsByCommit(StreamsBuilder builder) {
        RunLinker linker = new RunLinker(stores);
        KStream<String, CiRun> runs = builder.stream(Topics.CI_RUNS.name(),
                Consumed.with(KEY, Topics.CI_RUNS.valueSerde()).withName("ci-runs"));
        KStream<String, CiRun> moved = runs.process(RunPlacement.elsewhere(), Named.as("runs-elsewhere"))
                .repartition(Repartitioned.with(KEY, Topics.CI_RUNS.valueSerde())
                        .withNumberOfPartitions(Topics.CI_RUNS.partitions())
                        .withStreamPartitioner(RunPlacement.partitioner()).withName("runs-to-their-commits"));
        KStream<String, RunChange> runChanges = runs.process(RunPlacement.inPlace(), Named.as("runs-in-place"))
                .merge(moved, Named.as("placed-runs"))
                .process(new RunTracker(stores), Named.as("run-tracker"));
        KStream<String, RunEntry> ofRunChanges = runChanges.process(linker.ofRunChanges(), Named.as("run-linker"));
        KStream<String, RunEntry> ofDispatchLinks = dispatchLinks(builder,
                        runChanges.flatMap(RunTracker::toCorrelationGroups, Named.as("dispatched-runs")))
                .process(linker.ofDispatchLinks(), Named.as("run-linker-dispatch-links"), RunLinker.STORE,
                        RunTracker.STORE);
        return ofRunChanges.merge(ofDispatchLinks, Named.as("run-entries"))
                .<CommitInput>mapValues(entry -> entry, Named.as("run-entry-inputs"));
    }

    /** Dispatches and dispatched runs by correlation group ({@link DispatchCorrelator}); its links by run key. */
    private KStream<String, DispatchLinkUpdate> dispatchLinks(StreamsBuilder builder,
                                                             KStream<String, CorrelationInput> fromRuns) {
        KStream<String, CorrelationInput> fromDispatches = builder.stream(Topics.CI_DISPATCHES.name(),
                        Consumed.with(KEY, Topics.CI_DISPATCHES.valueSerde()).withName("ci-dispatches"))
                .process(new FanOut<>("dispatch-groups", Topics.CI_DISPATCHES.valueSerde(), stores,
                        (key, dispatch) -> Map.of(new Target(DispatchRule.group(dispatch), key), dispatch),
                        (target, dispatch) -> new CorrelationInput.Dispatch(target.member(), dispatch)),
                        Named.as("dispatch-groups"));
        return fromDispatches.merge(fromRuns, Named.as("correlation-inputs"))
                .repartition(Repartitioned.with(KEY, json(CorrelationInput.class)).withName("correlation-by-group"))
                .process(new DispatchCorrelator(rule, stores), Named.as("dispatch-correlator"))
                .repartition(Repartitioned.with(KEY, json(DispatchLinkUpdate.class))
                        .withStreamPartitioner(DecisionGraphTopology::toTheRunsPartition)
                        .withName("dispatch-links-by-run"));
    }

    /**
     * Short shas in minutes: matched against each partition's commits, counted per minutes entry across all
     * partitions ({@link PrefixCounter}), and the links that result, keyed by commit.
     */
    private KStream<String, MinutesLinkEntry> minutesLinks(KStream<String, CommitChange> commitChanges,
                                                           KStream<String, MinutesChange> minutesChanges) {
        PrefixMatcher matcher = new PrefixMatcher(stores);
        KStream<String, PrefixMatches> ofMinutes = minutesChanges.process(matcher.ofMinutesChanges(),
                Named.as("prefix-matcher-minutes"), CommitSide.STORE, MinutesCopy.STORE);
        KStream<String, PrefixMatches> ofCommits = commitChanges.process(matcher.ofCommitChanges(),
                Named.as("prefix-matcher-commits"), CommitSide.STORE, PrefixMatcher.STORE);
        return ofMinutes.merge(ofCommits, Named.as("prefix-matches"))
                .repartition(Repartitioned.with(KEY, json(PrefixMatches.class)).withName("prefix-matches-by-entry"))
                .process(new PrefixCounter(stores), Named.as("prefix-counter"))
                .repartition(Repartitioned.with(KEY, json(MinutesLinkEntry.class)).withName("minutes-links-by-commit"));
    }

    /**
     * The chains, by commit key, from what changes them ({@link ChainBuilder}): the commit's own facts, runs of the
     * merge commits that introduced it and minutes links (both kept beside it), and minutes.
     */
    private KStream<String, byte[]> chains(KStream<String, CommitChange> commitChanges,
                                           KStream<String, MinutesChange> minutesChanges,
                                           KStream<String, MinutesLinkEntry> minutesLinks) {
        ChainBuilder chains = new ChainBuilder(stores, assembler);
        KStream<String, byte[]> ofCommits = commitChanges.process(chains.ofCommitChanges(),
                Named.as("chains-of-commit-changes"), CommitSide.STORE, MinutesCopy.STORE,
                MinutesCopy.REJECTIONS);
        KStream<String, LinkUpdate> mergedRuns = commitChanges
                .flatMap(CommitSide::mergeEntries, Named.as("merge-entries"))
                .repartition(Repartitioned.with(KEY, json(MergeEntry.class)).withName("merge-runs-by-commit"))
                .<LinkUpdate>mapValues(entry -> entry, Named.as("merge-entry-inputs"));
        KStream<String, byte[]> ofLinks = mergedRuns
                .merge(minutesLinks.<LinkUpdate>mapValues(entry -> entry, Named.as("minutes-link-inputs")),
                        Named.as("link-updates"))
                .process(chains.ofLinkUpdates(), Named.as("chains-of-link-updates"), ChainBuilder.STORES);
        KStream<String, byte[]> ofMinutes = minutesChanges.process(chains.ofMinutesChanges(),
                Named.as("chains-of-minutes-changes"), ChainBuilder.STORES);
        return ofCommits.merge(ofLinks, Named.as("chains-with-links"))
                .merge(ofMinutes, Named.as("chains-with-minutes"));
    }

    private static Optional<Set<Integer>> toTheRunsPartition(String topic, String runKey, DispatchLinkUpdate update,
                                                            int partitions) {
        return Optional.of(Set.of(Placement.partitionOf(update.placedBy(), partitions)));
    }

    /** Every record to every partition: each partition's chains may name any decision. */
    static <V> StreamPartitioner<String, V> everyPartition() {
        return (topic, key, value, partitions) ->
                Optional.of(IntStream.range(0, partitions).boxed().collect(Collectors.toSet()));
    }

    private static <T> JsonSerde<T> json(Class<T> type) {
        return JsonSerde.of(type);
    }
}
