package io.tokenlens.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Samples the resident set size of a process from {@code /proc/<pid>/status} (VmRSS) and keeps the
 * peak.
 */
public final class RssSampler {

  private final Path status;
  private long peak;
  private long last;

  /** Samples this process. */
  public RssSampler() {
    this(ProcessHandle.current().pid());
  }

  /** Samples the process {@code pid}. */
  public RssSampler(long pid) {
    this.status = Path.of("/proc", Long.toString(pid), "status");
  }

  /** Reads the current RSS, keeps the peak, and returns the current value in bytes. */
  public synchronized long sample() {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
          last = kib * 1024;
          peak = Math.max(peak, last);
          return last;
        }
      }
      throw new IllegalStateException("No VmRSS line in " + status);
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException(
          "Cannot read the RSS from " + status + ": " + e.getMessage(), e);
    }
  }

  public synchronized long peak() {
    return peak;
  }

  public synchronized long last() {
    return last;
  }
}
