package io.decisionlog.graph.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Text kept deflated in trace memory: a file's lines and a chain's trace parts are JSON and YAML, a third of their
 * size deflated, and a trace inflates only the beginning it needs.
 */
record Deflated(byte[] bytes, int length) {

    static Deflated of(String text) {
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(plain);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 2 + 16);
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return new Deflated(out.toByteArray(), plain.length);
        } finally {
            deflater.end();
        }
    }

    /** The text's UTF-8 bytes from {@code from} to {@code to}, inflating no further than {@code to}. */
    String text(int from, int to) {
        byte[] plain = new byte[to];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(bytes);
            int done = 0;
            while (done < to) {
                int n = inflater.inflate(plain, done, to - done);
                if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("deflated text ends at " + done + " of " + to + " bytes");
                }
                done += n;
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException("deflated text is corrupt", e);
        } finally {
            inflater.end();
        }
        return new String(plain, from, to - from, StandardCharsets.UTF_8);
    }

    String text() {
        return text(0, length);
    }
}
