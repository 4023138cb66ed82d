package io.decisionlog.blame.sync;

import io.decisionlog.blame.git.Clones;
import io.decisionlog.blame.git.CommitRecords;
import io.decisionlog.blame.git.History;
import io.decisionlog.blame.git.IgnoreRevs;
import io.decisionlog.blame.history.FileBlame;
import io.decisionlog.blame.history.RepositoryBlame;
import io.decisionlog.blame.history.Skipped;
import io.decisionlog.events.BlameFile;
import io.decisionlog.events.Keys;
import io.decisionlog.events.Topics;
import io.decisionlog.events.TrackedRepo;
import io.decisionlog.events.kafka.AckedBatch;
import io.decisionlog.events.outbound.OutboundPolicy;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One sync of one repository: fetch, then publish what changed since the last published tip — every new commit,
 * the blame of every added or modified tracked file, a tombstone for every deleted one — and, once Kafka
 * acknowledged all of it, the new tip. The first sync, and a sync after a force-push, blame every file.
 *
 * <p>An incremental sync carries the published blame forward: it walks only the new commits, and where a line
 * reaches the published tip it takes the commit the published blame gives it ({@link PublishedBlames}, the local
 * copy of what was published). A file that copy does not know, or whose lines go into older history through a
 * merge, is blamed through the whole history, as a full sync would.
 */
public final class RepoSync {
    private static final Logger LOG = Logger.getLogger(RepoSync.class);

    private final Clones clones;
    private final PublishedBlames published;
    private final CommitRecords commits;
    private final PublishedTags publishedTags;
    private final long maxFileBytes;
    private final Duration fileTimeLimit;
    private final Clock clock;

    /** @param fileTimeLimit the most one file's blame may take before it is skipped ({@link Duration#ZERO}: none) */
    public RepoSync(Clones clones, PublishedBlames published, CommitRecords commits, PublishedTags publishedTags,
                    long maxFileBytes, Duration fileTimeLimit, Clock clock) {
        this.clones = clones;
        this.published = published;
        this.commits = commits;
        this.publishedTags = publishedTags;
        this.maxFileBytes = maxFileBytes;
        this.fileTimeLimit = fileTimeLimit;
        this.clock = clock;
    }

    /** What a sync did, for the status endpoint: the registration at the tip it reached, and what it published. */
    record Outcome(TrackedRepo reached, String mode, int records, List<Skipped> skipped) {
    }

    /**
     * Publishes the tip a sync reached, once Kafka acknowledged everything before it. Answers false when the
     * registration changed while the sync ran: then the newer registration stays the published one.
     */
    @FunctionalInterface
    interface TipPublisher {
        boolean publish(TrackedRepo reached) throws Exception;
    }

    /**
     * Retracts what the repository published: its registration, and the blame of every file its published tip tracks
     * (tombstones). Then removes its clone and the local copy of its published blame. Commits and chains stay.
     */
    void retract(TrackedRepo repo, AckedBatch publisher) throws Exception {
        sendBlameTombstones(repo, publisher);
        publisher.send(Topics.REPOS, repo.repo(), null);
        publisher.await();
        clones.delete(repo.repo());
        published.delete(repo.repo());
        publishedTags.delete(repo.repo());
    }

    /**
     * Retracts the blame a replaced registration (another source, or other path rules) published, before the first
     * sync of its replacement: a file only the old source had must not go on answering traces. The registration
     * itself stays (it is the replacement's now); the clone and local copy go, they belong to the old source.
     */
    void retractBlame(TrackedRepo replaced, AckedBatch publisher) throws Exception {
        int tombstones = sendBlameTombstones(replaced, publisher);
        publisher.await();
        clones.delete(replaced.repo());
        published.delete(replaced.repo());
        publishedTags.delete(replaced.repo());
        LOG.infof("%s: retracted the blame of %d files published from %s before syncing its replacement",
                replaced.repo(), tombstones, OutboundPolicy.withoutPassword(replaced.url()));
    }

    private int sendBlameTombstones(TrackedRepo repo, AckedBatch publisher) throws Exception {
        List<String> paths = clones.trackedPaths(repo.repo(), repo.tip(), PathRules.of(repo.include(), repo.exclude()));
        for (String path : paths) {
            publisher.send(Topics.BLAME, Keys.blame(repo.repo(), path), null);
        }
        return paths.size();
    }

