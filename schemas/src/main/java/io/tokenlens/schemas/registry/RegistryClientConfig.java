package io.tokenlens.schemas.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Connection settings of the registry client, read from Confluent-named configuration keys.
 *
 * @param urls registry base URLs, tried in turn ({@code schema.registry.url}, comma-separated);
 *     user info removed
 * @param authorization the {@code Authorization} header value, if any; never printed
 * @param retry retries on 5xx and connection errors
 * @param connectTimeout connect timeout of each HTTP call
 * @param requestTimeout timeout of each HTTP call, waiting for the answer included
 * @param latestCacheTtl how long {@code use.latest.version} answers are cached
 */
public record RegistryClientConfig(
    List<URI> urls,
    Optional<String> authorization,
    RetryPolicy retry,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration latestCacheTtl) {

  public static final String URL = "schema.registry.url";
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  public static final String BEARER_AUTH_CREDENTIALS_SOURCE = "bearer.auth.credentials.source";
  public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
  public static final String MAX_RETRIES = "max.retries";
  public static final String RETRIES_WAIT_MS = "retries.wait.ms";
  public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
  public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
  public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";
  public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";

  public static final int DEFAULT_MAX_RETRIES = 3;
  public static final long DEFAULT_RETRIES_WAIT_MS = 200;
  public static final long DEFAULT_RETRIES_MAX_WAIT_MS = 5_000;
  public static final long DEFAULT_HTTP_CONNECT_TIMEOUT_MS = 10_000;
  public static final long DEFAULT_HTTP_READ_TIMEOUT_MS = 30_000;
  public static final long DEFAULT_LATEST_CACHE_TTL_SEC = 60;

  /** URL scheme of the in-memory registries of {@link MockSchemaRegistry}. */
  public static final String MOCK_SCHEME = "mock";

  public RegistryClientConfig {
    urls = List.copyOf(urls);
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("at least one registry URL is needed");
    }
  }

  /** A client of {@code url} with no credentials and the default retries and timeouts. */
  public static RegistryClientConfig of(String url) {
    return fromConfig(Map.of(URL, url));
  }

  /**
   * Reads the settings; throws one {@link org.apache.kafka.common.config.ConfigException} listing
   * every error.
   */
  public static RegistryClientConfig fromConfig(Map<String, ?> configs) {
    ConfigValues values = new ConfigValues(configs);
    RegistryClientConfig config = read(values);
    values.throwIfInvalid("schema registry client");
    return config;
  }

  /** Reads the settings, recording errors in {@code values}; returns null when there is any. */
  public static RegistryClientConfig read(ConfigValues values) {
    List<String> errorsBefore = values.errors();
    String rawUrls = values.string(URL, "");
    List<URI> urls = new ArrayList<>();
    String urlUserInfo = null;
    if (rawUrls.isBlank()) {
      values.error(
          URL
              + " is required (a comma-separated list of registry URLs, e.g. http://127.0.0.1:8081)");
    }
    for (String raw : rawUrls.split(",")) {
      if (raw.isBlank()) {
        continue;
      }
      try {
        URI uri = new URI(raw.trim());
        String scheme = uri.getScheme();
        if (scheme == null
            || !(scheme.equals("http") || scheme.equals("https") || scheme.equals(MOCK_SCHEME))) {
          values.error(
              URL + " entry '" + raw.trim() + "' must start with http://, https:// or mock://");
          continue;
        }
        if (scheme.equals(MOCK_SCHEME)) {
          urls.add(uri);
          continue;
        }
        if (uri.getRawUserInfo() != null && urlUserInfo == null) {
          urlUserInfo = uri.getUserInfo();
        }
        urls.add(
            new URI(
                scheme, null, uri.getHost(), uri.getPort(), stripSlash(uri.getPath()), null, null));
      } catch (URISyntaxException e) {
        values.error(URL + " entry '" + raw.trim() + "' is not a URL: " + e.getMessage());
      }
    }
    if (urls.stream().anyMatch(u -> MOCK_SCHEME.equals(u.getScheme())) && urls.size() > 1) {
      values.error(URL + " may name only one mock:// registry and nothing else");
    }

    BasicAuthCredentialsSource basicSource =
        values.choice(
            BASIC_AUTH_CREDENTIALS_SOURCE,
            BasicAuthCredentialsSource.class,
            BasicAuthCredentialsSource.URL);
    String userInfo = values.string(BASIC_AUTH_USER_INFO, "");
    boolean bearerConfigured =
        values.isSet(BEARER_AUTH_CREDENTIALS_SOURCE) || values.isSet(BEARER_AUTH_TOKEN);
    values.choice(
        BEARER_AUTH_CREDENTIALS_SOURCE,
        BearerAuthCredentialsSource.class,
        BearerAuthCredentialsSource.STATIC_TOKEN);
    String token = values.string(BEARER_AUTH_TOKEN, "");

    Optional<String> authorization = Optional.empty();
    if (basicSource == BasicAuthCredentialsSource.USER_INFO) {
      if (!userInfo.contains(":")) {
        values.error(
            BASIC_AUTH_USER_INFO
                + " must be 'user:password' when "
                + BASIC_AUTH_CREDENTIALS_SOURCE
                + "=USER_INFO");
      } else {
        authorization = Optional.of(basic(userInfo));
      }
    } else if (urlUserInfo != null) {
      authorization = Optional.of(basic(urlUserInfo));
    }
    if (bearerConfigured) {
      if (authorization.isPresent()) {
        values.error(
            "configure either basic authentication or " + BEARER_AUTH_TOKEN + ", not both");
      } else if (token.isBlank()) {
        values.error(
            BEARER_AUTH_TOKEN
                + " is required when "
                + BEARER_AUTH_CREDENTIALS_SOURCE
                + "=STATIC_TOKEN");
      } else {
        authorization = Optional.of("Bearer " + token);
      }
    }

    int maxRetries = (int) values.longValue(MAX_RETRIES, DEFAULT_MAX_RETRIES, 0);
    long waitMs = values.longValue(RETRIES_WAIT_MS, DEFAULT_RETRIES_WAIT_MS, 0);
    long maxWaitMs = values.longValue(RETRIES_MAX_WAIT_MS, DEFAULT_RETRIES_MAX_WAIT_MS, 0);
    if (maxWaitMs < waitMs) {
      values.error(
          RETRIES_MAX_WAIT_MS
              + " ("
              + maxWaitMs
              + ") must be >= "
              + RETRIES_WAIT_MS
              + " ("
              + waitMs
              + ")");
    }
    long connectMs = values.longValue(HTTP_CONNECT_TIMEOUT_MS, DEFAULT_HTTP_CONNECT_TIMEOUT_MS, 1);
    long readMs = values.longValue(HTTP_READ_TIMEOUT_MS, DEFAULT_HTTP_READ_TIMEOUT_MS, 1);
    long ttlSec = values.longValue(LATEST_CACHE_TTL_SEC, DEFAULT_LATEST_CACHE_TTL_SEC, 0);

    if (values.errors().size() > errorsBefore.size()) {
      return null;
    }
    return new RegistryClientConfig(
        urls,
        authorization,
        new RetryPolicy(maxRetries, Duration.ofMillis(waitMs), Duration.ofMillis(maxWaitMs)),
        Duration.ofMillis(connectMs),
        Duration.ofMillis(readMs),
        Duration.ofSeconds(ttlSec));
  }

  /** Whether this names an in-memory {@code mock://} registry. */
  public boolean isMock() {
    return MOCK_SCHEME.equals(urls.get(0).getScheme());
  }

  /** The same settings with another retry policy. */
  public RegistryClientConfig withRetry(RetryPolicy policy) {
    return new RegistryClientConfig(
        urls, authorization, policy, connectTimeout, requestTimeout, latestCacheTtl);
  }

  private static String basic(String userInfo) {
    return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
  }

  private static String stripSlash(String path) {
    if (path == null) {
      return "";
    }
    String p = path;
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  @Override
  public String toString() {
    return "RegistryClientConfig[urls="
        + urls
        + ", authorization="
        + authorization.map(a -> "<redacted>").orElse("none")
        + ", retry="
        + retry
        + ", connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + ", latestCacheTtl="
        + latestCacheTtl
        + "]";
  }
}
