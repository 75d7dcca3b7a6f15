package io.tokenlens.streams.errors;

import io.tokenlens.schemas.registry.RegistryReadFailures;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose processing throws is written, as read from its source topic (raw key and value),
 * to that topic's dead-letter topic within the same transaction, and processing resumes with the
 * next record.
 *
 * <p>A processor that throws because the schema registry failed (unreachable, 5xx, credentials
 * refused: a state store or an output value whose schema id the job has not resolved yet), or a
 * registry failure while the dead letter is written, is no fault of the record: as for reading
 * ({@link DeadLetterDeserializationHandler}), the stream thread fails after a backoff and the
 * record is processed again from the committed offset once the registry answers.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);
  private final RegistryOutages outages;
  private DeadLetters deadLetters;

  public DeadLetterProcessingHandler() {
    this(RegistryOutages.PROCESS);
  }

  DeadLetterProcessingHandler(RegistryOutages outages) {
    this.outages = outages;
  }

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetters = DeadLetters.fromConfig(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception e) {
    if (RegistryReadFailures.isRegistryFailure(e)) {
      return processAgainLater(context, e);
    }
    boolean fromSource = context.topic() != null;
    List<ProducerRecord<byte[], byte[]>> letter;
    try {
      letter =
          deadLetters.record(
              "streams-" + context.processorNodeId(),
              context.topic(),
              fromSource ? context.partition() : null,
              fromSource ? context.offset() : null,
              context.sourceRawKey(),
              context.sourceRawValue(),
              context.headers(),
              e);
    } catch (RuntimeException registryDown) {
      if (RegistryReadFailures.isRegistryFailure(registryDown)) {
        return processAgainLater(context, registryDown);
      }
      throw registryDown;
    }
    log.warn(
        "Processor {} failed on {}-{}@{} ({}); sending it to {}",
        context.processorNodeId(),
        context.topic(),
        context.partition(),
        context.offset(),
        e.toString(),
        deadLetters.deadLetterTopicFor(context.topic()));
    return Response.resume(letter);
  }

  private Response processAgainLater(ErrorHandlerContext context, Exception e) {
    outages.waitBeforeReadingAgain(
        "Processor "
            + context.processorNodeId()
            + " failed on "
            + context.topic()
            + "-"
            + context.partition()
            + "@"
            + context.offset(),
        e);
    return Response.fail();
  }
}
