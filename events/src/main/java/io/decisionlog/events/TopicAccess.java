package io.decisionlog.events;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.decisionlog.events.Topics.AUDIT;
import static io.decisionlog.events.Topics.BLAME;
import static io.decisionlog.events.Topics.CHAINS;
import static io.decisionlog.events.Topics.CI_DISPATCHES;
import static io.decisionlog.events.Topics.CI_RUNS;
import static io.decisionlog.events.Topics.CI_SOURCES;
import static io.decisionlog.events.Topics.COMMITS;
import static io.decisionlog.events.Topics.GRAPH_DEAD_LETTERS;
import static io.decisionlog.events.Topics.LOG;
import static io.decisionlog.events.Topics.MINUTES;
import static io.decisionlog.events.Topics.MINUTES_FILES;
import static io.decisionlog.events.Topics.MINUTES_REJECTED;
import static io.decisionlog.events.Topics.MINUTES_SOURCES;
import static io.decisionlog.events.Topics.REPOS;
import static io.decisionlog.events.Topics.SIGNOFFS;
import static io.decisionlog.events.Topics.TOKENS;

/**
 * What one service may do on the broker: the topics it reads, writes and creates at start-up, its consumer groups,
 * and for a Kafka Streams application the name its group, internal topics and transactional ids start with. A
 * secured local broker grants exactly this to the service's own user, and deploy/k8s's KafkaUsers are checked against
 * it, so a service that reaches beyond its row fails on the broker rather than passing review.
 *
 * <p>Every service follows the tokens and writes the audit trail (the door, in service-kit), and creates both if they
 * are missing. decision-graph creates every topic: its topology cannot start before its inputs exist.
 */
public record TopicAccess(String service, List<Topic<?>> reads, List<Topic<?>> writes, List<Topic<?>> creates,
                          List<String> groups, Optional<String> streamsApplication) {
    public static final TopicAccess BLAME_INGESTER = new TopicAccess("blame-ingester",
            List.of(REPOS, TOKENS),
            List.of(COMMITS, BLAME, REPOS, AUDIT),
            List.of(COMMITS, BLAME, REPOS, TOKENS, AUDIT),
            List.of("decisionlog-blame-ingester-lease"), Optional.empty());

    public static final TopicAccess CI_AUDIT_INGESTER = new TopicAccess("ci-audit-ingester",
            List.of(CI_RUNS, CI_DISPATCHES, CI_SOURCES, TOKENS),
            List.of(CI_RUNS, CI_DISPATCHES, CI_SOURCES, AUDIT),
            List.of(CI_RUNS, CI_DISPATCHES, CI_SOURCES, TOKENS, AUDIT),
            List.of(), Optional.empty());

    public static final TopicAccess MINUTES_INGESTER = new TopicAccess("minutes-ingester",
            List.of(MINUTES_SOURCES, MINUTES_FILES, TOKENS),
            List.of(MINUTES, MINUTES_REJECTED, MINUTES_SOURCES, MINUTES_FILES, AUDIT),
            List.of(MINUTES, MINUTES_REJECTED, MINUTES_SOURCES, MINUTES_FILES, TOKENS, AUDIT),
            List.of(), Optional.empty());

    /** The topology's inputs, the store's projected topics, and the followers of repositories and sign-offs. */
    public static final TopicAccess DECISION_GRAPH = new TopicAccess("decision-graph",
            List.of(COMMITS, BLAME, CI_RUNS, CI_DISPATCHES, MINUTES, MINUTES_FILES, CHAINS, LOG, REPOS, SIGNOFFS,
                    AUDIT, TOKENS),
            List.of(CHAINS, LOG, GRAPH_DEAD_LETTERS, SIGNOFFS, TOKENS, AUDIT),
            Topics.ALL,
            List.of("decision-graph-store"), Optional.of("decision-graph"));

    public static final List<TopicAccess> SERVICES =
            List.of(BLAME_INGESTER, CI_AUDIT_INGESTER, MINUTES_INGESTER, DECISION_GRAPH);

    public TopicAccess {
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
        creates = List.copyOf(creates);
        groups = List.copyOf(groups);
    }

    /** The service's row, by its name (the Maven module's). */
    public static TopicAccess of(String service) {
        return SERVICES.stream().filter(access -> access.service.equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service named " + service + " in the access table"));
    }

    /**
     * The row as ACLs: read, write or create on each of its topics (and describe, to see them at all), read on its
     * groups; for a Streams application everything on its internal topics, its group, and write on its transactional
     * ids (exactly-once). Nothing on the cluster: the broker lets idempotent producers write where they may write.
     */
    public Set<Grant> grants() {
        Set<Grant> grants = new LinkedHashSet<>();
        topics(grants, reads, AclOperation.READ);
        topics(grants, writes, AclOperation.WRITE);
        topics(grants, creates, AclOperation.CREATE);
        groups.forEach(group -> grants.add(Grant.literal(ResourceType.GROUP, group, AclOperation.READ)));
        streamsApplication.ifPresent(application -> {
            grants.add(new Grant(ResourceType.TOPIC, application + "-", PatternType.PREFIXED, AclOperation.ALL));
            grants.add(Grant.literal(ResourceType.GROUP, application, AclOperation.READ));
            grants.add(Grant.literal(ResourceType.GROUP, application, AclOperation.DESCRIBE));
            grants.add(new Grant(ResourceType.TRANSACTIONAL_ID, application + "-", PatternType.PREFIXED,
                    AclOperation.WRITE));
            grants.add(new Grant(ResourceType.TRANSACTIONAL_ID, application + "-", PatternType.PREFIXED,
                    AclOperation.DESCRIBE));
        });
        return grants;
    }

    private static void topics(Set<Grant> grants, List<Topic<?>> topics, AclOperation operation) {
        for (Topic<?> topic : topics) {
            grants.add(Grant.literal(ResourceType.TOPIC, topic.name(), operation));
            grants.add(Grant.literal(ResourceType.TOPIC, topic.name(), AclOperation.DESCRIBE));
        }
    }

    /** One operation allowed on one resource (a name, or every name starting with it). */
    public record Grant(ResourceType resource, String name, PatternType pattern, AclOperation operation) {
        static Grant literal(ResourceType resource, String name, AclOperation operation) {
            return new Grant(resource, name, PatternType.LITERAL, operation);
        }

        /** The grant as the broker's ACL for {@code user}, from any host. */
        public AclBinding binding(String user) {
            return new AclBinding(new ResourcePattern(resource, name, pattern),
                    new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
        }
    }
}
