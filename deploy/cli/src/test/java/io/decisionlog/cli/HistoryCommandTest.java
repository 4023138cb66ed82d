package io.decisionlog.cli;

import org.junit.jupiter.api.Test;

import static io.decisionlog.cli.ChainRendererTest.json;
import static org.assertj.core.api.Assertions.assertThat;

class HistoryCommandTest {

    @Test
    void shouldListEachChangeWithItsLinesAndChainNewestFirst() {
        String text = HistoryCommand.render(Views.history(json("line-history.json")));

        assertThat(text).startsWith("""
                config/payments.yaml:16 as of b8dcc7e: 2 commits changed it

                config/payments.yaml:16 after 9d7ff8e
                  |   challenge: always
                acme/payments@9d7ff8e  Require a 3DS2 challenge for EU cards   (Wang Wu, 2025-01-14)
                """);
        assertThat(text).endsWith("""

                config/payment.yaml:14-15 after 0f1e2d3
                  |   challenge: risk_based
                  |   exemptions: low_value
                  (decision-graph has not seen this commit)
                """);
    }

    @Test
    void shouldSayWhenALimitStoppedTheHistory() {
        String text = HistoryCommand.render(Views.history("{\"repo\":\"acme/payments\",\"path\":\"a.yaml\",\"line\":3,"
                + "\"rev\":\"b8dcc7e00d0af3561868e19e302b1fdded71903c\",\"complete\":false,\"changes\":[]}"));

        assertThat(text).isEqualTo("a.yaml:3 as of b8dcc7e: 0 commits changed it (stopped at a limit: older changes not listed)\n");
    }
}
