package io.decisionlog.graph.topology;

import io.decisionlog.events.CiRun;
import io.decisionlog.events.CiRunOrder;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.JsonSerde;
import io.decisionlog.events.Keys;
import io.decisionlog.events.Topics;
import io.decisionlog.graph.topology.FanOut.Target;
import io.decisionlog.graph.topology.LinkState.ChainFacts;
import io.decisionlog.graph.topology.LinkState.CommitDecisionLink;
import io.decisionlog.graph.topology.LinkState.DecisionSet;
import io.decisionlog.graph.topology.LinkState.LinkedMinutes;
import io.decisionlog.graph.topology.LinkState.MinutesLinkEntry;
import io.decisionlog.graph.topology.LinkState.MinutesLinks;
import io.decisionlog.graph.topology.LinkState.MinutesOfCommit;
import io.decisionlog.graph.topology.LinkState.ShaIndexInput;
import io.decisionlog.graph.topology.RunState.CorrelationInput;
import io.decisionlog.graph.topology.RunState.DispatchLinkUpdate;
import io.decisionlog.graph.topology.RunState.DispatchLinks;
import io.decisionlog.graph.topology.RunState.MergeEntry;
import io.decisionlog.graph.topology.RunState.MergeSide;
import io.decisionlog.graph.topology.RunState.MergedRuns;
import io.decisionlog.graph.topology.RunState.RunFacts;
import io.decisionlog.graph.topology.RunState.RunUpdate;
import io.decisionlog.graph.topology.RunState.RunsOfCommit;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TableJoined;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the topology that keeps {@code decisionlog.chains.v1} current from commits, CI runs, dispatches and
 * minutes. Pure: no CDI, no I/O; the same {@link Topology} runs in Quarkus, in TopologyTestDriver and in the
 * benchmark. Every stage is keyed so that it scales with partitions:
 * <ol>
 * <li>runs by run key: newest status wins ({@link CiRunOrder}), a tombstone deletes;</li>
 * <li>dispatched runs and dispatches by correlation group: {@link DispatchCorrelator}, links back by run key;</li>
 * <li>runs (with their dispatch link) grouped by commit key;</li>
 * <li>merge commits joined with their runs, fanned out to each introduced commit, grouped by commit key;</li>
 * <li>minutes' short shas and commits by sha shard: {@link PrefixResolver}, links grouped by commit key;</li>
 * <li>commit, runs, merged runs and minutes links joined by commit key into the chain's facts; its decisions
 *     fanned out to (commit, decision) links, foreign-key joined to the minutes, re-aggregated by commit key;</li>
 * <li>facts joined with the minutes of the commit's decisions: the chain ({@link ChainAssembler}), written
 *     only when it changed ({@link ChangesOnly}).</li>
 * </ol>
 */
public final class DecisionGraphTopology {
    private static final Serde<String> KEY = Serdes.String();

    private final Stores stores;
    private final DispatchRule rule;
    private final ChainAssembler assembler;

    private DecisionGraphTopology(GraphSettings settings) {
        this.stores = new Stores(settings.storeType());
        this.rule = new DispatchRule(settings.dispatchWindow(), settings.decisionIds());
        this.assembler = new ChainAssembler(settings.decisionIds());
    }

    public static Topology build(GraphSettings settings) {
        return new DecisionGraphTopology(settings).topology();
    }

    private Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, GitCommit> commitChanges = builder.stream(Topics.COMMITS.name(),
                Consumed.with(KEY, Topics.COMMITS.valueSerde()).withName("commits"));
        KTable<String, GitCommit> commits = commitChanges.toTable(Named.as("commits-table"),
                stores.table("commits", KEY, Topics.COMMITS.valueSerde()));
        KStream<String, DecisionMinutes> minutesChanges = builder.stream(Topics.MINUTES.name(),
                Consumed.with(KEY, Topics.MINUTES.valueSerde()).withName("minutes"));
        KTable<String, DecisionMinutes> minutes = minutesChanges.toTable(Named.as("minutes-table"),
                stores.table("minutes", KEY, Topics.MINUTES.valueSerde()));

