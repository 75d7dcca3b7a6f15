package io.tokenlens.ingest.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenlens.ingest.http.HttpError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The body of a batch endpoint: a JSON array of items or one item object. Duplicate keys are
 * refused. A body that is not JSON, or is JSON of another kind, is a 400 naming the problem and
 * where it is.
 */
public final class JsonBatch {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private JsonBatch() {}

  /** The JSON parser the batch endpoints use (duplicate keys refused). */
  public static ObjectMapper mapper() {
    return JSON;
  }

  /**
   * The items of {@code body}: the elements of an array, or the one object; empty for an empty
   * body.
   *
   * @param plural what the items are, for error messages, e.g. {@code "token events"}
   * @param singular one of them, e.g. {@code "token event"}
   */
  public static List<JsonNode> items(byte[] body, String plural, String singular) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw HttpError.badRequest(
          "body is not valid JSON: " + e.getOriginalMessage() + locationOf(e));
    } catch (java.io.IOException e) {
      throw HttpError.badRequest("body is not valid JSON: " + e.getMessage());
    }
    if (root == null || root.isMissingNode()) {
      return List.of();
    }
    if (root.isObject()) {
      return List.of(root);
    }
    if (!root.isArray()) {
      throw HttpError.badRequest(
          "body must be a JSON array of "
              + plural
              + " or one "
              + singular
              + " object, not "
              + root.getNodeType().toString().toLowerCase(Locale.ROOT));
    }
    List<JsonNode> nodes = new ArrayList<>();
    root.forEach(nodes::add);
    return nodes;
  }

  /**
   * Maps one item of a batch, an object, recording its problems in {@link JsonFields#problems()}
   * instead of throwing; the result is dropped when it recorded any.
   */
  @FunctionalInterface
  public interface ItemMapper<T> {
    T map(JsonFields item);
  }

  /**
   * Maps every item, collecting every problem of every item: any problem refuses the whole batch
   * (400 listing at most 100 of them as {@code [index].field: problem}), so a batch is accepted
   * whole or not at all. No items is a 400, more than {@code max} a 413, an item that is not an
   * object a problem.
   */
  public static <T> List<T> mapAll(
      List<JsonNode> items, int max, String plural, ItemMapper<T> mapper) {
    if (items.isEmpty()) {
      throw HttpError.badRequest("no " + plural + " in the body");
    }
    if (items.size() > max) {
      throw new HttpError(
          413, "too_many_events", items.size() + " " + plural + " in one request; at most " + max);
    }
    List<String> problems = new ArrayList<>();
    List<T> mapped = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      String at = "[" + i + "]";
      if (!items.get(i).isObject()) {
        problems.add(at + ": must be a JSON object");
        continue;
      }
      JsonFields item = new JsonFields(items.get(i), at, new ArrayList<>());
      T value = mapper.map(item);
      problems.addAll(item.problems());
      if (item.problems().isEmpty() && value != null) {
        mapped.add(value);
      }
    }
    if (!problems.isEmpty()) {
      throw HttpError.badRequest(
          problems.size() + " problem(s) in the " + plural + "; nothing was accepted",
          problems.size() > 100 ? problems.subList(0, 100) : problems);
    }
    return mapped;
  }

  /** {@code " (line L, column C)"} of a parse error, or empty. */
  public static String locationOf(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }
}
