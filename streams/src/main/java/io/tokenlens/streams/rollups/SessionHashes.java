package io.tokenlens.streams.rollups;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The distinct session ids of one rollup window, kept as the sorted array of their 64-bit hashes: a membership test
 * is a binary search, an insert one array copy, and the stored form is the array itself, so a window of many
 * sessions is read and written without a string or tree node per session. Two ids count once only when their hashes
 * collide: with a million sessions in one window, about one chance in thirty million.
 */
final class SessionHashes {

  private long[] hashes = new long[4];
  private int size;

  /** Adds {@code sessionId}; false when it was already counted. */
  boolean add(String sessionId) {
    long h = hash(sessionId);
    int at = Arrays.binarySearch(hashes, 0, size, h);
    if (at >= 0) {
      return false;
    }
    at = -at - 1;
    if (size == hashes.length) {
      hashes = Arrays.copyOf(hashes, size * 2);
    }
    System.arraycopy(hashes, at, hashes, at + 1, size - at);
    hashes[at] = h;
    size++;
    return true;
  }

  int size() {
    return size;
  }

  /** Bytes of {@link #writeTo}. */
  int serializedSize() {
    return Integer.BYTES + size * Long.BYTES;
  }

  /** The count, then the hashes in ascending order. */
  void writeTo(ByteBuffer out) {
    out.putInt(size);
    out.asLongBuffer().put(hashes, 0, size);
    out.position(out.position() + size * Long.BYTES);
  }

  /** What {@link #writeTo} wrote; refuses hashes out of order, as no writer produces them. */
  static SessionHashes readFrom(ByteBuffer in) {
    int n = in.getInt();
    if (n < 0 || (long) n * Long.BYTES > in.remaining()) {
      throw new IllegalArgumentException("session count " + n + " does not fit the " + in.remaining() + " bytes left");
    }
    SessionHashes s = new SessionHashes();
    s.hashes = new long[Math.max(4, n)];
    in.asLongBuffer().get(s.hashes, 0, n);
    in.position(in.position() + n * Long.BYTES);
    for (int i = 1; i < n; i++) {
      if (s.hashes[i - 1] >= s.hashes[i]) {
        throw new IllegalArgumentException("session hashes out of order at " + i);
      }
    }
    s.size = n;
    return s;
  }

  /** FNV-1a over the id's characters, then the SplitMix64 finaliser to spread the bits. */
  static long hash(String id) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < id.length(); i++) {
      h ^= id.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 30;
    h *= 0xbf58476d1ce4e5b9L;
    h ^= h >>> 27;
    h *= 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionHashes s && Arrays.equals(hashes, 0, size, s.hashes, 0, s.size);
  }

  @Override
  public int hashCode() {
    int h = size;
    for (int i = 0; i < size; i++) {
      h = 31 * h + Long.hashCode(hashes[i]);
    }
    return h;
  }
}
