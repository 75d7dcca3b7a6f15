package io.tokenlens.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs the real stack: Kafka, a schema registry and ClickHouse. Test
 * methods, lifecycle methods and constructors may then declare a {@link StackScope} parameter.
 *
 * <p>The stack is found once per JVM, in this order (see {@link StackResolver}): environment
 * variables naming running services, Testcontainers when a Docker daemon answers, and otherwise the
 * local stack ({@code ./tokenlens up}) started by the kit itself.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(StackExtension.class)
public @interface StackTest {}
