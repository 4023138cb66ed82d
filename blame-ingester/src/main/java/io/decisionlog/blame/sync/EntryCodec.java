package io.decisionlog.blame.sync;

import io.decisionlog.events.BlameRange;
import org.eclipse.jgit.lib.ObjectId;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The body of a {@link PublishedBlames.Entry} in a bucket: compact, each commit and original path written once. */
final class EntryCodec {
    private EntryCodec() {
    }

    /** An entry's body: the blob, the distinct commits and original paths, then the ranges by index. */
    static byte[] encode(PublishedBlames.Entry entry) throws IOException {
        List<String> commits = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        Map<String, Integer> commitIndex = new HashMap<>();
        Map<String, Integer> pathIndex = new HashMap<>();
        for (BlameRange range : entry.ranges()) {
            commitIndex.computeIfAbsent(range.sha(), sha -> {
                commits.add(sha);
                return commits.size() - 1;
            });
            pathIndex.computeIfAbsent(range.origPath(), p -> {
                paths.add(p);
                return paths.size() - 1;
            });
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 20 * commits.size() + 20 * entry.ranges().size());
        DataOutputStream out = new DataOutputStream(bytes);
        writeId(out, entry.blob());
        out.writeInt(commits.size());
        for (String sha : commits) {
            writeId(out, ObjectId.fromString(sha));
        }
        out.writeInt(paths.size());
        for (String path : paths) {
            out.writeUTF(path);
        }
        out.writeInt(entry.ranges().size());
        for (BlameRange range : entry.ranges()) {
            out.writeInt(range.start());
            out.writeInt(range.count());
            out.writeInt(commitIndex.get(range.sha()));
            out.writeInt(pathIndex.get(range.origPath()));
            // an ignored commit's unmatched lines: the sign of origStart (always 1 or more), so entries written
            // before the flag existed read as they were
            out.writeInt(range.ignoredRev() ? -range.origStart() : range.origStart());
        }
        return bytes.toByteArray();
    }

    /** @return the ranges, or null when the entry is for another blob or its ranges are not contiguous from line 1 */
    static List<BlameRange> decode(byte[] body, ObjectId blob) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        if (!readId(in).equals(blob)) {
            return null;
        }
        String[] commits = new String[in.readInt()];
        for (int i = 0; i < commits.length; i++) {
            commits[i] = readId(in).name();
        }
        String[] paths = new String[in.readInt()];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = in.readUTF();
        }
        int count = in.readInt();
        List<BlameRange> ranges = new ArrayList<>(count);
        int next = 1;
        for (int i = 0; i < count; i++) {
            int start = in.readInt();
            int lines = in.readInt();
            String sha = commits[in.readInt()];
            String path = paths[in.readInt()];
            int origStart = in.readInt();
            BlameRange range = new BlameRange(start, lines, sha, path, Math.abs(origStart), origStart < 0);
            if (start != next || lines <= 0) {
                return null;
            }
            next = start + lines;
            ranges.add(range);
        }
        return ranges;
    }

    private static void writeId(DataOutputStream out, ObjectId id) throws IOException {
        byte[] raw = new byte[20];
        id.copyRawTo(raw, 0);
        out.write(raw);
    }

    private static ObjectId readId(DataInputStream in) throws IOException {
        byte[] raw = new byte[20];
        in.readFully(raw);
        return ObjectId.fromRaw(raw);
    }
}
