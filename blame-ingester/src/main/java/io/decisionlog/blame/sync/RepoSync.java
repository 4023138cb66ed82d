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
 */
public final class RepoSync {
    private static final Logger LOG = Logger.getLogger(RepoSync.class);

    private final Clones clones;
    private final CommitRecords commits;
    private final long maxFileBytes;
    private final Clock clock;

    public RepoSync(Clones clones, CommitRecords commits, long maxFileBytes, Clock clock) {
        this.clones = clones;
        this.commits = commits;
        this.maxFileBytes = maxFileBytes;
        this.clock = clock;
    }

    /** What a sync did, for the status endpoint. */
    record Outcome(TrackedRepo published, String mode, int records, List<Skipped> skipped) {
    }

    Outcome run(TrackedRepo repo, SyncProgress progress, Publisher publisher) throws Exception {
        ObjectId tip = clones.fetch(repo.repo(), repo.url(), repo.branch());
        if (repo.tip() != null && tip.name().equals(repo.tip())) {
            return new Outcome(repo, "up to date", 0, List.of());
        }
        try (Repository repository = clones.open(repo.repo())) {
            ObjectId previous = repo.tip() == null ? null : repository.resolve(repo.tip());
            boolean incremental = previous != null && History.isAncestor(repository, previous, tip);
            String mode = repo.tip() == null ? "full" : incremental ? "incremental" : "full (force-push: the previous tip "
                    + repo.tip().substring(0, 12) + " is not in the new history)";
            Predicate<String> tracked = PathRules.of(repo.include(), repo.exclude());

            List<RevCommit> newCommits = History.newCommits(repository, tip, incremental ? previous : null);
            Map<String, List<String>> introduced = History.introducedByMerges(repository, tip, newCommits);
            for (RevCommit commit : newCommits) {
                publisher.send(Topics.COMMITS, Keys.commit(repo.repo(), commit.name()),
                        commits.of(repo.repo(), commit, introduced.getOrDefault(commit.name(), List.of())));
            }

            Changes changes = previous == null ? Changes.everything()
                    : Changes.between(repository, previous, tip, incremental);
            RepositoryBlame.Result blame = new RepositoryBlame(repository, maxFileBytes, progress::update)
                    .blame(tip, path -> tracked.test(path) && changes.reblame(path));
            List<Skipped> skipped = new ArrayList<>(blame.skipped());
            for (FileBlame file : blame.files()) {
                BlameFile record = BlameRecords.of(repo.repo(), tip.name(), file);
                if (record == null) {
                    skipped.add(new Skipped(file.path(), "blame record over 1 MB even without its text"));
                } else {
                    publisher.send(Topics.BLAME, record.key(), record);
                }
            }
            for (String path : changes.deleted()) {
                if (tracked.test(path)) {
                    publisher.send(Topics.BLAME, Keys.blame(repo.repo(), path), null);
                }
            }
            int records = publisher.awaitAcks();
            TrackedRepo done = new TrackedRepo(repo.repo(), repo.url(), repo.branch(), repo.include(), repo.exclude(),
                    tip.name(), clock.instant());
            publisher.send(Topics.REPOS, repo.repo(), done);
            records += publisher.awaitAcks();
            LOG.infof("%s: %s sync to %s: %d commits, %d files blamed, %d skipped, %d records published", repo.repo(),
                    mode, tip.name().substring(0, 12), newCommits.size(), blame.files().size(), skipped.size(), records);
            return new Outcome(done, mode, records, skipped);
        }
    }

    /** Which tip files to blame again, and which files are gone, between the published tip and the new one. */
    private record Changes(Set<String> changed, List<String> deleted, boolean all) {

        static Changes everything() {
            return new Changes(Set.of(), List.of(), true);
        }

        boolean reblame(String path) {
            return all || changed.contains(path);
        }

        /** After a force-push every file is blamed again (history changed), and files gone are still deleted. */
        static Changes between(Repository repository, ObjectId from, ObjectId to, boolean incremental) throws Exception {
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
            }
            return new Changes(changed, deleted, !incremental);
        }
    }
}
