package io.tokenlens.ingest.webhooks;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commits a commit message reverts, read from the line {@code git revert} writes: {@code This
 * reverts commit <id>.} (for a merge commit {@code This reverts commit <id>, reversing changes made
 * to <parent>.}: only {@code <id>} is reverted). GitHub's and GitLab's revert buttons write the
 * same line, and a squash merge of a revert keeps it in the squashed message. Only full 40-hex ids
 * count, lowercased: an abbreviated id ({@code This reverts commit 1a2b3c4.}, written by hand)
 * names no commit for certain and is ignored, as is a longer run of hex digits. The message itself
 * is never kept.
 */
final class RevertedCommits {
  private static final Pattern REVERTS =
      Pattern.compile("This reverts commit ([0-9a-fA-F]{40})(?![0-9a-zA-Z])");

  private RevertedCommits() {}

  /**
   * Adds to {@code ids} (in message order; a set keeps them distinct) every commit {@code message}
   * reverts; a null or blank message reverts nothing.
   */
  static void addReverted(String message, Collection<String> ids) {
    if (message == null) {
      return;
    }
    Matcher m = REVERTS.matcher(message);
    while (m.find()) {
      ids.add(m.group(1).toLowerCase(Locale.ROOT));
    }
  }
}
