package io.tokenlens.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dispatch table of the {@code ./tokenlens} script: every row names what exists. */
class LauncherScriptTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern TABLE = Pattern.compile("(?s)\nCOMMANDS='\n(.*?)\n'\n");

  /**
   * One row: command, subcommand, function, module, main class, first argument, the other modules.
   */
  private record Row(
      String command,
      String sub,
      String function,
      String module,
      String main,
      String first,
      List<String> needs) {
    static Row parse(String line) {
      String[] f = line.trim().split("\\s+");
      return new Row(f[0], f[1], f[2], f[3], f[4], f[5], Arrays.asList(f).subList(6, f.length));
    }
  }

  private static String script() throws IOException {
    return Files.readString(ROOT.resolve("tokenlens"), StandardCharsets.UTF_8);
  }

  private static List<Row> rows() throws IOException {
    Matcher m = TABLE.matcher(script());
    assertThat(m.find()).as("the COMMANDS table of ./tokenlens").isTrue();
    List<Row> rows = new ArrayList<>();
    for (String line : m.group(1).split("\n")) {
      if (!line.isBlank()) {
        rows.add(Row.parse(line));
      }
    }
    return rows;
  }

  @Test
  void shouldRunEveryCommandOfTheUsageThroughTheTableOrTheLauncher() throws IOException {
    List<String> commands = rows().stream().map(Row::command).toList();
    List<String> launcherCommands = List.of("up", "status", "down", "env");

    Matcher usage = Pattern.compile("(?m)^#   \\./tokenlens ([a-z]+)").matcher(script());
    List<String> documented = new ArrayList<>();
    while (usage.find()) {
      documented.add(usage.group(1));
    }

    assertThat(documented)
        .isNotEmpty()
        .allSatisfy(
            c ->
                assertThat(commands.contains(c) || launcherCommands.contains(c))
                    .as("./tokenlens %s", c)
                    .isTrue());
  }

  @Test
  void shouldNameAFunctionOfTheScriptAndModulesThatExistInEveryRow() throws IOException {
    String script = script();
    List<Row> rows = rows();

    assertThat(rows)
        .isNotEmpty()
        .allSatisfy(
            row -> {
              assertThat(script)
                  .as("function of %s %s", row.command(), row.sub())
                  .contains("\n" + row.function() + "() {");
              if (!row.module().equals("-")) {
                assertThat(ROOT.resolve(row.module()).resolve("pom.xml")).exists();
                String source = row.main().replace('.', '/') + ".java";
                assertThat(
                        List.of(
                            ROOT.resolve(row.module()).resolve("src/main/java").resolve(source),
                            ROOT.resolve(row.module()).resolve("src/test/java").resolve(source)))
                    .as("main class of %s %s", row.command(), row.sub())
                    .anyMatch(Files::exists);
              }
              row.needs().stream()
                  .filter(n -> !n.equals("-"))
                  .forEach(
                      n ->
                          assertThat(ROOT.resolve(n).resolve("pom.xml"))
                              .as("module %s", n)
                              .exists());
            });
  }

  @Test
  void shouldGiveEachCommandAndSubcommandOneRow() throws IOException {
    List<String> keys = rows().stream().map(r -> r.command() + " " + r.sub()).toList();

    assertThat(keys).doesNotHaveDuplicates();
  }

  @Test
  void shouldRunEveryBenchmarkFromTheBenchModuleAndNameItInTheBenchUsage() throws IOException {
    List<Row> benchmarks =
        rows().stream().filter(r -> r.command().equals("bench") && !r.sub().equals("-")).toList();
    Matcher usage = Pattern.compile("usage: \\./tokenlens bench ([a-z |]+)").matcher(script());
    assertThat(usage.find()).as("the usage of ./tokenlens bench").isTrue();

    assertThat(benchmarks).extracting(Row::sub).contains("ingest", "streams", "sink", "pipeline");
    assertThat(benchmarks)
        .allSatisfy(
            row -> {
              assertThat(row.module()).as("module of bench %s", row.sub()).isEqualTo("bench");
              assertThat(row.main())
                  .as("main class of bench %s", row.sub())
                  .startsWith("io.tokenlens.bench.");
              assertThat(List.of(usage.group(1).split("[ |]+")))
                  .as("the bench usage")
                  .contains(row.sub());
            });
  }

  @Test
  void shouldKeepBenchmarkCodeOutOfTheProductionModules() throws IOException {
    for (String module : List.of("ingest", "streams", "sink")) {
      try (var files = Files.walk(ROOT.resolve(module).resolve("src"))) {
        assertThat(
                files
                    .filter(
                        f ->
                            f.getFileName()
                                    .toString()
                                    .matches(".*(Benchmark|BulkLoadComparison)\\.java")
                                || f.toString().contains("/bench/"))
                    .toList())
            .as("benchmark code in %s", module)
            .isEmpty();
      }
    }
  }

  @Test
  void shouldBeValidBash() throws Exception {
    Process bash =
        new ProcessBuilder("bash", "-n", ROOT.resolve("tokenlens").toString())
            .redirectErrorStream(true)
            .start();
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
    assertThat(bash.exitValue()).isZero();
  }
}
