package io.tokenlens.schemas.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The declared command line of one entry point: its options (a name, help text, an optional
 * default), its flags, whether it takes positional arguments, and the options it passes on to
 * another command. {@link #parse} reads {@code --name value}, {@code --name=value} and {@code
 * --flag}, collects every problem (an unknown option names the known ones) and returns {@link
 * Arguments}, whose typed reads validate with {@link ConfigReader}; {@code --help} or {@code -h}
 * anywhere asks for {@link #usage}.
 *
 * <pre>
 * CommandLine cli = CommandLine.command("./tokenlens bench sink [options]")
 *     .option("rows", "N", "rows of the comparison", "200000")
 *     .flag("dry-run", "validate only");
 * Arguments args = cli.parse(argv);
 * int rows = args.intBetween("rows", 1_000, 5_000_000);
 * args.throwIfInvalid();
 * </pre>
 */
public final class CommandLine {

  /** Options and flags; the value name is null for a flag. */
  record Option(
      String name, String valueName, String help, String defaultValue, boolean repeatable) {

    boolean isFlag() {
      return valueName == null;
    }

    String synopsis() {
      return "--" + name + (isFlag() ? "" : " " + valueName);
    }
  }

  private final String synopsis;
  private final Map<String, Option> options = new LinkedHashMap<>();
  private final Map<String, Option> passedOn = new LinkedHashMap<>();
  private String positionals;
  private String positionalsHelp;
  private String footer = "";

  private CommandLine(String synopsis) {
    this.synopsis = synopsis;
  }

  /** A command whose usage starts {@code usage: <synopsis>}. */
  public static CommandLine command(String synopsis) {
    return new CommandLine(synopsis);
  }

  /** An option taking a value, {@code defaultValue} when not given. */
  public CommandLine option(String name, String valueName, String help, String defaultValue) {
    return declare(new Option(name, valueName, help, defaultValue, false));
  }

  /** An option taking a value, absent when not given (the help says what that means). */
  public CommandLine option(String name, String valueName, String help) {
    return declare(new Option(name, valueName, help, null, false));
  }

  /** An option that may be given several times; every value is kept, in order. */
  public CommandLine repeatable(String name, String valueName, String help) {
    return declare(new Option(name, valueName, help, null, true));
  }

  /** An option that stands alone: given or not. */
  public CommandLine flag(String name, String help) {
    return declare(new Option(name, null, help, null, false));
  }

  /** Accepts arguments that are not options, in order: {@link Arguments#positionals()}. */
  public CommandLine positionals(String name, String help) {
    this.positionals = name;
    this.positionalsHelp = help;
    return this;
  }

  /**
   * Accepts the options of {@code other} but those named in {@code except}, and keeps them as
   * given, in order, for {@code other} to parse ({@link Arguments#passedOn()}).
   */
  public CommandLine passingOn(CommandLine other, Set<String> except) {
    other.options.values().stream()
        .filter(o -> !except.contains(o.name()) && !options.containsKey(o.name()))
        .forEach(o -> passedOn.put(o.name(), o));
    return this;
  }

  /** Text printed after the options: environment variables, notes. */
  public CommandLine footer(String text) {
    this.footer = text;
    return this;
  }

  /** The names of the options this command declares itself, without dashes, in order. */
  public Set<String> optionNames() {
    return Collections.unmodifiableSet(options.keySet());
  }

  /** The usage: the synopsis, then one line per option (with its default), then the footer. */
  public String usage() {
    List<String[]> rows = new ArrayList<>();
    options.values().forEach(o -> rows.add(new String[] {o.synopsis(), help(o)}));
    if (positionals != null) {
      rows.add(new String[] {positionals, positionalsHelp});
    }
    int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0) + 2;
    StringBuilder text = new StringBuilder("usage: ").append(synopsis).append('\n');
    for (String[] row : rows) {
      String indent = "\n" + " ".repeat(width + 2);
      text.append("  ")
          .append(String.format("%-" + width + "s", row[0]))
          .append(row[1].replace("\n", indent))
          .append('\n');
    }
    return footer.isEmpty()
        ? text.toString()
        : text.append(footer.stripTrailing()).append('\n').toString();
  }

  /** Reads {@code args}; problems are collected in the result, nothing is thrown. */
  public Arguments parse(String... args) {
    return parse(List.of(args));
  }

  /** Reads {@code args}; problems are collected in the result, nothing is thrown. */
  public Arguments parse(List<String> args) {
    Arguments parsed = new Arguments(this, defaults());
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--help") || arg.equals("-h")) {
        parsed.askHelp();
        continue;
      }
      if (!arg.startsWith("--")) {
        if (positionals != null) {
          parsed.addPositional(arg);
        } else {
          parsed.error("unexpected argument '" + arg + "'");
        }
        continue;
      }
      int equals = arg.indexOf('=');
      String name = arg.substring(2, equals < 0 ? arg.length() : equals);
      Option option = options.containsKey(name) ? options.get(name) : passedOn.get(name);
      if (option == null) {
        parsed.error("unknown option '--" + name + "'; known: " + known());
        continue;
      }
      String value = null;
      if (option.isFlag()) {
        if (equals >= 0) {
          parsed.error("--" + name + " takes no value");
          continue;
        }
      } else if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        parsed.error("--" + name + " needs a value");
        continue;
      }
      if (options.containsKey(name)) {
        parsed.set(option, value);
      } else {
        parsed.passOn("--" + name, value);
      }
    }
    return parsed;
  }

  Option declared(String name) {
    Option option = options.get(name);
    if (option == null) {
      throw new IllegalArgumentException("--" + name + " is not an option of " + synopsis);
    }
    return option;
  }

  private CommandLine declare(Option option) {
    if (options.putIfAbsent(option.name(), option) != null || option.name().equals("help")) {
      throw new IllegalArgumentException("--" + option.name() + " is declared twice");
    }
    return this;
  }

  private Map<String, String> defaults() {
    Map<String, String> values = new LinkedHashMap<>();
    options.values().stream()
        .filter(o -> o.defaultValue() != null)
        .forEach(o -> values.put("--" + o.name(), o.defaultValue()));
    return values;
  }

  private String known() {
    List<String> names = new ArrayList<>();
    options.keySet().forEach(n -> names.add("--" + n));
    passedOn.keySet().forEach(n -> names.add("--" + n));
    names.add("--help");
    return String.join(", ", names);
  }

  private static String help(Option o) {
    return o.defaultValue() == null ? o.help() : o.help() + " (default " + o.defaultValue() + ")";
  }
}
