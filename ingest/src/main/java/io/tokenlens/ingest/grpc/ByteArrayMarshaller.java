package io.tokenlens.ingest.grpc;

import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Messages as their bytes, unchanged, for clients that send prepared protobuf (the benchmark, so
 * that it spends no time encoding) or deliberately broken bytes (tests).
 */
public enum ByteArrayMarshaller implements MethodDescriptor.Marshaller<byte[]> {
  INSTANCE;

  @Override
  public InputStream stream(byte[] value) {
    return new ByteArrayInputStream(value);
  }

  @Override
  public byte[] parse(InputStream stream) {
    try (stream) {
      return stream.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a message", e);
    }
  }
}
