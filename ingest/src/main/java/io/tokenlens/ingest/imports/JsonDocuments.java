package io.tokenlens.ingest.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenlens.ingest.load.InvalidInputException;
import io.tokenlens.ingest.load.Items;
import io.tokenlens.ingest.load.JsonItem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an export file as JSON objects: one document (a saved API response, at the top level), a
 * JSON array of them ({@code [i]}: several pages, or the records of a report), or NDJSON, one
 * object per line ({@code [line N]}). A file whose first line is a complete JSON value is read as
 * NDJSON.
 */
final class JsonDocuments {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonDocuments() {}

  static List<JsonItem> read(byte[] body, String what) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1).strip();
    }
    if (text.isEmpty()) {
      throw InvalidInputException.of(what, "the file is empty");
    }
    List<JsonItem> items = new ArrayList<>();
    String firstLine = text.lines().findFirst().orElse("");
    if (text.startsWith("{") && !firstLine.equals(text) && isJson(firstLine)) {
      List<String> problems = new ArrayList<>();
      String[] lines = text.split("\r?\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(lines[i]);
        } catch (Exception e) {
          problems.add("[line " + (i + 1) + "]: not valid JSON");
          continue;
        }
        if (node.isObject()) {
          items.add(new JsonItem("[line " + (i + 1) + "]", node));
        } else {
          problems.add("[line " + (i + 1) + "]: must be a JSON object");
        }
      }
      if (!problems.isEmpty()) {
        throw new InvalidInputException(what, problems);
      }
      return items;
    }
    JsonNode root = Items.parse(text.getBytes(StandardCharsets.UTF_8), what);
    if (root.isObject()) {
      items.add(new JsonItem("", root));
    } else if (root.isArray()) {
      items.addAll(Items.elements(root, what));
    } else {
      throw InvalidInputException.of(what, "must be a JSON object, an array of objects or NDJSON");
    }
    return items;
  }

  private static boolean isJson(String line) {
    try {
      JSON.readTree(line);
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
