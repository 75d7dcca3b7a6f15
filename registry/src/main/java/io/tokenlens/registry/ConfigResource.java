package io.tokenlens.registry;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code /config}: the global and per-subject compatibility levels. Updates take {@code
 * {"compatibility": "FULL"}} and answer the same shape; reads and deletes answer {@code
 * {"compatibilityLevel": "FULL"}}, as Confluent does.
 */
public final class ConfigResource {
  private final RegistryService service;

  public ConfigResource(RegistryService service) {
    this.service = service;
  }

  public void register(Router router) {
    router
        .read("GET", "/config", r -> level(service.globalLevel()))
        .write("PUT", "/config", r -> updated(service.setGlobalLevel(requestedLevel(r))))
        .write("DELETE", "/config", r -> level(service.clearGlobalLevel()))
        .read(
            "GET",
            "/config/{subject}",
            r -> level(service.subjectLevel(r.path("subject"), r.flag("defaultToGlobal"))))
        .write(
            "PUT",
            "/config/{subject}",
            r -> updated(service.setSubjectLevel(r.path("subject"), requestedLevel(r))))
        .write(
            "DELETE",
            "/config/{subject}",
            r -> level(service.clearSubjectLevel(r.path("subject"))));
  }

  private static CompatibilityLevel requestedLevel(RegistryRequest request) {
    JsonNode body = request.jsonObject();
    JsonNode level =
        body.hasNonNull("compatibility")
            ? body.get("compatibility")
            : body.get("compatibilityLevel");
    if (level == null || !level.isTextual()) {
      throw RegistryException.invalidCompatibilityLevel();
    }
    return CompatibilityLevel.parse(level.asText())
        .orElseThrow(RegistryException::invalidCompatibilityLevel);
  }

  private static RegistryResponse level(CompatibilityLevel level) {
    return RegistryResponse.ok(Json.object("compatibilityLevel", level.name()));
  }

  private static RegistryResponse updated(CompatibilityLevel level) {
    return RegistryResponse.ok(Json.object("compatibility", level.name()));
  }
}
