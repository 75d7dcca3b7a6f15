package io.tokenlens.streams.state;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;

/**
 * Forwards records of a processor from outside its {@code process} call: from a {@link CommitBuffer} handing over its
 * values at a commit. Kafka Streams' own caching stores forward from there the same way: the task's context is
 * pointed at the processor's node (which the commit does not do) and at a record context of no input record (as a
 * punctuation has), then put back.
 *
 * @param <K> the keys forwarded
 * @param <V> the values forwarded
 */
public final class CommitForwarder<K, V> {

  private final InternalProcessorContext<K, V> context;
  private final ProcessorNode<?, ?, ?, ?> node;

  /** A forwarder for the processor being initialised with {@code context}. */
  public CommitForwarder(ProcessorContext<K, V> context) {
    if (!(context instanceof InternalProcessorContext<K, V> internal)) {
      throw new IllegalStateException("cannot forward at commit through " + context.getClass().getName());
    }
    this.context = internal;
    this.node = internal.currentNode();
  }

  /** Forwards {@code record} to the processor's children. */
  public void forward(Record<K, V> record) {
    ProcessorNode<?, ?, ?, ?> previousNode = context.currentNode();
    ProcessorRecordContext previousRecord = context.recordContext();
    context.setCurrentNode(node);
    context.setRecordContext(new ProcessorRecordContext(record.timestamp(), -1L, -1, null, new RecordHeaders()));
    try {
      context.forward(record);
    } finally {
      context.setCurrentNode(previousNode);
      context.setRecordContext(previousRecord);
    }
  }
}
