package io.decisionlog.events.kafka;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A lease member in a JVM of its own, for a test to kill -9: prints {@code acquired} when it holds the lease.
 * Arguments: bootstrap servers, group, topic, session timeout in ms.
 */
public final class LeaseHolderProcess {
    private LeaseHolderProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        GroupLease lease = new GroupLease("lease-holder-process", args[1], args[2],
                Duration.ofMillis(Long.parseLong(args[3])), LeaseGroup.members(args[0], "lease-holder-process"),
                new GroupLease.Holder() {
                    @Override
                    public void acquired() {
                        System.out.println("acquired");
                        System.out.flush();
                    }

                    @Override
                    public void released() {
                        System.out.println("released");
                        System.out.flush();
                    }
                });
        lease.start();
        // holds until killed: that is the test
        new CountDownLatch(1).await();
    }
}
