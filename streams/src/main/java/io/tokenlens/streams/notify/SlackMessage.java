package io.tokenlens.streams.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The Slack-compatible body of a notification: {@code text} (the message, shown in notifications
 * and by receivers that ignore blocks) and Block Kit {@code blocks}: a header, the message, the
 * figures, how many notifications of the subject the rate limit held back (if any), the id and the
 * {@code ./tokenlens sql} command showing the evidence.
 */
public final class SlackMessage {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SlackMessage() {}

  public static String body(Notification n) {
    ObjectNode root = JSON.createObjectNode();
    root.put("text", n.text());
    ArrayNode blocks = root.putArray("blocks");
    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", n.title());
    blocks
        .addObject()
        .put("type", "section")
        .putObject("text")
        .put("type", "mrkdwn")
        .put("text", n.text());
    ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
    for (Map.Entry<String, String> field : n.fields().entrySet()) {
      fields
          .addObject()
          .put("type", "mrkdwn")
          .put("text", "*" + field.getKey() + "*\n" + field.getValue());
    }
    ArrayNode context = blocks.addObject().put("type", "context").putArray("elements");
    if (n.suppressed() > 0) {
      context
          .addObject()
          .put("type", "mrkdwn")
          .put(
              "text",
              n.suppressed()
                  + " earlier notifications about "
                  + n.subject()
                  + " were held back by the rate limit");
    }
    context
        .addObject()
        .put("type", "mrkdwn")
        .put("text", "tokenlens " + n.source() + " `" + n.id() + "`");
    context.addObject().put("type", "mrkdwn").put("text", "Evidence: `" + n.evidence() + "`");
    return root.toString();
  }
}
