package io.tokenlens.schemas.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The repository README's topic table and schema reference are generated from the catalog and the schemas; this
 * test fails when they are stale. Regenerate with:
 *
 * <pre>mvn -q -B -pl schemas test -Dtest=ReadmeDocsTest -Dtokenlens.readme.write=true</pre>
 */
class ReadmeDocsTest {

  private static final Path README = Paths.get("..", "README.md");
  private static final String HOW_TO_FIX = "README.md is stale; regenerate it with: "
      + "mvn -q -B -pl schemas test -Dtest=ReadmeDocsTest -Dtokenlens.readme.write=true";

  @BeforeAll
  static void regenerateWhenAsked() throws IOException {
    if (Boolean.getBoolean("tokenlens.readme.write")) {
      ReadmeSections.main(new String[] {README.toString()});
    }
  }

  private static String readme() throws IOException {
    return Files.readString(README, StandardCharsets.UTF_8);
  }

  @Test
  void shouldHaveTheTopicTableTheCatalogGenerates() throws IOException {
    assertThat(ReadmeSections.section(readme(), ReadmeSections.TOPIC_TABLE)).as(HOW_TO_FIX)
        .isEqualTo(TopicTable.markdown().strip());
  }

  @Test
  void shouldHaveTheSchemaReferenceTheSchemasGenerate() throws IOException {
    assertThat(ReadmeSections.section(readme(), ReadmeSections.SCHEMA_REFERENCE)).as(HOW_TO_FIX)
        .isEqualTo(SchemaReference.markdown().strip());
  }

  @Test
  void shouldListEveryTopicAndEveryRecord() {
    assertThat(TopicTable.markdown()).contains("`token-usage`", "`late-records`", "`<topic>-dlq`", "UPSERT");
    assertThat(SchemaReference.markdown()).contains("### TokenUsage", "### DirectoryEntry", "### IdentityEntry",
        "### Enumerations", "`cacheReadTokens`", "timestamp-millis");
  }

  @Test
  void shouldReplaceOnlyBetweenTheMarkers() {
    String text = "before\n<!-- x:start -->\nold\n<!-- x:end -->\nafter\n";

    assertThat(ReadmeSections.replace(text, "x", "new")).isEqualTo(
        "before\n<!-- x:start -->\nnew\n<!-- x:end -->\nafter\n");
  }
}
