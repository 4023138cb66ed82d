package io.decisionlog.deploy.k8s;

import io.decisionlog.events.Topic;
import io.decisionlog.events.TopicAccess;
import io.decisionlog.events.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Checks the manifests of this directory against each other (references, selectors, ports), against the topic
 * registry ({@link Topics}) and against each service's {@code application.properties} (every environment variable
 * must set a key the service reads). Plain YAML parsing: no cluster, no kubectl.
 */
class ManifestsTest {
    /** The module's directory, where the manifests are; surefire sets {@code basedir}. */
    private static final Path DIR = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath().normalize();
    /** The project's root: deploy/k8s/../.. */
    private static final Path ROOT = DIR.resolve("../..").normalize();

    private static final List<String> SERVICES =
            List.of("ci-audit-ingester", "blame-ingester", "minutes-ingester", "decision-graph");
    private static final String IMAGE_PREFIX = "ghcr.io/decisionlog/";
    private static final String IMAGE_TAG = "0.1.0";

    /** Standard variables any Deployment may set although the service's application.properties does not name them. */
    private static final Set<String> ALLOWED_ENV_NAMES = Set.of("KAFKA_BOOTSTRAP_SERVERS", "JAVA_TOOL_OPTIONS",
            "KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM", "KAFKA_SASL_JAAS_CONFIG", "KAFKA_SSL_TRUSTSTORE_TYPE",
            "KAFKA_SSL_TRUSTSTORE_LOCATION");
    /** Keys of the Secret Strimzi's user operator makes for a KafkaUser with SCRAM-SHA-512 authentication. */
    private static final Set<String> KAFKA_USER_SECRET_KEYS = Set.of("password", "sasl.jaas.config");
    /** Standard datasource variables, allowed for a service that has a datasource (quarkus.datasource.db-kind). */
    private static final Set<String> ALLOWED_DATASOURCE_ENV_NAMES =
            Set.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");

    /** The Secret the kustomization generates from secrets.env. */
    private static final String GENERATED_SECRET = "decisionlog-secrets";

    /** Keys of the Secret {@code <cluster>-app} that CloudNativePG generates for the database owner. */
    private static final Set<String> CNPG_APP_SECRET_KEYS =
            Set.of("username", "password", "user", "host", "port", "dbname", "uri", "jdbc-uri", "pgpass");

