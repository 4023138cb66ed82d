package io.decisionlog.minutes.parse;

import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.MinutesError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Markdown ADRs with YAML front matter (MADR), read as one decision each. */
class MadrTest {
    private final MinutesParser parser = MinutesParser.defaults();

    private ParsedMinutes parse(String markdown) {
        return parser.parse(markdown.getBytes(StandardCharsets.UTF_8), "acme/adr", "docs/decisions/0012-postgres.md");
    }

    @Test
    void shouldReadTheFrontMatterTitleContextAndDecisionOutcome() {
        ParsedMinutes parsed = parse("""
                ---
                decision_id: ADR-2025-0012
                status: accepted
                date: 2025-01-20
                deciders: [li.wei, zhang.san]
                consulted: [dba-team]
                ---
                # Use PostgreSQL everywhere

                ## Context and Problem Statement

                Two database kinds mean two builds.

                ## Considered Options

                * PostgreSQL
                * H2 for tests

                ## Decision Outcome

                Chosen option: "PostgreSQL", because one kind means one build and one truth.
                """);

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.warnings()).isEmpty();
        DecisionMinutes adr = parsed.decisions().get(0).minutes();
        assertThat(adr.decisionId()).isEqualTo("ADR-2025-0012");
        assertThat(adr.title()).isEqualTo("Use PostgreSQL everywhere");
        assertThat(adr.status()).isEqualTo("accepted");
        assertThat(adr.date()).isEqualTo(LocalDate.of(2025, 1, 20));
        assertThat(adr.attendees()).containsExactly("li.wei", "zhang.san");
        assertThat(adr.context()).isEqualTo("Two database kinds mean two builds.");
        assertThat(adr.decision()).isEqualTo("Chosen option: \"PostgreSQL\", because one kind means one build and one truth.");
        assertThat(adr.meeting().title()).isEqualTo("Use PostgreSQL everywhere");
        assertThat(adr.meeting().path()).isEqualTo("docs/decisions/0012-postgres.md");
    }

    @Test
    void shouldReadMadrsSupersededByStatusAsSuperseded() {
        ParsedMinutes parsed = parse("---\ndecision_id: ADR-2024-0003\nstatus: superseded by ADR-2025-0012\n---\n"
                + "# Use H2 in tests\n\n## Decision Outcome\n\nH2.\n");

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.decisions().get(0).minutes().status()).isEqualTo("superseded");
    }

    @Test
    void shouldRefuseAMarkdownFileWithoutFrontMatter() {
        ParsedMinutes parsed = parse("# Just notes\n\nNo decision here.\n");

        assertThat(parsed.errors()).singleElement().satisfies(error -> {
            assertThat(error.message()).startsWith("a Markdown decision starts with YAML front matter");
            assertThat(error.line()).isEqualTo(1);
        });
    }

    @Test
    void shouldReportFrontMatterErrorsOnTheFilesOwnLines() {
        ParsedMinutes parsed = parse("---\ndecision_id: ADR-2025-0012\nstatus: approved\n---\n# Title\n");

        assertThat(parsed.errors()).containsExactly(
                new MinutesError("the decision has no decision: 'decision:' is required", 2, 1),
                new MinutesError("unknown status 'approved'; expected one of proposed, accepted, rejected, superseded,"
                        + " deprecated", 3, 9));
    }
}
