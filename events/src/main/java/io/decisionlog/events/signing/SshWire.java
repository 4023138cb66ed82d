package io.decisionlog.events.signing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reads the SSH wire encoding (RFC 4251 section 5): uint32-length-prefixed strings, refusing a length past the end. */
final class SshWire {
    private final ByteBuffer in;

    SshWire(byte[] bytes) {
        this.in = ByteBuffer.wrap(bytes);
    }

    byte[] bytes(int count) {
        if (count < 0 || count > in.remaining()) {
            throw new IllegalArgumentException("truncated: " + count + " bytes wanted, " + in.remaining() + " left");
        }
        byte[] out = new byte[count];
        in.get(out);
        return out;
    }

    int uint32() {
        return ByteBuffer.wrap(bytes(4)).getInt();
    }

    byte[] string() {
        return bytes(uint32());
    }

    String text() {
        return new String(string(), StandardCharsets.US_ASCII);
    }

    boolean atEnd() {
        return !in.hasRemaining();
    }

    static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }

    static byte[] string(byte[] value) {
        return concat(ByteBuffer.allocate(4).putInt(value.length).array(), value);
    }

    static byte[] string(String value) {
        return string(value.getBytes(StandardCharsets.US_ASCII));
    }
}
