package io.decisionlog.deploy.local;

import java.util.Arrays;

/**
 * The broker JVM's entry point: runs {@code kafka.Kafka} and exits when the process that started it is gone, so a
 * killed test run or a killed {@code ./decisionlog up} supervisor never leaves an orphan broker holding its ports.
 * Arguments: the parent's pid, then kafka.Kafka's own arguments.
 */
public final class BrokerProcess {
    private BrokerProcess() {
    }

    public static void main(String[] args) throws Exception {
        long parentPid = Long.parseLong(args[0]);
        Thread watchdog = new Thread(() -> {
            ProcessHandle.of(parentPid).ifPresent(parent -> parent.onExit().join());
            System.err.println("decision-log: the process that started this broker (" + parentPid + ") is gone; stopping");
            System.exit(0);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        // kafka.Kafka is on this JVM's classpath only, never on the caller's: hence reflection
        Class.forName("kafka.Kafka").getMethod("main", String[].class)
                .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }
}
