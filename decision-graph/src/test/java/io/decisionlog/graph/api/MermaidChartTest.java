package io.decisionlog.graph.api;

import io.decisionlog.events.ChainDecision;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.Meeting;
import io.decisionlog.events.Person;
import io.decisionlog.events.Via;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class MermaidChartTest {
    private static final Pattern NODE = Pattern.compile("^  [a-z]+[0-9]*\\[\"[^\"\\[\\]]*\"]$");
    private static final Pattern EDGE = Pattern.compile("^  [a-z]+[0-9]* (-->|-\\.-|-- \"[a-z_, ]+\" -->) [a-z]+[0-9]*$");

    @Test
    void shouldKeepAHostileSubjectInsideItsLabel() {
        String hostile = "fix\"]) --> evil[\"click\"] \n click commit call alert(1) %% <script>";
        String chart = MermaidChart.of(trace(hostile, List.of(decision())));

        assertThat(chart).startsWith("flowchart LR\n");
        chart.lines().skip(1).forEach(line -> assertThat(NODE.matcher(line).matches() || EDGE.matcher(line).matches())
                .as("line '%s' is a plain node or edge", line).isTrue());
        assertThat(chart).contains("fix#34;#93;#41; --#62; evil#91;#34;click#34;#93;");
        assertThat(chart).doesNotContain("<script>").doesNotContain("\n click");
    }

    @Test
    void shouldDrawLineCommitDecisionAndMinutesWithTheVias() {
        String chart = MermaidChart.of(trace("Raise retries", List.of(decision())));

        assertThat(chart).contains("  line --> commit\n", "  commit -- \"trailer, minutes\" --> decision0\n",
                "  decision0 --> minutes0\n", "D-2024-087<br/>Gray-release the switch<br/>accepted",
                "minutes/2024/04-10.yaml<br/>Weekly sync<br/>2024-04-10");
    }

    @Test
    void shouldShowWhatIsMissing() {
        String chart = MermaidChart.of(trace("Raise retries", List.of()));

        assertThat(chart).contains("  missing[\"missing<br/>no CI run for this commit\"]\n", "  commit -.- missing\n");
    }

    private static TraceView trace(String subject, List<ChainDecision> decisions) {
        TraceView.Blame blame = new TraceView.Blame("3f2a9c1" + "0".repeat(33), "config/app.yaml", 12, false,
                new Person("Li Wei", null), null, null, null, subject);
        return new TraceView("acme/payments", "config/app.yaml", 12, "retries: 5", "f".repeat(40), blame, List.of(),
                decisions, false, List.of("no CI run for this commit"));
    }

    private static ChainDecision decision() {
        DecisionMinutes minutes = new DecisionMinutes("D-2024-087", "Gray-release the switch", "accepted",
                LocalDate.parse("2024-04-10"), "li.wei", List.of(), null, null, null, null, List.of(), List.of(), List.of(),
                new Meeting("Weekly sync", LocalDate.parse("2024-04-10"), "acme/minutes", "minutes/2024/04-10.yaml", null));
        return new ChainDecision("D-2024-087", List.of(Via.TRAILER, Via.MINUTES), minutes);
    }
}
