package io.tokenlens.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceSecretsTest {
  @TempDir Path dir;

  @Test
  void shouldGenerateDistinctSecretsOnceAndKeepThemForTheNextRun() throws Exception {
    Path file = dir.resolve("data/services.secrets");

    ServiceSecrets first = ServiceSecrets.loadOrCreate(file);
    ServiceSecrets second = ServiceSecrets.loadOrCreate(file);

    assertThat(first.apiKey())
        .hasSize(48)
        .isNotEqualTo(first.githubSecret())
        .isNotEqualTo(first.pagerdutySecret());
    assertThat(second).isEqualTo(first);
  }

  @Test
  void shouldKeepTheSecretsReadableByTheOwnerOnly() throws Exception {
    Path file = dir.resolve("services.secrets");

    ServiceSecrets.loadOrCreate(file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void shouldReplaceAnIncompleteFile() throws Exception {
    Path file = dir.resolve("services.secrets");
    Files.writeString(file, "api.key=only-this\n");

    ServiceSecrets secrets = ServiceSecrets.loadOrCreate(file);

    assertThat(secrets.apiKey()).isNotEqualTo("only-this");
    assertThat(secrets.githubSecret()).isNotBlank();
  }

  @Test
  void shouldNeverPrintTheSecrets() throws Exception {
    ServiceSecrets secrets = ServiceSecrets.loadOrCreate(dir.resolve("services.secrets"));

    assertThat(secrets.toString()).doesNotContain(secrets.apiKey()).contains("redacted");
  }
}
