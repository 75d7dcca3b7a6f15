package io.tokenlens.streams.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The generic JSON body of a notification, for receivers that are not Slack: {@code source}, {@code
 * kind}, {@code id}, {@code subject}, {@code title}, {@code text}, {@code fields} (name to
 * formatted value, in display order), {@code evidence} (the {@code ./tokenlens sql} command) and
 * {@code suppressed}.
 */
public final class JsonMessage {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonMessage() {}

  public static String body(Notification n) {
    ObjectNode root =
        JSON.createObjectNode()
            .put("source", n.source())
            .put("kind", n.kind())
            .put("id", n.id())
            .put("subject", n.subject())
            .put("title", n.title())
            .put("text", n.text());
    ObjectNode fields = root.putObject("fields");
    n.fields().forEach(fields::put);
    return root.put("evidence", n.evidence()).put("suppressed", n.suppressed()).toString();
  }
}
