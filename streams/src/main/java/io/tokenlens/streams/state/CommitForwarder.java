package io.tokenlens.streams.state;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;

/**
 * Forwards a processor's records from a task's commit step (a {@link CommitBuffer} handing over its
 * values, or a store's commit hook, {@link BufferedWindowStore#onWrite}), where Kafka Streams is
 * processing no record and no processor is current: as its own caching stores forward a table's
 * changes when they flush, it makes the processor current for the forward, with a record context of
 * no source record (as a punctuation has). The records go out in the transaction being committed.
 * Inside the processor's own {@code process} or punctuation, and with a context that is no task's
 * (a test's mock), it forwards directly.
 *
 * @param <K> the processor's output keys
 * @param <V> the processor's output values
 */
public final class CommitForwarder<K, V> {

  private final ProcessorContext<K, V> context;
  private final ProcessorNode<?, ?, ?, ?> node;

  /** Call from the processor's {@code init}, where Kafka Streams has made it current. */
  public CommitForwarder(ProcessorContext<K, V> context) {
    this.context = context;
    this.node =
        context instanceof InternalProcessorContext<?, ?> internal ? internal.currentNode() : null;
  }

  public void forward(Record<K, V> record) {
    if (node == null
        || !(context instanceof InternalProcessorContext<?, ?> internal)
        || internal.currentNode() == node) {
      context.forward(record);
      return;
    }
    ProcessorNode<?, ?, ?, ?> current = internal.currentNode();
    ProcessorRecordContext recordContext = internal.recordContext();
    internal.setCurrentNode(node);
    internal.setRecordContext(
        new ProcessorRecordContext(record.timestamp(), -1L, -1, null, new RecordHeaders()));
    try {
      context.forward(record);
    } finally {
      internal.setRecordContext(recordContext);
      internal.setCurrentNode(current);
    }
  }
}
