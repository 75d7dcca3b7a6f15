package io.tokenlens.ingest.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RevertedCommitsTest {
  private static final String A = "9049f1265b7d61be4a8904a9a27120d2064dab3b";
  private static final String B = "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c";

  private static Set<String> reverted(String... messages) {
    Set<String> ids = new LinkedHashSet<>();
    for (String message : messages) {
      RevertedCommits.addReverted(message, ids);
    }
    return ids;
  }

  @Test
  void shouldReadTheCommitGitRevertNames() {
    assertThat(reverted("Revert \"Persist the cart\"\n\nThis reverts commit " + A + ".\n"))
        .containsExactly(A);
  }

  @Test
  void shouldReadOnlyTheRevertedMergeCommitNotTheParentItReversesChangesTo() {
    assertThat(
            reverted(
                "Revert \"Merge pull request #7 from octo-org/cart\"\n\nThis reverts commit "
                    + A
                    + ", reversing\nchanges made to "
                    + B
                    + "."))
        .containsExactly(A);
  }

  @Test
  void shouldCollectEveryRevertOfAPushOnceInMessageOrder() {
    String squashed =
        "Revert two cart changes (#12)\n\n* Revert \"Fix the cart test\"\n\n"
            + "This reverts commit "
            + B
            + ".\n\n* Revert \"Persist the cart\"\n\nThis reverts commit "
            + A
            + ".";

    assertThat(reverted(squashed, "Revert again\n\nThis reverts commit " + B + "."))
        .containsExactly(B, A);
  }

  @Test
  void shouldLowercaseTheId() {
    assertThat(reverted("This reverts commit " + A.toUpperCase() + ".")).containsExactly(A);
  }

  @Test
  void shouldIgnoreAbbreviatedIdsAndLongerRunsOfHex() {
    assertThat(reverted("Revert \"Persist the cart\"\n\nThis reverts commit 9049f12.")).isEmpty();
    assertThat(reverted("This reverts commit " + A + "ff.")).isEmpty();
    assertThat(reverted("This reverts commit " + A + "z")).isEmpty();
  }

  @Test
  void shouldFindNothingInMessagesThatRevertNothing() {
    assertThat(
            reverted(
                null,
                "",
                "Fix the cart test",
                "Revert \"Persist the cart\"",
                "This reverts commit",
                "This reverts commit .",
                "this reverts commit " + A + ".",
                "This reverts the commit " + A + "."))
        .isEmpty();
  }
}
