package io.decisionlog.deploy.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The single-node KRaft broker's server.properties and log4j2 configuration, written under its directory. */
final class BrokerConfig {
    private BrokerConfig() {
    }

    static Path dataDir(Path dir) {
        return dir.resolve("data");
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
                log.dirs=%4$s
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
                """.formatted(Ports.LOOPBACK, port, controllerPort, dataDir(dir).toAbsolutePath()),
                StandardCharsets.UTF_8);
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
        return config;
    }
}
