package io.tokenlens.sink;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A ClickHouse address as users write it: {@code http(s)://host:port[/database]} or the JDBC form
 * {@code jdbc:clickhouse://host:port[/database]} (as {@code TOKENLENS_CLICKHOUSE_URL} holds it).
 *
 * @param endpoint the HTTP endpoint without path
 * @param database the database named in the path, else {@code default}
 */
public record ClickHouseUrl(URI endpoint, String database) {

  /** Parses {@code url}; fails with a message naming what is wrong. */
  public static ClickHouseUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("is required");
    }
    String text = url.trim();
    boolean secure = false;
    if (text.startsWith("jdbc:clickhouse:")) {
      text = text.substring("jdbc:clickhouse:".length());
      if (text.startsWith("https:") || text.startsWith("http:")) {
        secure = text.startsWith("https:");
      } else {
        text = "http:" + text;
      }
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: '" + url + "'");
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "expected http(s)://host:port[/database] or "
              + "jdbc:clickhouse://host:port[/database] but got '"
              + url
              + "'");
    }
    secure = secure || scheme.equals("https");
    int port = uri.getPort() > 0 ? uri.getPort() : (secure ? 8443 : 8123);
    String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
    String database = path.isEmpty() ? "default" : path;
    return new ClickHouseUrl(
        URI.create((secure ? "https" : "http") + "://" + uri.getHost() + ":" + port), database);
  }
}
