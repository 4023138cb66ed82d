package io.decisionlog.deploy.k8s;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The manifests against the real schemas, offline: Kubernetes 1.33's own kinds, Strimzi 0.51's and CloudNativePG
 * 1.27's custom resources, all strict (schemas/README.md says where each comes from). Then wrong manifests, to show
 * that the check rejects what the API server would.
 */
class ManifestSchemaTest {
    /** The module's directory, where the manifests are; surefire sets {@code basedir}. */
    private static final Path DIR = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath().normalize();
    private static final ManifestSchemaCheck CHECK = new ManifestSchemaCheck(new SchemaCatalog(DIR.resolve("schemas")));

    @Test
    void everyDocumentOfTheManifestsMatchesTheSchemaOfItsKind() throws IOException {
        List<ManifestDocument> documents = ManifestDocuments.inDirectory(DIR);

        assertThat(documents).as("documents of deploy/k8s/*.yaml").hasSizeGreaterThan(10);
        assertThat(CHECK.violations(documents)).as("schema violations").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongManifests")
    void aWrongManifestIsRejectedNamingTheDocumentAndTheField(String mistake, String manifest, String field) {
        List<String> violations = CHECK.violations(ManifestDocuments.parse("wrong.yaml", manifest));

        // one violation: the rest of each sample is right, so the mistake is what the check caught
        assertThat(violations).as(mistake).singleElement().satisfies(violation -> {
            assertThat(violation).startsWith("wrong.yaml document 1 (");
            assertThat(violation).contains(field);
        });
    }

    static Stream<Arguments> wrongManifests() {
        return Stream.of(
                arguments("misspelt field of a Deployment", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: web
                        spec:
                          replica: 2
                          selector:
                            matchLabels:
                              app: web
                          template:
                            metadata:
                              labels:
                                app: web
                            spec:
                              containers:
                                - name: web
                                  image: example/web:1
                        """, "'replica'"),
                arguments("port of a Service given as a name", """
                        apiVersion: v1
                        kind: Service
                        metadata:
                          name: web
                        spec:
                          selector:
                            app: web
                          ports:
                            - name: http
                              port: http
                        """, "$.spec.ports[0].port"),
                arguments("misspelt metadata field of a Namespace", """
                        apiVersion: v1
                        kind: Namespace
                        metadata:
                          name: decisionlog
                          lables:
                            team: platform
                        """, "'lables'"),
                arguments("partitions of a KafkaTopic given as a word", """
                        apiVersion: kafka.strimzi.io/v1beta2
                        kind: KafkaTopic
                        metadata:
                          name: decisionlog.example.v1
                          labels:
                            strimzi.io/cluster: decisionlog
                        spec:
                          partitions: six
                          replicas: 3
                        """, "$.spec.partitions"),
                arguments("British spelling of a KafkaUser's authorization", """
                        apiVersion: kafka.strimzi.io/v1beta2
                        kind: KafkaUser
                        metadata:
                          name: decision-graph
                          labels:
                            strimzi.io/cluster: decisionlog
                        spec:
                          authentication:
                            type: scram-sha-512
                          authorisation:
                            type: simple
                        """, "'authorisation'"),
                arguments("misspelt metadata field of a custom resource (left open by its CRD)", """
                        apiVersion: kafka.strimzi.io/v1beta2
                        kind: KafkaTopic
                        metadata:
                          name: decisionlog.example.v1
                          lables:
                            strimzi.io/cluster: decisionlog
                        spec:
                          partitions: 6
                          replicas: 3
                        """, "'lables'"),
                arguments("misspelt field of a CloudNativePG Cluster", """
                        apiVersion: postgresql.cnpg.io/v1
                        kind: Cluster
                        metadata:
                          name: decisionlog-db
                        spec:
                          instances: 3
                          storage:
                            size: 20Gi
                          walstorage:
                            size: 5Gi
                        """, "'walstorage'"),
                arguments("kind without a schema", """
                        apiVersion: example.com/v1
                        kind: Widget
                        metadata:
                          name: gadget
                        """, "no schema for apiVersion example.com/v1 kind Widget"),
                arguments("Kubernetes kind whose schema was not brought", """
                        apiVersion: batch/v1
                        kind: CronJob
                        metadata:
                          name: nightly
                        """, "no schema for apiVersion batch/v1 kind CronJob"));
    }
}
