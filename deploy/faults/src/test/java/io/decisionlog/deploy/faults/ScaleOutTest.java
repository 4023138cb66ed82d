package io.decisionlog.deploy.faults;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #23's scale-out, in the build: {@link ScaleOutRun} as bench/scale-out.sh runs it (three brokers, two
 * instances of decision-graph, of the ci-audit-ingester and of the blame-ingester, all separate processes). The work
 * is spread over both decision-graph instances; killing one moves its tasks to the other, which answers every query
 * meanwhile; the blame-ingesters' lease passes to the survivor, never held by both; nothing acknowledged is lost or
 * duplicated. The report is kept in target/scale-out-report.txt.
 */
class ScaleOutTest {
    @Test
    void twoInstancesOfEachServiceShareTheWorkAndTakeOverFromEachOtherLosingNothing() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        ScaleOutRun run = new ScaleOutRun(ScaleOutRun.settings("--data-dir", target.resolve("scale-out-test").toString()));
        ScaleOutOutcome outcome;
        try {
            outcome = run.execute();
        } finally {
            run.teardown();
        }
        String report = outcome.report();
        Files.writeString(target.resolve("scale-out-report.txt"), report);
        System.out.println(report);

        assertThat(outcome.failures()).as(report).isEmpty();
        assertThat(outcome.takeover().before().membersWithWork()).as("instances with tasks before the kill").isEqualTo(2);
        assertThat(outcome.takeover().moved()).as("tasks the kill moved").isNotEmpty();
        assertThat(outcome.takeover().reassigned()).as("tasks reassigned").get()
                .matches(after -> after.compareTo(Duration.ofSeconds(120)) < 0);
        assertThat(outcome.queries().asked()).as("queries asked of the survivor").isGreaterThan(20);
        assertThat(outcome.verdict().accepted()).as("deliveries acknowledged").isGreaterThan(100);
        assertThat(outcome.lease().bothReady()).as("samples with both blame-ingesters holding the lease").isZero();
    }
}
