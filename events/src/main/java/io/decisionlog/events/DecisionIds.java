package io.decisionlog.events;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What counts as a decision id ({@code decisionlog.decision-id.pattern}), and finding ids in free text. */
public final class DecisionIds {
    public static final String DEFAULT_PATTERN = "[A-Z][A-Z0-9]*-\\d{4}-\\d{3,}";
    /** The commit trailers that name a decision, compared without case. */
    public static final Set<String> TRAILER_KEYS = Set.of("decision", "decision-id");

    private final Pattern whole;
    private final Pattern inText;

    public DecisionIds(String pattern) {
        this.whole = Pattern.compile(pattern);
        // word boundaries keep "XD-2024-0871" from yielding "D-2024-087" as well
        this.inText = Pattern.compile("(?<![A-Za-z0-9])(?:" + pattern + ")(?![A-Za-z0-9])");
    }

    public static DecisionIds defaults() {
        return new DecisionIds(DEFAULT_PATTERN);
    }

    /** True when the value, trimmed, is exactly one decision id. Case-sensitive, as ids are compared. */
    public boolean isId(String value) {
        return value != null && whole.matcher(value.trim()).matches();
    }

    /** Every distinct decision id in the text, in order of first appearance. */
    public List<String> findIn(String text) {
        if (text == null) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = inText.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return List.copyOf(found);
    }

    /** The ids a commit's trailers name ({@code Decision:} or {@code Decision-Id:}, each value one whole id). */
    public List<String> inTrailers(Map<String, List<String>> trailers) {
        Set<String> ids = new LinkedHashSet<>();
        trailers.forEach((key, values) -> {
            if (TRAILER_KEYS.contains(key.toLowerCase(Locale.ROOT))) {
                values.stream().map(String::trim).filter(this::isId).forEach(ids::add);
            }
        });
        return List.copyOf(ids);
    }

    public String pattern() {
        return whole.pattern();
    }
}
