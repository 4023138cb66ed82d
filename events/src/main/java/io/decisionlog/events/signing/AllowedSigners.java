package io.decisionlog.events.signing;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who a key belongs to, in the allowed-signers syntax of {@code ssh-keygen -Y verify} and git's
 * {@code gpg.ssh.allowedSignersFile}: per line, principals (comma-separated patterns with {@code *} and {@code ?}),
 * options ({@code namespaces="…"}, {@code valid-after=}, {@code valid-before=}; {@code cert-authority} lines are
 * skipped: certificates are not accepted), the key type and its base64. Malformed lines are refused with their line
 * number rather than skipped, so a typo does not silently take a steward's trust away.
 */
public final class AllowedSigners {
    public static final int MAX_CHARS = 1024 * 1024;
    private static final Pattern KEY_TYPE = Pattern.compile("(ssh|ecdsa|sk)-[a-z0-9@.-]+");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd[HHmm[ss]]", Locale.ROOT);

    private final List<Entry> entries;

    private AllowedSigners(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static AllowedSigners none() {
        return new AllowedSigners(List.of());
    }

    private record Entry(List<String> principals, List<String> namespaces, Instant validAfter, Instant validBefore,
                         SshPublicKey key) {
    }

    /** @throws IllegalArgumentException naming the line that cannot be read and why */
    public static AllowedSigners parse(String text) {
        if (text.length() > MAX_CHARS) {
            throw new IllegalArgumentException("an allowed-signers file is at most " + MAX_CHARS + " characters");
        }
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                entry(line).ifPresent(entries::add);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("allowed signers line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new AllowedSigners(entries);
    }

    /**
     * The principal patterns under which {@code key} may sign for {@code namespace} at {@code at}; empty when the
     * file does not name the key for it.
     */
    public List<String> principalsOf(SshPublicKey key, String namespace, Instant at) {
        return entries.stream()
                .filter(entry -> entry.key.sameAs(key))
                .filter(entry -> entry.namespaces.isEmpty() || entry.namespaces.stream()
                        .anyMatch(pattern -> matches(pattern, namespace)))
                .filter(entry -> entry.validAfter == null || !at.isBefore(entry.validAfter))
                .filter(entry -> entry.validBefore == null || at.isBefore(entry.validBefore))
                .flatMap(entry -> entry.principals.stream())
                .toList();
    }

    /** True when a pattern of the list matches {@code principal} and no negated one ({@code !pattern}) does. */
    public static boolean principalMatches(List<String> patterns, String principal) {
        boolean negated = patterns.stream().anyMatch(p -> p.startsWith("!") && matches(p.substring(1), principal));
        return !negated && patterns.stream().anyMatch(p -> !p.startsWith("!") && matches(p, principal));
    }

    private static Optional<Entry> entry(String line) {
        List<String> fields = fields(line);
        if (fields.size() < 3) {
            throw new IllegalArgumentException("want principals, [options,] key type and key");
        }
        List<String> principals = List.of(unquote(fields.get(0)).split(","));
        int keyAt = KEY_TYPE.matcher(fields.get(1)).matches() ? 1 : 2;
        if (keyAt + 1 >= fields.size()) {
            throw new IllegalArgumentException("no key after the options");
        }
        List<String> namespaces = List.of();
        Instant validAfter = null;
        Instant validBefore = null;
        if (keyAt == 2) {
            for (String option : options(fields.get(1))) {
                String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
                String value = option.contains("=") ? unquote(option.substring(option.indexOf('=') + 1)) : "";
                switch (name.toLowerCase(Locale.ROOT)) {
                    case "cert-authority" -> {
                        return Optional.empty();
                    }
                    case "namespaces" -> namespaces = List.of(value.split(","));
                    case "valid-after" -> validAfter = instant(value);
                    case "valid-before" -> validBefore = instant(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
        }
        SshPublicKey key = SshPublicKey.of(fields.get(keyAt), fields.get(keyAt + 1));
        return Optional.of(new Entry(principals, namespaces, validAfter, validBefore, key));
    }

    // fields split on blanks outside double quotes
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (!quoted && Character.isWhitespace(c)) {
                if (!field.isEmpty()) {
                    fields.add(field.toString());
                    field.setLength(0);
                }
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quote is not closed");
        }
        if (!field.isEmpty()) {
            fields.add(field.toString());
        }
        return fields;
    }

    // options split on commas outside double quotes
    private static List<String> options(String field) {
        List<String> options = new ArrayList<>();
        StringBuilder option = new StringBuilder();
        boolean quoted = false;
        for (char c : field.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (!quoted && c == ',') {
                options.add(option.toString());
                option.setLength(0);
            } else {
                option.append(c);
            }
        }
        options.add(option.toString());
        return options;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static Instant instant(String stamp) {
        boolean utc = stamp.endsWith("Z") || stamp.endsWith("z");
        String digits = utc ? stamp.substring(0, stamp.length() - 1) : stamp;
        try {
            LocalDateTime time = digits.length() == 8
                    ? java.time.LocalDate.parse(digits, DateTimeFormatter.BASIC_ISO_DATE).atStartOfDay()
                    : LocalDateTime.parse(digits, STAMP);
            // ssh-keygen reads a time without Z as the verifier's local time; a server's zone is UTC here
            return time.toInstant(ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("'" + stamp + "' is not a time (YYYYMMDD[HHMM[SS]][Z])");
        }
    }

    // glob matching as OpenSSH's match_pattern: * any run, ? one character
    static boolean matches(String pattern, String value) {
        return globMatch(pattern, 0, value, 0);
    }

    private static boolean globMatch(String pattern, int p, String value, int v) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '*') {
                for (int rest = v; rest <= value.length(); rest++) {
                    if (globMatch(pattern, p + 1, value, rest)) {
                        return true;
                    }
                }
                return false;
            }
            if (v >= value.length() || (c != '?' && c != value.charAt(v))) {
                return false;
            }
            p++;
            v++;
        }
        return v == value.length();
    }
}
