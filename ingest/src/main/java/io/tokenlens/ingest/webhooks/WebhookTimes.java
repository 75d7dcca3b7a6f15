package io.tokenlens.ingest.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * The time formats of webhook senders other than GitHub and PagerDuty. A value that is present but
 * not a time is a {@link WebhookMappingException} (the payload goes to the dead-letter topic),
 * never a silent default.
 */
final class WebhookTimes {
  /**
   * GitLab's Ruby formats: {@code 2013-12-03 17:23:34 UTC} and {@code 2017-09-15 16:52:00 +0200}.
   */
  private static final DateTimeFormatter GITLAB_SPACED =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .appendLiteral(' ')
          .optionalStart()
          .appendPattern("z")
          .optionalEnd()
          .optionalStart()
          .appendPattern("xx")
          .optionalEnd()
          .toFormatter();

  private static final long NANOS_FROM =
      100_000_000_000_000_000L; // 1e17: epoch nanoseconds after 1973
  private static final long MICROS_FROM = 100_000_000_000_000L; // 1e14
  private static final long MILLIS_FROM = 100_000_000_000L; // 1e11: epoch milliseconds after 1973

  private WebhookTimes() {}

  /**
   * A GitLab time: ISO-8601 ({@code 2013-12-03T17:23:34Z}, {@code 2017-09-20T08:31:45.944Z}, {@code
   * 2012-01-03T23:36:29+02:00}) or GitLab's spaced form ({@code 2013-12-03 17:23:34 UTC}); null
   * when absent.
   */
  static Instant gitLab(JsonNode node, String field, String path) {
    String s = Payloads.text(node, field);
    if (s == null) {
      return null;
    }
    String t = s.trim();
    try {
      return t.length() > 10 && t.charAt(10) == 'T'
          ? OffsetDateTime.parse(t).toInstant()
          : ZonedDateTime.parse(t, GITLAB_SPACED).toInstant();
    } catch (DateTimeParseException e) {
      throw new WebhookMappingException(
          path
              + ": '"
              + s
              + "' is not a GitLab time (2013-12-03T17:23:34Z or "
              + "2013-12-03 17:23:34 UTC)");
    }
  }

  /**
   * An epoch time whose unit is told by its size, as Opsgenie sends them ({@code createdAt} in
   * milliseconds, {@code updatedAt} in nanoseconds): from 1e17 nanoseconds, from 1e14 microseconds,
   * from 1e11 milliseconds, below that seconds. A number in a string, or an ISO-8601 string, is
   * read too; null when absent.
   */
  static Instant epoch(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return fromEpoch(v.asLong());
    }
    String s = v.isTextual() ? v.asText().trim() : "";
    if (s.matches("\\d{1,19}")) {
      return fromEpoch(Long.parseLong(s));
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      throw new WebhookMappingException(
          path + ": '" + v.asText() + "' is not an epoch time or ISO-8601 time");
    }
  }

  static Instant fromEpoch(long value) {
    if (value >= NANOS_FROM) {
      return Instant.ofEpochSecond(value / 1_000_000_000L, value % 1_000_000_000L);
    }
    if (value >= MICROS_FROM) {
      return Instant.ofEpochSecond(value / 1_000_000L, (value % 1_000_000L) * 1_000L);
    }
    if (value >= MILLIS_FROM) {
      return Instant.ofEpochMilli(value);
    }
    return Instant.ofEpochSecond(value);
  }
}
