package io.tokenlens.bench;

import io.tokenlens.schemas.config.Arguments;
import io.tokenlens.schemas.config.CommandLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the benchmarks' entry points share: their options are a {@link CommandLine} each, read by
 * {@link #parseOrExit}; the stack comes from the variables {@code ./tokenlens env} prints.
 */
public final class BenchArgs {

  private BenchArgs() {}

  /**
   * The options of a benchmark's {@code main}: prints the usage of {@code commandLine} and exits 0
   * for {@code --help} or {@code -h}, prints the problems and exits 2 when {@code parse} refuses
   * the arguments.
   */
  public static <T> T parseOrExit(
      String[] args, CommandLine commandLine, Function<List<String>, T> parse) {
    if (commandLine.parse(args).help()) {
      System.out.print(commandLine.usage());
      System.exit(0);
    }
    try {
      return parse.apply(List.of(args));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      throw e;
    }
  }

  /** The file {@code --name}, when given; it must exist. */
  public static Optional<Path> existingFile(Arguments args, String name) {
    Optional<Path> file = args.optionalPath(name);
    if (file.isPresent() && !Files.isRegularFile(file.get())) {
      args.error("--" + name + " names no readable file: " + file.get());
    }
    return file;
  }

  /** The environment variable {@code name}, which names the running stack. */
  public static String stackEnv(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          name + " is not set: run through ./tokenlens bench, or eval \"$(./tokenlens env)\"");
    }
    return value;
  }
}
