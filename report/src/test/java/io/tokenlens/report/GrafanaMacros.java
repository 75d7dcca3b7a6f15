package io.tokenlens.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the grafana-clickhouse-datasource plugin does to a panel's SQL before sending it, for the
 * macros and variable forms the tokenlens dashboards use: {@code $__timeFilter(c)}, {@code
 * $__dateFilter(c)}, {@code $__timeInterval(c)}, {@code $__fromTime}, {@code $__toTime}, {@code
 * $__interval_s}, {@code $__conditionalAll(condition, $var)}, {@code ${var:singlequote}} and {@code
 * $var}. Anything else left with a {@code $} is refused, so a dashboard cannot use a macro this
 * test does not know.
 *
 * @param from the start of the dashboard's time range
 * @param to its end
 * @param intervalSeconds the panel's interval
 * @param variables the template variables' selected values; an empty list means "All"
 */
record GrafanaMacros(
    Instant from, Instant to, long intervalSeconds, Map<String, List<String>> variables) {

  String expand(String sql) {
    String out = sql;
    out =
        function(
            out,
            "$__conditionalAll",
            args -> {
              String variable = args.get(1).trim().replaceFirst("^\\$", "");
              return selected(variable).isEmpty() ? "1=1" : args.get(0);
            });
    out =
        function(
            out,
            "$__timeFilter",
            args -> args.get(0) + " >= " + fromTime() + " AND " + args.get(0) + " <= " + toTime());
    out =
        function(
            out,
            "$__dateFilter",
            args ->
                args.get(0)
                    + " >= toDate('"
                    + from.atOffset(ZoneOffset.UTC).toLocalDate()
                    + "') AND "
                    + args.get(0)
                    + " <= toDate('"
                    + to.atOffset(ZoneOffset.UTC).toLocalDate()
                    + "')");
    out =
        function(
            out,
            "$__timeInterval",
            args ->
                "toStartOfInterval(toDateTime("
                    + args.get(0)
                    + "), INTERVAL "
                    + intervalSeconds
                    + " second)");
    out =
        out.replace("$__fromTime", fromTime())
            .replace("$__toTime", toTime())
            .replace("$__interval_s", Long.toString(intervalSeconds));
    for (String variable : variables.keySet()) {
      List<String> values = selected(variable);
      String quoted =
          values.stream()
              .map(v -> "'" + v.replace("'", "\\'") + "'")
              .collect(Collectors.joining(","));
      out =
          out.replace("${" + variable + ":singlequote}", quoted)
              .replace("${" + variable + "}", String.join(",", values))
              .replaceAll("\\$" + variable + "\\b", String.join(",", values));
    }
    if (out.contains("$")) {
      throw new IllegalArgumentException(
          "a macro or variable this test cannot expand is left in: " + out);
    }
    return out;
  }

  private List<String> selected(String variable) {
    List<String> values = variables.get(variable);
    if (values == null) {
      throw new IllegalArgumentException("no value for the template variable $" + variable);
    }
    return values;
  }

  private String fromTime() {
    return "toDateTime(" + from.getEpochSecond() + ")";
  }

  private String toTime() {
    return "toDateTime(" + to.getEpochSecond() + ")";
  }

  /**
   * Replaces every {@code name(args...)} with {@code expansion(args)}; arguments split on top-level
   * commas.
   */
  private static String function(
      String sql, String name, java.util.function.Function<List<String>, String> expansion) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (int start = sql.indexOf(name + "(", at); start >= 0; start = sql.indexOf(name + "(", at)) {
      out.append(sql, at, start);
      int depth = 0;
      int argStart = start + name.length() + 1;
      List<String> args = new ArrayList<>();
      int i = argStart;
      for (; i < sql.length(); i++) {
        char c = sql.charAt(i);
        if (c == '(') {
          depth++;
        } else if (c == ')' && depth-- == 0) {
          break;
        } else if (c == ',' && depth == 0) {
          args.add(sql.substring(argStart, i).trim());
          argStart = i + 1;
        }
      }
      if (i == sql.length()) {
        throw new IllegalArgumentException("unclosed " + name + "( in " + sql);
      }
      args.add(sql.substring(argStart, i).trim());
      out.append(expansion.apply(args));
      at = i + 1;
    }
    return out.append(sql.substring(at)).toString();
  }
}
