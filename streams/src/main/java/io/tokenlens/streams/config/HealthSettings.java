package io.tokenlens.streams.config;

import io.tokenlens.schemas.config.ConfigLayers;
import io.tokenlens.schemas.config.ConfigReader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the streams job serves {@code /health} and {@code /metrics}: the same layers as {@link
 * StreamsAppConfig} (defaults, the properties file named by {@value
 * StreamsAppConfig#CONFIG_FILE_ENV}, the environment).
 *
 * @param host address to bind ({@code 0.0.0.0} inside a container)
 * @param port port; {@code 0} any free port, {@code -1} no server
 */
public record HealthSettings(String host, int port) {

  public static final String HOST = "streams.health.host";
  public static final String PORT = "streams.health.port";

  static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(HOST, "127.0.0.1");
    d.put(PORT, "9465");
    return d;
  }

  /** Whether a server is to be started. */
  public boolean enabled() {
    return port >= 0;
  }

  public static HealthSettings load(Map<String, String> env) {
    return fromMap(
        ConfigLayers.layer(defaults(), defaults().keySet(), StreamsAppConfig.CONFIG_FILE_ENV, env));
  }

  public static HealthSettings fromMap(Map<String, String> raw) {
    Map<String, String> values = new LinkedHashMap<>(defaults());
    values.putAll(raw);
    ConfigReader reader = new ConfigReader(values);
    String host = reader.required(HOST);
    int port = reader.intAtLeast(PORT, -1);
    if (port > 65_535) {
      reader.error(PORT + " must be at most 65535 but is " + port);
    }
    reader.throwIfInvalid("streams");
    return new HealthSettings(host, port);
  }
}
