package io.decisionlog.blame.sync;

import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * One bucket file of {@link PublishedBlames}: entries (a path and its body) behind a magic number, a CRC-32 at the
 * end, written to a temporary file and moved into place, so that a reader sees the old bucket or the new one.
 */
final class BucketFile {
    // under the category of the copy, beside its other messages
    private static final Logger LOG = Logger.getLogger(PublishedBlames.class);
    private static final int MAGIC = 0x444c4232; // "DLB2"

    private BucketFile() {
    }

    /** A bucket: magic, count, then per entry its path, length and body; a CRC-32 of all of it at the end. */
    static void write(Path file, Map<String, byte[]> entries) throws IOException {
        if (entries.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        out.writeInt(entries.size());
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeInt(entry.getValue().length);
            out.write(entry.getValue());
        }
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        writeAtomically(file, bytes.toByteArray());
    }

    /** @return the bucket's entries by path (bodies undecoded), or null when it is absent or damaged */
    static Map<String, byte[]> read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (bytes.length < 16) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        in.skipBytes(bytes.length - 8);
        if (in.readLong() != crc.getValue()) {
            LOG.warnf("%s fails its checksum; its files are blamed through the history", file);
            return null;
        }
        in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 8));
        if (in.readInt() != MAGIC) {
            return null;
        }
        int count = in.readInt();
        Map<String, byte[]> entries = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            String path = in.readUTF();
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            entries.put(path, body);
        }
        return entries;
    }

    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temp, bytes);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
