package io.tokenlens.ingest.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the entries of a directory or price file: the rows of a CSV file ({@code [line N]}), or the
 * objects of a JSON array or one JSON object ({@code [i]}).
 */
public final class Items {
  static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private Items() {}

  public static List<Item> read(byte[] body, InputFormat format, String what) {
    List<Item> items = format == InputFormat.CSV ? csv(body, what) : json(body, what);
    if (items.isEmpty()) {
      throw InvalidInputException.of(what, "no entries");
    }
    return items;
  }

  private static List<Item> csv(byte[] body, String what) {
    CsvTable table = CsvTable.parse(new String(body, StandardCharsets.UTF_8), what);
    List<Item> items = new ArrayList<>();
    table.rows().forEach(r -> items.add(new CsvItem(r)));
    return items;
  }

  private static List<Item> json(byte[] body, String what) {
    JsonNode root = parse(body, what);
    List<Item> items = new ArrayList<>();
    if (root == null || root.isMissingNode()) {
      return items;
    }
    if (root.isObject()) {
      items.add(new JsonItem("[0]", root));
      return items;
    }
    if (!root.isArray()) {
      throw InvalidInputException.of(
          what,
          "must be a JSON array of objects or one object, not "
              + root.getNodeType().toString().toLowerCase(Locale.ROOT));
    }
    items.addAll(elements(root, what));
    return items;
  }

  /**
   * The objects of a JSON array as items {@code [i]}; any element that is not an object is a
   * problem.
   */
  public static List<JsonItem> elements(JsonNode array, String what) {
    List<JsonItem> items = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (array.get(i).isObject()) {
        items.add(new JsonItem("[" + i + "]", array.get(i)));
      } else {
        problems.add("[" + i + "]: must be a JSON object");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(what, problems);
    }
    return items;
  }

  /** One JSON document; not JSON is one problem naming line and column. */
  public static JsonNode parse(byte[] body, String what) {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw InvalidInputException.of(
          what,
          "not valid JSON: "
              + e.getOriginalMessage()
              + (e.getLocation() == null
                  ? ""
                  : " (line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()
                      + ")"));
    } catch (IOException e) {
      throw InvalidInputException.of(what, "not valid JSON: " + e.getMessage());
    }
  }
}
