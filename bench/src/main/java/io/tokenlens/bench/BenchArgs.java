package io.tokenlens.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The command line of every benchmark: {@code --name value} pairs over defaults, optional {@code
 * --name value} pairs without a default, and {@code --flag}s. Every problem is collected, and
 * {@link #check} reports them together with the benchmark's usage.
 */
public final class BenchArgs {

  private final Map<String, String> values;
  private final Set<String> flags;
  private final List<String> errors = new ArrayList<>();

  private BenchArgs(Map<String, String> values, Set<String> flags) {
    this.values = values;
    this.flags = flags;
  }

  /**
   * Reads {@code args}: a name of {@code defaults} or {@code optional} takes the next argument as
   * its value, a name of {@code flags} stands alone; anything else is an error.
   */
  public static BenchArgs parse(
      List<String> args, Map<String, String> defaults, Set<String> optional, Set<String> flags) {
    BenchArgs parsed = new BenchArgs(new LinkedHashMap<>(defaults), new java.util.HashSet<>());
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg.startsWith("--") ? arg.substring(2) : "";
      if (flags.contains(name)) {
        parsed.flags.add(name);
      } else if (defaults.containsKey(name) || optional.contains(name)) {
        if (i + 1 >= args.size()) {
          parsed.errors.add(arg + " needs a value");
        } else {
          parsed.values.put(name, args.get(++i));
        }
      } else {
        parsed.errors.add("unknown argument '" + arg + "'");
      }
    }
    return parsed;
  }

  /** Whether {@code --name} was given. */
  public boolean flag(String name) {
    return flags.contains(name);
  }

  /**
   * The value of {@code --name} (its default when not given), or null for an optional one not
   * given.
   */
  public String string(String name) {
    return values.get(name);
  }

  /** The whole number {@code --name}, which must lie in {@code [min, max]}. */
  public int intIn(String name, int min, int max) {
    return wholeNumber(name, values.get(name), min, max);
  }

  /** The comma-separated whole numbers {@code --name}, each in {@code [min, max]}. */
  public List<Integer> intsIn(String name, int min, int max) {
    List<Integer> numbers = new ArrayList<>();
    for (String part : values.get(name).split(",")) {
      numbers.add(wholeNumber(name, part, min, max));
    }
    return List.copyOf(numbers);
  }

  /** The file {@code --name}, when given; it must exist. */
  public Optional<Path> existingFile(String name) {
    String raw = values.get(name);
    if (raw == null) {
      return Optional.empty();
    }
    Path p = Path.of(raw);
    if (!Files.isRegularFile(p)) {
      errors.add("--" + name + " names no readable file: " + raw);
    }
    return Optional.of(p);
  }

  /** Records a problem found across several options. */
  public void error(String problem) {
    errors.add(problem);
  }

  /**
   * Throws an {@link IllegalArgumentException} naming every problem and then {@code usage}, if
   * there was any.
   */
  public void check(String usage) {
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid options:\n  - " + String.join("\n  - ", errors) + "\n" + usage);
    }
  }

  /**
   * The options of a benchmark's {@code main}: prints {@code usage} and exits 0 for {@code --help}
   * or {@code -h}, prints the problems and exits 2 when {@code parse} refuses the arguments.
   */
  public static <T> T parseOrExit(String[] args, String usage, Function<List<String>, T> parse) {
    List<String> list = List.of(args);
    if (list.contains("--help") || list.contains("-h")) {
      System.out.println(usage);
      System.exit(0);
    }
    try {
      return parse.apply(list);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      throw e;
    }
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

  private int wholeNumber(String name, String raw, int min, int max) {
    try {
      int v = Integer.parseInt(raw.trim());
      if (v < min || v > max) {
        errors.add("--" + name + " must be between " + min + " and " + max + " but is " + v);
      }
      return v;
    } catch (NumberFormatException e) {
      errors.add("--" + name + " must be a whole number but is '" + raw + "'");
      return -1;
    }
  }
}
