package io.tokenlens.schemas.config;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The command line of a long-running service ({@code streams}, {@code sink}, the alert notifier):
 * at most one argument, a properties file that stands for the service's {@code ..._CONFIG}
 * environment variable; every setting comes from the configuration layers ({@link ConfigLayers}).
 */
public final class ServiceCommandLine {

  private final CommandLine commandLine;
  private final String fileVariable;

  private ServiceCommandLine(String command, String fileVariable) {
    this.commandLine =
        CommandLine.command(command + " [FILE]")
            .positionals(
                "FILE",
                "a properties file, as "
                    + fileVariable
                    + " names one; see docs/configuration.md for every key");
    this.fileVariable = fileVariable;
  }

  /** The command line of {@code command}, whose file {@code fileVariable} also names. */
  public static ServiceCommandLine of(String command, String fileVariable) {
    return new ServiceCommandLine(command, fileVariable);
  }

  public String usage() {
    return commandLine.usage();
  }

  /**
   * {@code env} with the file variable set to the FILE of {@code args}, if given.
   *
   * @throws CommandLineException when {@code args} name an option or more than one file
   */
  public Map<String, String> environment(String[] args, Map<String, String> env) {
    Arguments parsed = commandLine.parse(args);
    if (parsed.positionals().size() > 1) {
      parsed.error("one properties file at most, not " + parsed.positionals());
    }
    parsed.throwIfInvalid();
    Map<String, String> layered = new HashMap<>(env);
    parsed.positionals().forEach(file -> layered.put(fileVariable, file));
    return layered;
  }

  /**
   * What a service's {@code main} does with its arguments: prints the usage and exits 0 for {@code
   * --help}, prints the problems and exits 2 for anything else but one file, else returns the
   * {@linkplain #environment environment} to read the configuration from.
   */
  public Map<String, String> environmentOrExit(
      String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (commandLine.parse(args).help()) {
      out.print(usage());
      System.exit(0);
    }
    try {
      return environment(args, env);
    } catch (CommandLineException e) {
      err.println(e.getMessage());
      System.exit(2);
      throw e;
    }
  }
}
