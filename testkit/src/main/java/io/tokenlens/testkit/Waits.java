package io.tokenlens.testkit;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waits for integration tests: each names what it waits for, and when its bound passes it fails
 * with that name, the bound and the last value it read (or the last exception reading it threw), so
 * a failure in CI says what was missing and how far it had got, not only that a lambda did not
 * complete.
 *
 * <p>Bounds are for a loaded 2-core machine: {@link #LONG} for work that crosses processes and
 * transactions (a streams job restoring and committing, a sink batch reaching ClickHouse), {@link
 * #SHORT} for one in-process step.
 */
public final class Waits {

  /** A step inside one process: a publisher flushing, a spool draining. */
  public static final Duration SHORT = Duration.ofSeconds(30);

  /** Work across processes, transactions and restarts. */
  public static final Duration LONG = Duration.ofMinutes(3);

  private static final Duration POLL = Duration.ofMillis(250);

  private Waits() {}

  /**
   * Reads {@code read} until its value satisfies {@code done}, and returns that value.
   *
   * @param what what is awaited, in words ("20,000 enriched events committed")
   * @throws AssertionError naming {@code what}, the bound and the last value read, when {@code
   *     within} passes
   */
  public static <T> T until(
      String what, Duration within, Callable<T> read, Predicate<? super T> done) {
    AtomicReference<T> last = new AtomicReference<>();
    AtomicReference<Exception> lastError = new AtomicReference<>();
    long started = System.nanoTime();
    try {
      Awaitility.await(what)
          .atMost(within)
          .pollInterval(POLL)
          .pollInSameThread()
          .until(
              () -> {
                try {
                  T value = read.call();
                  last.set(value);
                  lastError.set(null);
                  return done.test(value);
                } catch (Exception e) {
                  lastError.set(e);
                  return false;
                }
              });
      return last.get();
    } catch (ConditionTimeoutException e) {
      Duration waited = Duration.ofNanos(System.nanoTime() - started);
      String seen =
          lastError.get() != null
              ? "the last read failed: " + lastError.get()
              : "the last value read was " + describe(last.get());
      AssertionError failure =
          new AssertionError(
              "Waited "
                  + waited.toSeconds()
                  + " s (bound "
                  + within.toSeconds()
                  + " s) for "
                  + what
                  + "; "
                  + seen);
      if (lastError.get() != null) {
        failure.initCause(lastError.get());
      }
      throw failure;
    }
  }

  /** {@link #until} for a condition with nothing worth reporting but whether it held. */
  public static void until(String what, Duration within, Callable<Boolean> condition) {
    until(what, within, condition, Boolean.TRUE::equals);
  }

  private static String describe(Object value) {
    String text = String.valueOf(value);
    return text.length() <= 2_000
        ? text
        : text.substring(0, 2_000) + "… (" + text.length() + " characters)";
  }
}
