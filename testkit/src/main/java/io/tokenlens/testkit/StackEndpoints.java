package io.tokenlens.testkit;

import java.util.Optional;

/**
 * Where the stack's services answer.
 *
 * @param kafkaBootstrapServers Kafka {@code bootstrap.servers}
 * @param schemaRegistryUrl Confluent-compatible schema registry base URL, when the stack has one
 * @param clickhouseJdbcUrl JDBC URL of ClickHouse for the official {@code clickhouse-jdbc} driver
 * @param origin how the stack was found, for test logs ("environment", "testcontainers", ...)
 */
public record StackEndpoints(
    String kafkaBootstrapServers,
    Optional<String> schemaRegistryUrl,
    String clickhouseJdbcUrl,
    String origin) {}
