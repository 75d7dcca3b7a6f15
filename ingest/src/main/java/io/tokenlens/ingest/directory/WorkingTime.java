package io.tokenlens.ingest.directory;

import io.tokenlens.ingest.load.Fields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Parses working hours ({@code 09:00-18:00}) and working days ({@code mon-fri}, {@code 1,2,3},
 * {@code mon tue}).
 */
final class WorkingTime {
  private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  private WorkingTime() {}

  /** {@code [startMinute, endMinute]}, or null after recording the problem. */
  static int[] hours(Fields f, String field, String value) {
    String[] parts = value.split("-");
    if (parts.length != 2) {
      f.problem(field, "'" + value + "' is not a range like 09:00-18:00");
      return null;
    }
    Integer start = minute(parts[0].trim());
    Integer end = minute(parts[1].trim());
    if (start == null || end == null) {
      f.problem(
          field, "'" + value + "' is not a range like 09:00-18:00 (hours 00-24, minutes 00-59)");
      return null;
    }
    if (end <= start) {
      f.problem(
          field,
          "'" + value + "' ends before it starts; working hours past midnight are not supported");
      return null;
    }
    return new int[] {start, end};
  }

  private static Integer minute(String hhmm) {
    if (!hhmm.matches("\\d{1,2}:\\d{2}")) {
      return null;
    }
    int h = Integer.parseInt(hhmm.substring(0, hhmm.indexOf(':')));
    int m = Integer.parseInt(hhmm.substring(hhmm.indexOf(':') + 1));
    if (h > 24 || m > 59 || (h == 24 && m != 0)) {
      return null;
    }
    return h * 60 + m;
  }

  /** ISO day numbers (1 = Monday), sorted; null after recording the problem. */
  static List<Integer> days(Fields f, String field, String value) {
    TreeSet<Integer> days = new TreeSet<>();
    for (String part : value.toLowerCase(Locale.ROOT).split("[,;\\s]+")) {
      if (part.isEmpty()) {
        continue;
      }
      String[] range = part.split("-", -1);
      Integer from = day(range[0]);
      Integer to = range.length == 2 ? day(range[1]) : from;
      if (range.length > 2 || from == null || to == null || to < from) {
        f.problem(field, "'" + value + "' is not a list of days like mon-fri, 1-5 or mon,wed,fri");
        return null;
      }
      for (int d = from; d <= to; d++) {
        days.add(d);
      }
    }
    if (days.isEmpty()) {
      f.problem(field, "names no day");
      return null;
    }
    return new ArrayList<>(days);
  }

  private static Integer day(String s) {
    if (s.matches("[1-7]")) {
      return Integer.parseInt(s);
    }
    int i = DAYS.indexOf(s.length() > 3 ? s.substring(0, 3) : s);
    return i < 0 ? null : i + 1;
  }
}
