package io.tokenlens.ingest.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body up to a limit, gunzipping {@code Content-Encoding: gzip}. The limit applies
 * to the bytes on the wire and again to the decompressed bytes, so a small gzip bomb is refused
 * too.
 *
 * <p>A body over the limit is answered 413 only after what the client is still sending has been
 * read and dropped (up to {@link #DISCARD_LIMIT_BYTES}): a server that closes the connection while
 * the client is still writing makes the client's kernel see a reset, and the client never reads the
 * answer.
 */
public final class BodyReader {
  /**
   * How much of an oversized body is read and dropped before the 413, so the client can read it.
   */
  static final long DISCARD_LIMIT_BYTES = 64L * 1024 * 1024;

  private final long maxBytes;
  private final String limitKey;

  /** A reader bounded by {@code ingest.max.body.bytes}. */
  public BodyReader(long maxBytes) {
    this(maxBytes, "ingest.max.body.bytes");
  }

  /** A reader bounded by {@code maxBytes}, the value of the configuration key {@code limitKey}. */
  public BodyReader(long maxBytes, String limitKey) {
    this.maxBytes = maxBytes;
    this.limitKey = limitKey;
  }

  public byte[] read(InputStream raw, long contentLength, String contentEncoding)
      throws IOException {
    if (contentLength > maxBytes) {
      discard(raw);
      throw tooLarge(contentLength + " bytes");
    }
    String encoding =
        contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
    byte[] wire;
    try {
      wire = readLimited(raw, "");
    } catch (HttpError e) {
      discard(raw);
      throw e;
    }
    switch (encoding) {
      case "", "identity":
        return wire;
      case "gzip", "x-gzip":
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(wire))) {
          return readLimited(in, " after gzip decompression");
        } catch (ZipException | java.io.EOFException e) {
          throw HttpError.badRequest("body is not valid gzip: " + e.getMessage());
        }
      default:
        throw new HttpError(
            415,
            "unsupported_encoding",
            "Content-Encoding '" + contentEncoding + "' is not supported; use gzip or none");
    }
  }

  private byte[] readLimited(InputStream in, String what) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    byte[] chunk = new byte[16384];
    long total = 0;
    int n;
    while ((n = in.read(chunk)) != -1) {
      total += n;
      if (total > maxBytes) {
        throw tooLarge("more than " + maxBytes + " bytes" + what);
      }
      out.write(chunk, 0, n);
    }
    return out.toByteArray();
  }

  private static void discard(InputStream raw) {
    byte[] chunk = new byte[65536];
    long discarded = 0;
    try {
      int n;
      while (discarded < DISCARD_LIMIT_BYTES && (n = raw.read(chunk)) != -1) {
        discarded += n;
      }
    } catch (IOException e) {
      // the client stopped sending: the 413 is still answered, if it listens
    }
  }

  private HttpError tooLarge(String size) {
    return new HttpError(
        413, "too_large", "request body of " + size + " exceeds " + limitKey + "=" + maxBytes);
  }
}
