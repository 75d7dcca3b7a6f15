package io.tokenlens.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code BENCHMARKS.md}: the latest full-length run's results between two markers; the rest of the
 * file (how to read the figures, what was changed for speed) is kept as written.
 */
final class BenchmarksFile {

  static final String START = "<!-- pipeline-bench:start -->";
  static final String END = "<!-- pipeline-bench:end -->";

  private BenchmarksFile() {}

  /**
   * {@code existing} with the block between the markers replaced (or appended when there are none).
   */
  static String update(String existing, String block) {
    String generated = START + "\n" + block.strip() + "\n" + END;
    int start = existing.indexOf(START);
    int end = existing.indexOf(END);
    if (start < 0 || end < start) {
      String base = existing.isBlank() ? "# Benchmarks\n" : existing.stripTrailing() + "\n";
      return base + "\n" + generated + "\n";
    }
    return existing.substring(0, start) + generated + existing.substring(end + END.length());
  }

  static void write(Path file, String block) throws IOException {
    String existing = Files.exists(file) ? Files.readString(file) : "";
    Files.writeString(file, update(existing, block));
  }
}
