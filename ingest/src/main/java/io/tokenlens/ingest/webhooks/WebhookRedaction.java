package io.tokenlens.ingest.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tokenlens.ingest.Hashes;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Makes an unmappable webhook payload fit for a dead-letter topic, which more people read, for
 * longer, than the sender's own records. The payload keeps its shape and everything that tells an
 * operator what it was: object keys, numbers, booleans, nulls, and the text of structural fields
 * (event kinds, actions and states, ids and SHAs, repository names, branch refs, timestamps: {@link
 * #STRUCTURAL_KEYS}, keys ending in {@code _id}/{@code Id} or {@code _at}/{@code At}). Every other
 * text (titles, descriptions and bodies, comments, commit messages, names, logins, emails, labels,
 * URLs, alert details) is replaced by {@code sha256:<hex>} of it: an allowlist, so a field a sender
 * adds later is hashed too. Equal texts keep equal hashes, so an operator can still match them.
 */
final class WebhookRedaction {
  /** Field names whose text stays as it is. */
  static final Set<String> STRUCTURAL_KEYS =
      Set.of(
          // what happened
          "action",
          "state",
          "status",
          "event",
          "event_type",
          "event_name",
          "object_kind",
          "resource_type",
          "type",
          "urgency",
          "priority",
          // which object: ids, numbers, commits
          "id",
          "node_id",
          "number",
          "iid",
          "sha",
          "before",
          "after",
          "oldrev",
          "checkout_sha",
          "merge_commit_sha",
          // where: repository and branches
          "full_name",
          "path_with_namespace",
          "ref",
          "base_ref",
          "source_branch",
          "target_branch",
          // when
          "timestamp");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private WebhookRedaction() {}

  /** The payload as JSON with every non-structural text hashed. */
  static byte[] redact(JsonNode payload) {
    try {
      return JSON.writeValueAsBytes(redact(payload, null));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /**
   * {@code node} redacted; {@code field} is the name of the field holding it (arrays pass their own
   * on).
   */
  private static JsonNode redact(JsonNode node, String field) {
    if (node.isObject()) {
      ObjectNode out = NODES.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.set(e.getKey(), redact(e.getValue(), e.getKey()));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = NODES.arrayNode(node.size());
      node.forEach(item -> out.add(redact(item, field)));
      return out;
    }
    if (node.isTextual() && !structural(field)) {
      return TextNode.valueOf("sha256:" + Hashes.sha256Hex(node.asText()));
    }
    return node;
  }

  /**
   * Whether a field's text is kept: a structural name, an id ({@code _id}, {@code Id}), a time
   * ({@code _at}, {@code At}).
   */
  static boolean structural(String field) {
    return field != null
        && (STRUCTURAL_KEYS.contains(field)
            || field.endsWith("_id")
            || field.endsWith("Id")
            || field.endsWith("_at")
            || field.endsWith("At"));
  }
}
