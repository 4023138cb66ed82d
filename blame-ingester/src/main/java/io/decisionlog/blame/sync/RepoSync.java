package io.decisionlog.blame.sync;

import io.decisionlog.blame.git.Clones;
import io.decisionlog.blame.git.CommitRecords;
import io.decisionlog.blame.git.History;
import io.decisionlog.blame.history.FileBlame;
import io.decisionlog.blame.history.RepositoryBlame;
import io.decisionlog.blame.history.Skipped;
import io.decisionlog.events.BlameFile;
import io.decisionlog.events.Keys;
import io.decisionlog.events.Topics;
import io.decisionlog.events.kafka.AckedBatch;
import io.decisionlog.events.TrackedRepo;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

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
    private final long maxFileBytes;
    private final Duration fileTimeLimit;
    private final Clock clock;

    /** @param fileTimeLimit the most one file's blame may take before it is skipped ({@link Duration#ZERO}: none) */
    public RepoSync(Clones clones, PublishedBlames published, CommitRecords commits, long maxFileBytes,
                    Duration fileTimeLimit, Clock clock) {
        this.clones = clones;
        this.published = published;
        this.commits = commits;
        this.maxFileBytes = maxFileBytes;
        this.fileTimeLimit = fileTimeLimit;
        this.clock = clock;
    }

    /** What a sync did, for the status endpoint. */
    record Outcome(TrackedRepo published, String mode, int records, List<Skipped> skipped) {
    }

    Outcome run(TrackedRepo repo, SyncProgress progress, AckedBatch publisher) throws Exception {
        long started = System.nanoTime();
        ObjectId tip = clones.fetch(repo.repo(), repo.url(), repo.branch());
        if (repo.tip() != null && tip.name().equals(repo.tip())) {
            return new Outcome(repo, "up to date", 0, List.of());
        }
        long fetched = System.nanoTime();
        try (Repository repository = clones.open(repo.repo())) {
            ObjectId previous = repo.tip() == null ? null : repository.resolve(repo.tip());
            boolean incremental = previous != null && History.isAncestor(repository, previous, tip);
            Predicate<String> tracked = PathRules.of(repo.include(), repo.exclude());
            PublishedBlames.Snapshot before = published.open(repo.repo(), repo.tip());

            List<RevCommit> newCommits = History.newCommits(repository, tip, incremental ? previous : null);
            Map<String, List<String>> introduced = History.introducedByMerges(repository, tip, newCommits);
            for (RevCommit commit : newCommits) {
                publisher.send(Topics.COMMITS, Keys.commit(repo.repo(), commit.name()),
                        commits.of(repo.repo(), commit, introduced.getOrDefault(commit.name(), List.of())));
            }

            Changes changes = previous == null ? Changes.everything()
                    : Changes.between(repository, previous, tip, incremental, newCommits);
            RepositoryBlame blamer = new RepositoryBlame(repository, maxFileBytes, fileTimeLimit, progress::update);
            Predicate<String> reblame = path -> tracked.test(path) && changes.reblame(path);
            RepositoryBlame.Result blame = incremental ? blamer.blame(tip, reblame, previous, before)
                    : blamer.blame(tip, reblame);
            long blamed = System.nanoTime();
            String mode = repo.tip() == null ? "full"
                    : incremental ? incrementalMode(blame)
                    : "full (force-push: the previous tip " + repo.tip().substring(0, 12) + " is not in the new history)";

            List<Skipped> skipped = new ArrayList<>(blame.skipped());
            List<PublishedBlames.Entry> entries = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            skipped.forEach(file -> removed.add(file.path()));
            for (FileBlame file : blame.files()) {
                BlameFile record = BlameRecords.of(repo.repo(), tip.name(), file);
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
                    publisher.send(Topics.BLAME, Keys.blame(repo.repo(), path), null);
                }
            }
            int records = publisher.await();
            TrackedRepo done = new TrackedRepo(repo.repo(), repo.url(), repo.branch(), repo.include(), repo.exclude(),
                    tip.name(), clock.instant());
            publisher.send(Topics.REPOS, repo.repo(), done);
            records += publisher.await();
            long acknowledged = System.nanoTime();
            before.record(tip.name(), entries, removed, !incremental);
            LOG.infof("%s: %s sync to %s: %d commits, %d files blamed, %d skipped, %d records published; fetch %d ms, "
                            + "blame %d ms, publish %d ms, local copy %d ms", repo.repo(), mode,
                    tip.name().substring(0, 12), newCommits.size(), blame.files().size(), skipped.size(), records,
                    millis(started, fetched), millis(fetched, blamed), millis(blamed, acknowledged),
                    millis(acknowledged, System.nanoTime()));
            return new Outcome(done, mode, records, skipped);
        }
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

    /** Which tip files to blame again, and which files are gone, between the published tip and the new one. */
    private record Changes(Set<String> changed, List<String> deleted, boolean all) {

        static Changes everything() {
            return new Changes(Set.of(), List.of(), true);
        }

        boolean reblame(String path) {
            return all || changed.contains(path);
        }

        /**
         * The files that differ between the two tips, and also every file a new commit on the branch's first-parent
         * chain changed against its first parent: a file changed and changed back within one push ends with the
         * same content but not the same blame (the lines go to the commit that restored them, as in git). A file
         * no such commit changed is handed whole down the first-parent chain by the walk, so when that chain
         * reaches the published tip its blame is the one published. After a force-push every file is blamed again
         * (history changed), and files gone are still deleted.
         */
        static Changes between(Repository repository, ObjectId from, ObjectId to, boolean incremental,
                               List<RevCommit> newCommits) throws Exception {
            Set<String> changed = new HashSet<>();
            List<String> deleted = new ArrayList<>();
            try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
                tree.addTree(walk.parseCommit(from).getTree());
                tree.addTree(walk.parseCommit(to).getTree());
                tree.setRecursive(true);
                tree.setFilter(TreeFilter.ANY_DIFF);
                for (DiffEntry entry : DiffEntry.scan(tree)) {
                    if (entry.getChangeType() == DiffEntry.ChangeType.DELETE) {
                        deleted.add(entry.getOldPath());
                    } else {
                        changed.add(entry.getNewPath());
                    }
                }
                if (incremental) {
                    Set<ObjectId> fresh = new HashSet<>(newCommits);
                    RevCommit commit = walk.parseCommit(to);
                    while (fresh.contains(commit) && commit.getParentCount() > 0) {
                        RevCommit parent = walk.parseCommit(commit.getParent(0));
                        changed.addAll(pathsChanged(repository, parent, commit));
                        commit = parent;
                    }
                }
            }
            return new Changes(changed, deleted, !incremental);
        }

        private static List<String> pathsChanged(Repository repository, RevCommit parent, RevCommit commit)
                throws Exception {
            List<String> paths = new ArrayList<>();
            try (TreeWalk tree = new TreeWalk(repository)) {
                tree.addTree(parent.getTree());
                tree.addTree(commit.getTree());
                tree.setRecursive(true);
                tree.setFilter(TreeFilter.ANY_DIFF);
                while (tree.next()) {
                    paths.add(tree.getPathString());
                }
            }
            return paths;
        }
    }
}
