package io.decisionlog.graph.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.Deflater;

/**
 * A file's blame at its tip as {@link TraceMemory} keeps it: the ranges in arrays, every line's text in one deflated
 * block. What a trace reads of it is what {@link StoreQueries#lineAt} reads of the same rows.
 */
final class FileBlame implements TraceMemory.Remembered {
    private final int fileLines;
    private final String rev;
    private final int[] starts;
    private final int[] counts;
    private final int[] origStarts;
    // every range's sha, one after another: one string instead of one per range
    private final String shas;
    private final int[] shaEnds;
    // the file's own path where a range's original path is the same: one string per file, not per range
    private final String[] origPaths;
    private final boolean[] ignored;
    private final Deflated text;
    // where each line's text ends in the inflated block (the line before's end is where it starts)
    private final int[] textEnds;
    private final BitSet textless;

    private FileBlame(Builder b) {
        this.fileLines = b.fileLines;
        this.rev = b.rev;
        this.starts = b.ranges.stream().mapToInt(Range::start).toArray();
        this.counts = b.ranges.stream().mapToInt(Range::count).toArray();
        this.origStarts = b.ranges.stream().mapToInt(Range::origStart).toArray();
        this.shas = b.ranges.stream().map(Range::sha).collect(Collectors.joining());
        this.shaEnds = new int[b.ranges.size()];
        for (int i = 0, end = 0; i < shaEnds.length; i++) {
            end += b.ranges.get(i).sha().length();
            shaEnds[i] = end;
        }
        this.origPaths = b.ranges.stream().map(r -> b.path.equals(r.origPath()) ? b.path : r.origPath()).toArray(String[]::new);
        this.ignored = new boolean[b.ranges.size()];
        for (int i = 0; i < ignored.length; i++) {
            ignored[i] = b.ranges.get(i).ignored();
        }
        this.textless = new BitSet(fileLines);
        this.textEnds = new int[fileLines];
        StringBuilder all = new StringBuilder();
        int end = 0;
        for (int i = 0; i < fileLines; i++) {
            String line = b.lines[i];
            if (line == null) {
                textless.set(i);
            } else {
                all.append(line);
                end += line.getBytes(StandardCharsets.UTF_8).length;
            }
            textEnds[i] = end;
        }
        // the fastest level: a file is deflated on every miss, and the default level saves only ~3 % of the bytes here
        this.text = Deflated.of(all.toString(), null, Deflater.BEST_SPEED);
    }

    static Builder builder(String path, int fileLines, String rev) {
        return new Builder(path, fileLines, rev);
    }

    /** The line as {@link StoreQueries#lineAt} answers it, with the chain {@code chainOf} gives for its commit. */
    LineAt at(int line, Function<String, StoredChain> chainOf) {
        int r = rangeAt(line);
        if (r < 0 || line > fileLines || line >= starts[r] + counts[r]) {
            return new LineAt(fileLines, rev, null, null, 0, null, null, false);
        }
        String sha = shas.substring(r == 0 ? 0 : shaEnds[r - 1], shaEnds[r]);
        return new LineAt(fileLines, rev, sha, origPaths[r], origStarts[r] + line - starts[r], text(line),
                chainOf.apply(sha), ignored[r]);
    }

    @Override
    public int weight() {
        int strings = 0;
        for (int i = 0; i < origPaths.length; i++) {
            String origPath = origPaths[i];
            boolean shared = origPath == null || (i > 0 && origPath == origPaths[i - 1]);
            strings += shared ? 0 : 48 + origPath.length();
        }
        return 192 + rev.length() + shas.length() + text.bytes().length + 4 * textEnds.length + fileLines / 8
                + 29 * starts.length + strings;
    }

    // the last range that starts at or before the line
    private int rangeAt(int line) {
        int found = Arrays.binarySearch(starts, line);
        return found >= 0 ? found : -found - 2;
    }

    private String text(int line) {
        int i = line - 1;
        if (textless.get(i)) {
            return null;
        }
        return text.text(i == 0 ? 0 : textEnds[i - 1], textEnds[i]);
    }

    private record Range(int start, int count, String sha, String origPath, int origStart, boolean ignored) {
    }

    /** The file's ranges in the order of their first lines, as the store's rows give them. */
    static final class Builder {
        private final String path;
        private final int fileLines;
        private final String rev;
        private final List<Range> ranges = new ArrayList<>();
        private final String[] lines;

        private Builder(String path, int fileLines, String rev) {
            this.path = path;
            this.fileLines = Math.max(fileLines, 0);
            this.rev = rev;
            this.lines = new String[this.fileLines];
        }

        /** {@code text}: the range's lines from its first, or null when the file was published without text. */
        Builder range(int start, int count, String sha, String origPath, int origStart, boolean ignored, String[] text) {
            ranges.add(new Range(start, count, sha, origPath, origStart, ignored));
            for (int i = 0; text != null && i < Math.min(count, text.length); i++) {
                int line = start + i;
                if (line >= 1 && line <= fileLines) {
                    lines[line - 1] = text[i];
                }
            }
            return this;
        }

        FileBlame build() {
            return new FileBlame(this);
        }
    }
}
