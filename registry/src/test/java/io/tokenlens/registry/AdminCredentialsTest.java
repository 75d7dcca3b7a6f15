package io.tokenlens.registry;

import static io.tokenlens.registry.RegistryClient.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.registry.RegistryClient.Reply;
import org.junit.jupiter.api.Test;

class AdminCredentialsTest {
  private static final String SUBJECT = "usage-value";
  private static final String VERSIONS = "/subjects/" + SUBJECT + "/versions";

  @Test
  void shouldRefuseAPermanentDeleteWithTheOrdinaryCredentialsAndAllowItWithTheAdminOnes() {
    try (InMemoryRegistry registry =
        new InMemoryRegistry(
            "--basic-auth", "app:app-password", "--admin-basic-auth", "ops:ops-password")) {
      RegistryClient app = registry.client().withBasicAuth("app", "app-password");
      RegistryClient ops = registry.client().withBasicAuth("ops", "ops-password");
      int id = app.register(SUBJECT, Schemas.V1);
      assertThat(ops.delete("/subjects/" + SUBJECT).status()).isEqualTo(200);

      Reply refused = app.delete("/subjects/" + SUBJECT + "?permanent=true");
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.contentType()).isEqualTo(RegistryClient.V1);
      assertThat(refused.errorCode()).isEqualTo(40301);
      assertThat(refused.message())
          .isEqualTo(
              "User is denied operation Delete on Subject: "
                  + SUBJECT
                  + ": a permanent delete needs the registry's admin credentials");
      assertThat(app.delete(VERSIONS + "/1?permanent=true").errorCode()).isEqualTo(40301);
      assertThat(app.get("/schemas/ids/" + id).status()).isEqualTo(200);

      Reply allowed = ops.delete("/subjects/" + SUBJECT + "?permanent=true");
      assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
      assertThat(allowed.json().toString()).isEqualTo("[1]");
      assertThat(app.get("/schemas/ids/" + id).errorCode()).isEqualTo(40403);
    }
  }

  @Test
  void shouldRefusePermanentDeletesOutrightWhenNoAdminCredentialsAreConfigured() {
    try (InMemoryRegistry registry = new InMemoryRegistry()) {
      RegistryClient client = registry.client();
      int id = client.register(SUBJECT, Schemas.V1);
      assertThat(client.delete(VERSIONS + "/1").status()).isEqualTo(200);

      Reply version = client.delete(VERSIONS + "/1?permanent=true");
      Reply subject =
          client
              .withBasicAuth("ops", "ops-password")
              .delete("/subjects/" + SUBJECT + "?permanent=true");

      for (Reply refused : new Reply[] {version, subject}) {
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo(40301);
        assertThat(refused.message())
            .endsWith(
                "permanent deletes are disabled on this registry:"
                    + " no admin credentials are configured (--admin-basic-auth)");
      }
      assertThat(client.get("/schemas/ids/" + id).status()).isEqualTo(200);
      assertThat(client.get(VERSIONS + "?deleted=true").json().toString()).isEqualTo("[1]");
    }
  }

  @Test
  void shouldLeaveRegistrationReadsAndChecksToTheOrdinaryCredentials() {
    try (InMemoryRegistry registry =
        new InMemoryRegistry(
            "--basic-auth", "app:app-password", "--admin-basic-auth", "ops:ops-password")) {
      RegistryClient app = registry.client().withBasicAuth("app", "app-password");
      RegistryClient ops = registry.client().withBasicAuth("ops", "ops-password");

      int id = app.register(SUBJECT, Schemas.V1);
      assertThat(app.post("/subjects/" + SUBJECT, schemaBody(Schemas.V1)).status()).isEqualTo(200);
      assertThat(app.get("/schemas/ids/" + id).status()).isEqualTo(200);
      assertThat(app.get(VERSIONS + "/latest").status()).isEqualTo(200);
      assertThat(
              app.post(
                      "/compatibility" + VERSIONS + "/latest",
                      schemaBody(Schemas.V2_OPTIONAL_FIELD))
                  .status())
          .isEqualTo(200);
      assertThat(app.get("/config").status()).isEqualTo(200);
      assertThat(ops.get("/subjects").status()).isEqualTo(200);

      Reply level = app.put("/config/" + SUBJECT, "{\"compatibility\":\"NONE\"}");
      assertThat(level.status()).isEqualTo(403);
      assertThat(level.message())
          .isEqualTo(
              "User is denied operation AlterCompatibility on"
                  + " Subject: "
                  + SUBJECT
                  + ": deletes and compatibility changes need the registry's"
                  + " admin credentials");
      assertThat(app.put("/config", "{\"compatibility\":\"NONE\"}").message())
          .startsWith(
              "User is denied operation AlterCompatibility on the global compatibility level");
      assertThat(app.delete(VERSIONS + "/1").errorCode()).isEqualTo(40301);
      assertThat(ops.put("/config/" + SUBJECT, "{\"compatibility\":\"NONE\"}").status())
          .isEqualTo(200);
      assertThat(ops.delete(VERSIONS + "/1").status()).isEqualTo(200);
    }
  }

  @Test
  void shouldAskAnonymousClientsForTheAdminCredentialsOnlyWhereTheyAreNeeded() {
    try (InMemoryRegistry registry =
        new InMemoryRegistry("--admin-basic-auth", "ops:ops-password")) {
      RegistryClient anonymous = registry.client();

      anonymous.register(SUBJECT, Schemas.V1);
      assertThat(anonymous.delete("/subjects/" + SUBJECT).errorCode()).isEqualTo(40301);
      assertThat(anonymous.withBasicAuth("ops", "wrong").delete("/subjects/" + SUBJECT).errorCode())
          .isEqualTo(40301);
      assertThat(
              registry
                  .client()
                  .withBasicAuth("ops", "ops-password")
                  .delete("/subjects/" + SUBJECT)
                  .status())
          .isEqualTo(200);
    }
  }

  @Test
  void shouldStillAuthenticateBeforeRefusing() {
    try (InMemoryRegistry registry =
        new InMemoryRegistry(
            "--basic-auth", "app:app-password", "--admin-basic-auth", "ops:ops-password")) {
      Reply anonymous = registry.client().delete("/subjects/" + SUBJECT + "?permanent=true");

      assertThat(anonymous.status()).isEqualTo(401);
      assertThat(anonymous.errorCode()).isEqualTo(401);
    }
  }
}
