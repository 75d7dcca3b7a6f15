package io.tokenlens.streams.errors;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that cannot be deserialised (not Confluent wire format, unknown schema id, unreadable Avro) is written to
 * the dead-letter topic of its source topic, within the same transaction, and processing resumes.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
  private DeadLetters deadLetters;

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetters = DeadLetters.fromConfig(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception e) {
    log.warn("Cannot deserialise {}-{}@{} ({}); sending it to {}", record.topic(), record.partition(),
        record.offset(), e.toString(), deadLetters.deadLetterTopicFor(record.topic()));
    return Response.resume(deadLetters.record("streams-deserialization", record.topic(), record.partition(),
        record.offset(), record.key(), record.value(), record.headers(), e));
  }
}
