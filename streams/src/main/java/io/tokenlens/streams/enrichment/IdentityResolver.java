package io.tokenlens.streams.enrichment;

import io.tokenlens.schemas.avro.DirectoryEntry;
import io.tokenlens.schemas.avro.EngineerEntry;
import io.tokenlens.schemas.avro.IdentityKind;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.RecordKeys;
import java.util.Optional;

/**
 * Resolves the raw identities of a usage event to an engineer through the directory: the user id,
 * then the email (lowercased), the account id and the API key id, the first one the directory knows
 * wins; then the engineer's entry gives team and cost centre.
 */
public final class IdentityResolver {

  /**
   * A resolved engineer; {@code engineer} is null when the directory has the identity but not the
   * engineer.
   */
  public record Resolution(String engineerId, EngineerEntry engineer) {}

  private final DirectoryLookup directory;

  public IdentityResolver(DirectoryLookup directory) {
    this.directory = directory;
  }

  /** The engineer behind the usage, or empty when no identity of it is in the directory. */
  public Optional<Resolution> resolve(TokenUsage usage) {
    return resolve(
        usage.getUserId(), usage.getUserEmail(), usage.getAccountId(), usage.getApiKeyId());
  }

  /**
   * The engineer behind these raw identities (any may be null), or empty when the directory knows
   * none of them.
   */
  public Optional<Resolution> resolve(
      String userId, String email, String accountId, String apiKeyId) {
    String engineerId = firstKnown(userId, email, accountId, apiKeyId);
    if (engineerId == null) {
      return Optional.empty();
    }
    DirectoryEntry entry = directory.get("engineer:" + engineerId);
    return Optional.of(new Resolution(engineerId, entry == null ? null : entry.getEngineer()));
  }

  private String firstKnown(String userId, String email, String accountId, String apiKeyId) {
    String[][] candidates = {
      {IdentityKind.USER_ID.name(), userId},
      {IdentityKind.EMAIL.name(), email},
      {IdentityKind.ACCOUNT_ID.name(), accountId},
      {IdentityKind.API_KEY_ID.name(), apiKeyId}
    };
    for (String[] candidate : candidates) {
      if (candidate[1] == null || candidate[1].isBlank()) {
        continue;
      }
      DirectoryEntry entry =
          directory.get(RecordKeys.identityKey(candidate[0], candidate[1].trim()));
      if (entry != null && entry.getIdentity() != null) {
        return entry.getIdentity().getEngineerId();
      }
    }
    return null;
  }
}
