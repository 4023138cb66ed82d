package io.decisionlog.graph.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Text kept deflated in trace memory: a file's lines and a chain's trace parts are YAML and JSON, a third to a half of
 * their size deflated, and a trace inflates only the beginning it needs. A small text deflates far better with a
 * {@code dictionary} of what such texts share (JSON keys), kept with it to inflate it.
 */
record Deflated(byte[] bytes, int length, byte[] dictionary) {
    // one per thread, reset between texts: a new Inflater allocates zlib's state and window natively each time
    private static final ThreadLocal<Inflater> INFLATERS = ThreadLocal.withInitial(Inflater::new);

    /** {@code level}: {@link Deflater}'s, 1 (fastest) to 9 (smallest). */
    static Deflated of(String text, byte[] dictionary, int level) {
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(level);
        try {
            if (dictionary != null) {
                deflater.setDictionary(dictionary);
            }
            deflater.setInput(plain);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 2 + 16);
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return new Deflated(out.toByteArray(), plain.length, dictionary);
        } finally {
            deflater.end();
        }
    }

    /** The text's UTF-8 bytes from {@code from} to {@code to}, inflating no further than {@code to}. */
    String text(int from, int to) {
        byte[] plain = new byte[to];
        Inflater inflater = INFLATERS.get();
        inflater.reset();
        try {
            inflater.setInput(bytes);
            int done = 0;
            while (done < to) {
                int n = inflater.inflate(plain, done, to - done);
                if (n == 0 && inflater.needsDictionary() && dictionary != null) {
                    inflater.setDictionary(dictionary);
                } else if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("deflated text ends at " + done + " of " + to + " bytes");
                }
                done += n;
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException("deflated text is corrupt", e);
        }
        return new String(plain, from, to - from, StandardCharsets.UTF_8);
    }
}
