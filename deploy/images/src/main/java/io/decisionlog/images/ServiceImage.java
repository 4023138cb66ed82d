package io.decisionlog.images;

import java.util.List;

/**
 * One service's image: the module whose {@code target/quarkus-app} it carries, the port the service listens on (its
 * {@code quarkus.http.port}, which the manifests' containerPort is), and what the image is, in its labels.
 */
public record ServiceImage(String service, int port, String description) {
    public static final String REGISTRY = "ghcr.io/decisionlog";

    public static final List<ServiceImage> ALL = List.of(
            new ServiceImage("decision-graph", 8080,
                    "decision-log's decision graph: the chains, the query API and the web UI"),
            new ServiceImage("ci-audit-ingester", 8081, "decision-log's CI run ingester: webhooks and pulls"),
            new ServiceImage("blame-ingester", 8082, "decision-log's git blame and commit ingester"),
            new ServiceImage("minutes-ingester", 8083, "decision-log's meeting minutes ingester"));

    /** {@code ghcr.io/decisionlog/<service>:<version>}: the name the manifests run and the README pushes to. */
    public String reference(String version) {
        return REGISTRY + "/" + service + ":" + version;
    }

    /** The archive the build writes: {@code <service>.oci.tar}. */
    public String archive() {
        return service + ".oci.tar";
    }
}
