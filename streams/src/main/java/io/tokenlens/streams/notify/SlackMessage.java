package io.tokenlens.streams.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenlens.schemas.avro.AlertKind;
import io.tokenlens.schemas.avro.BurnAlert;
import java.util.Locale;

/**
 * The Slack-compatible body of an alert: {@code text} (the alert's message, shown in notifications and by receivers
 * that ignore blocks) and Block Kit {@code blocks}: a header, the message, the figures, the alert id.
 */
public final class SlackMessage {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SlackMessage() {}

  public static String body(BurnAlert alert) {
    ObjectNode root = JSON.createObjectNode();
    root.put("text", alert.getMessage());
    ArrayNode blocks = root.putArray("blocks");
    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", title(alert));
    blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", alert.getMessage());
    ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
    field(fields, "Observed", usd(alert.getObservedUsd()));
    if (alert.getBaselineUsd() != null) {
      field(fields, "Baseline", usd(alert.getBaselineUsd()));
    }
    if (alert.getBudgetUsd() != null) {
      field(fields, "Budget", usd(alert.getBudgetUsd()));
    }
    if (alert.getThresholdUsd() != null) {
      field(fields, "Threshold", usd(alert.getThresholdUsd()));
    }
    field(fields, "Window", alert.getWindowStart() + " – " + alert.getWindowEnd());
    if (alert.getTeam() != null) {
      field(fields, "Team", alert.getTeam());
    }
    blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
        .put("text", "tokenlens alert `" + alert.getAlertId() + "`");
    return root.toString();
  }

  static String title(BurnAlert alert) {
    String what = switch (alert.getKind() == null ? AlertKind.UNKNOWN : alert.getKind()) {
      case ANOMALOUS_BURN -> "Anomalous AI spend";
      case BUDGET_80_PERCENT -> "80% of AI budget reached";
      case BUDGET_100_PERCENT -> "AI budget exhausted";
      default -> "AI spend alert";
    };
    return what + ": " + alert.getSubjectKind().name().toLowerCase(Locale.ROOT) + " " + alert.getSubjectId();
  }

  private static void field(ArrayNode fields, String name, String value) {
    fields.addObject().put("type", "mrkdwn").put("text", "*" + name + "*\n" + value);
  }

  private static String usd(double value) {
    return String.format(Locale.ROOT, "$%.2f", value);
  }
}
