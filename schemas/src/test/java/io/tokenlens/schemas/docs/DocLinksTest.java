package io.tokenlens.schemas.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link in the repository's Markdown leads to a file that exists and, with an {@code
 * #anchor}, to a heading of that page. The failure lists every broken link as {@code path:line:
 * missing file|anchor link}.
 */
class DocLinksTest {

  /** The repository: the tests run in the schemas module's directory. */
  private static final Path ROOT = Paths.get("..");

  @Test
  void shouldHaveNoBrokenRelativeLinksInAnyPage() throws IOException {
    MarkdownLinks links = new MarkdownLinks(ROOT);

    assertThat(links.pages())
        .as("the repository's pages")
        .contains(
            ROOT.toAbsolutePath().normalize().resolve("README.md"),
            ROOT.toAbsolutePath().normalize().resolve("docs/README.md"));
    assertThat(links.brokenLinks())
        .as("broken relative links (fix the link, or the heading it points at)")
        .isEmpty();
  }

  @Test
  void shouldSlugHeadingsTheWayGitHubDoes() {
    assertThat(MarkdownLinks.slug("The local stack")).isEqualTo("the-local-stack");
    assertThat(MarkdownLinks.slug("Launcher and local stack"))
        .isEqualTo("launcher-and-local-stack");
    assertThat(MarkdownLinks.slug("What it costs: `usage_1h` (per hour)?"))
        .isEqualTo("what-it-costs-usage_1h-per-hour");
    assertThat(MarkdownLinks.slug("Kafka → ClickHouse")).isEqualTo("kafka--clickhouse");
    assertThat(MarkdownLinks.slug("Ünïcode letters stay")).isEqualTo("ünïcode-letters-stay");
  }

  @Test
  void shouldNumberRepeatedHeadingsAndIgnoreHeadingsInCode() {
    String page =
        """
        # Title
        ## Run it
        ## Run it
        ```bash
        # not a heading
        ```
        ### `code` in a heading ###
        <a name="kept-as-is"></a>
        """;

    assertThat(MarkdownLinks.anchors(page))
        .containsExactlyInAnyOrder(
            "title", "run-it", "run-it-1", "code-in-a-heading", "kept-as-is");
  }

  @Test
  void shouldReportMissingFilesAndAnchorsButNotExternalLinksOrCode(@TempDir Path dir)
      throws IOException {
    Files.writeString(
        dir.resolve("other.md"), "# Other page\n## Its section\n", StandardCharsets.UTF_8);
    Path page = dir.resolve("page.md");
    Files.writeString(
        page,
        """
        # Page
        [ok](other.md) [ok](other.md#its-section) [ok](#page) [ok](https://example.com/x.md#nowhere)
        [gone](missing.md)
        [wrong anchor](other.md#no-such-section) [wrong anchor here](#nope)
        `[in a code span](missing.md)`
        ```
        [in fenced code](missing.md)
        ```
        [mail](mailto:someone@example.com)
        """,
        StandardCharsets.UTF_8);

    assertThat(new MarkdownLinks(dir).brokenLinks(page))
        .containsExactly(
            "page.md:3: missing file missing.md",
            "page.md:4: missing anchor other.md#no-such-section",
            "page.md:4: missing anchor #nope");
  }

  @Test
  void shouldSkipBuildOutputDependenciesAndGitFiles(@TempDir Path dir) throws IOException {
    for (String skipped : MarkdownLinks.SKIPPED_DIRECTORIES) {
      Files.createDirectories(dir.resolve("module").resolve(skipped));
      Files.writeString(
          dir.resolve("module").resolve(skipped).resolve("x.md"), "[x](nowhere.md)\n");
    }
    Files.writeString(dir.resolve("module").resolve("README.md"), "[x](nowhere.md)\n");

    assertThat(new MarkdownLinks(dir).brokenLinks())
        .containsExactly("module/README.md:1: missing file nowhere.md");
  }
}
