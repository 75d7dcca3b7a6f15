package io.tokenlens.simulator.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The scores as a Markdown table (one row per pattern) and as a JSON array of {@link PatternScore}. */
public final class ScoreReport {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ScoreReport() {}

  public static String markdown(List<PatternScore> rows) {
    StringBuilder b = new StringBuilder();
    b.append("| pattern | planted | found | TP | FP | FN | precision | recall | F1 | FP on near-miss "
        + "| FP on look-alike | FP repeated | FP unlabelled |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (PatternScore r : rows) {
      b.append(String.format(Locale.ROOT, "| `%s` | %d | %d | %d | %d | %d | %s | %s | %s | %d | %d | %d | %d |%n",
          r.pattern(), r.planted(), r.found(), r.truePositives(), r.falsePositives(), r.falseNegatives(),
          ratio(r.precision()), ratio(r.recall()), ratio(r.f1()), r.onNearMiss(), r.onLookAlike(), r.repeated(),
          r.unlabelled()));
    }
    return b.toString();
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

  private static String ratio(Double value) {
    return value == null ? "–" : String.format(Locale.ROOT, "%.2f", value);
  }
}
