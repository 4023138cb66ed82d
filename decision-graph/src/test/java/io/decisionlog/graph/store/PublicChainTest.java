package io.decisionlog.graph.store;

import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Person;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What answers show of a commit by default: names, never e-mail addresses, also not in trailers or the message. */
class PublicChainTest {

    @Test
    void shouldTakeEveryEmailAddressOutOfTheCommitItsMessageAndItsTrailers() {
        GitCommit commit = new GitCommit("acme/payments", "a".repeat(40), List.of(),
                new Person("Ada", "ada@example.com"), new Person("Bob", "bob@example.com"), Instant.EPOCH, Instant.EPOCH,
                "Raise retries (thanks carol@example.org)",
                "Raise retries\n\nDecision: D-2024-087\nSigned-off-by: Ada <ada@example.com>\n",
                Map.of("Signed-off-by", List.of("Ada <ada@example.com>"), "Reviewed-by", List.of("bob@example.com")),
                List.of("D-2024-087"), List.of());

        GitCommit shown = PublicChain.withoutEmails(new DecisionChain(commit, List.of(), List.of(), false, List.of()))
                .commit();

        assertThat(shown.author()).isEqualTo(new Person("Ada", null));
        assertThat(shown.trailers()).containsEntry("Signed-off-by", List.of("Ada")).containsEntry("Reviewed-by", List.of(""));
        assertThat(shown.message()).contains("Signed-off-by: Ada\n", "Decision: D-2024-087").doesNotContain("@");
        assertThat(shown.subject()).isEqualTo("Raise retries (thanks)");
    }

    @Test
    void shouldNotBacktrackOnAMessageThatAlmostHoldsAnAddress() {
        String almost = "a@" + "b.".repeat(30_000) + "-";

        assertThat(PublicChain.withoutEmails(almost)).isNotNull();
    }
}
