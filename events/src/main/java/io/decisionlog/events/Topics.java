package io.decisionlog.events;

import java.util.List;

/** Every topic of DESIGN.md, in one registry that producers, the topology, config and tests all use. */
public final class Topics {
    /** Partitions of the high-volume topics: enough for a few decision-graph instances, few enough for a laptop. */
    public static final int PARTITIONS = 6;

    public static final Topic<GitCommit> COMMITS = state("decisionlog.git.commits.v1", GitCommit.class);
    public static final Topic<BlameFile> BLAME = state("decisionlog.git.blame.v1", BlameFile.class);
    public static final Topic<TrackedRepo> REPOS =
            new Topic<>("decisionlog.git.repos.v1", JsonSerde.of(TrackedRepo.class), 1, true);
    /** Keyed by run, placed by the commit it ran on ({@link Placement#byCommit}). */
    public static final Topic<CiRun> CI_RUNS = new Topic<>("decisionlog.ci.runs.v1", JsonSerde.of(CiRun.class),
            PARTITIONS, true, false, Placement.byCommit());
    public static final Topic<CiDispatch> CI_DISPATCHES = state("decisionlog.ci.dispatches.v1", CiDispatch.class);
    public static final Topic<DecisionMinutes> MINUTES = state("decisionlog.minutes.v1", DecisionMinutes.class);
    public static final Topic<RejectedMinutes> MINUTES_REJECTED =
            new Topic<>("decisionlog.minutes.rejected.v1", JsonSerde.of(RejectedMinutes.class), PARTITIONS, false);
    public static final Topic<DecisionChain> CHAINS = state("decisionlog.chains.v1", DecisionChain.class);
    /** The minutes-ingester's own state: registrations and last synced commits, per source. */
    public static final Topic<MinutesSourceState> MINUTES_SOURCES =
            new Topic<>("decisionlog.minutes.sources.v1", JsonSerde.of(MinutesSourceState.class), 1, true);
    /** The minutes-ingester's own state: what it last read and published per minutes file. */
    public static final Topic<MinutesFileState> MINUTES_FILES =
            new Topic<>("decisionlog.minutes.files.v1", JsonSerde.of(MinutesFileState.class), 1, true);
    /**
     * decision-graph's dead letters: each input record it could not read, key and value as they came, with headers
     * saying where it was and why it failed. A plain log; nothing in the contract reads it.
     */
    public static final Topic<byte[]> GRAPH_DEAD_LETTERS =
            new Topic<>("decisionlog.graph.dlq.v1", new RawBytesSerde(), PARTITIONS, false);

    /** The ci-audit-ingester's pull sources: registration and progress per source id (never a credential). */
    public static final Topic<CiSource> CI_SOURCES =
            new Topic<>("decisionlog.ci.sources.v1", JsonSerde.of(CiSource.class), 1, true);

    /** The API tokens every service accepts (hashes, never secrets), by token id; a revoked token is a tombstone. */
    public static final Topic<ApiToken> TOKENS =
            new Topic<>("decisionlog.tokens.v1", JsonSerde.of(ApiToken.class), 1, true);
    /**
     * Every write through an API, by target: one partition, so the trail has one order, and kept forever (issue 20
     * builds its tamper-evident log on it).
     */
    public static final Topic<AuditEvent> AUDIT =
            new Topic<>("decisionlog.audit.v1", JsonSerde.of(AuditEvent.class), 1, false, true);

    /** Stewards' sign-offs and their revocations: one partition and kept forever, like the audit trail. */
    public static final Topic<SignoffEvent> SIGNOFFS =
            new Topic<>("decisionlog.signoffs.v1", JsonSerde.of(SignoffEvent.class), 1, false, true);

    /**
     * The transparency log: every sign-off and audit record in one order, as Merkle-tree leaves (RFC 9162), written by
     * decision-graph's topology under exactly-once. One partition, kept forever.
     */
    public static final Topic<LogEntry> LOG =
            new Topic<>("decisionlog.log.v1", JsonSerde.of(LogEntry.class), 1, false, true);

    public static final List<Topic<?>> ALL = List.of(COMMITS, BLAME, REPOS, CI_RUNS, CI_DISPATCHES, MINUTES,
            MINUTES_REJECTED, CHAINS, MINUTES_SOURCES, MINUTES_FILES, GRAPH_DEAD_LETTERS, CI_SOURCES, TOKENS, AUDIT,
            SIGNOFFS, LOG);

    private Topics() {
    }

    private static <V> Topic<V> state(String name, Class<V> type) {
        return new Topic<>(name, JsonSerde.of(type), PARTITIONS, true);
    }
}
