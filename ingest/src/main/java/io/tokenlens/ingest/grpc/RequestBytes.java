package io.tokenlens.ingest.grpc;

import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request message as its bytes, or the status it failed with while being read. The OTLP services
 * decode the bytes themselves so an undecodable message is answered {@code INVALID_ARGUMENT} naming
 * the problem, and a message over the size limit (grpc-java checks the decompressed size while it
 * is read) {@code RESOURCE_EXHAUSTED}; a marshaller failing inside grpc-java would surface as
 * {@code UNKNOWN}.
 *
 * @param bytes the message; null when reading failed
 * @param failure why reading failed; null when it did not
 */
record RequestBytes(byte[] bytes, Status failure) {

  /** Reads request messages for the server; writes them for a client. */
  static final MethodDescriptor.Marshaller<RequestBytes> MARSHALLER =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(RequestBytes value) {
          return new ByteArrayInputStream(value.bytes());
        }

        @Override
        public RequestBytes parse(InputStream stream) {
          try (stream) {
            return new RequestBytes(stream.readAllBytes(), null);
          } catch (StatusRuntimeException e) {
            return new RequestBytes(null, e.getStatus());
          } catch (IOException e) {
            return new RequestBytes(
                null,
                Status.INVALID_ARGUMENT.withDescription(
                    "cannot read the message: " + e.getMessage()));
          }
        }
      };
}
