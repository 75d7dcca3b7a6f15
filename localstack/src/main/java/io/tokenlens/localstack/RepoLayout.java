package io.tokenlens.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root, where the launcher, the built jars and the chDB endpoint live. */
public final class RepoLayout {
  public static final String ROOT_PROPERTY = "tokenlens.root";

  private RepoLayout() {}

  /**
   * The root named by the {@value #ROOT_PROPERTY} system property (set by {@code ./tokenlens}), or
   * the nearest directory at or above the working directory that holds the {@code tokenlens}
   * launcher next to a {@code pom.xml}.
   */
  public static Path locate() {
    String property = System.getProperty(ROOT_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    Path start = Path.of("").toAbsolutePath().normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("tokenlens"))
          && Files.isRegularFile(dir.resolve("pom.xml"))
          && Files.isDirectory(dir.resolve("localstack"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "cannot find the tokenlens repository root above "
            + start
            + "; run from inside the repository or set -D"
            + ROOT_PROPERTY
            + "=<path>");
  }
}