    /** A commented-out assignment documents a key the service reads but has no default for: {@code # a.b-c=...}. */
    private static final Pattern DOCUMENTED_KEY = Pattern.compile("^\\s*#\\s*([A-Za-z][A-Za-z0-9._\"-]*)\\s*=");
    private static final Pattern MAX_RAM_PERCENTAGE = Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)");
    private static final Pattern XMX = Pattern.compile("-Xmx(\\d+)([kKmMgG]?)");

    private record Doc(String file, Map<String, Object> body) {
        String kind() {
            return (String) body.get("kind");
        }

        String name() {
            return (String) map(body, "metadata").get("name");
        }

        @Override
        public String toString() {
            return file + ": " + kind() + "/" + name();
        }
    }

    private static List<Path> manifestFiles;
    private static List<Doc> docs;
    private static final List<String> emptyDocuments = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            manifestFiles = files
                    .filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().matches(".*\\.ya?ml"))
                    .sorted()
                    .toList();
        }
        docs = new ArrayList<>();
        for (Path file : manifestFiles) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            Yaml yaml = new Yaml(new SafeConstructor(options));
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                int index = 0;
                for (Object document : yaml.loadAll(reader)) {
                    String where = file.getFileName() + " #" + index++;
                    if (document == null) {
                        emptyDocuments.add(where);
                    } else if (document instanceof Map<?, ?> body) {
                        docs.add(new Doc(file.getFileName().toString(), cast(body)));
                    } else {
                        fail(where + " is not a mapping: " + document);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- the documents

    @Test
    void shouldGiveEveryDocumentAnApiVersionKindAndName() {
        assertThat(manifestFiles).hasSizeGreaterThanOrEqualTo(10);
        assertThat(emptyDocuments).as("empty YAML documents").isEmpty();
        assertThat(docs).hasSizeGreaterThan(manifestFiles.size());
        assertThat(docs).allSatisfy(doc -> {
            assertThat(doc.body().get("apiVersion")).as(doc.file() + " apiVersion").isInstanceOf(String.class);
            assertThat((String) doc.body().get("apiVersion")).as(doc.file() + " apiVersion").isNotBlank();
            assertThat(doc.body().get("kind")).as(doc.file() + " kind").isInstanceOf(String.class);
            assertThat(doc.kind()).as(doc.file() + " kind").isNotBlank();
            assertThat(doc.body().get("metadata")).as(doc.file() + " metadata").isInstanceOf(Map.class);
            assertThat(map(doc.body(), "metadata").get("name")).as(doc.file() + " metadata.name").isInstanceOf(String.class);
            assertThat(doc.name()).as(doc.file() + " metadata.name").isNotBlank();
        });
        List<String> ids = docs.stream().map(doc -> doc.kind() + "/" + doc.name()).toList();
        assertThat(ids).as("kind/name of every document").doesNotHaveDuplicates();
    }

    @Test
    void shouldListExactlyTheManifestFilesInTheKustomization() {
        Doc kustomization = one("Kustomization");
        assertThat(kustomization.file()).isEqualTo("kustomization.yaml");
        List<String> resources = strings(list(kustomization.body(), "resources"));
        Set<String> present = manifestFiles.stream()
                .map(file -> file.getFileName().toString())
                .filter(name -> !name.equals("kustomization.yaml"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(resources).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(resources)).isEqualTo(present);
        assertThat(kustomization.body().get("namespace")).as("the kustomization's namespace")
                .isEqualTo(one("Namespace").name());
    }

    @Test
    void shouldGiveConfigMapsAndSecretsOnlyStringValues() {
        List<Doc> holders = docs.stream().filter(doc -> Set.of("ConfigMap", "Secret").contains(doc.kind())).toList();
        assertThat(holders).extracting(Doc::kind).contains("ConfigMap");
        assertThat(holders).allSatisfy(doc -> {
            Map<String, Object> data = dataOf(doc);
            assertThat(data).as(doc + " data").isNotEmpty();
            data.forEach((key, value) -> assertThat(value).as(doc + " " + key + " (quote numbers)").isInstanceOf(String.class));
        });
    }

    /**
     * No secret value is in the manifests, placeholder or not: the kustomization generates the one Secret from
     * secrets.env, which is never committed, and secrets.env.example names every key a Deployment reads from it.
     */
    @Test
    void shouldApplyNoSecretValueButGenerateTheSecretFromAnUncommittedFile() throws IOException {
        assertThat(docs).as("Secret documents (a placeholder would be applied as it is)")
                .noneMatch(doc -> doc.kind().equals("Secret"));
        List<Map<String, Object>> generators = maps(list(one("Kustomization").body(), "secretGenerator"));
        assertThat(generators).hasSize(1);
        assertThat(generators.get(0).get("name")).isEqualTo(GENERATED_SECRET);
        assertThat(strings(list(generators.get(0), "envs"))).containsExactly("secrets.env");
        assertThat(Files.readAllLines(DIR.resolve("../../.gitignore"))).as("secrets.env is never committed")
                .contains("/deploy/k8s/secrets.env");
        Set<String> referenced = new TreeSet<>();
        for (Doc deployment : deployments()) {
            for (Map<String, Object> env : maps(list(container(deployment), "env"))) {
                optionalMap(env, "valueFrom", "secretKeyRef").filter(ref -> GENERATED_SECRET.equals(ref.get("name")))
                        .ifPresent(ref -> referenced.add((String) ref.get("key")));
            }
        }
        assertThat(generatedSecretKeys()).as("the keys secrets.env.example names").isEqualTo(referenced);
    }

    // ---------------------------------------------------------------------------------------------- the network

    /**
     * Ingress is denied unless allowed: the services' HTTP only from the ingress controller's and Prometheus'
     * namespaces (and the ingesters from decision-graph), PostgreSQL only from decision-graph and its own instances
     * (and the operator's status port), Kafka's listeners only from the services' pods.
     */
    @Test
    void shouldLetOnlyTheIngressReachTheServicesAndOnlyTheServicesReachKafkaAndPostgres() {
        List<Doc> policies = docs.stream().filter(doc -> doc.kind().equals("NetworkPolicy")).toList();
        Doc deny = named("NetworkPolicy", "default-deny-ingress");
        assertThat(map(deny.body(), "spec", "podSelector")).as("every pod").isEmpty();
        assertThat(strings(list(deny.body(), "spec", "policyTypes"))).containsExactly("Ingress");
        assertThat(optionalList(deny.body(), "spec", "ingress")).isNullOrEmpty();

        for (Doc deployment : deployments()) {
            Map<String, Object> labels = map(deployment.body(), "spec", "template", "metadata", "labels");
            List<Map<String, Object>> sources = sourcesOf(policies, labels, "http");
            Set<String> namespaces = new TreeSet<>();
            for (Map<String, Object> source : sources) {
                assertThat(source).as(deployment + ": a source names a namespace or decision-graph's pods")
                        .containsAnyOf(Map.entry("namespaceSelector", Map.of("matchLabels",
                                Map.of("kubernetes.io/metadata.name", "ingress-nginx"))), Map.entry("namespaceSelector",
                                Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring"))),
                                Map.entry("podSelector", Map.of("matchLabels",
                                        Map.of("app.kubernetes.io/name", "decision-graph"))));
                optionalMap(source, "namespaceSelector", "matchLabels").ifPresent(selector ->
                        namespaces.add((String) selector.get("kubernetes.io/metadata.name")));
            }
            assertThat(namespaces).as(deployment + " is reached from").contains("ingress-nginx");
        }

        Map<String, Object> postgres = Map.of("cnpg.io/cluster", one("Cluster").name());
        List<Map<String, Object>> toPostgres = sourcesOf(policies, postgres, 5432);
        assertThat(toPostgres).extracting(source -> optionalMap(source, "podSelector", "matchLabels").orElse(Map.of()))
                .as("PostgreSQL's clients").containsExactlyInAnyOrder(Map.of("app.kubernetes.io/name", "decision-graph"),
                        postgres);

        Doc kafka = one("Kafka");
        for (Map<String, Object> listener : maps(list(kafka.body(), "spec", "kafka", "listeners"))) {
            List<Map<String, Object>> peers = maps(list(listener, "networkPolicyPeers"));
            assertThat(peers).as("listener " + listener.get("name") + " admits").isNotEmpty();
            for (Doc deployment : deployments()) {
                Map<String, Object> labels = map(deployment.body(), "spec", "template", "metadata", "labels");
                assertThat(peers).as(deployment + " reaches listener " + listener.get("name")).anyMatch(peer ->
                        labels.entrySet().containsAll(map(peer, "podSelector", "matchLabels").entrySet()));
            }
        }
    }

    /**
     * The way in is https only: every service has a host on the Ingress, every host is under its TLS certificate, plain
     * http is redirected, and the Ingress's class is the controller whose namespace the NetworkPolicies admit.
     */
    @Test
    void shouldReachEveryServiceFromOutsideOnlyOverHttps() {
        Doc ingress = one("Ingress");
        Map<String, Object> annotations = map(ingress.body(), "metadata", "annotations");
        assertThat(annotations).containsEntry("nginx.ingress.kubernetes.io/force-ssl-redirect", "true")
                .containsKey("cert-manager.io/cluster-issuer");
        assertThat(map(ingress.body(), "spec").get("ingressClassName")).isEqualTo("nginx");
        Set<String> tlsHosts = new TreeSet<>();
        maps(list(ingress.body(), "spec", "tls")).forEach(tls -> tlsHosts.addAll(strings(list(tls, "hosts"))));
        Map<String, String> routed = new TreeMap<>();
        for (Map<String, Object> rule : maps(list(ingress.body(), "spec", "rules"))) {
            assertThat(tlsHosts).as("the certificate covers " + rule.get("host")).contains((String) rule.get("host"));
            for (Map<String, Object> path : maps(list(rule, "http", "paths"))) {
                Map<String, Object> service = map(path, "backend", "service");
                assertThat(map(service, "port")).as(rule.get("host") + " goes to the service's http port")
                        .containsEntry("name", "http");
                routed.put((String) service.get("name"), (String) rule.get("host"));
            }
        }
        assertThat(routed.keySet()).as("every service has a way in").isEqualTo(new TreeSet<>(SERVICES));
        assertThat(new TreeSet<>(routed.values())).as("one host per service").hasSize(SERVICES.size());
        for (String service : SERVICES) {
            Map<String, Object> port = maps(list(named("Service", service).body(), "spec", "ports")).get(0);
            assertThat(port.get("name")).as(service + "'s Service names its port").isEqualTo("http");
        }
    }

    /** The sources every policy selecting pods with these labels allows on this port (a name or a number). */
    private static List<Map<String, Object>> sourcesOf(List<Doc> policies, Map<String, Object> labels, Object port) {
        List<Map<String, Object>> sources = new ArrayList<>();
        for (Doc policy : policies) {
            if (!selects(map(policy.body(), "spec", "podSelector"), labels)) {
                continue;
            }
            List<Object> rules = optionalList(policy.body(), "spec", "ingress");
            for (Map<String, Object> rule : rules == null ? List.<Map<String, Object>>of() : maps(rules)) {
                boolean onPort = maps(list(rule, "ports")).stream().anyMatch(p -> port.equals(p.get("port")));
                if (onPort) {
                    sources.addAll(maps(list(rule, "from")));
                }
            }
        }
        return sources;
    }

    @SuppressWarnings("unchecked")
    private static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        Map<String, Object> match = (Map<String, Object>) selector.getOrDefault("matchLabels", Map.of());
        if (!labels.entrySet().containsAll(match.entrySet())) {
            return false;
        }
        for (Map<String, Object> expression : maps((List<Object>) selector.getOrDefault("matchExpressions", List.of()))) {
            boolean in = ((List<Object>) expression.get("values")).contains(labels.get(expression.get("key")));
            if ("In".equals(expression.get("operator")) != in) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------- Kafka

    @Test
    void shouldRunKafkaInKraftModeOnThreeNodesThatAreControllersAndBrokers() {
        Doc kafka = one("Kafka");
        assertThat(kafka.body().get("apiVersion")).isEqualTo("kafka.strimzi.io/v1beta2");
        assertThat(map(kafka.body(), "metadata", "annotations"))
                .containsEntry("strimzi.io/kraft", "enabled")
                .containsEntry("strimzi.io/node-pools", "enabled");
        Map<String, Object> spec = map(kafka.body(), "spec", "kafka");
        assertThat(String.valueOf(spec.get("version"))).startsWith("4.1.");
        assertThat(map(kafka.body(), "spec")).doesNotContainKey("zookeeper");

        Map<String, Object> config = map(spec, "config");
        assertThat(text(config.get("default.replication.factor"))).isEqualTo("3");
        assertThat(text(config.get("min.insync.replicas"))).isEqualTo("2");
        assertThat(text(config.get("offsets.topic.replication.factor"))).isEqualTo("3");
        assertThat(text(config.get("transaction.state.log.replication.factor"))).isEqualTo("3");
        assertThat(text(config.get("transaction.state.log.min.isr"))).isEqualTo("2");

        List<Doc> pools = docs.stream().filter(doc -> doc.kind().equals("KafkaNodePool")).toList();
        assertThat(pools).hasSize(1);
        Map<String, Object> pool = pools.get(0).body();
        assertThat(map(pool, "metadata", "labels")).containsEntry("strimzi.io/cluster", kafka.name());
        assertThat(map(pool, "spec").get("replicas")).isEqualTo(3);
        assertThat(strings(list(pool, "spec", "roles"))).containsExactlyInAnyOrder("controller", "broker");
        Map<String, Object> storage = map(pool, "spec", "storage");
        List<Map<String, Object>> volumes = storage.get("type").equals("jbod") ? maps(list(storage, "volumes")) : List.of(storage);
        assertThat(volumes).isNotEmpty().allSatisfy(volume -> {
            assertThat(volume.get("type")).isEqualTo("persistent-claim");
            assertThat(volume.get("deleteClaim")).as("deleteClaim").isNotEqualTo(true);
        });
        // min.insync.replicas 2 of 3 replicas: writes go on with one broker down
        assertThat(Integer.parseInt(text(config.get("min.insync.replicas")))).isLessThan((Integer) map(pool, "spec").get("replicas"));
    }

    @Test
    void shouldDeclareEveryRegistryTopicWithItsPartitionsAndCleanupPolicy() {
        Map<String, String> expected = new TreeMap<>();
        for (Topic<?> topic : Topics.ALL) {
            expected.put(topic.name(), topic.partitions() + " partitions, " + (topic.compacted() ? "compact" : "delete")
                    + (topic.keptForever() ? ", kept forever" : ""));
        }
        // decision-graph's dead-letter topic is the registry's: its configured name must be the declared one
        String dlq = serviceProperties("decision-graph").getProperty("kafka-streams.decisionlog.dlq.topic");
        assertThat(dlq).isEqualTo(Topics.GRAPH_DEAD_LETTERS.name());

        List<Doc> topics = docs.stream().filter(doc -> doc.kind().equals("KafkaTopic")).toList();
        Map<String, String> actual = new TreeMap<>();
        for (Doc doc : topics) {
            Map<String, Object> spec = map(doc.body(), "spec");
            String name = (String) spec.getOrDefault("topicName", doc.name());
            String policy = text(map(spec, "config").get("cleanup.policy"));
            boolean forever = "-1".equals(String.valueOf(map(spec, "config").get("retention.ms")));
            String previous = actual.put(name, spec.get("partitions") + " partitions, " + policy
                    + (forever ? ", kept forever" : ""));
            assertThat(previous).as("second KafkaTopic for " + name).isNull();
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void shouldReplicateEveryTopicThreeTimesWithTwoInSyncReplicas() {
        String cluster = one("Kafka").name();
        List<Doc> topics = docs.stream().filter(doc -> doc.kind().equals("KafkaTopic")).toList();
        assertThat(topics).hasSize(Topics.ALL.size());
        assertThat(topics).allSatisfy(doc -> {
            assertThat(doc.body().get("apiVersion")).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(map(doc.body(), "metadata", "labels")).as(doc + " cluster label").containsEntry("strimzi.io/cluster", cluster);
            assertThat(map(doc.body(), "spec").get("replicas")).as(doc + " replicas").isEqualTo(3);
            assertThat(text(map(doc.body(), "spec", "config").get("min.insync.replicas"))).as(doc + " min.insync.replicas").isEqualTo("2");
        });
    }

    @Test
    void shouldPointEveryServiceAtTheStrimziBootstrapServiceOverTlsAsItsOwnScramUser() {
        Doc kafka = one("Kafka");
        List<Map<String, Object>> listeners = maps(list(kafka.body(), "spec", "kafka", "listeners"));
        assertThat(listeners).as("Kafka listeners: one, TLS with SCRAM").hasSize(1);
        Map<String, Object> tls = listeners.get(0);
        assertThat(tls).containsEntry("tls", true).containsEntry("type", "internal").containsEntry("port", 9093);
        assertThat(map(tls, "authentication")).containsEntry("type", "scram-sha-512");
        assertThat(map(kafka.body(), "spec", "kafka", "authorization")).containsEntry("type", "simple");
        String bootstrap = kafka.name() + "-kafka-bootstrap:9093";
        String clusterCa = kafka.name() + "-cluster-ca-cert";

        assertThat(deployments()).hasSize(SERVICES.size()).allSatisfy(deployment -> {
            Map<String, Object> container = container(deployment);
            assertThat(resolve(env(container, "KAFKA_BOOTSTRAP_SERVERS"))).as(deployment + " KAFKA_BOOTSTRAP_SERVERS").isEqualTo(bootstrap);
            assertThat(resolve(env(container, "DECISIONLOG_KAFKA_REPLICATION_FACTOR"))).as(deployment + " replication factor").isEqualTo("3");
            assertThat(resolve(env(container, "KAFKA_SECURITY_PROTOCOL"))).as(deployment + " protocol").isEqualTo("SASL_SSL");
            assertThat(resolve(env(container, "KAFKA_SASL_MECHANISM"))).as(deployment + " mechanism").isEqualTo("SCRAM-SHA-512");
            assertThat(resolve(env(container, "KAFKA_SSL_TRUSTSTORE_TYPE"))).as(deployment + " truststore").isEqualTo("PEM");
            assertThat(map(env(container, "KAFKA_SASL_JAAS_CONFIG"), "valueFrom", "secretKeyRef"))
                    .as(deployment + ": its own KafkaUser's Secret (Strimzi names it after the user)")
                    .containsEntry("name", deployment.name()).containsEntry("key", "sasl.jaas.config");
            String truststore = resolve(env(container, "KAFKA_SSL_TRUSTSTORE_LOCATION"));
            Map<String, Object> volume = volumeMountedAt(deployment, truststore);
            assertThat(map(volume, "secret")).as(deployment + " truststore " + truststore).containsEntry("secretName", clusterCa);
            assertThat(maps(list(volume, "secret", "items"))).as(deployment + " truststore file")
                    .contains(Map.of("key", "ca.crt", "path", Path.of(truststore).getFileName().toString()));
        });
    }

    @Test
    void shouldGiveEachServiceAKafkaUserWithExactlyTheAclsOfItsRowOfTheAccessTable() {
        String cluster = one("Kafka").name();
        List<Doc> users = docs.stream().filter(doc -> doc.kind().equals("KafkaUser")).toList();
        assertThat(users).as("KafkaUsers").hasSize(TopicAccess.SERVICES.size());
        for (TopicAccess access : TopicAccess.SERVICES) {
            Doc user = named("KafkaUser", access.service());
            String expected = "kafka-users.yaml should say, for " + access.service() + ":\n"
                    + KafkaUserAcls.manifest(access, cluster);
            assertThat(map(user.body(), "metadata", "labels")).as(expected).containsEntry("strimzi.io/cluster", cluster);
            assertThat(map(user.body(), "spec", "authentication")).as(expected).containsEntry("type", "scram-sha-512");
            assertThat(map(user.body(), "spec", "authorization")).as(expected).containsEntry("type", "simple");
            assertThat(KafkaUserAcls.grants(maps(list(user.body(), "spec", "authorization", "acls"))))
                    .as(expected).containsExactlyInAnyOrderElementsOf(access.grants());
        }
    }

    // ---------------------------------------------------------------------------------------------- PostgreSQL

    @Test
    void shouldStoreDecisionGraphInTheCloudNativePgCluster() {
        Doc cluster = one("Cluster");
        assertThat(cluster.body().get("apiVersion")).isEqualTo("postgresql.cnpg.io/v1");
        Map<String, Object> spec = map(cluster.body(), "spec");
        assertThat(spec.get("instances")).isEqualTo(3);
        String image = (String) spec.get("imageName");
        assertThat(image.substring(image.lastIndexOf(':') + 1)).as("PostgreSQL major version of " + image).matches("17([.-].*)?");
        Map<String, Object> initdb = map(spec, "bootstrap", "initdb");
        assertThat(initdb).containsEntry("database", "decisionlog").containsEntry("owner", "app");

        Map<String, Object> container = container(deployment("decision-graph"));
        // TLS, the server checked against the cluster's CA, mounted from the Secret CloudNativePG makes
        String ca = "/etc/decisionlog/postgres-ca";
        assertThat(resolve(env(container, "QUARKUS_DATASOURCE_JDBC_URL"))).isEqualTo("jdbc:postgresql://"
                + cluster.name() + "-rw:5432/" + initdb.get("database") + "?sslmode=verify-full&sslrootcert=" + ca + "/ca.crt");
        Map<String, Object> mount = volumeMountedAt(deployment("decision-graph"), ca);
        assertThat(map(mount, "secret")).containsEntry("secretName", cluster.name() + "-ca");
        assertThat(maps(list(mount, "secret", "items"))).containsExactly(Map.of("key", "ca.crt", "path", "ca.crt"));
        assertThat(map(env(container, "QUARKUS_DATASOURCE_USERNAME"), "valueFrom", "secretKeyRef"))
                .containsEntry("name", cluster.name() + "-app").containsEntry("key", "username");
        assertThat(map(env(container, "QUARKUS_DATASOURCE_PASSWORD"), "valueFrom", "secretKeyRef"))
                .containsEntry("name", cluster.name() + "-app").containsEntry("key", "password");
    }

    // ---------------------------------------------------------------------------------------------- the services

    @Test
    void shouldRunEachServiceFromItsImageOnItsConfiguredPort() {
        assertThat(deployments()).extracting(Doc::name).containsExactlyInAnyOrderElementsOf(SERVICES);
        for (String service : SERVICES) {
            Doc deployment = deployment(service);
            assertThat(list(deployment.body(), "spec", "template", "spec", "containers")).hasSize(1);
            Map<String, Object> container = container(deployment);
            assertThat(container.get("image")).isEqualTo(IMAGE_PREFIX + service + ":" + IMAGE_TAG);
            int port = Integer.parseInt(serviceProperties(service).getProperty("quarkus.http.port"));
            assertThat(maps(list(container, "ports"))).extracting(p -> p.get("containerPort")).as(service + " ports").contains(port);
            assertThat(map(deployment.body(), "spec", "template", "metadata", "labels"))
                    .as(deployment + " pod labels contain the selector")
                    .containsAllEntriesOf(cast(map(deployment.body(), "spec", "selector", "matchLabels")));
        }
    }

    @Test
    void shouldPointEveryEnvReferenceAtAnExistingSecretOrConfigMapKey() {
        String cnpgAppSecret = one("Cluster").name() + "-app";
        int references = 0;
        for (Doc deployment : deployments()) {
            for (Map<String, Object> env : maps(list(container(deployment), "env"))) {
                Map<String, Object> valueFrom = optionalMap(env, "valueFrom").orElse(null);
                if (valueFrom == null) {
                    assertThat(env.get("value")).as(deployment + " " + env.get("name") + " (quote numbers)").isInstanceOf(String.class);
                    continue;
                }
                references++;
                String where = deployment + " " + env.get("name");
                if (valueFrom.containsKey("secretKeyRef")) {
                    Map<String, Object> ref = map(valueFrom, "secretKeyRef");
                    if (ref.get("name").equals(cnpgAppSecret)) {
                        assertThat(CNPG_APP_SECRET_KEYS).as(where).contains((String) ref.get("key"));
                    } else if (isKafkaUser(ref.get("name"))) {
                        assertThat(KAFKA_USER_SECRET_KEYS).as(where).contains((String) ref.get("key"));
                    } else if (ref.get("name").equals(GENERATED_SECRET)) {
                        assertThat(generatedSecretKeys()).as(where).contains((String) ref.get("key"));
                    } else {
                        assertThat(dataOf(named("Secret", (String) ref.get("name")))).as(where).containsKey((String) ref.get("key"));
                    }
                } else if (valueFrom.containsKey("configMapKeyRef")) {
                    Map<String, Object> ref = map(valueFrom, "configMapKeyRef");
                    assertThat(dataOf(named("ConfigMap", (String) ref.get("name")))).as(where).containsKey((String) ref.get("key"));
                } else {
                    fail(where + ": unexpected valueFrom " + valueFrom.keySet());
                }
            }
            assertThat(optionalList(container(deployment), "envFrom")).as(deployment + " envFrom (name each variable instead)").isNullOrEmpty();
        }
        assertThat(references).isGreaterThanOrEqualTo(SERVICES.size() * 2);
    }

    @Test
    void shouldNameEveryEnvVariableAfterAConfigKeyOfItsService() {
        String cnpgAppSecret = one("Cluster").name() + "-app";
        for (Doc deployment : deployments()) {
            Set<String> keys = serviceKeys(deployment.name());
            Set<String> known = keys.stream().map(ManifestsTest::envName).collect(Collectors.toCollection(HashSet::new));
            known.addAll(ALLOWED_ENV_NAMES);
            if (keys.contains("quarkus.datasource.db-kind")) {
                known.addAll(ALLOWED_DATASOURCE_ENV_NAMES);
            }
            List<Map<String, Object>> envs = maps(list(container(deployment), "env"));
            assertThat(envs).as(deployment + " env").isNotEmpty();
            for (Map<String, Object> env : envs) {
                String name = (String) env.get("name");
                assertThat(known)
                        .as(deployment + ": " + name + " sets no key of " + deployment.name() + "/src/main/resources/application.properties")
                        .contains(name);
                // our ConfigMaps and Secrets are keyed by the property itself: the variable must be that property's
                Optional<Map<String, Object>> ref = optionalMap(env, "valueFrom", "configMapKeyRef")
                        .or(() -> optionalMap(env, "valueFrom", "secretKeyRef"));
                // the operators' Secrets have keys of their own
                if (ref.isPresent() && !ref.get().get("name").equals(cnpgAppSecret) && !isKafkaUser(ref.get().get("name"))) {
                    assertThat(envName((String) ref.get().get("key"))).as(deployment + " " + name + " <- " + ref.get()).isEqualTo(name);
                }
            }
        }
    }

    @Test
    void shouldSelectEveryServicesPodsOnAContainerPort() {
        List<Doc> services = docs.stream().filter(doc -> doc.kind().equals("Service")).toList();
        assertThat(services).extracting(Doc::name).containsExactlyInAnyOrderElementsOf(SERVICES);
        for (Doc service : services) {
            Map<String, Object> selector = map(service.body(), "spec", "selector");
            Doc deployment = selected(service, selector);
            List<Map<String, Object>> containerPorts = maps(list(container(deployment), "ports"));
            List<Map<String, Object>> ports = maps(list(service.body(), "spec", "ports"));
            assertThat(ports).as(service + " ports").isNotEmpty().allSatisfy(port -> {
                Object target = port.getOrDefault("targetPort", port.get("port"));
                assertThat(containerPorts).as(service + " targetPort " + target)
                        .anySatisfy(containerPort -> assertThat(target).isIn(containerPort.get("containerPort"), containerPort.get("name")));
            });
        }
        List<Doc> budgets = docs.stream().filter(doc -> doc.kind().equals("PodDisruptionBudget")).toList();
        assertThat(budgets).isNotEmpty().allSatisfy(budget -> selected(budget, map(budget.body(), "spec", "selector", "matchLabels")));
    }

    @Test
    void shouldProbeQuarkusHealthEndpoints() {
        assertThat(deployments()).hasSize(SERVICES.size()).allSatisfy(deployment -> {
            Map<String, Object> container = container(deployment);
            List<Object> portsAndNames = new ArrayList<>();
            maps(list(container, "ports")).forEach(port -> {
                portsAndNames.add(port.get("containerPort"));
                portsAndNames.add(port.get("name"));
            });
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("livenessProbe", "/q/health/live");
            expected.put("readinessProbe", "/q/health/ready");
            if (container.containsKey("startupProbe")) {
                expected.put("startupProbe", "/q/health/started");
            }
            expected.forEach((probe, path) -> {
                Map<String, Object> httpGet = map(container, probe, "httpGet");
                assertThat(httpGet.get("path")).as(deployment + " " + probe).isEqualTo(path);
                assertThat(httpGet.get("port")).as(deployment + " " + probe + " port").isIn(portsAndNames);
            });
        });
    }

    @Test
    void shouldSizeEveryHeapBelowItsContainersMemoryLimit() {
        assertThat(deployments()).hasSize(SERVICES.size()).allSatisfy(deployment -> {
            Map<String, Object> container = container(deployment);
            Map<String, Object> requests = map(container, "resources", "requests");
            Map<String, Object> limits = map(container, "resources", "limits");
            long memoryLimit = bytes(text(limits.get("memory")));
            assertThat(bytes(text(requests.get("memory")))).as(deployment + " memory request").isPositive().isLessThanOrEqualTo(memoryLimit);
            assertThat(millicores(text(requests.get("cpu")))).as(deployment + " cpu request").isPositive()
                    .isLessThanOrEqualTo(millicores(text(limits.get("cpu"))));

            String options = resolve(env(container, "JAVA_TOOL_OPTIONS"));
            Matcher percentage = MAX_RAM_PERCENTAGE.matcher(options);
            Matcher xmx = XMX.matcher(options);
            if (percentage.find()) {
                assertThat(Double.parseDouble(percentage.group(1))).as(deployment + " MaxRAMPercentage").isBetween(50.0, 80.0);
            } else if (xmx.find()) {
                long heap = bytes(xmx.group(1) + switch (xmx.group(2).toLowerCase()) {
                    case "k" -> "Ki";
                    case "m" -> "Mi";
                    case "g" -> "Gi";
                    default -> "";
                });
                assertThat(heap).as(deployment + " -Xmx").isBetween(memoryLimit / 2, memoryLimit * 8 / 10);
            } else {
                fail(deployment + ": JAVA_TOOL_OPTIONS sizes no heap: " + options);
            }
        });
    }

    @Test
    void shouldRunDecisionGraphOnAtMostOneReplicaPerPartitionWithItsStateOnAnEmptyDir() {
        Doc deployment = deployment("decision-graph");
        int replicas = (Integer) map(deployment.body(), "spec").get("replicas");
        assertThat(replicas).isBetween(2, Topics.PARTITIONS);

        // kafka-streams.state.dir=${decisionlog.data-dir}/...: the state goes where DECISIONLOG_DATA_DIR points
        String stateDir = serviceProperties("decision-graph").getProperty("kafka-streams.state.dir");
        assertThat(stateDir).startsWith("${decisionlog.data-dir}");
        Map<String, Object> container = container(deployment);
        assertThat(container.get("env").toString()).doesNotContain("KAFKA_STREAMS_STATE_DIR");
        String dataDir = resolve(env(container, "DECISIONLOG_DATA_DIR"));
        Map<String, Object> volume = volumeMountedAt(deployment, dataDir + stateDir.substring("${decisionlog.data-dir}".length()));
        assertThat(volume).containsKey("emptyDir");
    }

    @Test
    void shouldKeepBlameClonesOnAPersistentVolumeClaim() {
        Doc deployment = deployment("blame-ingester");
        Map<String, Object> spec = map(deployment.body(), "spec");
        // ReadWriteOnce: one pod, and the old one gone before the new one mounts it
        assertThat(spec.get("replicas")).isEqualTo(1);
        assertThat(map(spec, "strategy").get("type")).isEqualTo("Recreate");
        String dataDir = resolve(env(container(deployment), "DECISIONLOG_DATA_DIR"));
        Map<String, Object> volume = volumeMountedAt(deployment, dataDir);
        String claim = (String) map(volume, "persistentVolumeClaim").get("claimName");
        Doc pvc = named("PersistentVolumeClaim", claim);
        assertThat(strings(list(pvc.body(), "spec", "accessModes"))).contains("ReadWriteOnce");
        assertThat(bytes(text(map(pvc.body(), "spec", "resources", "requests").get("storage")))).isGreaterThanOrEqualTo(bytes("10Gi"));
    }

    @Test
    void shouldConvertConfigKeysToEnvNamesTheWayQuarkusDoes() {
        assertThat(envName("kafka.bootstrap.servers")).isEqualTo("KAFKA_BOOTSTRAP_SERVERS");
        assertThat(envName("decisionlog.kafka.replication-factor")).isEqualTo("DECISIONLOG_KAFKA_REPLICATION_FACTOR");
        assertThat(envName("quarkus.kafka-streams.application-id")).isEqualTo("QUARKUS_KAFKA_STREAMS_APPLICATION_ID");
        assertThat(envName("quarkus.log.category.\"org.apache.kafka\".level")).isEqualTo("QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA__LEVEL");
        // the keys the check accepts: assignments (any profile) and documented, commented-out ones; not prose
        Set<String> keys = serviceKeys("ci-audit-ingester");
        assertThat(keys).contains("kafka.bootstrap.servers", "decisionlog.ci.github.secret", "decisionlog.ci.ledger-retention");
        assertThat(keys).noneMatch(key -> key.startsWith("%") || key.contains(" "));
        assertThat(serviceKeys("blame-ingester")).contains("decisionlog.blame.webhook-secret", "decisionlog.repos")
                .doesNotContain("decisionlog.ci.github.secret");
        assertThat(serviceKeys("minutes-ingester")).doesNotContain("quarkus.datasource.jdbc.url");
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** A KafkaUser's name is also the name of the Secret Strimzi keeps its credentials in. */
    private static boolean isKafkaUser(Object name) {
        return docs.stream().anyMatch(doc -> doc.kind().equals("KafkaUser") && doc.name().equals(name));
    }

    private static List<Doc> deployments() {
        return docs.stream().filter(doc -> doc.kind().equals("Deployment")).toList();
    }

    private static Doc deployment(String name) {
        return named("Deployment", name);
    }

    private static Doc one(String kind) {
        List<Doc> found = docs.stream().filter(doc -> doc.kind().equals(kind)).toList();
        assertThat(found).as("documents of kind " + kind).hasSize(1);
        return found.get(0);
    }

    private static Doc named(String kind, String name) {
        return docs.stream()
                .filter(doc -> doc.kind().equals(kind) && doc.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in the manifests"));
    }

    private static Map<String, Object> container(Doc deployment) {
        return maps(list(deployment.body(), "spec", "template", "spec", "containers")).get(0);
    }

    private static Map<String, Object> env(Map<String, Object> container, String name) {
        List<Map<String, Object>> found = maps(list(container, "env")).stream().filter(env -> name.equals(env.get("name"))).toList();
        assertThat(found).as("env " + name + " of container " + container.get("name")).hasSize(1);
        return found.get(0);
    }

    /** An env entry's value: literal, or looked up in the ConfigMap it references. */
    private static String resolve(Map<String, Object> env) {
        if (env.containsKey("value")) {
            return text(env.get("value"));
        }
        Map<String, Object> ref = map(env, "valueFrom", "configMapKeyRef");
        Object value = dataOf(named("ConfigMap", (String) ref.get("name"))).get((String) ref.get("key"));
        assertThat(value).as("ConfigMap value of " + env.get("name")).isNotNull();
        return text(value);
    }

    /** The keys of the generated Secret, as secrets.env.example lists them ({@code key=}, comments aside). */
    private static Set<String> generatedSecretKeys() {
        try {
            return Files.readAllLines(DIR.resolve("secrets.env.example")).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.substring(0, line.indexOf('='))).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> dataOf(Doc doc) {
        Map<String, Object> data = new HashMap<>();
        optionalMap(doc.body(), "data").ifPresent(data::putAll);
        optionalMap(doc.body(), "stringData").ifPresent(data::putAll);
        return data;
    }

    /** The one Deployment whose pod labels contain every label of the selector. */
    private static Doc selected(Doc selecting, Map<String, Object> selector) {
        assertThat(selector).as(selecting + " selector").isNotEmpty();
        List<Doc> matches = deployments().stream()
                .filter(deployment -> map(deployment.body(), "spec", "template", "metadata", "labels").entrySet()
                        .containsAll(selector.entrySet()))
                .toList();
        assertThat(matches).as(selecting + " selects the pods of exactly one Deployment").hasSize(1);
        return matches.get(0);
    }

    /** The pod volume mounted at exactly {@code path} or at a parent of it. */
    private static Map<String, Object> volumeMountedAt(Doc deployment, String path) {
        Path wanted = Path.of(path).normalize();
        Map<String, Object> mount = maps(list(container(deployment), "volumeMounts")).stream()
                .filter(candidate -> wanted.startsWith(Path.of((String) candidate.get("mountPath"))))
                .findFirst()
                .orElseThrow(() -> new AssertionError(deployment + ": nothing mounted at " + path));
        return maps(list(deployment.body(), "spec", "template", "spec", "volumes")).stream()
                .filter(volume -> Objects.equals(volume.get("name"), mount.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(deployment + ": no volume " + mount.get("name")));
    }

    private static Properties serviceProperties(String service) {
        Path file = ROOT.resolve(service).resolve("src/main/resources/application.properties");
        assertThat(file).as("application.properties of " + service).isRegularFile();
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
        return properties;
    }

    /**
     * The keys a service reads, per its application.properties: every assigned key (a {@code %profile.} prefix
     * removed) and every documented one, a commented-out assignment such as {@code # decisionlog.ci.api.token=}.
     */
    private static Set<String> serviceKeys(String service) {
        Set<String> keys = new TreeSet<>();
        for (String key : serviceProperties(service).stringPropertyNames()) {
            keys.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
        }
        Path file = ROOT.resolve(service).resolve("src/main/resources/application.properties");
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Matcher documented = DOCUMENTED_KEY.matcher(line);
                if (documented.find()) {
                    keys.add(documented.group(1));
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
        return keys;
    }

    /** Quarkus' environment variable for a config key: non-alphanumerics to {@code _}, upper case. */
    static String envName(String key) {
        StringBuilder name = new StringBuilder(key.length());
        for (char c : key.toCharArray()) {
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            name.append(alphanumeric ? Character.toUpperCase(c) : '_');
        }
        return name.toString();
    }

    /** A Kubernetes memory quantity in bytes: 512Mi, 2Gi, 1G, 1048576. */
    private static long bytes(String quantity) {
        Matcher matcher = Pattern.compile("(\\d+)(Ki|Mi|Gi|Ti|k|M|G|T)?").matcher(quantity);
        assertThat(matcher.matches()).as("memory quantity " + quantity).isTrue();
        long value = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "" : matcher.group(2);
        return value * switch (unit) {
            case "Ki" -> 1L << 10;
            case "Mi" -> 1L << 20;
            case "Gi" -> 1L << 30;
            case "Ti" -> 1L << 40;
            case "k" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            case "T" -> 1_000_000_000_000L;
            default -> 1L;
        };
    }

    /** A Kubernetes CPU quantity in millicores: 250m, 1, 1.5. */
    private static long millicores(String quantity) {
        if (quantity.endsWith("m")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 1));
        }
        return Math.round(Double.parseDouble(quantity) * 1000);
    }

    private static String text(Object value) {
        assertThat(value).as("a value").isNotNull();
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    /** The mapping at {@code path} under {@code root}; fails if any step is missing or not a mapping. */
    private static Map<String, Object> map(Map<String, Object> root, String... path) {
        return optionalMap(root, path).orElseThrow(() -> new AssertionError("no mapping at " + String.join(".", path) + " in " + root));
    }

    private static Optional<Map<String, Object>> optionalMap(Map<String, Object> root, String... path) {
        Object current = root;
        for (String step : path) {
            if (!(current instanceof Map<?, ?> map) || !(map.get(step) instanceof Map<?, ?>)) {
                return Optional.empty();
            }
            current = map.get(step);
        }
        return Optional.of(cast((Map<?, ?>) current));
    }

    /** The list at {@code path}: all but the last step are mappings. */
    private static List<Object> list(Map<String, Object> root, String... path) {
        List<Object> found = optionalList(root, path);
        assertThat(found).as("list at " + String.join(".", path)).isNotNull();
        return found;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> optionalList(Map<String, Object> root, String... path) {
        Map<String, Object> parent = path.length == 1 ? root
                : optionalMap(root, Arrays.copyOf(path, path.length - 1)).orElse(Map.of());
        Object value = parent.get(path[path.length - 1]);
        if (value == null) {
            return null;
        }
        assertThat(value).as(String.join(".", path)).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    private static List<Map<String, Object>> maps(List<Object> items) {
        return items.stream().map(item -> {
            assertThat(item).isInstanceOf(Map.class);
            return cast((Map<?, ?>) item);
        }).toList();
    }

    private static List<String> strings(List<Object> items) {
        return items.stream().map(item -> {
            assertThat(item).isInstanceOf(String.class);
            return (String) item;
        }).toList();
    }
}
