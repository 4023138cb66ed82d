package io.decisionlog.blame.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.nio.file.Path;
import java.util.Optional;

/** Settings of the blame-ingester ({@code decisionlog.blame.*}); each key also works as an environment variable. */
@ConfigMapping(prefix = "decisionlog.blame")
public interface BlameConfig {

    /** Files larger than this are not blamed (listed as skipped with the reason). */
    @WithDefault("1048576")
    long maxFileBytes();

    /**
     * The most one file's blame may take: the time spent diffing its versions (and reading them, and finding
     * where it was renamed from), added up over the walk through the history. A file over it is dropped from the
     * walk and listed as skipped ("blame took longer than 30s"); the other files, and the sync, go on. {@code 0}
     * means no limit.
     */
    @WithDefault("30s")
    Duration fileTimeLimit();

    /** Time limit of each read of a fetch; a whole fetch may take twice as long. */
    @WithDefault("120s")
    Duration fetchTimeout();

    /** How often every tracked repository is fetched ({@code 60s}); {@code off} leaves it to pushes and POST …/sync. */
    @WithDefault("60s")
    String pollInterval();

    /**
     * How many repositories sync at once (blame is CPU-bound: about the cores the service may use). One repository
     * syncs one at a time; a slow one holds up at most its own thread.
     */
    @WithDefault("2")
    int syncThreads();

    /**
     * How many past blames ({@code GET /api/v1/repos/{repo}/blame?rev=}) are computed at once; more requests wait up
     * to the file time limit for a slot, then get a 503.
     */
    @WithDefault("2")
    int pastBlameSlots();

    /**
     * GitHub webhook secret for /webhooks/push (X-Hub-Signature-256); also the GitLab X-Gitlab-Token. Not set: push
     * deliveries are refused unless DECISIONLOG_WEBHOOKS_ALLOW_UNSIGNED=true.
     */
    Optional<String> webhookSecret();

    /**
     * An allowed-signers file ({@code gpg.ssh.allowedSignersFile} syntax) that says whose SSH keys sign commits:
     * each commit's signature is checked against it and published as verified, unverified, bad, unknown_key or none.
     * Not set: every SSH signature is an unknown key (said, never taken as verified).
     */
    Optional<Path> allowedSigners();

    /**
     * An OpenPGP public keyring ({@code gpg --export}, binary or armored) whose keys sign commits: a signature by a key
     * in it is verified, by any other key an unknown key. Not set: every OpenPGP signature is an unknown key.
     */
    Optional<Path> pgpKeyring();

    /** The lease that lets one instance at a time sync, when several run ({@code decisionlog.blame.lease.*}). */
    Lease lease();

    /**
     * Every instance joins one Kafka consumer group on {@code decisionlog.git.repos.v1} (one partition): the member
     * holding the partition syncs, the others stand by (not ready).
     */
    interface Lease {
        /** The consumer group; instances of one deployment share it, another deployment on the cluster must not. */
        @WithDefault("decisionlog-blame-ingester-lease")
        String group();

        /**
         * How long a holder that stopped heartbeating (killed, frozen, cut off) keeps the lease before another instance
         * takes over (heartbeats every third of it). Within the broker's group.min/max.session.timeout.ms (6s-30min by
         * default). An instance that stops cleanly hands the lease over at once.
         */
        @WithDefault("10s")
        Duration sessionTimeout();
    }
}
