package io.decisionlog.deploy.local;

import java.time.Duration;

import static io.decisionlog.deploy.local.AsAdmin.given;

/** For tests: waits until the service under test answers {@code /q/health/ready} with 200, up to 60 s. */
public final class Readiness {
    private Readiness() {
    }

    /** Readiness waits for start-up work: topics, state read back from Kafka, Streams running, a lease held. */
    public static void await() {
        Wait.until("readiness", Duration.ofSeconds(60), () -> given().get("/q/health/ready").statusCode() == 200);
    }
}
