package io.tokenlens.registry;

import java.util.Map;

/** {@code /} and {@code /mode}: what clients probe before anything else. */
public final class RootResource {

  public void register(Router router) {
    router
        .read("GET", "/", r -> RegistryResponse.ok(Map.of()))
        .read("GET", "/mode", r -> RegistryResponse.ok(Json.object("mode", "READWRITE")));
  }
}
