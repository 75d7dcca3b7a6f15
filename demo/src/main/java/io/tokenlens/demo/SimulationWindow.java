package io.tokenlens.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the demo's simulated time ends, so that a second {@code ./tokenlens demo} on the same stack
 * is an idempotent rerun: within {@link #REPLAY_WITHIN} of the last run, the same end (and so, with
 * the same seed and size, byte-identical requests carrying the same event ids, which the streams
 * job deduplicates); later, or the first time, the start of the current UTC hour, moved back whole
 * days until at least half of the simulated time falls on weekdays (UTC): a demo run on a Monday
 * morning shows Thursday and Friday, not an almost empty weekend. Kept in {@code <data
 * dir>/demo/simulation.properties}.
 */
final class SimulationWindow {
  /**
   * The streams job's default deduplication window: a replay within it is recognised event by
   * event.
   */
  static final Duration REPLAY_WITHIN = Duration.ofHours(6);

  private final Path file;
  private final Clock clock;

  SimulationWindow(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  /**
   * The previous run's end, when that run was within {@link #REPLAY_WITHIN}; else the start of this
   * hour, or of the same hour of the latest earlier day for which at least half of the {@code days}
   * simulated days are weekdays.
   */
  Instant end(int days) {
    Instant now = clock.instant();
    return previous()
        .filter(p -> Duration.between(p.ranAt(), now).compareTo(REPLAY_WITHIN) < 0)
        .map(Previous::end)
        .orElseGet(() -> onWeekdays(now.truncatedTo(ChronoUnit.HOURS), days));
  }

  private static Instant onWeekdays(Instant end, int days) {
    Instant candidate = end;
    while (weekdayHours(candidate, days) * 2 < days * 24) {
      candidate = candidate.minus(Duration.ofDays(1));
    }
    return candidate;
  }

  /** The hours of the {@code days} days before {@code end} that fall on a weekday (UTC). */
  private static int weekdayHours(Instant end, int days) {
    int hours = 0;
    for (int h = 1; h <= days * 24; h++) {
      DayOfWeek day = end.minus(Duration.ofHours(h)).atZone(ZoneOffset.UTC).getDayOfWeek();
      hours += day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY ? 0 : 1;
    }
    return hours;
  }

  /** Whether {@link #end(int)} replays an earlier run. */
  boolean replays(Instant end) {
    return previous().map(p -> p.end().equals(end)).orElse(false);
  }

  void remember(Instant end) throws IOException {
    Files.createDirectories(file.getParent());
    Properties p = new Properties();
    p.setProperty("end", end.toString());
    p.setProperty("ran.at", clock.instant().toString());
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(w, "the last ./tokenlens demo simulation");
    }
  }

  private record Previous(Instant end, Instant ranAt) {}

  private Optional<Previous> previous() {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Properties p = new Properties();
      p.load(r);
      return Optional.of(
          new Previous(
              Instant.parse(p.getProperty("end", "")), Instant.parse(p.getProperty("ran.at", ""))));
    } catch (IOException | DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
