package io.tokenlens.streams.errors;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose processing throws is written, as read from its source topic (raw key and value),
 * to that topic's dead-letter topic within the same transaction, and processing resumes with the
 * next record.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);
  private DeadLetters deadLetters;

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetters = DeadLetters.fromConfig(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception e) {
    log.warn(
        "Processor {} failed on {}-{}@{} ({}); sending it to {}",
        context.processorNodeId(),
        context.topic(),
        context.partition(),
        context.offset(),
        e.toString(),
        deadLetters.deadLetterTopicFor(context.topic()));
    boolean fromSource = context.topic() != null;
    return Response.resume(
        deadLetters.record(
            "streams-" + context.processorNodeId(),
            context.topic(),
            fromSource ? context.partition() : null,
            fromSource ? context.offset() : null,
            context.sourceRawKey(),
            context.sourceRawValue(),
            context.headers(),
            e));
  }
}
