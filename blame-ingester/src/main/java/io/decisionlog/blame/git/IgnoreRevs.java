package io.decisionlog.blame.git;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The commits a repository asks blame to ignore: its {@code .git-blame-ignore-revs} at the tip (the file GitHub, GitLab
 * and {@code git blame --ignore-revs-file} read: one full sha per line, {@code #} comments, blank lines) and the
 * registration's {@code ignore_revs}. A line that is not a full sha, or names no commit of the clone, is left out and
 * said in {@code problems} (git stops on it; a sync goes on).
 */
public record IgnoreRevs(Set<ObjectId> commits, List<String> problems) {
    public static final String FILE = ".git-blame-ignore-revs";
    /** More than any repository ignores; the rest of a larger file is left out. */
    static final int MAX_REVS = 10_000;
    private static final long MAX_FILE_BYTES = 1_048_576;
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{40}");

    public static IgnoreRevs read(Repository repository, ObjectId tip, List<String> registered) throws IOException {
        Set<ObjectId> commits = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            ObjectId blob = blobAt(reader, walk, tip);
            if (blob != null && reader.getObjectSize(blob, Constants.OBJ_BLOB) > MAX_FILE_BYTES) {
                problems.add(FILE + " is over " + MAX_FILE_BYTES / 1024 + " KiB: all of it");
            } else if (blob != null) {
                String text = new String(reader.open(blob).getCachedBytes((int) MAX_FILE_BYTES), StandardCharsets.UTF_8);
                String[] lines = text.split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    add(reader, lines[i], FILE + " line " + (i + 1), commits, problems);
                }
            }
            for (String rev : registered) {
                add(reader, rev, "ignore_revs", commits, problems);
            }
        }
        return new IgnoreRevs(Set.copyOf(commits), List.copyOf(problems));
    }

    /** The blob of the ignore-revs file at the tip, or null: a change to it means a new blame of every file. */
    public static ObjectId blobAt(ObjectReader reader, RevWalk walk, ObjectId commit) throws IOException {
        try (TreeWalk tree = TreeWalk.forPath(reader, FILE, walk.parseCommit(commit).getTree())) {
            return tree == null || (tree.getRawMode(0) & 0170000) != 0100000 ? null : tree.getObjectId(0);
        }
    }

    /** True when the ignore-revs file is not the same blob at both commits. */
    public static boolean changedBetween(Repository repository, ObjectId from, ObjectId to) throws IOException {
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            return !Objects.equals(blobAt(reader, walk, from), blobAt(reader, walk, to));
        }
    }

    /** What a sync's status says about them: how many, and what was left out. */
    public String describe() {
        if (commits.isEmpty() && problems.isEmpty()) {
            return "";
        }
        return "; ignoring " + commits.size() + (commits.size() == 1 ? " revision" : " revisions")
                + (problems.isEmpty() ? "" : " (left out: " + String.join("; ", problems) + ")");
    }

    private static void add(ObjectReader reader, String line, String where, Set<ObjectId> commits,
                            List<String> problems) throws IOException {
        String entry = line.strip();
        if (entry.isEmpty() || entry.startsWith("#")) {
            return;
        }
        if (commits.size() >= MAX_REVS) {
            if (problems.stream().noneMatch(problem -> problem.startsWith("more than"))) {
                problems.add("more than " + MAX_REVS + " revisions: the rest");
            }
            return;
        }
        String shown = entry.length() > 50 ? entry.substring(0, 50) + "…" : entry;
        if (!SHA.matcher(entry).matches()) {
            problems.add(where + ": '" + shown + "' is not a full commit sha");
            return;
        }
        ObjectId id = ObjectId.fromString(entry.toLowerCase());
        if (!reader.has(id)) {
            problems.add(where + ": " + entry + " is not a commit of this repository");
            return;
        }
        commits.add(id);
    }
}
