package io.decisionlog.graph.topology;

/**
 * Keys of internal stores and topics made of several parts. The separator is the ASCII unit separator, which no
 * repository, path, ref, sender or decision id contains, so a prefix scan on {@code group + SEP} sees exactly
 * that group's members.
 */
final class CompositeKey {
    static final String SEP = "\u001f";

    private CompositeKey() {
    }

    static String of(String... parts) {
        return String.join(SEP, parts);
    }

    static String prefix(String group) {
        return group + SEP;
    }

    static String member(String compositeKey, String group) {
        return compositeKey.substring(group.length() + SEP.length());
    }
}
