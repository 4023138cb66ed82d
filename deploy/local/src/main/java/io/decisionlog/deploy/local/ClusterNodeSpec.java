package io.decisionlog.deploy.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Where one node of a {@link KafkaCluster} keeps its data and configuration, and the ports it listens on. */
record ClusterNodeSpec(int id, Path dir, Path config, int port, int controllerPort) {

    /**
     * Picks each node's ports (checked free) and writes its configuration under {@code dir/node-<id>}, with every
     * node a voter of the controller quorum. Node {@code i} (1-based) listens on {@code firstPort + i - 1} and its
     * controller on {@code firstControllerPort + i - 1}; a first port of 0 picks free ports.
     */
    static Map<Integer, ClusterNodeSpec> plan(Path dir, int size, int firstPort, int firstControllerPort)
            throws IOException {
        Map<Integer, ClusterNodeSpec> specs = new TreeMap<>();
        List<String> voters = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
            int port = firstPort == 0 ? Ports.free() : firstPort + id - 1;
            int controllerPort = firstControllerPort == 0 ? Ports.free() : firstControllerPort + id - 1;
            Ports.requireFree(port, "Kafka node " + id);
            Ports.requireFree(controllerPort, "the controller of Kafka node " + id);
            voters.add(id + "@" + Ports.LOOPBACK + ":" + controllerPort);
            specs.put(id, new ClusterNodeSpec(id, dir.resolve("node-" + id), null, port, controllerPort));
        }
        for (ClusterNodeSpec spec : List.copyOf(specs.values())) {
            Path config = BrokerConfig.writeNode(spec.dir(), spec.id(), spec.port(), spec.controllerPort(),
                    String.join(",", voters), size);
            specs.put(spec.id(), new ClusterNodeSpec(spec.id(), spec.dir(), config, spec.port(), spec.controllerPort()));
        }
        return specs;
    }
}
