package io.tokenlens.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * What one test class gets: the stack's addresses, a unique topic prefix and its own ClickHouse
 * database (created before the class, dropped after it, with the topics of its prefix).
 */
public final class StackScope {
  private final StackEndpoints endpoints;
  private final String name;

  StackScope(StackEndpoints endpoints, String name) {
    this.endpoints = endpoints;
    this.name = name;
  }

  public StackEndpoints endpoints() {
    return endpoints;
  }

  public String bootstrapServers() {
    return endpoints.kafkaBootstrapServers();
  }

  /** The schema registry URL; fails with a clear message when the stack has no registry. */
  public String schemaRegistryUrl() {
    return endpoints
        .schemaRegistryUrl()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the test stack ("
                        + endpoints.origin()
                        + ") has no schema registry; set "
                        + EnvironmentStack.REGISTRY
                        + " or start it with ./tokenlens up"));
  }

  /** Unique per test class, e.g. {@code smokeit-1a2b3c.}; use it for every topic and group. */
  public String topicPrefix() {
    return name + ".";
  }

  public String topic(String topic) {
    return topicPrefix() + topic;
  }

  /** This class's own ClickHouse database. */
  public String database() {
    return name;
  }

  /** JDBC URL pointing at {@link #database()}. */
  public String clickhouseJdbcUrl() {
    return ClickHouseUrls.withDatabase(endpoints.clickhouseJdbcUrl(), database());
  }

  public Connection openClickHouse() throws SQLException {
    return DriverManager.getConnection(clickhouseJdbcUrl());
  }

  /** Client configuration with {@code bootstrap.servers} set, to extend per client. */
  public Map<String, Object> kafkaConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return config;
  }

  /** Creates topics (names without the prefix) and returns their full names. */
  public List<String> createTopics(int partitions, String... topics) {
    List<String> names = Arrays.stream(topics).map(this::topic).toList();
    try (Admin admin = Admin.create(kafkaConfig())) {
      admin
          .createTopics(names.stream().map(n -> new NewTopic(n, partitions, (short) 1)).toList())
          .all()
          .get(30, TimeUnit.SECONDS);
      // a producer writing before the broker serves the new partitions can be refused with
      // NOT_LEADER and
      // then, as an idempotent producer, keep failing with OUT_OF_ORDER_SEQUENCE_NUMBER: wait for
      // leaders
      Waits.until(
          "leaders of the partitions of " + names,
          Waits.SHORT,
          () -> {
            var described = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            return described.values().stream()
                .flatMap(d -> d.partitions().stream())
                .filter(p -> p.leader() != null && !p.leader().isEmpty())
                .count();
          },
          n -> n == (long) partitions * names.size());
      return names;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating topics " + names, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "could not create topics " + names + ": " + e.getMessage(), e);
    }
  }

  void createDatabase() throws SQLException {
    try (Connection c = DriverManager.getConnection(endpoints.clickhouseJdbcUrl());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE IF NOT EXISTS " + database());
    }
  }

  void dropDatabaseAndTopics() throws Exception {
    try (Connection c = DriverManager.getConnection(endpoints.clickhouseJdbcUrl());
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database());
    }
    try (Admin admin = Admin.create(kafkaConfig())) {
      Set<String> ours =
          admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
              .filter(t -> t.startsWith(topicPrefix()))
              .collect(Collectors.toSet());
      if (!ours.isEmpty()) {
        admin.deleteTopics(ours).all().get(30, TimeUnit.SECONDS);
      }
    }
  }
}
