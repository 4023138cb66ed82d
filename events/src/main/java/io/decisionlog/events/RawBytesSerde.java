package io.decisionlog.events;

/** Values as the bytes they are, unread: for a topic that keeps records that could not be read (dead letters). */
public final class RawBytesSerde implements ValueSerde<byte[]> {

    @Override
    public Class<byte[]> type() {
        return byte[].class;
    }

    @Override
    public byte[] serialize(String topic, byte[] value) {
        return value;
    }

    @Override
    public byte[] deserialize(String topic, byte[] data) {
        return data;
    }
}
