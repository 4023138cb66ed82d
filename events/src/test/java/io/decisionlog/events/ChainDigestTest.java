package io.decisionlog.events;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The chain digest: the same for the same facts wherever it is computed, different when a fact that matters changes. */
class ChainDigestTest {
    private final DecisionChain chain = SampleEvents.chain();

    @Test
    void shouldBeTheSameAfterAWireRoundTripAndShownInTheJson() throws Exception {
        byte[] json = Json.MAPPER.writeValueAsBytes(chain);
        JsonNode tree = Json.MAPPER.readTree(json);

        assertThat(tree.path("digest").asText()).matches("sha256:[0-9a-f]{64}").isEqualTo(chain.digest());
        assertThat(Json.MAPPER.readValue(json, DecisionChain.class).digest()).isEqualTo(chain.digest());
    }

    @Test
    void shouldNotDependOnTheOrderRunsAndDecisionsArrivedIn() {
        List<CiRun> runs = new ArrayList<>(chain.ciRuns());
        runs.add(withConclusion(chain.ciRuns().get(0), "9002", "success"));
        DecisionChain one = new DecisionChain(chain.commit(), runs, chain.decisions(), chain.complete(), chain.missing());
        List<CiRun> reversed = new ArrayList<>(runs);
        Collections.reverse(reversed);
        DecisionChain other = new DecisionChain(chain.commit(), reversed, chain.decisions(), chain.complete(),
                chain.missing());

        assertThat(one.digest()).isEqualTo(other.digest()).isNotEqualTo(chain.digest());
    }

    @Test
    void shouldChangeWhenARunsConclusionOrTheSignatureChangesButNotWithTheAddressesLeftOut() {
        CiRun failed = withConclusion(chain.ciRuns().get(0), chain.ciRuns().get(0).runId(), "failure");
        DecisionChain refailed = new DecisionChain(chain.commit(), List.of(failed), chain.decisions(), chain.complete(),
                chain.missing());
        assertThat(refailed.digest()).isNotEqualTo(chain.digest());

        GitCommit c = chain.commit();
        GitCommit anonymous = new GitCommit(c.repo(), c.sha(), c.parents(), new Person(c.author().name(), null),
                new Person(c.committer().name(), null), c.authoredAt(), c.committedAt(), c.subject(), c.message(),
                c.trailers(), c.decisionIds(), c.introduced(), c.signature());
        assertThat(new DecisionChain(anonymous, chain.ciRuns(), chain.decisions(), chain.complete(), chain.missing())
                .digest()).isEqualTo(chain.digest());

        GitCommit bad = new GitCommit(c.repo(), c.sha(), c.parents(), c.author(), c.committer(), c.authoredAt(),
                c.committedAt(), c.subject(), c.message(), c.trailers(), c.decisionIds(), c.introduced(),
                new CommitSignature("ssh", null, "SHA256:x", CommitSignature.Status.BAD, "edited"));
        assertThat(new DecisionChain(bad, chain.ciRuns(), chain.decisions(), chain.complete(), chain.missing())
                .digest()).isNotEqualTo(chain.digest());
    }

    @Test
    void shouldHashTheCanonicalFactsAsDocumented() {
        assertThat(ChainDigest.facts(chain).fieldNames()).toIterable()
                .containsExactly("v", "commit", "ci_runs", "decisions");
        assertThat(ChainDigest.facts(chain).path("commit").fieldNames()).toIterable().containsExactly("repo", "sha");
    }

    private static CiRun withConclusion(CiRun run, String runId, String conclusion) {
        return new CiRun(run.provider(), run.repo(), runId, run.attempt(), run.workflow(), run.workflowPath(),
                run.event(), run.headSha(), run.headBranch(), run.actor(), run.status(), conclusion, run.startedAt(),
                run.updatedAt(), run.completedAt(), run.url(), run.title(), run.decisionIds(), run.reason(),
                run.deliveryId(), run.receivedAt(), run.origin(), run.triggeringActor(), run.inputs());
    }
}
