package io.decisionlog.graph.store;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code decisionlog_unlinked_runs{repo}}: CI runs that carried no decision (decision_ref N/A), per repository, read
 * from the store every 30 seconds (a sum over an index, not a query per scrape).
 */
@ApplicationScoped
public class UnlinkedRunsGauge {
    static final String NAME = "decisionlog.unlinked.runs";
    private static final Logger LOG = Logger.getLogger(UnlinkedRunsGauge.class);

    private final AgroalDataSource dataSource;
    private final MultiGauge gauge;
    private ScheduledExecutorService refresher;

    @Inject
    public UnlinkedRunsGauge(AgroalDataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.gauge = MultiGauge.builder(NAME).description("CI runs that carried no decision id (decision_ref N/A)")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "unlinked-runs-gauge");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, 30, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** Reads the counts again; a store that does not answer keeps the last ones and says so once per refresh. */
    public void refresh() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT repo, sum(na_runs) FROM chain WHERE na_runs > 0 GROUP BY repo")) {
            while (result.next()) {
                rows.add(MultiGauge.Row.of(Tags.of("repo", result.getString(1)), result.getLong(2)));
            }
        } catch (SQLException e) {
            LOG.warnf("cannot count the runs without a decision for %s: %s", NAME, e.getMessage());
            return;
        }
        gauge.register(rows, true);
    }
}
