package io.tokenlens.ingest.incidents;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenlens.ingest.json.JsonBatch;
import io.tokenlens.ingest.json.JsonFields;
import io.tokenlens.ingest.webhooks.ChangeReferences;
import io.tokenlens.schemas.avro.ChangeReference;
import io.tokenlens.schemas.avro.IncidentEvent;
import io.tokenlens.schemas.avro.IncidentProvider;
import io.tokenlens.schemas.avro.IncidentStatus;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses the body of {@code POST /v1/incidents}: the project's own incident shape, a JSON array of
 * incident events or one object, for incident tools without a webhook mapping. Every problem of
 * every item is collected and the batch refused whole (400, {@code [index].field: problem}), as for
 * token events.
 *
 * <p>The event id is {@code generic:<id>:<status>:<occurredAt ISO-8601>}: the same status change
 * sent again gets the same id. Links are pull/merge request or commit URLs (GitHub, GitLab) or bare
 * commit SHAs; PR and commit URLs in the title count too.
 */
public final class IncidentParser {

  /** Largest number of incident events in one request. */
  public static final int MAX_INCIDENTS = 1_000;

  /** Largest number of links of one incident event. */
  public static final int MAX_LINKS = 100;

  static final Set<String> FIELDS =
      Set.of(
          "id",
          "service",
          "status",
          "title",
          "urgency",
          "priority",
          "occurredAt",
          "triggeredAt",
          "url",
          "links");
  private static final Map<String, IncidentStatus> STATUSES = statuses();
  private static final Set<String> URGENCIES = Set.of("high", "low");
  private static final Pattern PRIORITY = Pattern.compile("P[1-5]");
  private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,40}");

  private IncidentParser() {}

  private static Map<String, IncidentStatus> statuses() {
    Map<String, IncidentStatus> m = new LinkedHashMap<>();
    m.put("triggered", IncidentStatus.TRIGGERED);
    m.put("acknowledged", IncidentStatus.ACKNOWLEDGED);
    m.put("resolved", IncidentStatus.RESOLVED);
    return m;
  }

  public static List<IncidentEvent> parse(byte[] body, Instant acceptedAt) {
    List<JsonNode> nodes = JsonBatch.items(body, "incident events", "incident event");
    return JsonBatch.mapAll(
        nodes, MAX_INCIDENTS, "incident events", item -> toEvent(item, acceptedAt));
  }

  private static IncidentEvent toEvent(JsonFields f, Instant acceptedAt) {
    f.refuseUnknown(FIELDS);
    String id = f.requiredString("id");
    String service = f.requiredString("service");
    IncidentStatus status = status(f);
    String title = f.string("title");
    String urgency = lowercase(f.string("urgency"));
    if (urgency != null && !URGENCIES.contains(urgency)) {
      f.problem("urgency", "'" + urgency + "' is not high or low");
    }
    String priority = uppercase(f.string("priority"));
    if (priority != null && !PRIORITY.matcher(priority).matches()) {
      f.problem("priority", "'" + priority + "' is not one of P1, P2, P3, P4, P5");
    }
    Instant occurredAt = f.instant("occurredAt");
    Instant triggeredAt = f.optionalInstant("triggeredAt");
    String url = url(f);
    List<ChangeReference> references = links(f);
    if (!f.problems().isEmpty()) {
      return null;
    }
    references.addAll(ChangeReferences.find(title));
    return IncidentEvent.newBuilder()
        .setEventId(
            "generic:" + id + ":" + status.name().toLowerCase(Locale.ROOT) + ":" + occurredAt)
        .setOccurredAt(occurredAt)
        .setAcceptedAt(acceptedAt)
        .setProvider(IncidentProvider.GENERIC)
        .setIncidentId(id)
        .setUrl(url)
        .setTitle(title)
        .setService(service.toLowerCase(Locale.ROOT))
        .setStatus(status)
        .setUrgency(urgency)
        .setPriority(priority)
        .setTriggeredAt(triggeredAt != null ? triggeredAt : occurredAt)
        .setAcknowledgedAt(status == IncidentStatus.ACKNOWLEDGED ? occurredAt : null)
        .setResolvedAt(status == IncidentStatus.RESOLVED ? occurredAt : null)
        .setChangeReferences(distinct(references))
        .build();
  }

  private static IncidentStatus status(JsonFields f) {
    String raw = lowercase(f.requiredString("status"));
    if (raw == null) {
      return null;
    }
    IncidentStatus status = STATUSES.get(raw);
    if (status == null) {
      f.problem("status", "'" + raw + "' is not one of " + String.join(", ", STATUSES.keySet()));
    }
    return status;
  }

  private static String url(JsonFields f) {
    String url = f.string("url");
    if (url == null) {
      return null;
    }
    try {
      URI uri = new URI(url);
      if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null) {
        return url;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    f.problem("url", "'" + url + "' is not an http(s) URL");
    return null;
  }

  private static List<ChangeReference> links(JsonFields f) {
    List<ChangeReference> refs = new ArrayList<>();
    JsonNode links = f.node().get("links");
    if (links == null || links.isNull()) {
      return refs;
    }
    if (!links.isArray()) {
      f.problem("links", "must be an array of strings, not " + JsonFields.type(links));
      return refs;
    }
    if (links.size() > MAX_LINKS) {
      f.problem("links", links.size() + " links; at most " + MAX_LINKS);
      return refs;
    }
    for (int j = 0; j < links.size(); j++) {
      JsonNode link = links.get(j);
      String field = "links[" + j + "]";
      if (!link.isTextual()) {
        f.problem(field, "must be a string, not " + JsonFields.type(link));
        continue;
      }
      String text = link.asText().trim();
      List<ChangeReference> found = ChangeReferences.find(text);
      if (!found.isEmpty()) {
        refs.addAll(found);
      } else if (SHA.matcher(text).matches()) {
        refs.add(
            ChangeReference.newBuilder()
                .setCommitSha(text.toLowerCase(Locale.ROOT))
                .setUrl(text)
                .build());
      } else {
        f.problem(
            field,
            "'"
                + text
                + "' is not a pull/merge request URL, a commit URL or a commit SHA "
                + "(7 to 40 hex digits)");
      }
    }
    return refs;
  }

  private static List<ChangeReference> distinct(List<ChangeReference> refs) {
    Map<String, ChangeReference> byUrl = new LinkedHashMap<>();
    refs.forEach(r -> byUrl.putIfAbsent(r.getUrl(), r));
    return new ArrayList<>(byUrl.values());
  }

  private static String lowercase(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  private static String uppercase(String s) {
    return s == null ? null : s.toUpperCase(Locale.ROOT);
  }
}
