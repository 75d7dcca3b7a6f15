package io.tokenlens.streams.rollups;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde for the records of a fan-out: the rollups send one event to the repartition topic once per dimension
 * (up to five records carrying the same value object, one after another), and this serializer encodes the value
 * once and hands the same bytes to the following records of that fan-out, recognised by identity and topic.
 * Values are Avro records that nothing changes after they were forwarded. The memo is one immutable triple
 * behind a volatile field: stream threads sharing the serde at most miss it, never take another value's bytes.
 */
public final class FanOutSerde<T> implements Serde<T> {

  private final Serde<T> inner;
  private final Serializer<T> serializer;

  public FanOutSerde(Serde<T> inner) {
    this.inner = inner;
    this.serializer = new MemoSerializer<>(inner.serializer());
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return inner.deserializer();
  }

  /** The last value, its topic and its bytes. */
  private record Memo(Object value, String topic, byte[] bytes) {}

  private static final class MemoSerializer<T> implements Serializer<T> {
    private final Serializer<T> inner;
    private volatile Memo last;

    MemoSerializer(Serializer<T> inner) {
      this.inner = inner;
    }

    @Override
    public byte[] serialize(String topic, T value) {
      return serialize(topic, null, value);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T value) {
      Memo m = last;
      if (value != null && m != null && m.value() == value && m.topic().equals(topic)) {
        return m.bytes();
      }
      byte[] bytes = headers == null ? inner.serialize(topic, value) : inner.serialize(topic, headers, value);
      last = value == null ? null : new Memo(value, topic, bytes);
      return bytes;
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
