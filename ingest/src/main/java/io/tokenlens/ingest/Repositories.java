package io.tokenlens.ingest;

import java.util.Locale;

/** Repository names normalised to {@code owner/name} (lowercase), from a name or a clone URL. */
public final class Repositories {
  private Repositories() {}

  /**
   * {@code https://github.com/Acme/Shop.git}, {@code git@github.com:acme/shop.git} and {@code
   * acme/shop} all give {@code acme/shop}; for nested groups (GitLab) the last two path segments
   * are kept after the host, e.g. {@code group/sub/project} gives {@code group/sub/project}.
   * Returns null for null, blank or a bare name.
   */
  public static String normalise(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String s = raw.trim();
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      s = s.substring(scheme + 3);
      int slash = s.indexOf('/');
      s = slash < 0 ? "" : s.substring(slash + 1);
    } else if (s.contains("@") && s.contains(":")) {
      s = s.substring(s.indexOf(':') + 1);
    }
    if (s.endsWith(".git")) {
      s = s.substring(0, s.length() - 4);
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    while (s.startsWith("/")) {
      s = s.substring(1);
    }
    return s.contains("/") ? s.toLowerCase(Locale.ROOT) : null;
  }
}
