package io.tokenlens.streams.errors;

import io.tokenlens.schemas.registry.RegistryReadFailures;
import io.tokenlens.streams.config.StreamsAppConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that cannot be deserialised (not Confluent wire format, bytes that do not decode, a
 * schema id the registry still answers 404 for after {@code streams.unknown.schema.id.wait.ms}) is
 * written to the dead-letter topic of its source topic, within the same transaction, and processing
 * resumes.
 *
 * <p>A record that cannot be deserialised because the schema registry failed (unreachable, 5xx,
 * credentials refused), or whose schema id the registry has answered 404 for only for a shorter
 * time, is no poison: after a backoff the stream thread fails, the job replaces it, the transaction
 * is aborted and the record is read again from the committed offset, until the registry answers.
 * The same holds when the registry fails while its dead letter is written.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
  private final RegistryOutages outages;
  private DeadLetters deadLetters;
  private Duration unknownSchemaIdWait = Duration.ofMinutes(1);

  public DeadLetterDeserializationHandler() {
    this(RegistryOutages.PROCESS);
  }

  DeadLetterDeserializationHandler(RegistryOutages outages) {
    this.outages = outages;
  }

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetters = DeadLetters.fromConfig(configs);
    Object wait = configs.get(StreamsAppConfig.UNKNOWN_SCHEMA_ID_WAIT_MS);
    if (wait != null) {
      unknownSchemaIdWait = Duration.ofMillis(Long.parseLong(wait.toString().trim()));
    }
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception e) {
    if (outages.readAgain(e, unknownSchemaIdWait, System.nanoTime())) {
      return readAgainLater(record, e);
    }
    List<ProducerRecord<byte[], byte[]>> letter;
    try {
      letter =
          deadLetters.record(
              "streams-deserialization",
              record.topic(),
              record.partition(),
              record.offset(),
              record.key(),
              record.value(),
              record.headers(),
              e);
    } catch (RuntimeException registryDown) {
      if (RegistryReadFailures.isRegistryFailure(registryDown)) {
        return readAgainLater(record, registryDown);
      }
      throw registryDown;
    }
    log.warn(
        "Cannot deserialise {}-{}@{} ({}); sending it to {}",
        record.topic(),
        record.partition(),
        record.offset(),
        e.toString(),
        deadLetters.deadLetterTopicFor(record.topic()));
    return Response.resume(letter);
  }

  private Response readAgainLater(ConsumerRecord<byte[], byte[]> record, Exception e) {
    outages.waitBeforeReadingAgain(
        "Cannot deserialise " + record.topic() + "-" + record.partition() + "@" + record.offset(),
        e);
    return Response.fail();
  }
}
