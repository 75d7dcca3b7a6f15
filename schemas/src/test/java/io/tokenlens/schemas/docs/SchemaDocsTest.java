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
 * The topic table and schema reference of {@code docs/schemas-and-topics.md} are generated from the
 * catalog and the schemas; this test fails when they are stale. Regenerate with:
 *
 * <pre>./mvnw -q -B -pl schemas test -Dtest=SchemaDocsTest -Dtokenlens.docs.write=true</pre>
 */
class SchemaDocsTest {

  private static final Path PAGE = Paths.get("..").resolve(DocSections.PAGE);
  private static final String HOW_TO_FIX =
      DocSections.PAGE
          + " is stale; regenerate it with: "
          + "./mvnw -q -B -pl schemas test -Dtest=SchemaDocsTest -Dtokenlens.docs.write=true";

  @BeforeAll
  static void regenerateWhenAsked() throws IOException {
    if (Boolean.getBoolean("tokenlens.docs.write")) {
      DocSections.main(new String[] {PAGE.toString()});
    }
  }

  private static String page() throws IOException {
    return Files.readString(PAGE, StandardCharsets.UTF_8);
  }

  @Test
  void shouldHaveTheTopicTableTheCatalogGenerates() throws IOException {
    assertThat(DocSections.section(page(), DocSections.TOPIC_TABLE))
        .as(HOW_TO_FIX)
        .isEqualTo(TopicTable.markdown().strip());
  }

  @Test
  void shouldHaveTheSchemaReferenceTheSchemasGenerate() throws IOException {
    assertThat(DocSections.section(page(), DocSections.SCHEMA_REFERENCE))
        .as(HOW_TO_FIX)
        .isEqualTo(SchemaReference.markdown().strip());
  }

  @Test
  void shouldListEveryTopicAndEveryRecord() {
    assertThat(TopicTable.markdown())
        .contains("`token-usage`", "`late-records`", "`<topic>-dlq`", "UPSERT");
    assertThat(SchemaReference.markdown())
        .contains(
            "### TokenUsage",
            "### DirectoryEntry",
            "### IdentityEntry",
            "### Enumerations",
            "`cacheReadTokens`",
            "timestamp-millis");
  }

  @Test
  void shouldReplaceOnlyBetweenTheMarkers() {
    String text = "before\n<!-- x:start -->\nold\n<!-- x:end -->\nafter\n";

    assertThat(DocSections.replace(text, "x", "new"))
        .isEqualTo("before\n<!-- x:start -->\nnew\n<!-- x:end -->\nafter\n");
  }
}
