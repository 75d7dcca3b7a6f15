package io.tokenlens.registry;

import java.util.List;

/** {@code /schemas}: schemas by their global id, and the supported schema types. */
public final class SchemaResource {
  private final RegistryService service;

  public SchemaResource(RegistryService service) {
    this.service = service;
  }

  public void register(Router router) {
    router
        .read("GET", "/schemas/types", r -> RegistryResponse.ok(List.of("AVRO")))
        .read(
            "GET",
            "/schemas/ids/{id}",
            r -> RegistryResponse.ok(Json.object("schema", service.schemaText(id(r)))))
        .read(
            "GET", "/schemas/ids/{id}/schema", r -> RegistryResponse.raw(service.schemaText(id(r))))
        .read(
            "GET",
            "/schemas/ids/{id}/subjects",
            r ->
                RegistryResponse.ok(
                    service.usages(id(r), r.flag("deleted")).stream()
                        .map(RegistryState.SubjectVersion::subject)
                        .distinct()
                        .toList()))
        .read(
            "GET",
            "/schemas/ids/{id}/versions",
            r ->
                RegistryResponse.ok(
                    service.usages(id(r), r.flag("deleted")).stream()
                        .map(u -> Json.object("subject", u.subject(), "version", u.version()))
                        .toList()));
  }

  private static int id(RegistryRequest r) {
    try {
      return Integer.parseInt(r.path("id"));
    } catch (NumberFormatException e) {
      throw new RegistryException(ErrorCode.NOT_FOUND, "HTTP 404 Not Found");
    }
  }
}
