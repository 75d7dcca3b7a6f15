package io.tokenlens.ingest.imports;

import io.tokenlens.ingest.load.InvalidInputException;
import io.tokenlens.ingest.load.JsonItem;
import io.tokenlens.schemas.avro.ProviderUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The provider exports tokenlens imports to {@code provider-usage}, by the name the CLI uses. */
public enum ProviderExport {
  ANTHROPIC("anthropic", "Anthropic usage report", new AnthropicUsageParser()),
  OPENAI("openai", "OpenAI usage export", new OpenAiUsageParser()),
  COPILOT("copilot", "Copilot metrics report", new CopilotMetricsParser());

  private final String cliName;
  private final String what;
  private final ExportParser parser;

  ProviderExport(String cliName, String what, ExportParser parser) {
    this.cliName = cliName;
    this.what = what;
    this.parser = parser;
  }

  public String cliName() {
    return cliName;
  }

  public static Optional<ProviderExport> byName(String name) {
    for (ProviderExport e : values()) {
      if (e.cliName.equals(name.toLowerCase(Locale.ROOT))) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /**
   * Every row of the export file; all-or-nothing: any problem, including two rows of the same
   * bucket and grouping, refuses the file.
   *
   * @throws InvalidInputException listing every problem
   */
  public List<ProviderUsage> parse(byte[] body, ImportContext context) {
    List<JsonItem> documents = JsonDocuments.read(body, what);
    List<String> problems = new ArrayList<>();
    List<ProviderUsage> rows = parser.parse(documents, context, problems);
    if (problems.isEmpty()) {
      Map<String, Integer> seen = new HashMap<>();
      for (int i = 0; i < rows.size(); i++) {
        Integer earlier = seen.putIfAbsent(rows.get(i).getEventId(), i);
        if (earlier != null) {
          problems.add(
              "row "
                  + (i + 1)
                  + " has the same bucket and grouping columns as row "
                  + (earlier + 1)
                  + " ("
                  + rows.get(i).getEventId()
                  + "); an export lists each once: were pages saved twice?");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(what, problems);
    }
    if (rows.isEmpty()) {
      throw InvalidInputException.of(what, "no usage rows in the file");
    }
    return rows;
  }
}