    Outcome run(TrackedRepo repo, SyncProgress progress, AckedBatch publisher, TipPublisher tips) throws Exception {
        long started = System.nanoTime();
        ObjectId tip = clones.fetch(repo.repo(), repo.url(), repo.branch());
        long fetched = System.nanoTime();
        try (Repository repository = clones.open(repo.repo())) {
            CoveredCommits tags = CoveredCommits.of(repository, repo.repo(), tip, commits.trust(repo), publishedTags);
            if (repo.tip() != null && tip.name().equals(repo.tip())) {
                return tags.changed() ? tagsChanged(repository, repo, tip, tags, publisher)
                        : new Outcome(repo, "up to date", 0, List.of());
            }
            ObjectId previous = repo.tip() == null ? null : repository.resolve(repo.tip());
            IgnoreRevs ignore = IgnoreRevs.read(repository, tip, repo.ignoreRevs());
            // blame carried forward was made ignoring what the old file named: with another file, blame everything
            boolean ignoreChanged = previous != null && IgnoreRevs.changedBetween(repository, previous, tip);
            boolean incremental = previous != null && !ignoreChanged && History.isAncestor(repository, previous, tip);
            Predicate<String> tracked = PathRules.of(repo.include(), repo.exclude());
            PublishedBlames.Snapshot before = published.open(repo.repo(), repo.tip());
            List<RevCommit> newCommits = publishCommits(repository, repo, tip, incremental ? previous : null, tags,
                    publisher);
            int republished = republishCovered(repository, repo, tip, tags, newCommits, publisher);
            long commitsSent = System.nanoTime();

            TipChanges changes = previous == null || ignoreChanged ? TipChanges.everything()
                    : TipChanges.between(repository, previous, tip, incremental, newCommits);
            RepositoryBlame blamer = new RepositoryBlame(repository, maxFileBytes, fileTimeLimit, progress::update)
                    .ignoring(ignore.commits());
            Predicate<String> reblame = path -> tracked.test(path) && changes.reblame(path);
            RepositoryBlame.Result blame = incremental ? blamer.blame(tip, reblame, previous, before)
                    : blamer.blame(tip, reblame);
            long blamed = System.nanoTime();
            String mode = (repo.tip() == null ? "full"
                    : ignoreChanged ? "full (" + IgnoreRevs.FILE + " changed)"
                    : incremental ? incrementalMode(blame)
                    : "full (force-push: the previous tip " + repo.tip().substring(0, 12) + " is not in the new history)")
                    + ignore.describe();

            BlamePublished blamePublished;
            try (ObjectReader reader = repository.newObjectReader()) {
                blamePublished = publishBlame(repo.repo(), tip, blame, changes, tracked, publisher, reader);
            }
            int records = publisher.await();
            TrackedRepo done = repo.at(tip.name(), clock.instant());
            boolean current = tips.publish(done);
            records += current ? 1 : 0;
            long acknowledged = System.nanoTime();
            if (current) {
                before.record(tip.name(), blamePublished.entries(), blamePublished.removed(), !incremental);
                tags.record();
            }
            LOG.infof("%s: %s sync to %s: %d commits (%d published again for a signed tag), %d files blamed, %d "
                            + "skipped, %d records published; fetch %d ms, commits %d ms, blame %d ms, publish %d ms, "
                            + "local copy %d ms",
                    repo.repo(), mode, tip.name().substring(0, 12), newCommits.size(), republished, blame.files().size(),
                    blamePublished.skipped().size(), records, millis(started, fetched), millis(fetched, commitsSent),
                    millis(commitsSent, blamed), millis(blamed, acknowledged), millis(acknowledged, System.nanoTime()));
            return new Outcome(done, mode, records, blamePublished.skipped());
        }
    }

    /** Sends every commit new since {@code previous} (all of them when null); returns them. */
    private List<RevCommit> publishCommits(Repository repository, TrackedRepo repo, ObjectId tip, ObjectId previous,
                                           CoveredCommits tags, AckedBatch publisher) throws Exception {
        List<RevCommit> newCommits = History.newCommits(repository, tip, previous);
        Map<String, List<String>> introduced = History.introducedByMerges(repository, tip, newCommits);
        for (RevCommit commit : newCommits) {
            publish(repository, repo, commit, introduced, tags, publisher);
        }
        return newCommits;
    }

