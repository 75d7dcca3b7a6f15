package io.tokenlens.ingest.webhooks;

import io.tokenlens.schemas.avro.ChangeReference;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pull-request and commit links found in incident text (GitHub and GitLab web URLs). */
public final class ChangeReferences {
  private static final Pattern PULL =
      Pattern.compile(
          "https?://[^\\s/]+/([\\w.-]+(?:/[\\w.-]+)+?)/(?:-/)?(?:pull|merge_requests)/(\\d+)");
  private static final Pattern COMMIT =
      Pattern.compile(
          "https?://[^\\s/]+/([\\w.-]+(?:/[\\w.-]+)+?)/(?:-/)?commits?/([0-9a-fA-F]{7,40})\\b");

  private ChangeReferences() {}

  public static List<ChangeReference> find(String... texts) {
    Set<String> seen = new LinkedHashSet<>();
    List<ChangeReference> refs = new ArrayList<>();
    for (String text : texts) {
      if (text == null) {
        continue;
      }
      Matcher pull = PULL.matcher(text);
      while (pull.find()) {
        if (seen.add(pull.group())) {
          refs.add(
              ChangeReference.newBuilder()
                  .setRepository(pull.group(1).toLowerCase(Locale.ROOT))
                  .setNumber(Long.parseLong(pull.group(2)))
                  .setUrl(pull.group())
                  .build());
        }
      }
      Matcher commit = COMMIT.matcher(text);
      while (commit.find()) {
        if (seen.add(commit.group())) {
          refs.add(
              ChangeReference.newBuilder()
                  .setRepository(commit.group(1).toLowerCase(Locale.ROOT))
                  .setCommitSha(commit.group(2).toLowerCase(Locale.ROOT))
                  .setUrl(commit.group())
                  .build());
        }
      }
    }
    return refs;
  }
}
