package io.tokenlens.registry;

import io.tokenlens.registry.RegistryState.Version;
import java.util.List;
import java.util.Map;

/** {@code /subjects}: subjects, their versions, registration, lookup and deletion. */
public final class SubjectResource {
  private final RegistryService service;

  public SubjectResource(RegistryService service) {
    this.service = service;
  }

  public void register(Router router) {
    router
        .read(
            "GET",
            "/subjects",
            r -> RegistryResponse.ok(service.subjects(r.flag("deleted"), r.flag("deletedOnly"))))
        .read(
            "GET",
            "/subjects/{subject}/versions",
            r -> RegistryResponse.ok(service.versions(r.path("subject"), r.flag("deleted"))))
        .write(
            "POST",
            "/subjects/{subject}/versions",
            r ->
                RegistryResponse.ok(
                    Json.object("id", service.register(r.path("subject"), r.schemaRequest()))))
        .read(
            "GET",
            "/subjects/{subject}/versions/{version}",
            r -> RegistryResponse.ok(body(version(r))))
        .read(
            "GET",
            "/subjects/{subject}/versions/{version}/schema",
            r -> RegistryResponse.raw(version(r).text()))
        .read(
            "GET",
            "/subjects/{subject}/versions/{version}/referencedby",
            r -> {
              version(r);
              return RegistryResponse.ok(List.of());
            })
        .read(
            "POST",
            "/subjects/{subject}",
            r ->
                RegistryResponse.ok(
                    body(service.lookup(r.path("subject"), r.schemaRequest(), r.flag("deleted")))))
        .write(
            "DELETE",
            "/subjects/{subject}",
            r -> RegistryResponse.ok(service.deleteSubject(r.path("subject"), r.flag("permanent"))))
        .write(
            "DELETE",
            "/subjects/{subject}/versions/{version}",
            r ->
                RegistryResponse.ok(
                    service.deleteVersion(
                        r.path("subject"), r.path("version"), r.flag("permanent"))));
  }

  private Version version(RegistryRequest r) {
    return service.version(r.path("subject"), r.path("version"), r.flag("deleted"));
  }

  private static Map<String, Object> body(Version v) {
    return Json.object(
        "subject", v.subject(), "version", v.version(), "id", v.id(), "schema", v.text());
  }
}
