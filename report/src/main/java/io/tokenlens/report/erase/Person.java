package io.tokenlens.report.erase;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every identity of one person found in the directory and in the data, by kind, and the pseudonym
 * that replaces them where rows are kept. Emails are lowercase.
 *
 * @param engineerIds engineer ids the directory or the data resolved the person to
 * @param emails email addresses
 * @param userIds telemetry user ids
 * @param accountIds provider account ids
 * @param apiKeyIds API key ids the directory attributes to the person
 * @param logins GitHub / GitLab logins
 * @param directoryKeys keys of the person's entries on the directory topic
 * @param pseudonym {@code erased-<hash>}, the same for every table of one erasure
 */
public record Person(
    Set<String> engineerIds,
    Set<String> emails,
    Set<String> userIds,
    Set<String> accountIds,
    Set<String> apiKeyIds,
    Set<String> logins,
    Set<String> directoryKeys,
    String pseudonym) {

  public Person {
    engineerIds = Set.copyOf(new TreeSet<>(engineerIds));
    emails = Set.copyOf(new TreeSet<>(emails));
    userIds = Set.copyOf(new TreeSet<>(userIds));
    accountIds = Set.copyOf(new TreeSet<>(accountIds));
    apiKeyIds = Set.copyOf(new TreeSet<>(apiKeyIds));
    logins = Set.copyOf(new TreeSet<>(logins));
    directoryKeys = Set.copyOf(new TreeSet<>(directoryKeys));
  }

  /** Every identity value of any kind, engineer ids included. */
  public Set<String> allValues() {
    Set<String> all = new TreeSet<>();
    Stream.of(engineerIds, emails, userIds, accountIds, apiKeyIds, logins).forEach(all::addAll);
    return all;
  }

  /**
   * The pseudonym of a person: {@code erased-} and 16 hex digits of SHA-256 over the salt and the
   * person's first engineer id (else first email). Stable for one salt, so a repeated erasure
   * rewrites to the same value.
   */
  static String pseudonymOf(String salt, Set<String> engineerIds, Set<String> emails) {
    String anchor =
        !engineerIds.isEmpty()
            ? new TreeSet<>(engineerIds).first()
            : !emails.isEmpty() ? new TreeSet<>(emails).first() : "";
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((salt + "\n" + anchor).getBytes(StandardCharsets.UTF_8));
      return "erased-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
