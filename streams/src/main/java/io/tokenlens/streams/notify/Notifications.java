package io.tokenlens.streams.notify;

import io.tokenlens.schemas.avro.AlertKind;
import io.tokenlens.schemas.avro.BurnAlert;
import io.tokenlens.schemas.avro.WasteFinding;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the {@link Notification} of an alert or of a finding. An alert is notified once (its id).
 * A finding is re-emitted by its detector with growing versions as the occurrence grows; it is
 * notified when its estimated wasted cost first reaches {@code minUsd}, and again each time the
 * cost has grown by {@code growth} (step {@code n} is reached at {@code minUsd × growth^n});
 * versions within one step are not notified again. Findings under {@code minUsd} are not notified
 * at all.
 */
public final class Notifications {

  private final double minUsd;
  private final double growth;

  /**
   * @param minUsd the least estimated wasted cost of a finding worth a notification
   * @param growth the factor by which a notified finding's cost must grow to be notified again
   *     (more than 1)
   */
  public Notifications(double minUsd, double growth) {
    this.minUsd = minUsd;
    this.growth = growth;
  }

  public static Notification of(BurnAlert alert) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Observed", usd(alert.getObservedUsd()));
    if (alert.getBaselineUsd() != null) {
      fields.put("Baseline", usd(alert.getBaselineUsd()));
    }
    if (alert.getBudgetUsd() != null) {
      fields.put("Budget", usd(alert.getBudgetUsd()));
    }
    if (alert.getThresholdUsd() != null) {
      fields.put("Threshold", usd(alert.getThresholdUsd()));
    }
    fields.put("Window", alert.getWindowStart() + " – " + alert.getWindowEnd());
    if (alert.getTeam() != null) {
      fields.put("Team", alert.getTeam());
    }
    String subject = alert.getSubjectKind().name() + ":" + alert.getSubjectId();
    return new Notification(
        "alert",
        String.valueOf(alert.getKind()),
        alert.getAlertId(),
        alert.getAlertId(),
        subject,
        alertTitle(alert),
        alert.getMessage(),
        fields,
        sql("burn_alerts", "alert_id", alert.getAlertId()),
        0);
  }

  /**
   * The finding's notification, or null when it is under the minimum or within a step already
   * notified.
   */
  public Notification of(WasteFinding finding) {
    double cost = finding.getEstimatedWastedCostUsd();
    if (cost < minUsd) {
      return null;
    }
    int step = step(cost);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Estimated waste", usd(cost));
    fields.put("Tokens", String.format(Locale.ROOT, "%,d", finding.getTokens()));
    fields.put("Window", finding.getWindowStart() + " – " + finding.getWindowEnd());
    putIfSet(fields, "Engineer", finding.getEngineerId());
    putIfSet(fields, "Team", finding.getTeam());
    if (finding.getRepository() != null) {
      fields.put(
          "Repository",
          finding.getRepository()
              + (finding.getPullRequestNumber() == null
                  ? ""
                  : " #" + finding.getPullRequestNumber()));
    }
    putIfSet(fields, "Service", finding.getService());
    String title = pattern(finding) + (step > 0 ? " (grown)" : "") + ": " + who(finding);
    return new Notification(
        "finding",
        finding.getPattern().name(),
        finding.getFindingId(),
        finding.getFindingId() + "#" + step,
        subject(finding),
        title,
        finding.getSummary(),
        fields,
        sql("waste_findings FINAL", "finding_id", finding.getFindingId()),
        0);
  }

  /** The cost step: 0 from {@code minUsd}, n from {@code minUsd × growth^n}. */
  int step(double cost) {
    int step = 0;
    for (double next = minUsd * growth; cost >= next && step < 64; next *= growth) {
      step++;
    }
    return step;
  }

  static String alertTitle(BurnAlert alert) {
    String what =
        switch (alert.getKind() == null ? AlertKind.UNKNOWN : alert.getKind()) {
          case ANOMALOUS_BURN -> "Anomalous AI spend";
          case BUDGET_80_PERCENT -> "80% of AI budget reached";
          case BUDGET_100_PERCENT -> "AI budget exhausted";
          default -> "AI spend alert";
        };
    return what
        + ": "
        + alert.getSubjectKind().name().toLowerCase(Locale.ROOT)
        + " "
        + alert.getSubjectId();
  }

  private static String subject(WasteFinding finding) {
    if (finding.getEngineerId() != null) {
      return "ENGINEER:" + finding.getEngineerId();
    }
    if (finding.getTeam() != null) {
      return "TEAM:" + finding.getTeam();
    }
    return "REPOSITORY:" + finding.getRepository();
  }

  private static String who(WasteFinding finding) {
    return finding.getEngineerId() != null
        ? "engineer " + finding.getEngineerId()
        : finding.getTeam() != null
            ? "team " + finding.getTeam()
            : "repository " + finding.getRepository();
  }

  private static String pattern(WasteFinding finding) {
    String name = finding.getPattern().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static void putIfSet(Map<String, String> fields, String name, String value) {
    if (value != null) {
      fields.put(name, value);
    }
  }

  /**
   * The command showing the row: ids are the pipeline's own, but quotes are escaped all the same.
   */
  static String sql(String table, String column, String id) {
    return "./tokenlens sql \"SELECT * FROM "
        + table
        + " WHERE "
        + column
        + " = '"
        + id.replace("\\", "\\\\").replace("'", "\\'").replace("\"", "\\\"")
        + "'\"";
  }

  static String usd(double value) {
    return String.format(Locale.ROOT, "$%.2f", value);
  }
}
