package io.tokenlens.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from {@code /proc}: of one process ({@code /proc/<pid>/stat}, user + system) and of the
 * whole machine ({@code /proc/stat}, busy and total), in clock ticks of 1/100 s (Linux's {@code
 * USER_HZ}).
 */
final class CpuTime {

  static final double TICKS_PER_SECOND = 100.0;

  private CpuTime() {}

  /** User + system ticks of process {@code pid} so far. */
  static long processTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // the command name (field 2) may hold spaces: fields are counted after its closing
      // parenthesis
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** {busy, total} ticks of all cores so far. */
  static long[] machineTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return new long[] {-1, -1};
    }
  }

  /** The 1, 5 and 15 minute load averages. */
  static double[] loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return new double[] {
        Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])
      };
    } catch (IOException | RuntimeException e) {
      return new double[0];
    }
  }
}
