package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.EngineerEntry;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * An engineer's working hours from their directory entry: time zone, workdays, start and end
 * minute.
 */
public final class WorkingHours {

  private static final int MAX_DAYS_BACK = 8;

  private final EngineerEntry engineer;
  private final ZoneId zone;

  private WorkingHours(EngineerEntry engineer, ZoneId zone) {
    this.engineer = engineer;
    this.zone = zone;
  }

  /** The working hours of {@code engineer}, or empty when its entry has no usable time zone. */
  public static Optional<WorkingHours> of(EngineerEntry engineer) {
    try {
      return Optional.of(new WorkingHours(engineer, ZoneId.of(engineer.getTimezone())));
    } catch (DateTimeException | NullPointerException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code at} falls within the engineer's working hours. */
  public boolean isWorking(Instant at) {
    ZonedDateTime local = at.atZone(zone);
    int minute = local.getHour() * 60 + local.getMinute();
    return isWorkday(local.toLocalDate())
        && minute >= engineer.getWorkdayStartMinute()
        && minute < engineer.getWorkdayEndMinute();
  }

  /**
   * Start of the off-hours stretch {@code at} falls in: the end of the latest working day before it
   * (looking back a week), else local midnight of its day. Every request of one night or weekend
   * shares it.
   */
  public Instant offHoursStart(Instant at) {
    LocalDate day = at.atZone(zone).toLocalDate();
    for (int back = 0; back < MAX_DAYS_BACK; back++, day = day.minusDays(1)) {
      if (isWorkday(day)) {
        Instant end =
            day.atStartOfDay(zone).plusMinutes(engineer.getWorkdayEndMinute()).toInstant();
        if (!end.isAfter(at)) {
          return end;
        }
      }
    }
    return at.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
  }

  private boolean isWorkday(LocalDate day) {
    return engineer.getWorkdays().contains(day.getDayOfWeek().getValue());
  }
}
