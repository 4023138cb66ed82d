package io.decisionlog.graph.api;

import io.decisionlog.events.ChainDecision;
import io.decisionlog.events.CommitSignature;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.WireFormat;
import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.graph.store.CommitListing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;

/** One page of an auditor's walk over a repository's commits, newest first; {@code next_cursor} null on the last. */
@WireFormat
public record CommitList(String repo, LocalDate since, LocalDate until, List<Item> items, String nextCursor) {

    /** A commit, its chain's verdict and digest, and its signature's, without its whole chain. */
    @WireFormat
    public record Item(String sha, Instant committedAt, String author, String subject, boolean complete,
                       List<String> decisionIds, CommitSignature signature, String digest, List<String> missing) {
        static Item of(CommitListing.Row row, DecisionChain chain) {
            return new Item(row.sha(), row.committedAt(), chain.commit() == null || chain.commit().author() == null
                    ? null : chain.commit().author().name(), chain.commit() == null ? null : chain.commit().subject(),
                    chain.complete(), chain.decisions().stream().map(ChainDecision::decisionId).toList(),
                    chain.commit() == null ? null : chain.commit().signature(), chain.digest(), chain.missing());
        }
    }

    /** The cursor after a row: opaque to clients, its commit time and sha inside. */
    static String cursorAfter(CommitListing.Row row) {
        String plain = row.committedAt() + "|" + row.sha();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws BadRequest naming {@code cursor} for anything this API did not hand out */
    static CommitListing.Cursor parseCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            if (cursor.length() > 200) {
                throw new IllegalArgumentException("too long");
            }
            String plain = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            int bar = plain.indexOf('|');
            String sha = plain.substring(bar + 1);
            if (bar < 0 || !sha.matches("[0-9a-f]{40}")) {
                throw new IllegalArgumentException("not a cursor");
            }
            return new CommitListing.Cursor(Instant.parse(plain.substring(0, bar)), sha);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new BadRequest("cursor", "cursor is not one this API handed out: pass next_cursor as it came");
        }
    }
}
