package io.tokenlens.schemas.docs;

import io.tokenlens.schemas.config.Arguments;
import io.tokenlens.schemas.config.CommandLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The generated sections of {@code docs/schemas-and-topics.md}, between {@code <!-- <name>:start
 * -->} and {@code <!-- <name>:end -->}. {@link #main} rewrites them: run it (or the schemas
 * module's test with {@code -Dtokenlens.docs.write=true}) after changing the catalog or a schema.
 */
public final class DocSections {

  /** The page holding the generated sections, relative to the repository root. */
  public static final String PAGE = "docs/schemas-and-topics.md";

  /** Marker name of the topic table. */
  public static final String TOPIC_TABLE = "topic-table";

  /** Marker name of the schema reference. */
  public static final String SCHEMA_REFERENCE = "schema-reference";

  private DocSections() {}

  /**
   * {@code page} with both generated sections replaced by what the catalog and schemas generate
   * now.
   */
  public static String regenerate(String page) {
    String out = replace(page, TOPIC_TABLE, TopicTable.markdown());
    return replace(out, SCHEMA_REFERENCE, SchemaReference.markdown());
  }

  /** The text between the markers of {@code name}, without the newlines right inside them. */
  public static String section(String text, String name) {
    int[] bounds = bounds(text, name);
    return text.substring(bounds[0], bounds[1]).strip();
  }

  /**
   * {@code text} with the content between the markers of {@code name} replaced by {@code content}.
   */
  public static String replace(String text, String name, String content) {
    int[] bounds = bounds(text, name);
    return text.substring(0, bounds[0]) + "\n" + content.strip() + "\n" + text.substring(bounds[1]);
  }

  private static int[] bounds(String text, String name) {
    String start = "<!-- " + name + ":start -->";
    String end = "<!-- " + name + ":end -->";
    int from = text.indexOf(start);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("the page lacks the markers " + start + " ... " + end);
    }
    return new int[] {from + start.length(), to};
  }

  private static final CommandLine COMMAND_LINE =
      CommandLine.command("DocSections [PAGE]")
          .positionals(
              "PAGE", "the page whose generated sections are rewritten (default " + PAGE + ")");

  /** Rewrites the generated sections of the page at {@code args[0]} (default {@link #PAGE}). */
  public static void main(String[] args) throws IOException {
    Arguments arguments = COMMAND_LINE.parse(args);
    if (arguments.help()) {
      System.out.print(COMMAND_LINE.usage());
      return;
    }
    if (arguments.positionals().size() > 1) {
      arguments.error("one page at most, not " + arguments.positionals());
    }
    arguments.throwIfInvalid();
    Path page = Paths.get(arguments.positionals().stream().findFirst().orElse(PAGE));
    String before = Files.readString(page, StandardCharsets.UTF_8);
    String after = regenerate(before);
    if (!after.equals(before)) {
      Files.writeString(page, after, StandardCharsets.UTF_8);
    }
  }
}
