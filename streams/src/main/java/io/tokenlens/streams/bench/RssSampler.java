package io.tokenlens.streams.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Samples the resident set size of this process from {@code /proc/self/status} and keeps the peak. */
final class RssSampler {

  private static final Path STATUS = Path.of("/proc/self/status");
  private long peak;

  void sample() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
          peak = Math.max(peak, kib * 1024);
          return;
        }
      }
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("Cannot read the RSS from " + STATUS + ": " + e.getMessage(), e);
    }
  }

  long peak() {
    return peak;
  }
}
