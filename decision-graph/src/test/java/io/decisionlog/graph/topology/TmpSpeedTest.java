package io.decisionlog.graph.topology;

import org.junit.jupiter.api.Test;
import java.util.List;

class TmpSpeedTest {
    @Test
    void shouldMeasure() {
        try (GraphDriver graph = new GraphDriver()) {
            long t = System.nanoTime();
            for (int n = 0; n < 400; n++) {
                ArrivalOrderTest.Scenario s = new ArrivalOrderTest.Scenario(n);
                s.records().forEach(r -> r.accept(graph));
                if (n % 100 == 99) {
                    System.out.printf("SPEED %d scenarios: %d ms%n", n + 1, (System.nanoTime() - t) / 1_000_000);
                    t = System.nanoTime();
                }
            }
        }
    }
}
