package io.decisionlog.cli;

import io.decisionlog.events.CommitSignature;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChainRendererTest {

    @Test
    void shouldRenderACompleteTraceAsAPersonReadsIt() {
        String text = ChainRenderer.trace(Views.trace(json("trace-complete.json")));

        assertThat(text).isEqualTo("""
                config/payments.yaml:16  callback_retries: 5
                  commit   60074a6  Raise callback retries for the P0 alerts   (Li Wei, 2024-04-11)
                  ci run   github #8612004517 Deploy D-2024-087 — completed/success   by li-wei   decision D-2024-087
                  decision D-2024-087  Gray-release the downgrade switch   [accepted, owner li.wei]  via trailer, ci_title
                           decided: enable the downgrade switch for 5% of traffic, then 100% after a week; retry callbacks 5 times with ...
                           minutes: minutes/2024/2024-04-10-arch-sync.yaml (Weekly architecture sync, 2024-04-10)
                  complete
                """);
    }

    @Test
    void shouldShowARunOnTheMergeCommitAndEveryViaEvenUnknownOnes() {
        String text = ChainRenderer.trace(Views.trace(json("trace-merged.json")));

        assertThat(text).isEqualTo("""
                config/payments.yaml:21  schedule: "*/15 * * * *"
                  commit   035bc5c  Send settlement files every 15 minutes   (Carlos Mendes, 2024-05-06)
                  ci run   github #10245598123 (attempt 2) Release — completed/success   by carlos-mendes   on merge 8de7795   decision D-2024-091   reason: settlement files every 15 minutes
                  decision D-2024-091  Intraday settlement files   [accepted, owner carlos.mendes]  via minutes, merge, ci_dispatch, some_via_added_later
                           decided: send a settlement file every 15 minutes, at most 800 payments per file, with 4 workers
                           minutes: minutes/2024/2024-04-10-arch-sync.yaml (Weekly architecture sync, 2024-04-10)
                  complete
                """);
    }

    @Test
    void shouldListWhatIsMissingWhenTheChainHasGaps() {
        Views.Trace trace = Views.trace(json("trace-gap.json"));
        String text = ChainRenderer.trace(trace);

        assertThat(trace.complete()).isFalse();
        assertThat(text).isEqualTo("""
                config/gateway.properties:5  psp.read-timeout=8s
                  commit   1458f0f  Shorten the PSP read timeout to 8s   (Zhang San, 2024-06-03)
                  decision D-2024-102  (no minutes)  via trailer
                  missing: no CI run for this commit
                  missing: decision D-2024-102 has no minutes
                """);
    }

    @Test
    void shouldSayWhereARenamedLineWasWritten() {
        String text = ChainRenderer.trace(Views.trace(json("trace-renamed.json")));

        assertThat(text).startsWith("""
                config/gateway.properties:3  psp.merchant-id=ACME-PAY-0042
                  commit   c240a56  Initial payments service configuration   (Zhang San, 2024-03-04)
                           written as config/psp.properties:3
                """);
        assertThat(text).endsWith("  missing: no decision for this commit\n").doesNotContain("complete");
    }

    @Test
    void shouldRenderOneCommitsChain() {
        Views.Chain chain = Views.chain(json("commit-chain.json"));

        assertThat(ChainRenderer.chain(chain)).isEqualTo("""
                acme/payments@9d7ff8e  Require a 3DS2 challenge for EU cards   (Wang Wu, 2025-01-14)
                  ci run   gitlab #1587342 Require a 3DS2 challenge for EU cards — completed/success   by wang.wu   decision D-2025-003   reason: PSD2 audit: challenge every EU card with 3DS2
                  decision D-2025-003  Require a 3DS2 challenge for EU cards   [accepted, owner priya.nair]  via ci_input
                           decided: always challenge EU cards with 3DS2; other regions stay risk based
                           minutes: minutes/2025/2025-01-09-eu-3ds2.yaml (PSD2 strong customer authentication review, 2025-01-09)
                  complete
                """);
        assertThat(chain.commit().sha()).startsWith("9d7ff8ee");
        assertThat(chain.ciRuns().get(0).decisionIds()).containsExactly("D-2025-003");
    }

    @Test
    void shouldEndTheChainWithTheStewardsWhoSignedItsDecisionsOff() {
        Views.Trace trace = Views.trace("{\"repo\":\"acme/payments\",\"path\":\"config/app.yaml\",\"line\":2,"
                + "\"blame\":{\"sha\":\"" + "a".repeat(40) + "\"},\"complete\":true,\"signoffs\":[{\"decision_id\":"
                + "\"D-2024-087\",\"steward\":\"li.wei\",\"state\":\"current\",\"comment\":\"read the minutes\","
                + "\"signature\":{\"key_fingerprint\":\"SHA256:Y+sI\"}},{\"decision_id\":\"D-2024-087\",\"steward\":"
                + "\"ana\",\"state\":\"stale\"}]}");
        assertThat(ChainRenderer.trace(trace)).contains(
                "  signoff  D-2024-087 by li.wei — current, SSH key SHA256:Y+sI: \"read the minutes\"\n",
                "  signoff  D-2024-087 by ana — stale, unsigned\n");
    }

    @Test
    void shouldSayWhoSignedACommitAndShoutABadSignature() {
        assertThat(ChainRenderer.signature(new CommitSignature("ssh", "li.wei@acme.example", "SHA256:Y+sI",
                CommitSignature.Status.VERIFIED, null))).contains(
                "  signed   ssh signature verified by li.wei@acme.example (SHA256:Y+sI)");
        assertThat(ChainRenderer.signature(new CommitSignature("ssh", null, "SHA256:Y+sI", CommitSignature.Status.BAD,
                "edited after signing"))).contains("  signed   ssh signature BAD (SHA256:Y+sI): edited after signing");
        assertThat(ChainRenderer.signature(new CommitSignature("openpgp", null, null,
                CommitSignature.Status.UNKNOWN_KEY, "no trust is configured for openpgp signatures"))).contains(
                "  signed   openpgp signature unknown key: no trust is configured for openpgp signatures");
        assertThat(ChainRenderer.signature(new CommitSignature("ssh", "li.wei@acme.example", "SHA256:Y+sI",
                CommitSignature.Status.VERIFIED, null).ofTag("v1.0"))).contains(
                "  signed   ssh signature of tag v1.0 verified by li.wei@acme.example (SHA256:Y+sI)");
        assertThat(ChainRenderer.signature(CommitSignature.UNSIGNED)).isEmpty();
        assertThat(ChainRenderer.signature(null)).isEmpty();
    }

    @Test
    void shouldSayALineIsNotBlamedYetRatherThanFail() {
        Views.Trace trace = Views.trace("{\"repo\":\"acme/payments\",\"path\":\"a.yaml\",\"line\":1,\"text\":\"x: 1\","
                + "\"complete\":false,\"missing\":[\"no blame for this line yet\"]}");

        assertThat(ChainRenderer.trace(trace)).isEqualTo("""
                a.yaml:1  x: 1
                  commit   (not blamed yet)
                  missing: no blame for this line yet
                """);
    }

    @Test
    void shouldRefuseAnswersThatAreNotAChainWithExitOne() {
        assertThatThrownBy(() -> Views.trace("[1, 2]")).isInstanceOfSatisfying(CliException.class,
                e -> assertThat(e.exitCode()).isEqualTo(Exit.NOT_FOUND));
    }

    @Test
    void shouldAbbreviateLongDecisions() {
        assertThat(ChainRenderer.abbreviate("short", 10)).isEqualTo("short");
        assertThat(ChainRenderer.abbreviate("a longer text here", 9)).isEqualTo("a longer ...");
    }

    static String json(String name) {
        try (InputStream in = ChainRendererTest.class.getResourceAsStream("/json/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
