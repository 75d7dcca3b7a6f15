package io.tokenlens.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One registry instance backed by Kafka. {@link #start} returns once it serves: the topic exists,
 * the log was read to its end, the writer election settled (or timed out, logged) and HTTP answers.
 * {@link #close} stops in reverse order: HTTP, the writer lease (leaving the group hands the role
 * to another instance at once), the log reader.
 */
public final class SchemaRegistryServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SchemaRegistryServer.class);

  private final RegistryConfig config;
  private final Admin admin;
  private final KafkaSchemaLog schemaLog;
  private final WriterElection election;
  private final RegistryHttpServer http;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SchemaRegistryServer(
      RegistryConfig config,
      Admin admin,
      KafkaSchemaLog schemaLog,
      WriterElection election,
      RegistryHttpServer http) {
    this.config = config;
    this.admin = admin;
    this.schemaLog = schemaLog;
    this.election = election;
    this.http = http;
  }

  /** Starts an instance; on failure everything started so far is stopped again. */
  public static SchemaRegistryServer start(RegistryConfig config) {
    String instanceId = UUID.randomUUID().toString();
    Map<String, Object> adminProps = new HashMap<>(config.kafkaProperties());
    adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, "schema-registry-admin-" + instanceId);
    Admin admin = Admin.create(adminProps);
    KafkaSchemaLog schemaLog = null;
    WriterElection election = null;
    RegistryHttpServer http = null;
    try {
      new TopicProvisioner(admin, config.initTimeout()).ensure(config.topic());
      RegistryState state = new RegistryState();
      schemaLog = new KafkaSchemaLog(config, admin, state, instanceId);
      schemaLog.start();
      schemaLog.readToEnd(config.initTimeout());
      log.info(
          "Read schema topic {} to its end: {} subjects, highest id {}",
          config.topic(),
          state.subjects(true, false).size(),
          state.maxId());

      election = new WriterElection(config, schemaLog, state, instanceId);
      RegistryService service = new RegistryService(state, schemaLog);
      http = new RegistryHttpServer(config, service, schemaLog, election, instanceId);
      String advertised = config.advertisedUrl().orElse(http.url().toString());
      election.start(advertised);
      if (!election.awaitSettled(config.initTimeout())) {
        log.warn(
            "The writer election for {} did not settle within {} ms; serving reads, writes"
                + " wait for it",
            config.topic(),
            config.initTimeout().toMillis());
      }
      http.start();
      log.info(
          "Schema registry serving at {} (topic {}, {})",
          http.url(),
          config.topic(),
          election.isWriter() ? "writer" : "follower: forwards writes to the writer");
      return new SchemaRegistryServer(config, admin, schemaLog, election, http);
    } catch (IOException e) {
      stopQuietly(http, election, schemaLog, closing(admin));
      throw new UncheckedIOException("cannot bind " + config.host() + ":" + config.port(), e);
    } catch (RuntimeException e) {
      stopQuietly(http, election, schemaLog, closing(admin));
      throw e;
    }
  }

  /** The base address of the REST API. */
  public URI url() {
    return http.url();
  }

  public int port() {
    return http.port();
  }

  /** Whether this instance holds the writer role now. */
  public boolean isWriter() {
    return election.isWriter();
  }

  public RegistryConfig config() {
    return config;
  }

  /** Stops this instance; later calls do nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stopQuietly(http, election, schemaLog, closing(admin));
    log.info("Schema registry at {} stopped", http.url());
  }

  /** Closes the admin client without waiting for requests Kafka never answered. */
  private static AutoCloseable closing(Admin admin) {
    return () -> admin.close(Duration.ofSeconds(5));
  }

  private static void stopQuietly(AutoCloseable... parts) {
    for (AutoCloseable part : parts) {
      if (part == null) {
        continue;
      }
      try {
        part.close();
      } catch (Exception e) {
        log.warn("Stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
