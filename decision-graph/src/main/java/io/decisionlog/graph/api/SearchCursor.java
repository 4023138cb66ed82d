package io.decisionlog.graph.api;

import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.graph.store.DecisionRow;
import io.decisionlog.graph.store.DecisionSearch;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Locale;

/** The opaque {@code cursor} of decision search: the sort and the last row's sort values, base64url. */
final class SearchCursor {
    private SearchCursor() {
    }

    static DecisionSearch.Sort sort(String sort) {
        if (sort == null || sort.isBlank()) {
            return DecisionSearch.Sort.ID;
        }
        try {
            return DecisionSearch.Sort.valueOf(sort.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("sort must be id or newest, not '" + sort + "'");
        }
    }

    static String encode(DecisionSearch.Sort sort, DecisionRow last) {
        String plain = sort.name() + "\n" + (last.decidedOn == null ? "" : last.decidedOn) + "\n" + last.decisionId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static DecisionSearch.After decode(String cursor, DecisionSearch.Sort sort) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 3);
            if (parts.length == 3 && parts[0].equals(sort.name()) && !parts[2].isEmpty()) {
                return new DecisionSearch.After(parts[1].isEmpty() ? null : LocalDate.parse(parts[1]), parts[2]);
            }
        } catch (RuntimeException e) {
            // answered below
        }
        throw new BadRequest("cursor is not one this API issued for sort=" + sort.name().toLowerCase(Locale.ROOT)
                + " (pass next_cursor from the previous page unchanged, with the same sort)");
    }
}
