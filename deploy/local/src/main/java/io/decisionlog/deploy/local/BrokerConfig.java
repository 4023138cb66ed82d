package io.decisionlog.deploy.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The KRaft broker's server.properties and log4j2 configuration, written under its directory: the single-node broker
 * of the local runtime, or one node of a {@link KafkaCluster}.
 */
final class BrokerConfig {
    private BrokerConfig() {
    }

    static Path dataDir(Path dir) {
        return dir.resolve("data");
    }

    /**
     * One node of a multi-node KRaft cluster ({@link KafkaCluster}): broker and controller in one, a static quorum of
     * {@code voters} ({@code 1@127.0.0.1:p1,2@127.0.0.1:p2,...}), and the durability of a production cluster: every
     * topic's default replication factor is the node count, and with three nodes or more min.insync.replicas is 2
     * (also for the transaction log, which exactly-once Streams needs), as deploy/k8s/kafka-cluster.yaml sets them.
     */
    static Path writeNode(Path dir, int nodeId, int port, int controllerPort, String voters, int nodes)
            throws IOException {
        Files.createDirectories(dataDir(dir));
        int minIsr = nodes >= 3 ? 2 : 1;
        Path config = dir.resolve("server.properties");
        Files.writeString(config, """
                process.roles=broker,controller
                node.id=%5$d
                controller.quorum.voters=%6$s
                listeners=PLAINTEXT://%1$s:%2$d,CONTROLLER://%1$s:%3$d
                advertised.listeners=PLAINTEXT://%1$s:%2$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                log.dirs=%4$s
                auto.create.topics.enable=false
                num.partitions=1
                default.replication.factor=%7$d
                min.insync.replicas=%8$d
                unclean.leader.election.enable=false
                offsets.topic.replication.factor=%7$d
                offsets.topic.num.partitions=6
                transaction.state.log.replication.factor=%7$d
                transaction.state.log.min.isr=%8$d
                transaction.state.log.num.partitions=6
                share.coordinator.state.topic.replication.factor=%7$d
                share.coordinator.state.topic.min.isr=%8$d
                group.initial.rebalance.delay.ms=0
                log.cleaner.dedupe.buffer.size=16777216
                """.formatted(Ports.LOOPBACK, port, controllerPort, dataDir(dir).toAbsolutePath(), nodeId, voters,
                        nodes, minIsr),
                StandardCharsets.UTF_8);
        writeLogConfig(dir);
        return config;
    }

    static Path write(Path dir, int port, int controllerPort) throws IOException {
        Files.createDirectories(dataDir(dir));
        Path config = dir.resolve("server.properties");
        Files.writeString(config, """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@%1$s:%3$d
                listeners=PLAINTEXT://%1$s:%2$d,CONTROLLER://%1$s:%3$d
                advertised.listeners=PLAINTEXT://%1$s:%2$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                """.formatted(Ports.LOOPBACK, port, controllerPort) + singleNode(dir),
                StandardCharsets.UTF_8);
        writeLogConfig(dir);
        return config;
    }

    /**
     * The single node with its clients' listeners secured: CLIENT is SASL_SSL (SCRAM-SHA-512 over TLS), MTLS is TLS
     * with a client certificate required, and the broker's own traffic (the controller, and the broker to itself) goes
     * over TLS with client certificates too; no listener is in cleartext. An authorizer holds each service to its
     * ACLs.
     */
    static Path writeSecure(Path dir, int clientPort, int mtlsPort, int controllerPort, TransportSecurity security)
            throws IOException {
        Files.createDirectories(dataDir(dir));
        Path config = dir.resolve("server.properties");
        OwnerOnlyFile.write(config, """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@%1$s:%4$d
                listeners=CLIENT://%1$s:%2$d,MTLS://%1$s:%3$d,CONTROLLER://%1$s:%4$d
                advertised.listeners=CLIENT://%1$s:%2$d,MTLS://%1$s:%3$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=MTLS
                listener.security.protocol.map=CONTROLLER:SSL,CLIENT:SASL_SSL,MTLS:SSL
                sasl.enabled.mechanisms=SCRAM-SHA-512
                listener.name.client.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
                listener.name.mtls.ssl.client.auth=required
                listener.name.controller.ssl.client.auth=required
                # each service may do only what its row of events' TopicAccess says (ServiceUsers); the operator's
                # SCRAM user and client certificate, and the broker itself (its certificate), anything
                authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
                super.users=User:%8$s;User:CN=localhost;User:CN=decisionlog-client
                ssl.keystore.type=PKCS12
                ssl.keystore.location=%5$s
                ssl.keystore.password=%7$s
                ssl.key.password=%7$s
                ssl.truststore.type=PKCS12
                ssl.truststore.location=%6$s
                ssl.truststore.password=%7$s
                """.formatted(Ports.LOOPBACK, clientPort, mtlsPort, controllerPort, security.brokerKeystore(),
                        security.truststore(), security.storePassword(), security.user()) + singleNode(dir));
        writeLogConfig(dir);
        return config;
    }

    /** What every single-node broker sets: its storage, and one copy of every internal topic. */
    private static String singleNode(Path dir) {
        return """
                log.dirs=%s
                # services create their topics through the registry (events/Topics); a typo must fail, not create
                auto.create.topics.enable=false
                num.partitions=1
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=6
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                transaction.state.log.num.partitions=6
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                log.cleaner.dedupe.buffer.size=16777216
                """.formatted(dataDir(dir).toAbsolutePath());
    }

    private static void writeLogConfig(Path dir) throws IOException {
        Files.writeString(dir.resolve("log4j2.properties"), """
                appender.out.type=Console
                appender.out.name=OUT
                appender.out.layout.type=PatternLayout
                appender.out.layout.pattern=[%d] %p %m (%c)%n
                rootLogger.level=WARN
                rootLogger.appenderRef.out.ref=OUT
                logger.server.name=kafka.server.KafkaRaftServer
                logger.server.level=INFO
                """, StandardCharsets.UTF_8);
    }
}
