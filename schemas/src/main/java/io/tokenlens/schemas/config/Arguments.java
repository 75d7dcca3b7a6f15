package io.tokenlens.schemas.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command line as {@link CommandLine#parse} read it. The typed reads validate with {@link
 * ConfigReader} under the option's name ({@code --rows must be between 1 and 1000 but is 0}) and,
 * like it, collect every problem: read every option, add the rules between options with {@link
 * #error}, then call {@link #throwIfInvalid}.
 */
public final class Arguments {

  private final CommandLine command;
  private final Map<String, String> values;
  private final ConfigReader reader;
  private final Set<String> flags = new HashSet<>();
  private final Set<String> given = new HashSet<>();
  private final Map<String, List<String>> repeated = new LinkedHashMap<>();
  private final List<String> positionals = new ArrayList<>();
  private final List<String> passedOn = new ArrayList<>();
  private boolean help;

  Arguments(CommandLine command, Map<String, String> defaults) {
    this.command = command;
    this.values = new LinkedHashMap<>(defaults);
    this.reader = new ConfigReader(values);
  }

  /** Whether {@code --help} or {@code -h} was given: print {@link #usage} and stop. */
  public boolean help() {
    return help;
  }

  /** The usage of the command. */
  public String usage() {
    return command.usage();
  }

  /** Whether the flag {@code --name} was given. */
  public boolean flag(String name) {
    command.declared(name);
    return flags.contains(name);
  }

  /** Whether {@code --name} was given (rather than defaulted). */
  public boolean given(String name) {
    command.declared(name);
    return given.contains(name);
  }

  /** The value of {@code --name}, its default when not given, or null. */
  public String string(String name) {
    command.declared(name);
    return reader.string(key(name));
  }

  /** The value of {@code --name}, its default when not given; empty when neither. */
  public Optional<String> optional(String name) {
    return Optional.ofNullable(string(name));
  }

  /** Every value of the repeatable {@code --name}, in order. */
  public List<String> all(String name) {
    command.declared(name);
    return List.copyOf(repeated.getOrDefault(name, List.of()));
  }

  public int intAtLeast(String name, int min) {
    return require(name) ? reader.intAtLeast(key(name), min) : min;
  }

  public int intBetween(String name, int min, int max) {
    return require(name) ? reader.intBetween(key(name), min, max) : min;
  }

  /** Comma-separated whole numbers, each in {@code [min, max]}. */
  public List<Integer> intsBetween(String name, int min, int max) {
    List<Integer> numbers = new ArrayList<>();
    if (require(name)) {
      for (String part : string(name).split(",")) {
        ConfigReader one = new ConfigReader(Map.of(key(name), part));
        numbers.add(one.intBetween(key(name), min, max));
        one.errors().forEach(reader::error);
      }
    }
    return List.copyOf(numbers);
  }

  public long longAtLeast(String name, long min) {
    return require(name) ? reader.longAtLeast(key(name), min) : min;
  }

  /** Any whole number. */
  public long longValue(String name) {
    return require(name) ? reader.longBetween(key(name), Long.MIN_VALUE, Long.MAX_VALUE) : 0;
  }

  public double doubleAtLeast(String name, double min) {
    return require(name) ? reader.doubleAtLeast(key(name), min) : min;
  }

  public double doubleAbove(String name, double bound) {
    return require(name) ? reader.doubleAbove(key(name), bound) : bound;
  }

  public double doubleBetween(String name, double min, double max) {
    return require(name) ? reader.doubleBetween(key(name), min, max) : min;
  }

  /** A number of seconds, at least {@code min}. */
  public Duration secondsAtLeast(String name, long min) {
    return Duration.ofSeconds(longAtLeast(name, min));
  }

  /** A number of milliseconds, at least {@code min}. */
  public Duration millisAtLeast(String name, long min) {
    return require(name) ? reader.millisAtLeast(key(name), min) : Duration.ofMillis(min);
  }

  /** A path; absent is an error. */
  public Path path(String name) {
    return require(name) ? Path.of(string(name)) : null;
  }

  /** A path, when {@code --name} was given or has a default. */
  public Optional<Path> optionalPath(String name) {
    return optional(name).map(Path::of);
  }

  /** An ISO-8601 instant ({@code 2026-12-01T12:00:00Z}). */
  public Instant instant(String name) {
    if (!require(name)) {
      return null;
    }
    try {
      return Instant.parse(string(name));
    } catch (DateTimeParseException e) {
      error(
          key(name)
              + " must be an ISO-8601 instant like 2026-12-01T12:00:00Z but is '"
              + string(name)
              + "'");
      return null;
    }
  }

  /** The arguments that are not options, in order. */
  public List<String> positionals() {
    return List.copyOf(positionals);
  }

  /**
   * The options of the command this one passes on to ({@link CommandLine#passingOn}), as given: a
   * flag as {@code --name}, an option as {@code --name value}.
   */
  public List<String> passedOn() {
    return List.copyOf(passedOn);
  }

  /** Records a problem found by the caller: a rule between options, a format of its own. */
  public void error(String problem) {
    reader.error(problem);
  }

  /** Every problem so far, in the order found. */
  public List<String> errors() {
    return reader.errors();
  }

  /** Throws a {@link CommandLineException} with every problem and the usage, if there is any. */
  public void throwIfInvalid() {
    if (!errors().isEmpty()) {
      throw new CommandLineException(errors(), usage());
    }
  }

  void askHelp() {
    help = true;
  }

  void addPositional(String arg) {
    positionals.add(arg);
  }

  void passOn(String option, String value) {
    passedOn.add(option);
    if (value != null) {
      passedOn.add(value);
    }
  }

  void set(CommandLine.Option option, String value) {
    given.add(option.name());
    if (option.isFlag()) {
      flags.add(option.name());
    } else if (option.repeatable()) {
      repeated.computeIfAbsent(option.name(), n -> new ArrayList<>()).add(value);
    } else {
      values.put(key(option.name()), value);
    }
  }

  /** Whether {@code --name} has a value; if not, records that it needs one. */
  private boolean require(String name) {
    command.declared(name);
    if (!reader.has(key(name))) {
      error(key(name) + " needs a value");
      return false;
    }
    return true;
  }

  private static String key(String name) {
    return "--" + name;
  }
}
