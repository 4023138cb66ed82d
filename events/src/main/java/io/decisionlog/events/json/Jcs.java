package io.decisionlog.events.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 JSON Canonicalization for the JSON decision-log hashes: object members sorted by their names' UTF-16 code
 * units, no whitespace, strings with only the escapes the RFC requires, integers as ECMAScript prints them. Numbers
 * with a fraction or exponent are refused rather than approximated: nothing hashed here has one, and a canonical
 * form that might differ from another implementation's is worse than none.
 */
public final class Jcs {
    private Jcs() {
    }

    public static String canonical(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isIntegralNumber()) {
            integer(node, out);
        } else if (node.isNumber()) {
            throw new IllegalArgumentException("a number with a fraction or exponent (" + node + ") has no canonical "
                    + "form here");
        } else if (node.isTextual()) {
            string(node.textValue(), out);
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isObject()) {
            object(node, out);
        } else {
            throw new IllegalArgumentException("no canonical form for a " + node.getNodeType() + " node");
        }
    }

    /** ECMAScript prints integers exactly up to 2^53; beyond, a double's digits, which this does not reproduce. */
    private static void integer(JsonNode node, StringBuilder out) {
        if (!node.canConvertToLong() || Math.abs(node.longValue()) > (1L << 53)) {
            throw new IllegalArgumentException("the integer " + node + " is beyond 2^53: no exact canonical form");
        }
        out.append(node.longValue());
    }

    private static void object(JsonNode node, StringBuilder out) {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            members.add(fields.next());
        }
        // String.compareTo compares UTF-16 code units, as RFC 8785 section 3.2.3 sorts
        members.sort(Map.Entry.comparingByKey());
        out.append('{');
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(members.get(i).getKey(), out);
            out.append(':');
            write(members.get(i).getValue(), out);
        }
        out.append('}');
    }

    /** Only {@code "}, {@code \}, and the controls below U+0020 are escaped; the short forms where JSON has them. */
    static void string(String text, StringBuilder out) {
        out.append('"');
        int plain = plainPrefix(text);
        out.append(text, 0, plain);
        for (int i = plain; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** How many leading characters need no escape: all of them, in nearly every string hashed. */
    private static int plainPrefix(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return i;
            }
        }
        return text.length();
    }
}
