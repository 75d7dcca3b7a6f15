package io.tokenlens.simulator.waste;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The labels file: JSON lines, one label each: {@code pattern}, {@code engineerId}, {@code team},
 * {@code sessionId} (null when the occurrence spans sessions), {@code start}, {@code end} (ISO-8601
 * UTC) and {@code kind} ({@code planted}, {@code near-miss}, {@code look-alike}).
 */
public final class LabelsWriter {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LabelsWriter() {}

  public static void write(Path file, List<Label> labels) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Label l : labels) {
        w.write(line(l));
        w.write('\n');
      }
    }
  }

  public static String line(Label l) throws IOException {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("pattern", l.pattern().name());
    n.put("engineerId", l.engineerId());
    n.put("team", l.team());
    n.put("sessionId", l.sessionId());
    n.put("start", l.start().toString());
    n.put("end", l.end().toString());
    n.put("kind", l.kind().wireName());
    return MAPPER.writeValueAsString(n);
  }
}
