package io.decisionlog.ciaudit.pull;

import io.decisionlog.ciaudit.publish.RunLedger;
import io.decisionlog.events.CiRun;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What CiEventPublisher does, without Kafka: publish only what the ledger says is news, and keep what it published. */
final class LedgerPublisher implements PullPass.Publisher {
    private final RunLedger ledger = new RunLedger(Duration.ofDays(60));
    private final Map<String, CiRun> published = new ConcurrentHashMap<>();

    /** The runs published so far by key; a test may clear it between passes. */
    Map<String, CiRun> published() {
        return published;
    }

    @Override
    public boolean publish(CiRun run) {
        if (!ledger.isNews(run)) {
            return false;
        }
        ledger.record(run);
        published.put(run.key(), run);
        return true;
    }

    @Override
    public boolean isNews(CiRun run) {
        return ledger.isNews(run);
    }
}
