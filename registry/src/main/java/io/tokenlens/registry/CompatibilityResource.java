package io.tokenlens.registry;

import java.util.List;
import java.util.Map;

/**
 * {@code /compatibility}: whether a schema could be registered, against one version or (without a
 * version) against the versions the subject's level requires. {@code ?verbose=true} adds why.
 */
public final class CompatibilityResource {
  private final RegistryService service;

  public CompatibilityResource(RegistryService service) {
    this.service = service;
  }

  public void register(Router router) {
    router
        .read(
            "POST",
            "/compatibility/subjects/{subject}/versions/{version}",
            r ->
                answer(
                    r,
                    service.checkCompatibility(
                        r.path("subject"), r.path("version"), r.schemaRequest())))
        .read(
            "POST",
            "/compatibility/subjects/{subject}/versions",
            r -> answer(r, service.checkCompatibility(r.path("subject"), null, r.schemaRequest())));
  }

  private static RegistryResponse answer(RegistryRequest request, List<String> problems) {
    Map<String, Object> body = Json.object("is_compatible", problems.isEmpty());
    if (request.flag("verbose")) {
      body.put("messages", problems);
    }
    return RegistryResponse.ok(body);
  }
}
