package io.decisionlog.graph.api;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What an ingester said when a page asked: the answer, "no such thing" (or not the viewer's), or nothing usable. On
 * Java 17 the compiler checks that a caller handles all three through {@link #match}.
 */
public sealed interface IngesterAnswer<T> {

    <R> R match(Function<T, R> found, Supplier<R> missing, Function<String, R> unavailable);

    record Found<T>(T value) implements IngesterAnswer<T> {
        @Override
        public <R> R match(Function<T, R> found, Supplier<R> missing, Function<String, R> unavailable) {
            return found.apply(value);
        }
    }

    record Missing<T>() implements IngesterAnswer<T> {
        @Override
        public <R> R match(Function<T, R> found, Supplier<R> missing, Function<String, R> unavailable) {
            return missing.get();
        }
    }

    /** Unreachable, too slow, or an answer that could not be read: the page says so and shows what it has. */
    record Unavailable<T>(String reason) implements IngesterAnswer<T> {
        @Override
        public <R> R match(Function<T, R> found, Supplier<R> missing, Function<String, R> unavailable) {
            return unavailable.apply(reason);
        }
    }
}
