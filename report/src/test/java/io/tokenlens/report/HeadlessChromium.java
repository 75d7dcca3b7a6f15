package io.tokenlens.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium} in headless mode: the DOM after a page loaded, and a screenshot of it.
 * Nothing is fetched: the pages are local files. {@code .ci/run} installs the package when {@code
 * chromium} is missing.
 */
final class HeadlessChromium {

  private final String binary;
  private final Path profile;

  private HeadlessChromium(String binary, Path profile) {
    this.binary = binary;
    this.profile = profile;
  }

  /**
   * The {@code chromium} on the PATH (or named by {@code CHROMIUM}); fails saying how to install
   * it.
   */
  static HeadlessChromium find(Path workDir) throws IOException {
    String named = System.getenv("CHROMIUM");
    String binary = named != null && !named.isBlank() ? named : onPath("chromium");
    if (binary == null) {
      throw new IllegalStateException(
          "chromium is not installed: apt-get install -y --no-install-recommends "
              + "chromium (.ci/run does this), or set CHROMIUM to a Chromium binary");
    }
    return new HeadlessChromium(
        binary, Files.createDirectories(workDir.resolve("chromium-profile")));
  }

  /** The DOM of {@code page} once loaded, serialised. */
  String dumpDom(Path page) throws Exception {
    return run(List.of("--dump-dom", page.toUri().toString()));
  }

  /** A PNG of {@code page} in a window of {@code width} x {@code height}. */
  void screenshot(Path page, Path png, int width, int height) throws Exception {
    Files.deleteIfExists(png);
    run(
        List.of(
            "--hide-scrollbars",
            "--window-size=" + width + "," + height,
            "--screenshot=" + png.toAbsolutePath(),
            page.toUri().toString()));
    if (!Files.isRegularFile(png)) {
      throw new IllegalStateException("chromium wrote no screenshot to " + png);
    }
  }

  private String run(List<String> arguments) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--user-data-dir=" + profile.toAbsolutePath()));
    command.addAll(arguments);
    Path log = Files.createTempFile(profile.getParent(), "chromium", ".log");
    Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("chromium did not finish in 120 s: " + command);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "chromium exited " + process.exitValue() + ": " + Files.readString(log));
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  private static String onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }
}
