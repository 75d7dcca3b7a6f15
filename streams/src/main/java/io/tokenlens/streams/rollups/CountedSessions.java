package io.tokenlens.streams.rollups;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The rollup keys one session has already been counted in, for one window: what makes a session
 * count once per key and window however many requests it makes there. Stored per session and window
 * start, so it expires with the window. Serialized as a format byte, the key count and the keys
 * (modified UTF-8); internal state only.
 */
final class CountedSessions {

  static final byte FORMAT = 1;

  private CountedSessions() {}

  /** The keys recorded in {@code bytes}; empty for none. */
  static List<String> read(byte[] bytes) {
    List<String> keys = new ArrayList<>();
    if (bytes == null) {
      return keys;
    }
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
      byte format = in.readByte();
      if (format != FORMAT) {
        throw new SerializationException("Unknown counted-sessions format " + format);
      }
      int n = in.readUnsignedShort();
      for (int i = 0; i < n; i++) {
        keys.add(in.readUTF());
      }
      return keys;
    } catch (IOException e) {
      throw new SerializationException(
          "Cannot read counted sessions (" + bytes.length + " bytes)", e);
    }
  }

  static byte[] write(List<String> keys) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 24 * keys.size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeShort(keys.size());
      for (String key : keys) {
        out.writeUTF(key);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
