package io.tokenlens.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The ingest API key and webhook secrets of the services {@code ./tokenlens demo} runs, generated
 * once per data directory and kept in {@code <data dir>/services.secrets} (owner-only), so running
 * services are reused by a second run and the simulator signs with the same secrets.
 */
public record ServiceSecrets(String apiKey, String githubSecret, String pagerdutySecret) {

  /**
   * The name of the API key in {@code TOKENLENS_INGEST_ADMIN_API_KEYS} (an admin key: it loads the
   * directory).
   */
  public static final String KEY_NAME = "demo";

  private static final SecureRandom RANDOM = new SecureRandom();

  public static Path file(StackSettings settings) {
    return settings.dataDir().resolve("services.secrets");
  }

  /** The secrets of the data directory, generated and written on first use. */
  public static ServiceSecrets loadOrCreate(Path file) throws IOException {
    if (Files.isRegularFile(file)) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      String key = p.getProperty("api.key", "");
      String github = p.getProperty("github.webhook.secret", "");
      String pagerduty = p.getProperty("pagerduty.webhook.secret", "");
      if (!key.isBlank() && !github.isBlank() && !pagerduty.isBlank()) {
        return new ServiceSecrets(key, github, pagerduty);
      }
    }
    ServiceSecrets fresh = new ServiceSecrets(random(), random(), random());
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Properties p = new Properties();
    p.setProperty("api.key", fresh.apiKey);
    p.setProperty("github.webhook.secret", fresh.githubSecret);
    p.setProperty("pagerduty.webhook.secret", fresh.pagerdutySecret);
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(w, "ingest API key and webhook secrets of ./tokenlens demo's services");
    }
    return fresh;
  }

  private static String random() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public String toString() {
    return "ServiceSecrets[redacted]";
  }
}
