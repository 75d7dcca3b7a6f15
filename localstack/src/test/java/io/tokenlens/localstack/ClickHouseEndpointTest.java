package io.tokenlens.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.clickhouse.ClickHouseAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClickHouseEndpointTest {

  @Test
  void shouldStartTheEndpointWithTheSinkAndReaderUsersOfTheConfiguredPasswords(@TempDir Path dir)
      throws Exception {
    StackSettings settings =
        StackSettings.fromEnvironment(
            dir,
            Map.of(
                "TOKENLENS_HOME",
                dir.toString(),
                "TOKENLENS_CLICKHOUSE_READER_PASSWORD",
                "reader-pw-from-env"));
    ClickHouseEndpoint endpoint = new ClickHouseEndpoint(settings);
    Files.createDirectories(endpoint.directory());
    endpoint.writeAccessFile();

    assertThat(endpoint.command())
        .containsSequence("--access-file", endpoint.accessFile().toString());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(endpoint.accessFile())))
        .isEqualTo("rw-------");
    String json = Files.readString(endpoint.accessFile());
    assertThat(json)
        .contains("\"GRANT SELECT ON default.*\"", "\"GRANT INSERT ON default.token_usage\"")
        .contains(
            ClickHouseAccess.sha256Hex("reader-pw-from-env"),
            ClickHouseAccess.sha256Hex("tokenlens-sink-local"))
        .doesNotContain("reader-pw-from-env");
  }
}
