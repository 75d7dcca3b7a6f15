package io.tokenlens.ingest.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A JSON object as an {@link Item}; field names are used as they are. */
public final class JsonItem implements Item {
  private final String at;
  private final JsonNode node;

  public JsonItem(String at, JsonNode node) {
    this.at = at;
    this.node = node;
  }

  @Override
  public String at() {
    return at;
  }

  @Override
  public String label(String field) {
    return field;
  }

  @Override
  public Set<String> presentFields() {
    Set<String> present = new LinkedHashSet<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      JsonNode v = node.get(name);
      if (!v.isNull() && !(v.isTextual() && v.asText().isBlank())) {
        present.add(name);
      }
    }
    return present;
  }

  @Override
  public Set<String> spelledFields() {
    Set<String> names = new LinkedHashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Override
  public String text(String field, List<String> problems) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isContainerNode()) {
      problems.add(
          path(field)
              + ": must be a string, number or boolean, not "
              + v.getNodeType().toString().toLowerCase(Locale.ROOT));
      return null;
    }
    String s = v.asText().trim();
    return s.isEmpty() ? null : s;
  }

  /** A nested object of this item, or null when absent; anything but an object is a problem. */
  public JsonItem child(String field, List<String> problems) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      problems.add(path(field) + ": must be an object");
      return null;
    }
    return new JsonItem(path(field), v);
  }

  /** The elements of a nested array; absent is empty, anything but an array is a problem. */
  public List<JsonItem> children(String field, boolean required, List<String> problems) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        problems.add(path(field) + ": required (an array)");
      }
      return List.of();
    }
    if (!v.isArray()) {
      problems.add(path(field) + ": must be an array");
      return List.of();
    }
    List<JsonItem> items = new java.util.ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      String where = path(field) + "[" + i + "]";
      if (!e.isObject()) {
        problems.add(where + ": must be an object");
      } else {
        items.add(new JsonItem(where, e));
      }
    }
    return items;
  }

  /** The path of a field of this item. */
  public String path(String field) {
    return at.isEmpty() ? field : at + "." + field;
  }

  /** The raw node, for mappers that need more than scalars. */
  public JsonNode node() {
    return node;
  }
}
