package io.tokenlens.simulator.wire;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.List;

/** OTLP attribute lists; null values are left out, as SDKs do. */
final class OtlpAttributes {
  private final List<KeyValue> values = new ArrayList<>();

  OtlpAttributes string(String key, String value) {
    if (value != null) {
      values.add(
          KeyValue.newBuilder()
              .setKey(key)
              .setValue(AnyValue.newBuilder().setStringValue(value))
              .build());
    }
    return this;
  }

  /** Claude Code sends its numbers as strings. */
  OtlpAttributes number(String key, Number value) {
    return value == null ? this : string(key, value.toString());
  }

  OtlpAttributes integer(String key, Long value) {
    if (value != null) {
      values.add(
          KeyValue.newBuilder()
              .setKey(key)
              .setValue(AnyValue.newBuilder().setIntValue(value))
              .build());
    }
    return this;
  }

  List<KeyValue> build() {
    return List.copyOf(values);
  }
}
