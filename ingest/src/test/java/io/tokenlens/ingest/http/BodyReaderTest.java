package io.tokenlens.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BodyReaderTest {
  private final BodyReader reader = new BodyReader(1000);

  @Test
  void shouldGunzipGzipBodies() throws Exception {
    byte[] body = reader.read(new ByteArrayInputStream(gzip(new byte[500])), -1, "gzip");

    assertThat(body).hasSize(500);
  }

  @Test
  void shouldRefuseADeclaredLengthOverTheLimitWith413() {
    assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(new byte[0]), 5000, null))
        .isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.status()).isEqualTo(413));
  }

  @Test
  void shouldRefuseAStreamedBodyOverTheLimitWith413() {
    assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(new byte[1001]), -1, null))
        .isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.status()).isEqualTo(413));
  }

  @Test
  void shouldRefuseASmallGzipThatInflatesOverTheLimit() throws Exception {
    byte[] bomb = gzip(new byte[100_000]);
    assertThat(bomb.length).isLessThan(1000);

    assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(bomb), bomb.length, "gzip"))
        .isInstanceOfSatisfying(
            HttpError.class,
            e -> {
              assertThat(e.status()).isEqualTo(413);
              assertThat(e.getMessage()).contains("after gzip decompression");
            });
  }

  @Test
  void shouldAnswer400ForBrokenGzipAnd415ForUnknownEncodings() {
    byte[] notGzip = "plain".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(notGzip), -1, "gzip"))
        .isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(notGzip), -1, "br"))
        .isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.status()).isEqualTo(415));
  }

  @Test
  void shouldReadAndDropTheRestOfAnOversizedBodyBeforeRefusingIt() {
    ByteArrayInputStream declared = new ByteArrayInputStream(new byte[50_000]);
    ByteArrayInputStream streamed = new ByteArrayInputStream(new byte[50_000]);

    assertThatThrownBy(() -> reader.read(declared, 50_000, null)).isInstanceOf(HttpError.class);
    assertThatThrownBy(() -> reader.read(streamed, -1, null)).isInstanceOf(HttpError.class);

    assertThat(declared.available()).isZero();
    assertThat(streamed.available()).isZero();
  }

  @Test
  void shouldStopDroppingAnOversizedBodyAtTheDiscardLimit() {
    java.io.InputStream endless =
        new java.io.InputStream() {
          @Override
          public int read() {
            return 0;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            return len;
          }
        };

    assertThatThrownBy(() -> reader.read(endless, -1, null))
        .isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.status()).isEqualTo(413));
  }

  static byte[] gzip(byte[] data) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }
}
