package io.decisionlog.deploy.k8s;

import io.decisionlog.events.TopicAccess;
import io.decisionlog.events.TopicAccess.Grant;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Strimzi's form of a KafkaUser's ACLs ({@code spec.authorization.acls}: a resource, its operations) beside the
 * access table's: read from a manifest, and written as the manifest should say it, for a failure to show.
 */
final class KafkaUserAcls {
    private KafkaUserAcls() {
    }

    /** The grants a KafkaUser's {@code acls} list gives, one per operation of each rule. */
    static Set<Grant> grants(List<Map<String, Object>> rules) {
        Set<Grant> grants = new LinkedHashSet<>();
        for (Map<String, Object> rule : rules) {
            @SuppressWarnings("unchecked")
            Map<String, Object> resource = (Map<String, Object>) rule.get("resource");
            ResourceType type = resourceType((String) resource.get("type"));
            PatternType pattern = "prefix".equals(resource.get("patternType")) ? PatternType.PREFIXED : PatternType.LITERAL;
            @SuppressWarnings("unchecked")
            List<String> operations = (List<String>) rule.get("operations");
            for (String operation : operations) {
                grants.add(new Grant(type, (String) resource.get("name"), pattern, operation(operation)));
            }
        }
        return grants;
    }

    /** The KafkaUser the access table asks for, as YAML. */
    static String manifest(TopicAccess access, String cluster) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaUser
                metadata:
                  name: %s
                  labels:
                    strimzi.io/cluster: %s
                    app.kubernetes.io/part-of: decisionlog
                spec:
                  authentication:
                    type: scram-sha-512
                  authorization:
                    type: simple
                    acls:
                """.formatted(access.service(), cluster));
        Map<List<Object>, List<String>> rules = new LinkedHashMap<>();
        for (Grant grant : access.grants()) {
            rules.computeIfAbsent(List.of(grant.resource(), grant.name(), grant.pattern()), key -> new ArrayList<>())
                    .add(strimzi(grant.operation().name()));
        }
        rules.forEach((resource, operations) -> yaml.append("""
                      - resource:
                          type: %s
                          name: %s
                          patternType: %s
                        operations: [%s]
                """.formatted(strimziType((ResourceType) resource.get(0)), resource.get(1),
                resource.get(2) == PatternType.PREFIXED ? "prefix" : "literal", String.join(", ", operations))));
        return yaml.toString();
    }

    private static ResourceType resourceType(String strimzi) {
        return switch (strimzi) {
            case "topic" -> ResourceType.TOPIC;
            case "group" -> ResourceType.GROUP;
            case "transactionalId" -> ResourceType.TRANSACTIONAL_ID;
            case "cluster" -> ResourceType.CLUSTER;
            default -> throw new AssertionError("unknown Strimzi ACL resource type " + strimzi);
        };
    }

    private static String strimziType(ResourceType type) {
        return switch (type) {
            case TOPIC -> "topic";
            case GROUP -> "group";
            case TRANSACTIONAL_ID -> "transactionalId";
            case CLUSTER -> "cluster";
            default -> throw new AssertionError("no Strimzi ACL resource type for " + type);
        };
    }

    /** Strimzi's operation names are Kafka's in CamelCase: DESCRIBE_CONFIGS is DescribeConfigs. */
    private static AclOperation operation(String strimzi) {
        return AclOperation.valueOf(strimzi.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
    }

    private static String strimzi(String kafka) {
        return Arrays.stream(kafka.split("_"))
                .map(word -> word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining());
    }
}
