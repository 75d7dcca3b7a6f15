package io.tokenlens.streams.config;

import io.tokenlens.schemas.config.ConfigReader;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of the incident ↔ pull-request links.
 *
 * @param window how long before an incident was triggered a merge into one of its service's
 *     repositories links it
 * @param retention how long merged pull requests and emitted links are kept: the reach of explicit
 *     references and of "once per (incident, pull request)"; at least {@code window}
 */
public record IncidentLinkSettings(Duration window, Duration retention) {

  public static final String WINDOW_MS = "streams.incident.link.window.ms";
  public static final String RETENTION_MS = "streams.incident.retention.ms";

  static void defaults(Map<String, String> d) {
    d.put(WINDOW_MS, Long.toString(Duration.ofHours(72).toMillis()));
    d.put(RETENTION_MS, Long.toString(Duration.ofDays(14).toMillis()));
  }

  static IncidentLinkSettings read(ConfigReader reader) {
    Duration window = reader.millisAtLeast(WINDOW_MS, 1000);
    Duration retention = reader.millisAtLeast(RETENTION_MS, 1000);
    reader.requireAtLeast(RETENTION_MS, retention, WINDOW_MS, window);
    return new IncidentLinkSettings(window, retention);
  }
}
