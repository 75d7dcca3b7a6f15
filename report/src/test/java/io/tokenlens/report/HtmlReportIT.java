package io.tokenlens.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./tokenlens report --html FILE} from the fixture rows, rendered by headless Chromium: the
 * DOM it built and a screenshot of it ({@code target/report-screenshot.png}).
 */
@StackTest
class HtmlReportIT {

  private static final Path WORK = Path.of("target", "html-report-it");
  private static Path page;
  private static String dom;
  private static HeadlessChromium chromium;

  @BeforeAll
  static void writeAndRender(StackScope stack) throws Exception {
    ReportFixtures.load(stack);
    Files.createDirectories(WORK);
    page = WORK.resolve("report.html");
    ReportIT.Output output = new ReportIT.Output();
    int code =
        ReportMain.run(
            new String[] {"--html", page.toString()},
            ReportFixtures.env(stack),
            Clock.systemUTC(),
            output.out(),
            output.err());
    assertThat(code).as(output.errText()).isZero();
    chromium = HeadlessChromium.find(WORK);
    dom = chromium.dumpDom(page.toAbsolutePath());
  }

  /**
   * The rendered element with {@code id}: an svg or a section to its end, a block up to the next
   * heading.
   */
  private static String element(String id) {
    Matcher m = Pattern.compile("<(svg|section|div)[^>]*id=\"" + id + "\"").matcher(dom);
    assertThat(m.find()).as("an element with id %s in the rendered DOM", id).isTrue();
    String end =
        switch (m.group(1)) {
          case "svg" -> "</svg>";
          case "section" -> "</section>";
          default -> "<h2";
        };
    int stop = dom.indexOf(end, m.end());
    assertThat(stop).as("the end of %s", id).isPositive();
    return dom.substring(m.start(), stop);
  }

  private static List<String> attributes(
      String html, String tag, String cssClass, String attribute) {
    Matcher m =
        Pattern.compile(
                "<" + tag + "[^>]*class=\"" + cssClass + "\"[^>]*" + attribute + "=\"([^\"]*)\"")
            .matcher(html);
    List<String> values = new ArrayList<>();
    while (m.find()) {
      values.add(m.group(1));
    }
    return values;
  }

  @Test
  void shouldDrawOneHourOfDayLinePerTeam() {
    String chart = element("chart-hourly-burn");
    assertThat(attributes(chart, "polyline", "series", "data-team"))
        .containsExactly("payments", "platform", "search");
    assertThat(chart)
        .contains(
            ">00:00<", ">21:00<", "hour of day (UTC)", ">$2.00<"); // the highest hour: bob's $2
  }

  @Test
  void shouldDrawWasteByPatternAsBarsWithTheirCost() {
    String chart = element("chart-waste-by-pattern");
    assertThat(attributes(chart, "rect", "bar", "data-label"))
        .containsExactly("OVERNIGHT_PADDING", "LOOPING_AGENT", "RETRY_STORM");
    assertThat(chart).contains(">$9.00<", ">$8.50<", ">$0.40<");
  }

  @Test
  void shouldDrawCostPerMergedPrByTeam() {
    String chart = element("chart-cost-per-merged-pr");
    assertThat(attributes(chart, "rect", "bar", "data-label"))
        .containsExactly("search", "payments", "platform");
    assertThat(chart).contains(">$9.00<", ">$3.50<", ">$0.75<");
  }

  @Test
  void shouldShowTheSameTablesAsTheTextReport() {
    assertThat(element("totals")).contains(">4,050,000<", ">$47.00<", ">$17.90<");
    assertThat(element("leaderboard-engineers"))
        .contains("<td>carol</td>", "<td class=\"num\">$3.50</td>");
    assertThat(element("worst-loops")).contains("<td>s-bob-1</td>", "<td class=\"num\">14</td>");
    assertThat(element("incidents-after-ai-heavy-prs"))
        .doesNotContain("INC-7", "INC-8"); // 6 merged PRs rank none
    assertThat(element("budgets")).contains("<td>WARNING</td>");
  }

  @Test
  void shouldBeSelfContained() throws Exception {
    String html = Files.readString(page);
    assertThat(html).doesNotContain("<script", "<link", " src=", " href=", "@import", "url(");
  }

  @Test
  void shouldPaintTheChartsInTheScreenshot() throws Exception {
    Path png = Path.of("target", "report-screenshot.png");
    chromium.screenshot(page.toAbsolutePath(), png, 1280, 2600);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(pixels(image, 0x4e79a7))
        .as("pixels of the bars and the first team's line")
        .isGreaterThan(5_000);
    assertThat(pixels(image, 0xf28e2b)).as("pixels of the second team's line").isGreaterThan(100);
  }

  private static int pixels(BufferedImage image, int rgb) {
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          count++;
        }
      }
    }
    return count;
  }
}
