package io.tokenlens.ingest.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenlens.ingest.Hashes;
import io.tokenlens.ingest.load.Fields;
import io.tokenlens.ingest.load.JsonItem;
import io.tokenlens.schemas.avro.ProviderUsage;
import io.tokenlens.schemas.avro.ProviderUsageSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the export parsers share: row ids, the common fields of a row, and numeric columns as
 * attributes.
 */
final class UsageRows {
  private UsageRows() {}

  /**
   * The row id: {@code <prefix>:<bucketStart>/<bucketEnd>:<first 32 hex of SHA-256 of the grouping
   * columns>}, the columns sorted by name as {@code name=value} lines. Only the content decides it,
   * never the import time, so the same bucket imported again, from the same or a later export, gets
   * the same id.
   */
  static String eventId(
      String prefix, Instant start, Instant end, SortedMap<String, String> grouping) {
    StringBuilder canonical = new StringBuilder();
    grouping.forEach((k, v) -> canonical.append(k).append('=').append(v).append('\n'));
    return prefix
        + ":"
        + start
        + "/"
        + end
        + ":"
        + Hashes.sha256Hex(canonical.toString()).substring(0, 32);
  }

  /**
   * The string and boolean columns of a result (its grouping columns), except {@code excluded};
   * nulls left out.
   */
  static SortedMap<String, String> scalarColumns(JsonNode result, Set<String> excluded) {
    SortedMap<String, String> columns = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = result.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (!excluded.contains(e.getKey()) && (v.isTextual() || v.isBoolean())) {
        columns.put(e.getKey(), v.asText());
      }
    }
    return columns;
  }

  /**
   * Adds each numeric field of {@code item} not in {@code mapped} to {@code attributes} as {@code
   * prefix + name}.
   */
  static void numericAttributes(
      JsonItem item, Set<String> mapped, String prefix, Fields f, Map<String, Double> attributes) {
    for (Iterator<Map.Entry<String, JsonNode>> it = item.node().fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNumber() && !mapped.contains(e.getKey())) {
        Double v = f.amount(e.getKey());
        if (v != null) {
          attributes.put(prefix + e.getKey(), v);
        }
      }
    }
  }

  /** A builder with the fields every row has. */
  static ProviderUsage.Builder row(
      ProviderUsageSource source,
      String provider,
      String eventId,
      Instant start,
      Instant end,
      ImportContext context) {
    return ProviderUsage.newBuilder()
        .setEventId(eventId)
        .setSource(source)
        .setProvider(provider)
        .setBucketStart(start)
        .setBucketEnd(end)
        .setImportedAt(context.importedAt())
        .setVersion(context.importedAt().toEpochMilli())
        .setImportId(context.importId());
  }

  /** Reads one bound of a bucket. */
  @FunctionalInterface
  interface BucketBound {
    Instant read(Fields bucket, String field);
  }

  /** Maps one result row of a bucket; null when it has problems (recorded). */
  @FunctionalInterface
  interface ResultMapper {
    ProviderUsage map(
        JsonItem result, Instant start, Instant end, ImportContext context, List<String> problems);
  }

  /**
   * The rows of bucketed API responses, {@code data[]} of buckets with a start, an end and {@code
   * results[]}, as the Anthropic and OpenAI usage APIs answer.
   */
  static List<ProviderUsage> bucketed(
      List<JsonItem> pages,
      String startField,
      String endField,
      BucketBound bound,
      ResultMapper mapper,
      ImportContext context,
      List<String> problems) {
    List<ProviderUsage> rows = new ArrayList<>();
    for (JsonItem page : pages) {
      for (JsonItem bucket : page.children("data", true, problems)) {
        Fields b = new Fields(bucket, problems);
        Instant start = bound.read(b, startField);
        Instant end = bound.read(b, endField);
        boolean ok = ordered(b, endField, start, end);
        for (JsonItem result : bucket.children("results", true, problems)) {
          ProviderUsage row = mapper.map(result, start, end, context, problems);
          if (ok && row != null) {
            rows.add(row);
          }
        }
      }
    }
    return rows;
  }

  /** Records a problem unless {@code end} is after {@code start}. */
  static boolean ordered(Fields f, String endField, Instant start, Instant end) {
    if (start != null && end != null && !end.isAfter(start)) {
      f.problem(endField, "must be after the bucket's start (" + start + "), not " + end);
      return false;
    }
    return start != null && end != null;
  }
}
