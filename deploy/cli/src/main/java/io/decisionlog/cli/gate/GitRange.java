package io.decisionlog.cli.gate;

import io.decisionlog.cli.CliException;
import org.eclipse.jgit.api.errors.CanceledException;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.FooterLine;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commits of {@code base..head} in a local checkout and the changed lines of governed paths, read with JGit (no
 * git CLI needed on the CI runner). Only governed files are ever read and diffed; the rest is compared by tree id.
 */
public final class GitRange implements AutoCloseable {
    static final int MAX_COMMITS = 2_000;
    static final int MAX_TRAILERS = 200;
    /** A governed file larger than this is reported as changed as a whole, not diffed line by line. */
    static final int MAX_DIFF_BYTES = 8 * 1024 * 1024;

    private final Repository repository;
    private final RevWalk walk;
    private final ObjectReader reader;
    private final RevCommit base;
    private final RevCommit head;

    private GitRange(Repository repository, String base, String head) throws IOException {
        this.repository = repository;
        this.walk = new RevWalk(repository);
        this.reader = repository.newObjectReader();
        this.base = walk.parseCommit(resolve(base));
        this.head = walk.parseCommit(resolve(head));
    }

    /** @throws CliException (exit 2) when the directory is not in a git repository or a revision is unknown */
    public static GitRange open(Path dir, String base, String head) {
        WithoutSystemConfig.install();
        Repository repository;
        try {
            FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir.toAbsolutePath().toFile());
            if (builder.getGitDir() == null) {
                throw CliException.refused(dir + " is not inside a git repository: run the gate in the job's checkout "
                        + "or name it with --dir");
            }
            repository = builder.setMustExist(true).build();
        } catch (IOException e) {
            throw CliException.refused("cannot open the git repository at " + dir + ": " + e.getMessage());
        }
        try {
            return new GitRange(repository, base, head);
        } catch (IOException e) {
            repository.close();
            throw CliException.refused("cannot read " + base + ".." + head + ": " + e.getMessage());
        } catch (RuntimeException e) {
            repository.close();
            throw e;
        }
    }

    public RevCommit base() {
        return base;
    }

    public RevCommit head() {
        return head;
    }

    /** The commits in {@code base..head}, newest first; merges included (the caller decides what they mean). */
    public List<RevCommit> commits() throws IOException {
        walk.reset();
        walk.setRevFilter(RevFilter.ALL);
        walk.markStart(walk.parseCommit(head));
        walk.markUninteresting(walk.parseCommit(base));
        List<RevCommit> commits = new ArrayList<>();
        for (RevCommit commit : walk) {
            if (commits.size() == MAX_COMMITS) {
                throw CliException.refused(base.abbreviate(8).name() + ".." + head.abbreviate(8).name() + " has more "
                        + "than " + MAX_COMMITS + " commits: is --base the branch the change merges into?");
            }
            commits.add(commit);
        }
        return commits;
    }

    /** Where head's branch left base ({@code git merge-base}); base itself when they share no history. */
    public RevCommit mergeBase() throws IOException {
        try (RevWalk bases = new RevWalk(reader)) {
            bases.setRevFilter(RevFilter.MERGE_BASE);
            bases.markStart(bases.parseCommit(base));
            bases.markStart(bases.parseCommit(head));
            RevCommit found = bases.next();
            return found == null ? base : walk.parseCommit(found);
        }
    }

    /** A file's bytes at a commit, when it is there and not larger than {@code maxBytes}. */
    public Optional<byte[]> file(RevCommit commit, String path, int maxBytes) throws IOException {
        try (TreeWalk tree = TreeWalk.forPath(repository, path, commit.getTree())) {
            if (tree == null) {
                return Optional.empty();
            }
            long size = reader.getObjectSize(tree.getObjectId(0), Constants.OBJ_BLOB);
            if (size > maxBytes) {
                throw CliException.refused(path + " at " + commit.abbreviate(8).name() + " is " + size
                        + " bytes; at most " + maxBytes + " are read");
            }
            return Optional.of(reader.open(tree.getObjectId(0)).getCachedBytes(maxBytes));
        }
    }

    /** The governed hunks a commit made against its first parent (all of its files when it is a root commit). */
    public List<Hunk> changes(RevCommit commit, GatePolicy policy) throws IOException {
        RevCommit parent = commit.getParentCount() == 0 ? null : walk.parseCommit(commit.getParent(0));
        return changes(parent, commit, policy);
    }

    /** The governed hunks between two commits; {@code from} null for an empty tree. */
    public List<Hunk> changes(RevCommit from, RevCommit to, GatePolicy policy) throws IOException {
        List<DiffEntry> governed = new ArrayList<>();
        try (TreeWalk tree = new TreeWalk(repository, reader)) {
            tree.setRecursive(true);
            tree.addTree(from == null ? new EmptyTreeIterator() : parser(from));
            tree.addTree(parser(to));
            tree.setFilter(TreeFilter.ANY_DIFF);
            for (DiffEntry entry : DiffEntry.scan(tree)) {
                if (policy.governs(entry.getNewPath()) || policy.governs(entry.getOldPath())) {
                    governed.add(entry);
                }
            }
        }
        List<Hunk> hunks = new ArrayList<>();
        for (DiffEntry entry : renamed(governed)) {
            hunks.addAll(hunks(entry));
        }
        return hunks;
    }

    /** A commit's trailers, read as the blame-ingester reads them (the decision ids are found in them the same way). */
    public static Map<String, List<String>> trailers(RevCommit commit) {
        Map<String, List<String>> trailers = new LinkedHashMap<>();
        List<FooterLine> footers = commit.getFooterLines();
        for (FooterLine footer : footers.subList(0, Math.min(footers.size(), MAX_TRAILERS))) {
            trailers.computeIfAbsent(footer.getKey(), key -> new ArrayList<>()).add(footer.getValue().trim());
        }
        return trailers;
    }

    private List<DiffEntry> renamed(List<DiffEntry> entries) throws IOException {
        boolean added = entries.stream().anyMatch(entry -> entry.getChangeType() == DiffEntry.ChangeType.ADD);
        boolean deleted = entries.stream().anyMatch(entry -> entry.getChangeType() == DiffEntry.ChangeType.DELETE);
        if (!added || !deleted) {
            return entries;
        }
        RenameDetector renames = new RenameDetector(repository);
        renames.addAll(entries);
        try {
            return renames.compute(reader, NullProgressMonitor.INSTANCE);
        } catch (CanceledException e) {
            throw new IOException("rename detection was cancelled", e);
        }
    }

    private List<Hunk> hunks(DiffEntry entry) throws IOException {
        boolean deleted = entry.getChangeType() == DiffEntry.ChangeType.DELETE;
        String path = deleted ? entry.getOldPath() : entry.getNewPath();
        RawText before = text(entry.getOldId());
        RawText after = deleted ? RawText.EMPTY_TEXT : text(entry.getNewId());
        if (before == null || after == null) {
            // binary or too large: the whole file changed, as far as a person reading it is concerned
            return List.of(new Hunk(path, 1, after == null ? 1 : after.size(), 0, List.of("(binary or large file)")));
        }
        List<Hunk> hunks = new ArrayList<>();
        for (Edit edit : DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, before, after)) {
            hunks.add(new Hunk(path, edit.getBeginB() + 1, edit.getEndB(), edit.getLengthA(), shown(after, edit)));
        }
        return hunks;
    }

    private static List<String> shown(RawText after, Edit edit) {
        List<String> lines = new ArrayList<>();
        for (int i = edit.getBeginB(); i < Math.min(edit.getEndB(), edit.getBeginB() + Hunk.SHOWN_LINES); i++) {
            String line = after.getString(i);
            lines.add(line.length() > Hunk.SHOWN_CHARS ? line.substring(0, Hunk.SHOWN_CHARS) + "…" : line);
        }
        return lines;
    }

    /** The blob as lines; empty for no blob; null when binary or over the diff limit. */
    private RawText text(AbbreviatedObjectId id) throws IOException {
        ObjectId blob = id.toObjectId();
        if (blob == null || ObjectId.zeroId().equals(blob)) {
            return RawText.EMPTY_TEXT;
        }
        if (reader.getObjectSize(blob, Constants.OBJ_BLOB) > MAX_DIFF_BYTES) {
            return null;
        }
        byte[] bytes = reader.open(blob).getCachedBytes(MAX_DIFF_BYTES);
        return RawText.isBinary(bytes) ? null : new RawText(bytes);
    }

    private AbstractTreeIterator parser(RevCommit commit) throws IOException {
        return new CanonicalTreeParser(null, reader, commit.getTree());
    }

    private ObjectId resolve(String rev) throws IOException {
        ObjectId id;
        try {
            id = repository.resolve(rev + "^{commit}");
        } catch (RevisionSyntaxException e) {
            id = null;
        }
        if (id == null) {
            throw CliException.refused("revision '" + rev + "' is unknown in " + repository.getDirectory()
                    + (rev.startsWith("origin/") ? " (is the branch fetched? actions/checkout needs fetch-depth: 0)" : ""));
        }
        return id;
    }

    /**
     * JGit finds the system-wide git config by running {@code git --version} and {@code git config --system}: two
     * processes, a noticeable part of a CI step's second, for settings a read of objects never uses.
     */
    private static final class WithoutSystemConfig extends SystemReader.Delegate {
        private WithoutSystemConfig(SystemReader delegate) {
            super(delegate);
        }

        static synchronized void install() {
            SystemReader current = SystemReader.getInstance();
            if (!(current instanceof WithoutSystemConfig)) {
                SystemReader.setInstance(new WithoutSystemConfig(current));
            }
        }

        /** An empty system config, as JGit makes one under {@code GIT_CONFIG_NOSYSTEM}. */
        @Override
        public FileBasedConfig openSystemConfig(Config parent, FS fs) {
            return new FileBasedConfig(parent, null, fs) {
                @Override
                public void load() {
                    // nothing to load: no system-wide config is read
                }

                @Override
                public boolean isOutdated() {
                    return false;
                }
            };
        }
    }

    @Override
    public void close() {
        reader.close();
        walk.close();
        repository.close();
    }
}
