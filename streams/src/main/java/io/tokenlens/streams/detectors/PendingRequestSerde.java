package io.tokenlens.streams.detectors;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A {@link PendingRequest} as a format version byte, its time (8 bytes), then its session,
 * engineer, team and repository each as a presence byte and modified UTF-8, then its sample as a
 * presence byte and its input and output tokens and cost (8 bytes each): tens of bytes instead of
 * the whole {@code TokenUsage}. Format 1, without the sample, is still read.
 */
final class PendingRequestSerde implements Serde<PendingRequest> {

  static final byte VERSION = 2;
  private static final byte WITHOUT_SAMPLE = 1;

  @Override
  public Serializer<PendingRequest> serializer() {
    return (topic, request) -> {
      if (request == null) {
        return null;
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeByte(VERSION);
        out.writeLong(request.time());
        for (String field :
            new String[] {
              request.sessionId(), request.engineerId(), request.team(), request.repository()
            }) {
          out.writeBoolean(field != null);
          if (field != null) {
            out.writeUTF(field);
          }
        }
        Sample sample = request.sample();
        out.writeBoolean(sample != null);
        if (sample != null) {
          out.writeLong(sample.inputTokens());
          out.writeLong(sample.outputTokens());
          out.writeDouble(sample.costUsd());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bytes.toByteArray();
    };
  }

  @Override
  public Deserializer<PendingRequest> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
        byte version = in.readByte();
        if (version != VERSION && version != WITHOUT_SAMPLE) {
          throw new IllegalStateException(
              "pending request of format "
                  + version
                  + ", this version reads "
                  + WITHOUT_SAMPLE
                  + " and "
                  + VERSION);
        }
        PendingRequest request =
            new PendingRequest(in.readLong(), field(in), field(in), field(in), field(in));
        return version == WITHOUT_SAMPLE || !in.readBoolean()
            ? request
            : request.with(new Sample(in.readLong(), in.readLong(), in.readDouble()));
      } catch (IOException e) {
        throw new IllegalStateException(
            "a truncated pending request of " + bytes.length + " bytes", e);
      }
    };
  }

  private static String field(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
