package io.tokenlens.ingest.load;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The two formats of the directory and price files: CSV with a header row, or JSON. */
public enum InputFormat {
  CSV,
  JSON;

  /** By file name: {@code .csv}, or {@code .json}. */
  public static Optional<InputFormat> ofFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return Optional.of(CSV);
    }
    if (name.endsWith(".json")) {
      return Optional.of(JSON);
    }
    return Optional.empty();
  }

  /** By media type: {@code text/csv} or {@code application/json}. */
  public static InputFormat ofMediaType(String mediaType) {
    return mediaType.equals("text/csv") ? CSV : JSON;
  }
}
