package io.tokenlens.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker daemon runs where the project is built, so docker-compose.yml is checked structurally:
 * the services exist, images are pinned (and the same as the test kit's), ports bind to loopback,
 * every long-running service has a healthcheck and waits for healthy dependencies (one-shot
 * services, {@code restart: "no"}, are waited for until they completed successfully), and the
 * tokenlens services run the build's output mounted read-only.
 */
class DockerComposeFileTest {
  private static Map<String, Map<String, Object>> services;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void parse() throws Exception {
    Path file = Path.of("..", "docker-compose.yml");
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Map<String, Object> compose = new Yaml().load(reader);
      services = (Map<String, Map<String, Object>>) compose.get("services");
    }
  }

  @Test
  void shouldDeclareKafkaTheRegistryAndClickHouse() {
    assertThat(services).containsKeys("kafka", "schema-registry", "clickhouse");
  }

  @Test
  void shouldDeclareTheTopicProvisioningAndTheTokenlensServices() {
    assertThat(services).containsKeys("topics", "ingest", "streams", "sink", "notifier");
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldMountTheBuildReadOnlyIntoTheTokenlensServices() {
    for (String name : List.of("topics", "ingest", "streams", "sink", "notifier")) {
      List<String> volumes = (List<String>) services.get(name).get("volumes");
      assertThat(volumes).as(name + " volumes").contains(".:/opt/tokenlens:ro");
      assertThat(services.get(name).get("image"))
          .as(name + " image")
          .asString()
          .startsWith("eclipse-temurin:");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldRunGrafanaWithThePinnedClickHousePluginAndTheProvisioningMountedReadOnly() {
    Map<String, Object> grafana = services.get("grafana");
    assertThat(grafana).as("grafana service").isNotNull();
    assertThat((String) grafana.get("image")).startsWith("grafana/grafana:");
    Map<String, Object> environment = (Map<String, Object>) grafana.get("environment");
    assertThat(environment.get("GF_PLUGINS_PREINSTALL_SYNC"))
        .asString()
        .matches("grafana-clickhouse-datasource@[0-9]+\\.[0-9]+\\.[0-9]+");
    List<String> volumes = (List<String>) grafana.get("volumes");
    assertThat(volumes)
        .contains(
            "./report/grafana/provisioning:/etc/grafana/provisioning:ro",
            "./report/grafana/dashboards:/var/lib/grafana/dashboards/tokenlens:ro");
    assertThat(volumes)
        .filteredOn(v -> v.startsWith("./"))
        .allSatisfy(
            v ->
                assertThat(Path.of("..", v.substring(2, v.indexOf(':'))))
                    .as("mounted from the repository")
                    .isDirectory());
    assertThat((Map<String, Object>) grafana.get("depends_on"))
        .containsOnlyKeys("clickhouse", "sink");
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldLetNoAnonymousIntoGrafanaAndReadClickHouseAsTheReader() throws Exception {
    Map<String, Object> environment =
        (Map<String, Object>) services.get("grafana").get("environment");
    assertThat(environment.get("GF_AUTH_ANONYMOUS_ENABLED")).isEqualTo("false");
    assertThat(environment).doesNotContainKey("GF_AUTH_ANONYMOUS_ORG_ROLE");
    assertThat(environment.get("GF_SECURITY_ADMIN_PASSWORD"))
        .isEqualTo("${GF_SECURITY_ADMIN_PASSWORD:-}");
    assertThat(environment.get("TOKENLENS_CLICKHOUSE_READER_USER")).isEqualTo("tokenlens_reader");
    Map<String, Object> datasources;
    try (Reader reader =
        Files.newBufferedReader(
            Path.of("..", "report", "grafana", "provisioning", "datasources", "clickhouse.yml"),
            StandardCharsets.UTF_8)) {
      datasources = new Yaml().load(reader);
    }
    Map<String, Object> datasource =
        ((List<Map<String, Object>>) datasources.get("datasources")).get(0);
    assertThat(((Map<String, Object>) datasource.get("jsonData")).get("username"))
        .isEqualTo("$TOKENLENS_CLICKHOUSE_READER_USER");
    assertThat(((Map<String, Object>) datasource.get("secureJsonData")).get("password"))
        .isEqualTo("$TOKENLENS_CLICKHOUSE_READER_PASSWORD");
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldMigrateAsDefaultAndInsertAsTheSinksOwnUser() {
    Map<String, Object> environment = (Map<String, Object>) services.get("sink").get("environment");
    assertThat(environment)
        .containsEntry("TOKENLENS_CLICKHOUSE_MIGRATIONS_USER", "default")
        .containsEntry("TOKENLENS_CLICKHOUSE_USER", "tokenlens_sink")
        .containsEntry("TOKENLENS_CLICKHOUSE_PASSWORD", "${TOKENLENS_CLICKHOUSE_PASSWORD:-}")
        .containsEntry("TOKENLENS_CLICKHOUSE_READER_USER", "tokenlens_reader")
        .containsEntry(
            "TOKENLENS_CLICKHOUSE_READER_PASSWORD", "${TOKENLENS_CLICKHOUSE_READER_PASSWORD:-}");
  }

  @Test
  void shouldPinEveryImageToAVersionTag() {
    assertThat(services.values())
        .allSatisfy(
            service -> {
              String image = (String) service.get("image");
              assertThat(image)
                  .as("image")
                  .isNotNull()
                  .matches(".+:[0-9][0-9A-Za-z._\\-]*$")
                  .doesNotEndWith(":latest");
            });
  }

  @Test
  void shouldUseTheSameImagesAsTheTestKit() {
    assertThat(services.get("kafka").get("image")).isEqualTo(ContainerStack.KAFKA_IMAGE);
    assertThat(services.get("schema-registry").get("image"))
        .isEqualTo(ContainerStack.REGISTRY_IMAGE);
    assertThat(services.get("clickhouse").get("image")).isEqualTo(ContainerStack.CLICKHOUSE_IMAGE);
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldBindPublishedPortsToLoopbackOnly() {
    assertThat(services.values())
        .allSatisfy(
            service -> {
              List<String> ports = (List<String>) service.getOrDefault("ports", List.of());
              assertThat(ports).allSatisfy(p -> assertThat(p).startsWith("127.0.0.1:"));
            });
  }

  @Test
  void shouldHealthcheckEveryLongRunningService() {
    services.forEach(
        (name, service) -> {
          if (!isOneShot(service)) {
            assertThat(service).as(name).containsKey("healthcheck");
          }
        });
  }

  private static boolean isOneShot(Map<String, Object> service) {
    return "no".equals(service.get("restart"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldStartOnlyAfterDependenciesAreHealthy() {
    services.forEach(
        (name, service) -> {
          Object dependsOn = service.get("depends_on");
          if (dependsOn != null) {
            assertThat(dependsOn)
                .as(name + " depends_on uses the long form")
                .isInstanceOf(Map.class);
            ((Map<String, Map<String, Object>>) dependsOn)
                .forEach(
                    (dep, cond) -> {
                      assertThat(services).containsKey(dep);
                      assertThat(cond)
                          .as(name + " waits for " + dep)
                          .containsEntry(
                              "condition",
                              isOneShot(services.get(dep))
                                  ? "service_completed_successfully"
                                  : "service_healthy");
                    });
          }
        });
  }
}
