package io.tokenlens.ingest.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.tokenlens.ingest.http.HttpError;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * OTLP/JSON, which differs from protobuf's generic JSON mapping: {@code traceId}, {@code spanId}
 * and {@code parentSpanId} are hex strings (not base64), enums are integers, unknown fields are
 * ignored. The ids are rewritten to base64 before protobuf's parser reads the rest (it accepts
 * integer enums and lowerCamelCase names).
 */
public final class OtlpJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> HEX_ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId");
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace();

  private OtlpJson() {}

  /** Merges an OTLP/JSON body into {@code builder}; a 400 {@link HttpError} names what is wrong. */
  public static void merge(byte[] body, Message.Builder builder) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw HttpError.badRequest("body is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw HttpError.badRequest("body is not valid JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw HttpError.badRequest("an OTLP/JSON body is a JSON object");
    }
    rewriteIds(root, "$");
    try {
      PARSER.merge(JSON.writeValueAsString(root), builder);
    } catch (InvalidProtocolBufferException | JsonProcessingException e) {
      throw HttpError.badRequest(
          "not a valid OTLP/JSON "
              + builder.getDescriptorForType().getName()
              + ": "
              + e.getMessage());
    }
  }

  /** The OTLP/JSON rendering of a response message. */
  public static String print(Message message) {
    try {
      return PRINTER.print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(
          "cannot render " + message.getDescriptorForType().getName(), e);
    }
  }

  private static void rewriteIds(JsonNode node, String path) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        rewriteIds(node.get(i), path + "[" + i + "]");
      }
    } else if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String name = field.getKey();
        JsonNode value = field.getValue();
        if ((HEX_ID_FIELDS.contains(name) || HEX_ID_FIELDS.contains(snakeToCamel(name)))
            && value.isTextual()) {
          String hex = value.asText();
          try {
            field.setValue(
                object.textNode(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex))));
          } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(path + "." + name + ": '" + hex + "' is not a hex id");
          }
        } else {
          rewriteIds(value, path + "." + name);
        }
      }
    }
  }

  private static String snakeToCamel(String name) {
    return switch (name) {
      case "trace_id" -> "traceId";
      case "span_id" -> "spanId";
      case "parent_span_id" -> "parentSpanId";
      default -> name;
    };
  }
}
