package io.tokenlens.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may call what. Every request needs the ordinary credentials ({@code --basic-auth}) when they
 * are configured; the admin credentials ({@code --admin-basic-auth}) are accepted wherever the
 * ordinary ones are. On top of that:
 *
 * <ul>
 *   <li>a permanent delete ({@code DELETE ...?permanent=true}) needs the admin credentials and is
 *       refused outright when none are configured: it makes every record written with the deleted
 *       schemas unreadable for a client that has not cached them;
 *   <li>the other changes to what was registered, soft deletes and compatibility levels (every
 *       {@code DELETE} and {@code PUT}), need the admin credentials when they are configured;
 *   <li>reads, registration, lookups and compatibility checks ({@code GET}, {@code POST}) need only
 *       the ordinary credentials, so Confluent-compatible serdes work with them unchanged.
 * </ul>
 */
final class AccessRules {

  /** What a request must carry beyond being authenticated. */
  enum Privilege {
    ORDINARY,
    ADMIN_WHEN_CONFIGURED,
    ADMIN
  }

  private final Optional<BasicAuth> ordinary;
  private final Optional<BasicAuth> admin;

  AccessRules(RegistryConfig config) {
    this.ordinary = config.basicAuth().map(BasicAuth::new);
    this.admin = config.adminBasicAuth().map(BasicAuth::new);
  }

  /**
   * The privilege a request with this method needs; {@code permanent} is its {@code
   * ?permanent=true}.
   */
  static Privilege privilege(String method, boolean permanent) {
    return switch (method) {
      case "DELETE" -> permanent ? Privilege.ADMIN : Privilege.ADMIN_WHEN_CONFIGURED;
      case "PUT" -> Privilege.ADMIN_WHEN_CONFIGURED;
      default -> Privilege.ORDINARY;
    };
  }

  /** Whether the {@code Authorization} header passes authentication (a 401 otherwise). */
  boolean authenticated(String authorization) {
    return ordinary.isEmpty() || ordinary.get().accepts(authorization) || isAdmin(authorization);
  }

  /**
   * Refuses an authenticated request that lacks the privilege of its route, as Confluent's
   * authorizer does: 403 with error code 40301.
   *
   * @param template the matched route's path template, {@code pathParams} its parameters
   * @throws RegistryException 40301 when the request is not allowed
   */
  void authorize(
      String method,
      boolean permanent,
      List<String> template,
      Map<String, String> pathParams,
      String authorization) {
    Privilege needed = privilege(method, permanent);
    if (needed == Privilege.ORDINARY
        || needed == Privilege.ADMIN_WHEN_CONFIGURED && admin.isEmpty()
        || isAdmin(authorization)) {
      return;
    }
    String operation =
        !template.isEmpty() && template.get(0).equals("config") ? "AlterCompatibility" : "Delete";
    String subject = pathParams.get("subject");
    String resource = subject != null ? "Subject: " + subject : "the global compatibility level";
    String why;
    if (needed == Privilege.ADMIN && admin.isEmpty()) {
      why =
          "permanent deletes are disabled on this registry: no admin credentials are configured"
              + " (--admin-basic-auth)";
    } else if (needed == Privilege.ADMIN) {
      why = "a permanent delete needs the registry's admin credentials";
    } else {
      why = "deletes and compatibility changes need the registry's admin credentials";
    }
    throw RegistryException.forbidden(operation, resource, why);
  }

  private boolean isAdmin(String authorization) {
    return admin.isPresent() && admin.get().accepts(authorization);
  }
}
