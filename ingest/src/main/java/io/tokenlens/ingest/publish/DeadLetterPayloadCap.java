package io.tokenlens.ingest.publish;

import io.tokenlens.ingest.Hashes;
import io.tokenlens.ingest.config.IngestConfig;
import java.util.Map;

/**
 * Keeps a dead letter within its topic's {@code max.message.bytes}: a (redacted) payload larger
 * than {@code ingest.dead.letter.max.payload.bytes} is left out, and the dead letter's headers say
 * so and carry the payload's SHA-256, so the item can still be matched to its siblings.
 *
 * @param maxBytes largest payload kept ({@code ingest.dead.letter.max.payload.bytes})
 */
public record DeadLetterPayloadCap(long maxBytes) {
  /**
   * The payload to dead-letter: {@code payload} itself, or nothing, noted in {@code headers}, when
   * too large.
   */
  public byte[] fit(byte[] payload, Map<String, String> headers) {
    if (payload.length <= maxBytes) {
      return payload;
    }
    headers.put(
        "payload-omitted",
        payload.length
            + " bytes (after redaction) exceed "
            + IngestConfig.DEAD_LETTER_MAX_PAYLOAD_BYTES
            + "="
            + maxBytes);
    headers.put("payload-sha256", Hashes.sha256Hex(payload));
    return new byte[0];
  }
}