    /**
     * Sends again every commit published before whose covering signed tag's verdict changed (a release tagged after
     * its commits, a tag deleted); returns how many.
     */
    private int republishCovered(Repository repository, TrackedRepo repo, ObjectId tip, CoveredCommits tags,
                                 List<RevCommit> justPublished, AckedBatch publisher) throws Exception {
        if (!tags.changed()) {
            return 0;
        }
        Set<String> sent = justPublished.stream().map(RevCommit::name).collect(Collectors.toSet());
        List<RevCommit> changed = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository)) {
            for (String sha : tags.changedCommits()) {
                if (!sent.contains(sha) && repository.getObjectDatabase().has(ObjectId.fromString(sha))) {
                    changed.add(walk.parseCommit(ObjectId.fromString(sha)));
                }
            }
        }
        Map<String, List<String>> introduced = History.introducedByOlderMerges(repository, tip, changed);
        for (RevCommit commit : changed) {
            publish(repository, repo, commit, introduced, tags, publisher);
        }
        return changed.size();
    }

    private void publish(Repository repository, TrackedRepo repo, RevCommit commit,
                         Map<String, List<String>> introduced, CoveredCommits tags, AckedBatch publisher)
            throws IOException {
        publisher.send(Topics.COMMITS, Keys.commit(repo.repo(), commit.name()), commits.of(repository, repo, commit,
                introduced.getOrDefault(commit.name(), List.of()), tags.of(commit.name())));
    }

    /** The tip is where it was, but a signed tag came, went or moved: only the commits it covers are sent again. */
    private Outcome tagsChanged(Repository repository, TrackedRepo repo, ObjectId tip, CoveredCommits tags,
                                AckedBatch publisher) throws Exception {
        int republished = republishCovered(repository, repo, tip, tags, List.of(), publisher);
        int records = publisher.await();
        tags.record();
        LOG.infof("%s: signed tags changed at %s: %d commits covered, %d published again with their tag's verdict",
                repo.repo(), tip.name().substring(0, 12), tags.covered(), republished);
        return new Outcome(repo, "signed tags changed: " + republished + " commits published again", records, List.of());
    }

    /** What a sync sent of the blame: the entries for the local copy, the paths no longer published, the skipped. */
    private record BlamePublished(List<PublishedBlames.Entry> entries, List<String> removed, List<Skipped> skipped) {
    }

    /** Sends each blamed file's record, and a tombstone for each deleted tracked file. */
    private static BlamePublished publishBlame(String repo, ObjectId tip, RepositoryBlame.Result blame,
                                               TipChanges changes, Predicate<String> tracked, AckedBatch publisher,
                                               ObjectReader reader) throws IOException {
        List<Skipped> skipped = new ArrayList<>(blame.skipped());
        List<PublishedBlames.Entry> entries = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        skipped.forEach(file -> removed.add(file.path()));
        for (FileBlame file : blame.files()) {
            BlameFile record = BlameRecords.of(repo, tip.name(), file, reader);
            if (record == null) {
                skipped.add(new Skipped(file.path(), "blame record over 1 MB even without its text"));
                removed.add(file.path());
            } else {
                publisher.send(Topics.BLAME, record.key(), record);
                entries.add(new PublishedBlames.Entry(file.path(), file.blob(), record.ranges()));
            }
        }
        for (String path : changes.deleted()) {
            removed.add(path);
            if (tracked.test(path)) {
                publisher.send(Topics.BLAME, Keys.blame(repo, path), null);
            }
        }
        return new BlamePublished(entries, removed, skipped);
    }

    /** {@code incremental}, with how many changed files were carried forward and how many walked the history. */
    private static String incrementalMode(RepositoryBlame.Result blame) {
        if (blame.fromPrevious() + blame.throughHistory() == 0) {
            return "incremental";
        }
        return "incremental (" + blame.fromPrevious() + (blame.fromPrevious() == 1 ? " file" : " files")
                + " carried forward from the published blame, " + blame.throughHistory() + " blamed through the history)";
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
