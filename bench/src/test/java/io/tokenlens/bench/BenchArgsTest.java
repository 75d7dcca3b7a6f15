package io.tokenlens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.config.Arguments;
import io.tokenlens.schemas.config.CommandLine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchArgsTest {

  private static final CommandLine BENCH =
      CommandLine.command("bench thing").option("config", "FILE", "extra properties");

  @Test
  void anExistingFileIsTakenAndAnAbsentOptionIsEmpty(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("extra.properties"), "a=1");

    Arguments given = BENCH.parse("--config", file.toString());
    Arguments absent = BENCH.parse();

    assertThat(BenchArgs.existingFile(given, "config")).contains(file);
    assertThat(BenchArgs.existingFile(absent, "config")).isEmpty();
    assertThat(given.errors()).isEmpty();
    assertThat(absent.errors()).isEmpty();
  }

  @Test
  void aMissingFileIsAProblemNamingTheOption() {
    Arguments args = BENCH.parse("--config", "/nonexistent/extra.properties");

    BenchArgs.existingFile(args, "config");

    assertThat(args.errors())
        .containsExactly("--config names no readable file: /nonexistent/extra.properties");
  }
}
