package io.decisionlog.deploy.local;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;

/**
 * The tier of a test class that runs against the local runtime's real broker and PostgreSQL: a {@code @QuarkusTest}
 * with {@link LocalRuntimeResource}, or plain Kafka clients on {@link SharedTestRuntime}. Its test methods get this
 * tier's timeout rather than the unit tier's default ({@code junit.jupiter.execution.timeout.default}, parent pom):
 * they wait on the broker and the database with deadlines of up to two minutes, and the timeout must outlast those
 * so that the deadline's own message is the one that fails. Tagged {@value #TAG}: {@code -DexcludedGroups=runtime}
 * runs the unit tier alone.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@Tag(RuntimeTest.TAG)
public @interface RuntimeTest {
    String TAG = "runtime";
}
