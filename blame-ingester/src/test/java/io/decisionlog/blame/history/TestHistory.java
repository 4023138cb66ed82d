package io.decisionlog.blame.history;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Test histories built commit by commit from whole trees ({@code path -> content}), with increasing dates: in
 * memory, or in a bare repository on disk that a service can fetch from. No work tree, no git CLI.
 */
public final class TestHistory implements AutoCloseable {
    public final Repository repository;
    private int clock;

    private TestHistory(Repository repository) {
        this.repository = repository;
    }

    public static TestHistory inMemory() {
        return new TestHistory(new InMemoryRepository(new DfsRepositoryDescription("test")));
    }

    public static TestHistory bare(Path dir) throws IOException {
        Repository repository = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
        repository.create(true);
        return new TestHistory(repository);
    }

    /** Points {@code refs/heads/<branch>} at the commit, whatever it pointed at (a force-push if need be). */
    public void moveBranch(String branch, ObjectId commit) throws IOException {
        RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
        update.setNewObjectId(commit);
        update.setForceUpdate(true);
        RefUpdate.Result result = update.update();
        if (result == RefUpdate.Result.LOCK_FAILURE || result == RefUpdate.Result.IO_FAILURE
                || result == RefUpdate.Result.REJECTED) {
            throw new IOException("cannot move " + branch + ": " + result);
        }
    }

    public ObjectId commit(String message, Map<String, String> files, ObjectId... parents) throws IOException {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            for (Map.Entry<String, String> file : new TreeMap<>(files).entrySet()) {
                DirCacheEntry entry = new DirCacheEntry(file.getKey());
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, file.getValue().getBytes(StandardCharsets.UTF_8)));
                builder.add(entry);
            }
            builder.finish();
            PersonIdent who = new PersonIdent("Li Wei", "li.wei@example.com",
                    Instant.parse("2024-01-01T00:00:00Z").plusSeconds(60L * ++clock), ZoneOffset.UTC);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            commit.setParentIds(List.of(parents));
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        }
    }

    /** The blob of a path in a commit, or null. */
    public static ObjectId blobAt(Repository repository, ObjectId commit, String path) throws IOException {
        try (RevWalk walk = new RevWalk(repository);
             TreeWalk tree = TreeWalk.forPath(repository, path, walk.parseCommit(commit).getTree())) {
            return tree == null ? null : tree.getObjectId(0);
        }
    }

    @Override
    public void close() {
        repository.close();
    }

    /** Edit lines, add, delete or rename a file (a rename with an edit now and then). */
    public static void mutate(Map<String, String> files, Random random) {
        List<String> paths = new ArrayList<>(files.keySet());
        String path = paths.get(random.nextInt(paths.size()));
        switch (random.nextInt(7)) {
            case 0 -> files.put("config/new-" + random.nextInt(1000) + ".yaml", lines(random, 3 + random.nextInt(8)));
            case 1 -> {
                if (files.size() > 2) {
                    files.remove(path);
                }
            }
            case 2 -> {
                String content = files.remove(path);
                files.put("config/renamed-" + random.nextInt(1000) + ".yaml",
                        random.nextBoolean() ? content : edit(content, random));
            }
            default -> files.put(path, edit(files.get(path), random));
        }
    }

    private static String edit(String content, Random random) {
        List<String> lines = new ArrayList<>(List.of(content.split("\n", -1)));
        lines.remove(lines.size() - 1);
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            int at = random.nextInt(lines.size() + 1);
            if (random.nextBoolean() && at < lines.size() && lines.size() > 1) {
                lines.remove(at);
            } else {
                lines.add(at, "key" + random.nextInt(30) + ": " + random.nextInt(100));
            }
        }
        return String.join("\n", lines) + "\n";
    }

    public static String lines(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            // a small vocabulary: repeated lines, as in real configuration, make diffs choose between alignments
            text.append("key").append(random.nextInt(30)).append(": ").append(random.nextInt(100)).append('\n');
        }
        return text.toString();
    }
}
