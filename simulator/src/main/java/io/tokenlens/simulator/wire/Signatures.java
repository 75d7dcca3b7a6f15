package io.tokenlens.simulator.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures as GitHub ({@code sha256=<hex>}) and PagerDuty v3 ({@code v1=<hex>}) send
 * them.
 */
public final class Signatures {
  private Signatures() {}

  public static String gitHub(String secret, byte[] body) {
    return "sha256=" + hmac(secret, body);
  }

  public static String pagerDuty(String secret, byte[] body) {
    return "v1=" + hmac(secret, body);
  }

  static String hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
