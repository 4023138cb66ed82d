package io.decisionlog.blame.history;

import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where a walk starts: each tracked tip file that can be blamed, with one job holding all its lines (an empty file
 * has none), and the files that cannot, with the reason: a symlink, a submodule, a missing, too large or binary blob.
 */
record TipFiles(List<FileBlame> files, Map<String, List<Job>> jobs, List<Skipped> skipped) {

    /** Reads the tip's tree; the texts read are kept in {@code blobs} for the first diffs. */
    static TipFiles read(ObjectReader reader, RevCommit tip, Predicate<String> tracked, long maxFileBytes, Blobs blobs)
            throws IOException {
        TipFiles tipFiles = new TipFiles(new ArrayList<>(), new HashMap<>(), new ArrayList<>());
        try (TreeWalk tree = new TreeWalk(reader)) {
            tree.addTree(tip.getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                String path = tree.getPathString();
                if (tracked.test(path)) {
                    String reason = tipFiles.start(reader, path, tree.getFileMode(0), tree.getObjectId(0), maxFileBytes,
                            blobs);
                    if (reason != null) {
                        tipFiles.skipped.add(new Skipped(path, reason));
                    }
                }
            }
        }
        return tipFiles;
    }

    /** @return why the file is not blamed, or null when it is */
    private String start(ObjectReader reader, String path, FileMode mode, ObjectId blob, long maxFileBytes, Blobs blobs)
            throws IOException {
        if (mode == FileMode.SYMLINK) {
            return "symbolic link";
        }
        if (mode == FileMode.GITLINK) {
            return "submodule";
        }
        if (!reader.has(blob)) {
            return "blob " + blob.name() + " is missing from the clone";
        }
        long size = reader.getObjectSize(blob, Constants.OBJ_BLOB);
        if (size > maxFileBytes) {
            return "over the size limit (" + size + " bytes > " + maxFileBytes + ")";
        }
        byte[] bytes = reader.open(blob).getCachedBytes();
        if (RawText.isBinary(bytes)) {
            return "binary";
        }
        RawText text = new RawText(bytes);
        FileBlame file = new FileBlame(path, blob, text.size());
        files.add(file);
        if (file.lines() > 0) {
            blobs.remember(blob, text);
            int[] lines = new int[file.lines()];
            for (int i = 0; i < lines.length; i++) {
                lines[i] = i;
            }
            jobs.computeIfAbsent(path, p -> new ArrayList<>(1)).add(new Job(file, path, blob, lines, lines.clone()));
        }
        return null;
    }

    /** Files with no lines: blamed as soon as they are found. */
    int empty() {
        return (int) files.stream().filter(file -> file.lines() == 0).count();
    }
}
