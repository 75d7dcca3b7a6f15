package io.tokenlens.schemas.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relative links of the repository's Markdown files that lead nowhere: a file that does not
 * exist, or an {@code #anchor} that no heading of the target page produces. External links ({@code
 * http:}, {@code https:}, {@code mailto:}, any {@code scheme:}) are not followed; links inside code
 * spans and fenced code are not links.
 */
final class MarkdownLinks {

  /**
   * Build output, dependencies, Git's own files and the local stack's data: not the project's
   * pages.
   */
  static final Set<String> SKIPPED_DIRECTORIES =
      Set.of("target", "node_modules", ".git", ".tokenlens");

  private static final Pattern FENCE = Pattern.compile("```.*?```", Pattern.DOTALL);
  private static final Pattern CODE_SPAN = Pattern.compile("`[^`\n]*`");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern SCHEME = Pattern.compile("^[a-z]+:");
  private static final Pattern HEADING =
      Pattern.compile("^#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", Pattern.MULTILINE);
  private static final Pattern HTML_ANCHOR = Pattern.compile("<a (?:name|id)=\"([^\"]+)\"");
  private static final Pattern NOT_IN_SLUG =
      Pattern.compile("[^\\w\\- ]", Pattern.UNICODE_CHARACTER_CLASS);

  private final Path root;
  private final Map<Path, Set<String>> anchors = new HashMap<>();

  MarkdownLinks(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** Every {@code *.md} under the root, outside {@link #SKIPPED_DIRECTORIES}, in a stable order. */
  List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return !dir.equals(root) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".md")) {
              pages.add(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    pages.sort(null);
    return pages;
  }

  /** The broken links of every page, one line each: {@code path:line: missing file|anchor link}. */
  List<String> brokenLinks() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path page : pages()) {
      broken.addAll(brokenLinks(page));
    }
    return broken;
  }

  /** The broken links of one page. */
  List<String> brokenLinks(Path page) throws IOException {
    List<String> broken = new ArrayList<>();
    String text = withoutCode(Files.readString(page, StandardCharsets.UTF_8));
    Matcher m = LINK.matcher(text);
    while (m.find()) {
      String link = m.group(1);
      if (SCHEME.matcher(link).find()) {
        continue;
      }
      int hash = link.indexOf('#');
      String file = hash < 0 ? link : link.substring(0, hash);
      String anchor = hash < 0 ? "" : link.substring(hash + 1);
      Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
      String where = root.relativize(page) + ":" + lineOf(text, m.start()) + ": ";
      if (!Files.exists(target)) {
        broken.add(where + "missing file " + link);
      } else if (!anchor.isEmpty()
          && target.toString().endsWith(".md")
          && !anchorsOf(target).contains(anchor)) {
        broken.add(where + "missing anchor " + link);
      }
    }
    return broken;
  }

  /**
   * The anchors GitHub gives a page: one per heading ({@link #slug}; a repeated slug gets {@code
   * -1}, {@code -2}, ...), and the {@code <a name>}/{@code <a id>} elements. Headings inside fenced
   * code are not headings.
   */
  static Set<String> anchors(String markdown) {
    String text = FENCE.matcher(markdown).replaceAll("");
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    Matcher h = HEADING.matcher(text);
    while (h.find()) {
      String slug = slug(h.group(1).replace("`", ""));
      int n = seen.merge(slug, 1, Integer::sum) - 1;
      anchors.add(n == 0 ? slug : slug + "-" + n);
    }
    Matcher a = HTML_ANCHOR.matcher(text);
    while (a.find()) {
      anchors.add(a.group(1));
    }
    return anchors;
  }

  /**
   * GitHub's anchor of a heading: lower case, punctuation other than {@code -} and {@code _}
   * dropped, each space turned into {@code -}.
   */
  static String slug(String heading) {
    return NOT_IN_SLUG
        .matcher(heading.strip().toLowerCase(Locale.ROOT))
        .replaceAll("")
        .replace(' ', '-');
  }

  /** The text with fenced code and code spans blanked out, keeping every line where it was. */
  static String withoutCode(String markdown) {
    String text =
        FENCE
            .matcher(markdown)
            .replaceAll(r -> "\n".repeat((int) r.group().chars().filter(c -> c == '\n').count()));
    return CODE_SPAN.matcher(text).replaceAll(r -> " ".repeat(r.group().length()));
  }

  private Set<String> anchorsOf(Path page) {
    return anchors.computeIfAbsent(
        page,
        p -> {
          try {
            return anchors(Files.readString(p, StandardCharsets.UTF_8));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
