package io.tokenlens.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ledger of a chaos run held against what landed in ClickHouse, one row per fault phase: the
 * ids accepted with a 2xx, how many of them are in ClickHouse, the extra rows of those that are in
 * it more than once, the accepted ones that are not, and the same for the webhook deliveries; then
 * the other answers the collectors gave.
 */
final class LedgerTable {
  /** One phase's comparison. */
  record Row(
      Fault fault,
      Count events,
      Count deliveries,
      long landedUnacknowledged,
      Map<String, Long> answers,
      long unavailableWithoutRetryAfter,
      long givenUp) {

    boolean clean() {
      return events.clean() && deliveries.clean() && unavailableWithoutRetryAfter == 0;
    }
  }

  /**
   * Accepted ids, how many of them landed, their extra rows (duplicates), and the accepted ones
   * that did not land (missing).
   */
  record Count(long accepted, long landed, long duplicates, long missing) {
    boolean clean() {
      return duplicates == 0 && missing == 0;
    }

    static Count of(Set<String> accepted, Map<String, Long> rows) {
      long landed = 0;
      long duplicates = 0;
      for (String id : accepted) {
        long n = rows.getOrDefault(id, 0L);
        if (n > 0) {
          landed++;
          duplicates += n - 1;
        }
      }
      return new Count(accepted.size(), landed, duplicates, accepted.size() - landed);
    }
  }

  private final List<Row> rows;

  private LedgerTable(List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  /**
   * @param events event id → rows in {@code token_usage}, for the run's ids
   * @param deliveries delivery id → rows in {@code pull_requests}, for the run's ids
   * @param eventPrefix the prefix of a phase's event ids, given the fault's label
   */
  static LedgerTable of(
      Ledger ledger,
      Map<String, Long> events,
      Map<String, Long> deliveries,
      java.util.function.Function<String, String> eventPrefix) {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<Fault, Ledger.Phase> e : ledger.phases()) {
      Ledger.Phase p = e.getValue();
      Set<String> accepted = p.events();
      String prefix = eventPrefix.apply(e.getKey().label());
      long unacknowledged =
          events.keySet().stream()
              .filter(id -> id.startsWith(prefix) && !accepted.contains(id))
              .count();
      rows.add(
          new Row(
              e.getKey(),
              Count.of(accepted, events),
              Count.of(p.deliveries(), deliveries),
              unacknowledged,
              p.answers(),
              p.unavailableWithoutRetryAfter(),
              p.givenUp()));
    }
    return new LedgerTable(rows);
  }

  List<Row> rows() {
    return rows;
  }

  /** No loss, no duplicate, every 503 with {@code Retry-After}, in every phase. */
  boolean clean() {
    return rows.stream().allMatch(Row::clean);
  }

  private static final String LINE = "%-16s %9s %9s %5s %7s   %8s %6s %5s %7s   %9s %7s  %s%n";

  String render() {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            LINE,
            "fault",
            "events",
            "in CH",
            "dup",
            "missing",
            "webhooks",
            "in CH",
            "dup",
            "missing",
            "given up",
            "no-2xx",
            "other answers (503 without Retry-After)"));
    Count eventsTotal = new Count(0, 0, 0, 0);
    Count deliveriesTotal = new Count(0, 0, 0, 0);
    for (Row r : rows) {
      b.append(
          String.format(
              Locale.ROOT,
              LINE,
              r.fault().label(),
              r.events().accepted(),
              r.events().landed(),
              r.events().duplicates(),
              r.events().missing(),
              r.deliveries().accepted(),
              r.deliveries().landed(),
              r.deliveries().duplicates(),
              r.deliveries().missing(),
              r.givenUp(),
              r.landedUnacknowledged(),
              answers(r)));
      eventsTotal = add(eventsTotal, r.events());
      deliveriesTotal = add(deliveriesTotal, r.deliveries());
    }
    b.append(
        String.format(
            Locale.ROOT,
            LINE,
            "total",
            eventsTotal.accepted(),
            eventsTotal.landed(),
            eventsTotal.duplicates(),
            eventsTotal.missing(),
            deliveriesTotal.accepted(),
            deliveriesTotal.landed(),
            deliveriesTotal.duplicates(),
            deliveriesTotal.missing(),
            rows.stream().mapToLong(Row::givenUp).sum(),
            rows.stream().mapToLong(Row::landedUnacknowledged).sum(),
            ""));
    return b.toString();
  }

  private static String answers(Row r) {
    if (r.answers().isEmpty()) {
      return "-";
    }
    StringBuilder b = new StringBuilder();
    new TreeMap<>(r.answers()).forEach((k, v) -> b.append(k).append(" ×").append(v).append(' '));
    if (r.unavailableWithoutRetryAfter() > 0) {
      b.append("(").append(r.unavailableWithoutRetryAfter()).append(")");
    }
    return b.toString().trim();
  }

  private static Count add(Count a, Count b) {
    return new Count(
        a.accepted() + b.accepted(),
        a.landed() + b.landed(),
        a.duplicates() + b.duplicates(),
        a.missing() + b.missing());
  }
}
