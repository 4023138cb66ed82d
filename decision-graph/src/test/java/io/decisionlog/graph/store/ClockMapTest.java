package io.decisionlog.graph.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClockMapTest {
    private record Value(String name, int weight) implements ClockMap.Weighed {
    }

    private final ClockMap<String, Value> map = new ClockMap<>(1_000);

    @Test
    void shouldStayWithinItsBytesAndLetTheUnreadGoFirst() {
        map.put("a", new Value("a", 300), 0);
        map.put("b", new Value("b", 300), 0);
        map.put("c", new Value("c", 300), 0);
        map.get("a");

        map.put("d", new Value("d", 300), 0);

        assertThat(map.get("a")).as("read since it was put: passed over once").isNotNull();
        assertThat(map.get("b")).as("the first unread one").isNull();
        assertThat(map.get("c")).isNotNull();
        assertThat(map.get("d")).isNotNull();
        assertThat(map.bytes()).isEqualTo(900);
        assertThat(map.evictions.sum()).isEqualTo(1);
    }

    @Test
    void shouldCountAReplacedOrRemovedEntryOnceAndNeverEvictItsSuccessor() {
        map.put("a", new Value("a1", 400), 10);
        map.put("a", new Value("a2", 500), 10);
        assertThat(map.bytes()).isEqualTo(510);

        map.put("b", new Value("b", 400), 10);
        assertThat(map.get("a")).isEqualTo(new Value("a2", 500));
        assertThat(map.bytes()).isEqualTo(920);

        map.remove("a");
        map.remove("missing");
        assertThat(map.bytes()).isEqualTo(410);
        assertThat(map.size()).isEqualTo(1);
        assertThat(map.evictions.sum()).isZero();
    }

    @Test
    void shouldKeepNothingLargerThanItselfAndForgetEverythingOnClear() {
        map.put("huge", new Value("huge", 2_000), 0);
        assertThat(map.get("huge")).isNull();

        map.put("a", new Value("a", 100), 0);
        map.clear();
        assertThat(map.get("a")).isNull();
        assertThat(map.bytes()).isZero();
        assertThat(map.hits.sum()).isZero();
        assertThat(map.misses.sum()).isEqualTo(2);
    }

    @Test
    void shouldNotKeepReplacedValuesAliveThroughTheHand() {
        for (int i = 0; i < 10_000; i++) {
            map.put("a", new Value("a" + i, 10), 0);
        }
        assertThat(map.size()).isEqualTo(1);
        assertThat(map.handSize()).isLessThanOrEqualTo(2 + 1024 + 1);
    }
}
