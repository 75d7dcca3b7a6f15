package io.tokenlens.demo;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One fault of a chaos run: the processes killed together with SIGKILL ({@code streams+sink} kills
 * both at once), or none for the run's fault-free control phase.
 *
 * @param targets the components and services killed, in the order given
 */
public record Fault(List<String> targets) {
  /** The pipeline's services, restarted the way {@code ./tokenlens demo} starts them. */
  public static final Set<String> SERVICES = Set.of("ingest", "streams", "sink");

  /**
   * The local stack's components, restarted the way {@code ./tokenlens up} starts them. On a stack
   * of several brokers {@code kafka} is all of them and {@code kafka-N} one.
   */
  public static final Set<String> STACK = Set.of("kafka", "schema-registry", "clickhouse");

  /** One broker of a stack of several: {@code kafka-1} … {@code kafka-5}. */
  private static final Pattern BROKER = Pattern.compile("kafka-[1-5]");

  /** The phase without a fault that opens every run. */
  public static final Fault NONE = new Fault(List.of());

  /** Every process on its own, then a double kill of the two consumers of Kafka. */
  public static final List<Fault> DEFAULTS =
      List.of(
          parse("ingest"),
          parse("streams"),
          parse("sink"),
          parse("clickhouse"),
          parse("schema-registry"),
          parse("kafka"),
          parse("streams+sink"));

  public Fault {
    targets = List.copyOf(targets);
  }

  /**
   * {@code streams} or {@code streams+sink}.
   *
   * @throws IllegalArgumentException naming an unknown or repeated target
   */
  public static Fault parse(String text) {
    List<String> names = Arrays.asList(text.trim().split("\\+"));
    for (String name : names) {
      if (!SERVICES.contains(name) && !isStackComponent(name)) {
        throw new IllegalArgumentException(
            "unknown fault target '"
                + name
                + "' in '"
                + text
                + "'; one of ingest, streams, sink, kafka, kafka-N (one broker of several),"
                + " schema-registry, clickhouse");
      }
    }
    if (new LinkedHashSet<>(names).size() != names.size()) {
      throw new IllegalArgumentException("a target repeated in '" + text + "'");
    }
    return new Fault(names);
  }

  /** Whether the target is a component of the local stack rather than a pipeline service. */
  public static boolean isStackComponent(String target) {
    return STACK.contains(target) || BROKER.matcher(target).matches();
  }

  /**
   * How the ledger names the fault, and the tag in its event ids: {@code streams+sink}, {@code
   * none}.
   */
  public String label() {
    return targets.isEmpty() ? "none" : String.join("+", targets);
  }

  @Override
  public String toString() {
    return label();
  }
}
