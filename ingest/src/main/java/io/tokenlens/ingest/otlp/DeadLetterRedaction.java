package io.tokenlens.ingest.otlp;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.tokenlens.ingest.Hashes;
import java.util.Set;

/**
 * Makes a rejected OTLP item fit for a dead-letter topic, which more people read, for longer, than
 * the item's own topic: the value of every attribute that can carry what a person typed or a tool
 * was given (prompt text, tool parameters, GenAI messages) is replaced by {@code sha256:<hex>} of
 * its encoded value, wherever it appears (resource, scope, record, span event). Equal texts keep
 * equal hashes, so a dead letter can still be matched to its siblings.
 */
final class DeadLetterRedaction {
  /** Attribute keys whose values are never dead-lettered as they are. */
  static final Set<String> SENSITIVE_KEYS =
      Set.of(
          "prompt",
          "tool_parameters",
          "tool_input",
          "tool_output",
          "gen_ai.prompt",
          "gen_ai.completion",
          "gen_ai.input.messages",
          "gen_ai.output.messages",
          "gen_ai.system_instructions",
          "gen_ai.tool.call.arguments",
          "gen_ai.tool.call.result");

  private DeadLetterRedaction() {}

  /**
   * {@code payload}, an encoded message of {@code prototype}'s type, with sensitive attribute
   * values hashed.
   */
  static byte[] redact(Message prototype, byte[] payload) {
    try {
      return redact(prototype.getParserForType().parseFrom(payload)).toByteArray();
    } catch (InvalidProtocolBufferException e) {
      return new byte
          [0]; // never the case for a payload the mapper encoded; keep nothing rather than raw
      // bytes
    }
  }

  private static Message redact(Message message) {
    if (message instanceof KeyValue kv) {
      return SENSITIVE_KEYS.contains(kv.getKey())
          ? kv.toBuilder()
              .setValue(
                  AnyValue.newBuilder()
                      .setStringValue("sha256:" + Hashes.sha256Hex(kv.getValue().toByteArray())))
              .build()
          : kv;
    }
    Message.Builder builder = null;
    for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
      if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      if (field.isRepeated()) {
        for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
          Message child = (Message) message.getRepeatedField(field, i);
          Message redacted = redact(child);
          if (redacted != child) {
            builder = builder == null ? message.toBuilder() : builder;
            builder.setRepeatedField(field, i, redacted);
          }
        }
      } else if (message.hasField(field)) {
        Message child = (Message) message.getField(field);
        Message redacted = redact(child);
        if (redacted != child) {
          builder = builder == null ? message.toBuilder() : builder;
          builder.setField(field, redacted);
        }
      }
    }
    return builder == null ? message : builder.build();
  }
}
