package io.tokenlens.demo;

import io.tokenlens.localstack.LocalStack;
import io.tokenlens.localstack.ServiceSupervisor;
import io.tokenlens.localstack.StackException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Kills the processes of a {@link Fault} with SIGKILL, all at once, keeps them down for a while,
 * then starts them again the way the stack and the demo start them ({@link LocalStack#up}, {@link
 * ServiceSupervisor#up}: whatever is not running) and waits until every component and service is
 * healthy again.
 */
final class FaultInjector {
  /** What one fault did: the pids killed and how long the restart took until all was healthy. */
  record Injection(List<String> killed, Duration healthyAfter) {}

  private final LocalStack stack;
  private final ServiceSupervisor services;

  FaultInjector(LocalStack stack, ServiceSupervisor services) {
    this.stack = stack;
    this.services = services;
  }

  /**
   * Checks, before any traffic, that the stack has every component the faults name.
   *
   * @throws IllegalArgumentException naming one it does not have
   */
  void check(List<Fault> faults) {
    faults.stream()
        .flatMap(f -> f.targets().stream())
        .filter(Fault::isStackComponent)
        .forEach(this::components);
  }

  Injection inject(Fault fault, Duration down) throws StackException, IOException {
    List<String> killed = new ArrayList<>();
    for (String target : fault.targets()) {
      if (Fault.SERVICES.contains(target)) {
        killed.add(describe(target, services.kill(target)));
      } else {
        for (String component : components(target)) {
          killed.add(describe(component, stack.kill(component)));
        }
      }
    }
    try {
      TimeUnit.MILLISECONDS.sleep(down.toMillis()); // the outage itself
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted while " + fault + " was down");
    }
    long restart = System.nanoTime();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (PrintStream quiet = new PrintStream(log, true, StandardCharsets.UTF_8)) {
      upUntilHealthy(quiet);
    } catch (StackException e) {
      throw new StackException(
          String.format(
              Locale.ROOT,
              "restart failed: %s%n%s",
              e.getMessage(),
              log.toString(StandardCharsets.UTF_8)));
    }
    return new Injection(killed, Duration.ofNanos(System.nanoTime() - restart));
  }

  /**
   * The stack's components a target names: itself, or on a stack of several brokers, {@code kafka}
   * is every broker.
   */
  private List<String> components(String target) {
    List<String> names = stack.status().stream().map(LocalStack.ComponentStatus::name).toList();
    if (names.contains(target)) {
      return List.of(target);
    }
    List<String> brokers = names.stream().filter(n -> n.startsWith("kafka-")).toList();
    if (target.equals("kafka") && !brokers.isEmpty()) {
      return brokers;
    }
    throw new IllegalArgumentException(
        "the stack has no component " + target + "; it has " + String.join(", ", names));
  }

  private static String describe(String target, Optional<Long> pid) {
    return target + " " + pid.map(p -> "pid " + p).orElse("(not running)");
  }

  /**
   * Starts what is not running, the stack before the services, and waits until all are healthy. The
   * start waits {@code up}'s own 90 s for each process; one not healthy by then (a streams job
   * restoring its stores after a crash, on a busy machine) is waited for, or started again if it
   * exited, by the next {@code up}, up to {@link #RECOVERY_BOUND} in all.
   */
  void upUntilHealthy(PrintStream out) throws StackException, IOException {
    long since = System.nanoTime();
    while (true) {
      try {
        stack.up(out);
        services.up(out);
        return;
      } catch (StackException e) {
        if (System.nanoTime() - since > RECOVERY_BOUND.toNanos()) {
          throw e;
        }
        out.println(
            "not healthy yet, waiting again: " + e.getMessage().lines().findFirst().orElse(""));
      }
    }
  }

  /** How long a restart may take until every process is healthy again. */
  static final Duration RECOVERY_BOUND = Duration.ofMinutes(5);
}
