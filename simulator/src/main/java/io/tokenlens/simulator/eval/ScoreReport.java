package io.tokenlens.simulator.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scores as Markdown tables (one row per pattern: the scores, then the false-positive rates)
 * and as a JSON array of one object per pattern with the fields of its {@link PatternScore} and its
 * {@link FalsePositiveRate}.
 */
public final class ScoreReport {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .registerModule(
              new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));

  private ScoreReport() {}

  public static String markdown(List<PatternScore> rows) {
    StringBuilder b = new StringBuilder();
    b.append(
        "| pattern | planted | found | TP | FP | FN | precision (95% CI) | recall (95% CI) | F1 "
            + "| FP on near-miss | FP on look-alike | FP repeated | FP unlabelled |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (PatternScore r : rows) {
      b.append(
          String.format(
              Locale.ROOT,
              "| `%s` | %d | %d | %d | %d | %d | %s | %s | %s | %d | %d | %d | %d |%n",
              r.pattern(),
              r.planted(),
              r.found(),
              r.truePositives(),
              r.falsePositives(),
              r.falseNegatives(),
              withInterval(r.precision(), r.precisionLow(), r.precisionHigh()),
              withInterval(r.recall(), r.recallLow(), r.recallHigh()),
              ratio(r.f1()),
              r.onNearMiss(),
              r.onLookAlike(),
              r.repeated(),
              r.unlabelled()));
    }
    return b.toString();
  }

  /** The false-positive rates, one row per pattern. */
  public static String falsePositiveMarkdown(List<FalsePositiveRate> rows) {
    StringBuilder b = new StringBuilder();
    b.append(
        "| pattern | near-misses | flagged | rate | look-alikes | flagged | rate | FP | FP per 100 "
            + "engineer-days |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (FalsePositiveRate r : rows) {
      b.append(
          String.format(
              Locale.ROOT,
              "| `%s` | %d | %d | %s | %d | %d | %s | %d | %.2f |%n",
              r.pattern(),
              r.nearMisses(),
              r.nearMissesFlagged(),
              ratio(r.nearMissRate()),
              r.lookAlikes(),
              r.lookAlikesFlagged(),
              ratio(r.lookAlikeRate()),
              r.falsePositives(),
              r.falsePositivesPer100EngineerDays()));
    }
    return b.toString();
  }

  /** The alert scores, one row per kind of alert. */
  public static String alertsMarkdown(List<AlertScore> rows) {
    StringBuilder b = new StringBuilder();
    b.append("| alert | expected | raised | matched | missed | unexpected |\n");
    b.append("|---|---:|---:|---:|---|---|\n");
    for (AlertScore r : rows) {
      b.append(
          String.format(
              Locale.ROOT,
              "| `%s` | %d | %d | %d | %s | %s |%n",
              r.alert(),
              r.expected(),
              r.raised(),
              r.matched(),
              r.missed().isEmpty() ? "–" : String.join(", ", r.missed()),
              r.unexpected().isEmpty() ? "–" : String.join(", ", r.unexpected())));
    }
    return b.toString();
  }

  /**
   * Each pattern's scores and false-positive rates as one JSON object (rows of both lists in the
   * same order).
   */
  public static List<Map<String, Object>> combined(
      List<PatternScore> scores, List<FalsePositiveRate> rates) {
    List<Map<String, Object>> rows = new java.util.ArrayList<>();
    for (int i = 0; i < scores.size(); i++) {
      Map<String, Object> row = new LinkedHashMap<>(MAPPER.convertValue(scores.get(i), Map.class));
      row.putAll(MAPPER.convertValue(rates.get(i), Map.class));
      rows.add(row);
    }
    return rows;
  }

  /** The scores, or any other list of records (the findings), as an indented JSON array. */
  public static String json(List<?> rows) throws IOException {
    return MAPPER.writeValueAsString(rows);
  }

  public static void writeJson(Path file, List<?> rows) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, json(rows));
  }

  /** {@code 0.97 [0.83, 1.00]}, or the ratio alone when undefined. */
  static String withInterval(Double value, Double low, Double high) {
    return value == null || low == null
        ? ratio(value)
        : String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", value, low, high);
  }

  private static String ratio(Double value) {
    return value == null ? "–" : String.format(Locale.ROOT, "%.2f", value);
  }
}