        KTable<String, CiRun> runs = latestRuns(builder);
        KTable<String, RunsOfCommit> runsByCommit = runsByCommit(runs, dispatchLinks(builder, runs));
        KTable<String, ChainFacts> facts = commits
                .leftJoin(runsByCommit, (commit, direct) -> new ChainFacts(commit, direct, null, null),
                        Named.as("commit-with-runs"))
                .leftJoin(mergedRuns(commits, runsByCommit), ChainFacts::withMerged, Named.as("commit-with-merged-runs"))
                .leftJoin(minutesLinks(commitChanges, minutesChanges), ChainFacts::withMinutes,
                        Named.as("commit-with-minutes-links"));
        facts.leftJoin(minutesOfCommit(facts, minutes), assembler::assemble, Named.as("chains"))
                .toStream(Named.as("chain-changes"))
                .process(new ChangesOnly(stores), Named.as("chains-changed-only"))
                .to(Topics.CHAINS.name(), Produced.with(KEY, Serdes.ByteArray()).withName("chains-sink"));
        return builder.build();
    }

    /** ci.runs as a table of the newest status per run key; a tombstone deletes the run. */
    private KTable<String, CiRun> latestRuns(StreamsBuilder builder) {
        return builder.stream(Topics.CI_RUNS.name(), Consumed.with(KEY, Topics.CI_RUNS.valueSerde()).withName("ci-runs"))
                // wrapped, because an aggregation skips null values and a tombstone must reach it
                .mapValues(RunUpdate::new, Named.as("run-updates"))
                .groupByKey(Grouped.with("run-updates", KEY, json(RunUpdate.class)))
                .aggregate(() -> null,
                        (runKey, update, current) -> update.run() == null ? null
                                : CiRunOrder.supersedes(update.run(), current) ? update.run() : current,
                        Named.as("latest-runs"), stores.table("latest-runs", KEY, Topics.CI_RUNS.valueSerde()));
    }

    /** For each dispatched run, by run key: which dispatch caused it (see {@link DispatchRule}). */
    private KTable<String, DispatchLinks> dispatchLinks(StreamsBuilder builder, KTable<String, CiRun> runs) {
        KStream<String, CorrelationInput> fromDispatches = builder.stream(Topics.CI_DISPATCHES.name(),
                        Consumed.with(KEY, Topics.CI_DISPATCHES.valueSerde()).withName("ci-dispatches"))
                .process(new FanOut<>("dispatch-groups", Topics.CI_DISPATCHES.valueSerde(), stores,
                        (key, dispatch) -> Map.of(new Target(DispatchRule.group(dispatch), key), dispatch),
                        (target, dispatch) -> CorrelationInput.dispatch(target.member(), dispatch)),
                        Named.as("dispatch-groups"));
        KStream<String, CorrelationInput> fromRuns = runs.toStream(Named.as("run-changes"))
                .process(new FanOut<>("dispatched-run-groups", Topics.CI_RUNS.valueSerde(), stores,
                        (key, run) -> DispatchRule.isDispatched(run)
                                ? Map.of(new Target(DispatchRule.group(run), key), run) : Map.of(),
                        (target, run) -> CorrelationInput.run(target.member(), run)),
                        Named.as("dispatched-run-groups"));
        return fromDispatches.merge(fromRuns, Named.as("correlation-inputs"))
                .repartition(Repartitioned.with(KEY, json(CorrelationInput.class)).withName("correlation-by-group"))
                .process(new DispatchCorrelator(rule, stores), Named.as("dispatch-correlator"))
                .repartition(Repartitioned.with(KEY, json(DispatchLinkUpdate.class)).withName("dispatch-links-by-run"))
                .groupByKey(Grouped.with("dispatch-link-updates", KEY, json(DispatchLinkUpdate.class)))
                .aggregate(() -> null, (runKey, update, links) -> DispatchLinks.apply(links, update),
                        Named.as("dispatch-links"), stores.table("dispatch-links", KEY, json(DispatchLinks.class)));
    }

    /** Runs with their dispatch link, grouped by the commit they ran on. */
    private KTable<String, RunsOfCommit> runsByCommit(KTable<String, CiRun> runs, KTable<String, DispatchLinks> links) {
        return runs.filter((runKey, run) -> run.repo() != null && run.headSha() != null, Named.as("runs-with-commit"))
                .leftJoin(links, (run, byGroup) -> new RunFacts(run,
                        byGroup == null ? null : byGroup.byGroup().get(DispatchRule.group(run))), Named.as("run-with-dispatch"))
                .groupBy((runKey, facts) -> KeyValue.pair(facts.run().commitKey(), facts),
                        Grouped.with("runs-by-commit", KEY, json(RunFacts.class)))
                .aggregate(RunsOfCommit::none, (commitKey, facts, all) -> all.with(facts),
                        (commitKey, facts, all) -> all.without(facts),
                        Named.as("runs-of-commit"), stores.table("runs-of-commit", KEY, json(RunsOfCommit.class)));
    }

    /** For each commit a merge commit introduced: the runs on that merge commit, by merge commit key. */
    private KTable<String, MergedRuns> mergedRuns(KTable<String, GitCommit> commits,
                                                  KTable<String, RunsOfCommit> runsByCommit) {
        return commits.filter((key, commit) -> !commit.introduced().isEmpty(), Named.as("merge-commits"))
                .join(runsByCommit, MergeSide::new, Named.as("merge-with-runs"))
                .toStream(Named.as("merge-changes"))
                .process(new FanOut<>("merge-fanout", json(MergeSide.class), stores, DecisionGraphTopology::introduced,
                        (target, mergeRuns) -> new MergeEntry(target.member(), mergeRuns)), Named.as("merge-fanout"))
                .repartition(Repartitioned.with(KEY, json(MergeEntry.class)).withName("merge-runs-by-commit"))
                .groupByKey(Grouped.with("merge-runs", KEY, json(MergeEntry.class)))
                .aggregate(() -> null,
                        (commitKey, entry, all) -> (all == null ? new MergedRuns(Map.of()) : all).apply(entry),
                        Named.as("merged-runs"), stores.table("merged-runs", KEY, json(MergedRuns.class)));
    }

    /** For each commit: the minutes entries whose short sha matched it. */
    private KTable<String, MinutesLinks> minutesLinks(KStream<String, GitCommit> commitChanges,
                                                      KStream<String, DecisionMinutes> minutesChanges) {
        KStream<String, ShaIndexInput> fromCommits = commitChanges
                .filter((commitKey, commit) -> Prefixes.shardOfCommit(commitKey) != null, Named.as("commits-with-sha"))
                .map((commitKey, commit) -> KeyValue.pair(Prefixes.shardOfCommit(commitKey),
                        ShaIndexInput.commit(commitKey, commit != null)), Named.as("commit-shards"));
        KStream<String, ShaIndexInput> fromMinutes = minutesChanges
                .process(new FanOut<>("minutes-prefixes", Topics.MINUTES.valueSerde(), stores, Prefixes::requests,
                        (target, request) -> ShaIndexInput.request(target.member(), request)), Named.as("minutes-prefixes"));
        return fromCommits.merge(fromMinutes, Named.as("prefix-inputs"))
                .repartition(Repartitioned.with(KEY, json(ShaIndexInput.class)).withName("prefix-inputs-by-shard"))
                .process(new PrefixResolver(stores), Named.as("prefix-resolver"))
                .repartition(Repartitioned.with(KEY, json(MinutesLinkEntry.class)).withName("minutes-links-by-commit"))
                .groupByKey(Grouped.with("minutes-links", KEY, json(MinutesLinkEntry.class)))
                .aggregate(() -> null,
                        (commitKey, entry, all) -> (all == null ? new MinutesLinks(Map.of()) : all).apply(entry),
                        Named.as("minutes-links"), stores.table("minutes-links", KEY, json(MinutesLinks.class)));
    }

    /** For each commit: the minutes of its decisions, through (commit, decision) links and a foreign-key join. */
    private KTable<String, MinutesOfCommit> minutesOfCommit(KTable<String, ChainFacts> facts,
                                                            KTable<String, DecisionMinutes> minutes) {
        return facts.toStream(Named.as("facts-changes"))
                .mapValues(chain -> chain == null ? null : new DecisionSet(List.copyOf(assembler.decisions(chain).keySet())),
                        Named.as("decision-sets"))
                .process(new FanOut<>("decision-fanout", json(DecisionSet.class), stores, DecisionGraphTopology::links,
                        (target, link) -> link), Named.as("decision-fanout"))
                .repartition(Repartitioned.with(KEY, json(CommitDecisionLink.class)).withName("commit-decision-links"))
                .toTable(Named.as("commit-decision-links-table"),
                        stores.table("commit-decision-links", KEY, json(CommitDecisionLink.class)))
                .leftJoin(minutes, CommitDecisionLink::decisionId,
                        (link, found) -> new LinkedMinutes(link.commitKey(), link.decisionId(), found),
                        TableJoined.as("decision-minutes"),
                        stores.table("decision-minutes", KEY, json(LinkedMinutes.class)))
                .groupBy((linkKey, linked) -> KeyValue.pair(linked.commitKey(), linked),
                        Grouped.with("minutes-by-commit", KEY, json(LinkedMinutes.class)))
                .aggregate(MinutesOfCommit::none, (commitKey, linked, all) -> all.with(linked),
                        (commitKey, linked, all) -> all.without(linked),
                        Named.as("minutes-of-commit"), stores.table("minutes-of-commit", KEY, json(MinutesOfCommit.class)));
    }

    private static Map<Target, RunsOfCommit> introduced(String mergeKey, MergeSide side) {
        Map<Target, RunsOfCommit> targets = new LinkedHashMap<>();
        for (String sha : side.merge().introduced()) {
            if (sha != null && !sha.isBlank()) {
                String commitKey = Keys.commit(side.merge().repo(), sha.trim());
                if (!commitKey.equals(mergeKey)) {
                    targets.put(new Target(commitKey, mergeKey), side.runs());
                }
            }
        }
        return targets;
    }

    private static Map<Target, CommitDecisionLink> links(String commitKey, DecisionSet decisions) {
        Map<Target, CommitDecisionLink> targets = new LinkedHashMap<>();
        for (String decisionId : decisions.decisionIds()) {
            String linkKey = CompositeKey.of(commitKey, decisionId);
            targets.put(new Target(linkKey, linkKey), new CommitDecisionLink(commitKey, decisionId));
        }
        return targets;
    }

    private static <T> JsonSerde<T> json(Class<T> type) {
        return JsonSerde.of(type);
    }
}
