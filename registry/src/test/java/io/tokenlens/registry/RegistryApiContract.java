package io.tokenlens.registry;

import static io.tokenlens.registry.RegistryClient.encode;
import static io.tokenlens.registry.RegistryClient.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.registry.RegistryClient.Reply;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The REST API as Confluent Schema Registry clients see it, run against the in-memory store ({@code
 * RegistryApiTest}) and against Kafka ({@code SchemaRegistryIT}). Every test uses its own subjects;
 * tests of the global level put it back.
 */
abstract class RegistryApiContract {

  /**
   * The admin credentials the registry under test runs with: the contract covers every operation.
   */
  static final String ADMIN_USER = "contract-admin";

  static final String ADMIN_PASSWORD = "contract-admin-password";

  /** The flags that give the registry under test {@link #ADMIN_USER}'s credentials. */
  static String[] adminArgs() {
    return new String[] {"--admin-basic-auth", ADMIN_USER + ":" + ADMIN_PASSWORD};
  }

  /** The client of the registry under test, with the admin credentials. */
  abstract RegistryClient client();

  static String subject(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "-value";
  }

  private static String versions(String subject) {
    return "/subjects/" + encode(subject) + "/versions";
  }

  @Test
  void shouldAnswerTheRootAndTheSchemaTypes() {
    assertThat(client().get("/").json().toString()).isEqualTo("{}");
    assertThat(client().get("/schemas/types").json().toString()).isEqualTo("[\"AVRO\"]");
    assertThat(client().get("/subjects").status()).isEqualTo(200);
  }

  @Test
  void shouldGiveTheSameIdWhenTheSameSchemaIsRegisteredTwice() {
    String subject = subject("twice");

    int first = client().register(subject, Schemas.V1);
    int second = client().register(subject, Schemas.V1);
    int reformatted = client().register(subject, Schemas.V1_REFORMATTED);

    assertThat(second).isEqualTo(first);
    assertThat(reformatted).isEqualTo(first);
    assertThat(client().get(versions(subject)).json().toString()).isEqualTo("[1]");
  }

  @Test
  void shouldGiveTheSameIdToTheSameSchemaInTwoSubjects() {
    String a = subject("a");
    String b = subject("b");

    int inA = client().register(a, Schemas.OTHER);
    int inB = client().register(b, Schemas.OTHER);

    assertThat(inB).isEqualTo(inA);
    assertThat(client().get("/schemas/ids/" + inA + "/subjects").json())
        .extracting(n -> n.asText())
        .contains(a, b);
    assertThat(client().get("/schemas/ids/" + inA + "/versions").json().toString())
        .contains("{\"subject\":\"" + a + "\",\"version\":1}")
        .contains("{\"subject\":\"" + b + "\",\"version\":1}");
  }

  @Test
  void shouldServeVersionsBySubjectAndNumber() {
    String subject = subject("versions");
    int id1 = client().register(subject, Schemas.V1);
    int id2 = client().register(subject, Schemas.V2_OPTIONAL_FIELD);

    assertThat(id2).isNotEqualTo(id1);
    assertThat(client().get(versions(subject)).json().toString()).isEqualTo("[1,2]");
    Reply first = client().get(versions(subject) + "/1");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().get("subject").asText()).isEqualTo(subject);
    assertThat(first.json().get("version").asInt()).isEqualTo(1);
    assertThat(first.json().get("id").asInt()).isEqualTo(id1);
    assertThat(first.json().get("schema").asText()).isEqualTo(Schemas.V1);
    assertThat(first.json().has("schemaType")).isFalse();
    assertThat(client().get(versions(subject) + "/latest").json().get("version").asInt())
        .isEqualTo(2);
    assertThat(client().get(versions(subject) + "/-1").json().get("id").asInt()).isEqualTo(id2);
    assertThat(client().get(versions(subject) + "/2/schema").body())
        .isEqualTo(Schemas.V2_OPTIONAL_FIELD);
    assertThat(client().get(versions(subject) + "/2/referencedby").json().toString())
        .isEqualTo("[]");
    assertThat(client().get("/subjects").json()).extracting(n -> n.asText()).contains(subject);
  }

  @Test
  void shouldServeSchemasById() {
    String subject = subject("by-id");
    int id = client().register(subject, Schemas.V1);

    assertThat(client().get("/schemas/ids/" + id).json().get("schema").asText())
        .isEqualTo(Schemas.V1);
    assertThat(client().get("/schemas/ids/" + id + "/schema").body()).isEqualTo(Schemas.V1);

    Reply missing = client().get("/schemas/ids/987654");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.errorCode()).isEqualTo(40403);
    assertThat(missing.message()).isEqualTo("Schema 987654 not found");
  }

  @Test
  void shouldAnswerConfluentErrorsForMissingSubjectsAndVersions() {
    String subject = subject("missing");
    Reply noSubject = client().get(versions(subject));
    assertThat(noSubject.status()).isEqualTo(404);
    assertThat(noSubject.errorCode()).isEqualTo(40401);
    assertThat(noSubject.message()).isEqualTo("Subject '" + subject + "' not found.");
    assertThat(noSubject.contentType()).isEqualTo(RegistryClient.V1);

    client().register(subject, Schemas.V1);
    Reply noVersion = client().get(versions(subject) + "/7");
    assertThat(noVersion.status()).isEqualTo(404);
    assertThat(noVersion.errorCode()).isEqualTo(40402);
    assertThat(noVersion.message()).isEqualTo("Version 7 not found.");

    for (String invalid : List.of("0", "abc", "-2")) {
      Reply reply = client().get(versions(subject) + "/" + invalid);
      assertThat(reply.status()).isEqualTo(422);
      assertThat(reply.errorCode()).isEqualTo(42202);
      assertThat(reply.message())
          .startsWith("The specified version '" + invalid + "' is not a valid version id.");
    }
  }

  @Test
  void shouldLookUpASchemaUnderASubject() {
    String subject = subject("lookup");
    int id = client().register(subject, Schemas.V1);
    client().register(subject, Schemas.V2_OPTIONAL_FIELD);

    Reply found = client().post("/subjects/" + encode(subject), schemaBody(Schemas.V1_REFORMATTED));
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json().get("subject").asText()).isEqualTo(subject);
    assertThat(found.json().get("version").asInt()).isEqualTo(1);
    assertThat(found.json().get("id").asInt()).isEqualTo(id);
    assertThat(found.json().get("schema").asText()).isEqualTo(Schemas.V1);

    Reply notRegistered = client().post("/subjects/" + encode(subject), schemaBody(Schemas.OTHER));
    assertThat(notRegistered.status()).isEqualTo(404);
    assertThat(notRegistered.errorCode()).isEqualTo(40403);
    assertThat(notRegistered.message()).isEqualTo("Schema not found");

    Reply noSubject =
        client().post("/subjects/" + encode(subject("nobody")), schemaBody(Schemas.V1));
    assertThat(noSubject.errorCode()).isEqualTo(40401);
  }

  @Test
  void shouldAcceptAnOptionalFieldAndRejectIncompatibleChangesUnderBackward() {
    String subject = subject("backward");
    client().register(subject, Schemas.V1);

    client().register(subject, Schemas.V2_OPTIONAL_FIELD);

    Reply required =
        client()
            .post(
                versions(subject),
                schemaBody(
                    """
        {"type":"record","name":"Usage","namespace":"io.tokenlens.test","fields":[
          {"name":"model","type":"string"},
          {"name":"tokens","type":["null","long"],"default":null},
          {"name":"cost","type":"double"}]}"""));
    assertThat(required.status()).isEqualTo(409);
    assertThat(required.errorCode()).isEqualTo(409);
    assertThat(required.message())
        .startsWith(
            "Schema being registered is incompatible with an earlier schema for subject \""
                + subject
                + "\"")
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
        .contains("'cost'");

    Reply typeChanged =
        client()
            .post(
                versions(subject),
                schemaBody(
                    """
        {"type":"record","name":"Usage","namespace":"io.tokenlens.test","fields":[
          {"name":"model","type":"int"},
          {"name":"tokens","type":["null","long"],"default":null}]}"""));
    assertThat(typeChanged.status()).isEqualTo(409);
    assertThat(typeChanged.message()).contains("TYPE_MISMATCH").contains("/fields/0/type");

    assertThat(client().get(versions(subject)).json().toString()).isEqualTo("[1,2]");
  }

  @Test
  void shouldAcceptAnythingUnderNone() {
    String subject = subject("none");
    client().register(subject, Schemas.V1);
    assertThat(
            client()
                .put("/config/" + encode(subject), "{\"compatibility\":\"NONE\"}")
                .json()
                .toString())
        .isEqualTo("{\"compatibility\":\"NONE\"}");

    client().register(subject, Schemas.V2_TYPE_CHANGED);
    client().register(subject, Schemas.OTHER);

    assertThat(client().get(versions(subject)).json().toString()).isEqualTo("[1,2,3]");
  }

  @Test
  void shouldCheckEveryLiveVersionUnderTransitiveLevels() {
    String subject = subject("transitive");
    client().put("/config/" + encode(subject), "{\"compatibility\":\"NONE\"}");
    client().register(subject, Schemas.V2_TYPE_CHANGED);
    client().register(subject, Schemas.V1);

    client().put("/config/" + encode(subject), "{\"compatibility\":\"BACKWARD\"}");
    Reply backward =
        client()
            .post(
                "/compatibility/subjects/" + encode(subject) + "/versions?verbose=true",
                schemaBody(Schemas.V2_OPTIONAL_FIELD));
    assertThat(backward.json().get("is_compatible").asBoolean()).isTrue();

    client().put("/config/" + encode(subject), "{\"compatibility\":\"BACKWARD_TRANSITIVE\"}");
    Reply rejected = client().post(versions(subject), schemaBody(Schemas.V2_OPTIONAL_FIELD));
    assertThat(rejected.status()).isEqualTo(409);
    assertThat(rejected.message())
        .contains("{oldSchemaVersion: 1}")
        .contains("BACKWARD_TRANSITIVE");

    client().delete(versions(subject) + "/1");
    assertThat(client().register(subject, Schemas.V2_OPTIONAL_FIELD)).isPositive();
  }

  @Test
  void shouldAnswerCompatibilityChecks() {
    String subject = subject("compat");
    client().register(subject, Schemas.V1);
    String path = "/compatibility/subjects/" + encode(subject) + "/versions/";

    Reply compatible = client().post(path + "latest", schemaBody(Schemas.V2_OPTIONAL_FIELD));
    assertThat(compatible.status()).isEqualTo(200);
    assertThat(compatible.json().toString()).isEqualTo("{\"is_compatible\":true}");

    Reply incompatible = client().post(path + "1", schemaBody(Schemas.V2_REQUIRED_FIELD));
    assertThat(incompatible.json().toString()).isEqualTo("{\"is_compatible\":false}");

    Reply verbose = client().post(path + "1?verbose=true", schemaBody(Schemas.V2_REQUIRED_FIELD));
    assertThat(verbose.json().get("is_compatible").asBoolean()).isFalse();
    assertThat(verbose.json().get("messages").toString())
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE");

    assertThat(client().post(path + "9", schemaBody(Schemas.V1)).errorCode()).isEqualTo(40402);
    assertThat(
            client()
                .post(
                    "/compatibility/subjects/" + encode(subject("none")) + "/versions/latest",
                    schemaBody(Schemas.V1))
                .errorCode())
        .isEqualTo(40401);
    assertThat(
            client()
                .post(
                    "/compatibility/subjects/" + encode(subject("none")) + "/versions",
                    schemaBody(Schemas.V1))
                .json()
                .get("is_compatible")
                .asBoolean())
        .isTrue();
  }

  @Test
  void shouldReadUpdateAndDeleteTheGlobalLevel() {
    assertThat(client().get("/config").json().toString())
        .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    try {
      Reply updated = client().put("/config", "{\"compatibility\":\"FULL\"}");
      assertThat(updated.status()).isEqualTo(200);
      assertThat(updated.json().toString()).isEqualTo("{\"compatibility\":\"FULL\"}");
      assertThat(client().get("/config").json().toString())
          .isEqualTo("{\"compatibilityLevel\":\"FULL\"}");

      Reply invalid = client().put("/config", "{\"compatibility\":\"SIDEWAYS\"}");
      assertThat(invalid.status()).isEqualTo(422);
      assertThat(invalid.errorCode()).isEqualTo(42203);
      assertThat(invalid.message()).startsWith("Invalid compatibility level.");
    } finally {
      assertThat(client().delete("/config").json().toString())
          .isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    }
    assertThat(client().get("/config").json().toString())
        .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
  }

  @Test
  void shouldReadUpdateAndDeleteASubjectLevel() {
    String subject = subject("config");
    String path = "/config/" + encode(subject);

    Reply unset = client().get(path);
    assertThat(unset.status()).isEqualTo(404);
    assertThat(unset.errorCode()).isEqualTo(40408);
    assertThat(client().get(path + "?defaultToGlobal=true").json().toString())
        .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

    assertThat(client().put(path, "{\"compatibility\":\"full_transitive\"}").json().toString())
        .isEqualTo("{\"compatibility\":\"FULL_TRANSITIVE\"}");
    assertThat(client().get(path).json().toString())
        .isEqualTo("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");

    assertThat(client().delete(path).json().toString())
        .isEqualTo("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
    assertThat(client().delete(path).errorCode()).isEqualTo(40401);
    assertThat(client().get(path).errorCode()).isEqualTo(40408);
  }

  @Test
  void shouldSoftThenHardDeleteAVersion() {
    String subject = subject("delete-version");
    client().register(subject, Schemas.V1);
    client().register(subject, Schemas.V2_OPTIONAL_FIELD);

    Reply notSoftDeleted = client().delete(versions(subject) + "/1?permanent=true");
    assertThat(notSoftDeleted.status()).isEqualTo(404);
    assertThat(notSoftDeleted.errorCode()).isEqualTo(40407);
    assertThat(notSoftDeleted.message())
        .isEqualTo(
            "Subject '"
                + subject
                + "' Version 1 was not deleted first before being permanently deleted");

    assertThat(client().delete(versions(subject) + "/1").json().asInt()).isEqualTo(1);
    assertThat(client().get(versions(subject)).json().toString()).isEqualTo("[2]");
    assertThat(client().get(versions(subject) + "?deleted=true").json().toString())
        .isEqualTo("[1,2]");
    assertThat(client().get(versions(subject) + "/1").errorCode()).isEqualTo(40402);
    assertThat(client().get(versions(subject) + "/1?deleted=true").json().get("version").asInt())
        .isEqualTo(1);

    Reply again = client().delete(versions(subject) + "/1");
    assertThat(again.errorCode()).isEqualTo(40406);
    assertThat(again.message())
        .isEqualTo(
            "Subject '"
                + subject
                + "' Version 1 was soft deleted.Set permanent=true to delete permanently");

    assertThat(client().delete(versions(subject) + "/1?permanent=true").json().asInt())
        .isEqualTo(1);
    assertThat(client().get(versions(subject) + "?deleted=true").json().toString())
        .isEqualTo("[2]");
    assertThat(client().delete(versions(subject) + "/1?permanent=true").errorCode())
        .isEqualTo(40402);
  }

  @Test
  void shouldSoftThenHardDeleteASubject() {
    String subject = subject("delete-subject");
    String only = Schemas.unique();
    int id = client().register(subject, only);
    client().put("/config/" + encode(subject), "{\"compatibility\":\"NONE\"}");
    client().register(subject, Schemas.V2_OPTIONAL_FIELD);

    Reply notSoftDeleted = client().delete("/subjects/" + encode(subject) + "?permanent=true");
    assertThat(notSoftDeleted.errorCode()).isEqualTo(40405);
    assertThat(notSoftDeleted.message())
        .isEqualTo(
            "Subject '" + subject + "' was not deleted first before being permanently deleted");

    assertThat(client().delete("/subjects/" + encode(subject)).json().toString())
        .isEqualTo("[1,2]");
    assertThat(client().get("/subjects").json())
        .extracting(n -> n.asText())
        .doesNotContain(subject);
    assertThat(client().get("/subjects?deleted=true").json())
        .extracting(n -> n.asText())
        .contains(subject);
    assertThat(client().get("/subjects?deletedOnly=true").json())
        .extracting(n -> n.asText())
        .contains(subject);
    assertThat(client().get(versions(subject)).errorCode()).isEqualTo(40401);
    // a soft-deleted schema still decodes data
    assertThat(client().get("/schemas/ids/" + id).status()).isEqualTo(200);

    Reply again = client().delete("/subjects/" + encode(subject));
    assertThat(again.errorCode()).isEqualTo(40404);
    assertThat(again.message())
        .isEqualTo(
            "Subject '" + subject + "' was soft deleted.Set permanent=true to delete permanently");

    assertThat(
            client().delete("/subjects/" + encode(subject) + "?permanent=true").json().toString())
        .isEqualTo("[1,2]");
    assertThat(client().get("/subjects?deleted=true").json())
        .extracting(n -> n.asText())
        .doesNotContain(subject);
    assertThat(client().get("/schemas/ids/" + id).errorCode()).isEqualTo(40403);
    assertThat(client().delete("/subjects/" + encode(subject)).errorCode()).isEqualTo(40401);

    assertThat(client().get("/config/" + encode(subject)).errorCode()).isEqualTo(40408);
    assertThat(client().register(subject, only)).isGreaterThan(id);
    assertThat(client().get(versions(subject)).json().toString()).isEqualTo("[1]");
  }

  @Test
  void shouldKeepTheIdWhenASoftDeletedSchemaIsRegisteredAgain() {
    String subject = subject("revive");
    int id = client().register(subject, Schemas.V1);
    client().delete("/subjects/" + encode(subject));

    assertThat(client().register(subject, Schemas.V1)).isEqualTo(id);
    assertThat(client().get(versions(subject)).json().toString()).isEqualTo("[2]");
  }

  @Test
  void shouldRefuseOtherSchemaTypesAndReferences() {
    String subject = subject("types");
    for (String type : List.of("PROTOBUF", "JSON")) {
      Reply reply =
          client()
              .post(
                  versions(subject),
                  schemaBody("syntax = \"proto3\";", Map.of("schemaType", type)));
      assertThat(reply.status()).isEqualTo(422);
      assertThat(reply.errorCode()).isEqualTo(42201);
      assertThat(reply.message()).contains(type).contains("AVRO only");
    }
    Reply references =
        client()
            .post(
                versions(subject),
                schemaBody(
                    Schemas.V1,
                    Map.of(
                        "references", List.of(Map.of("name", "x", "subject", "y", "version", 1)))));
    assertThat(references.errorCode()).isEqualTo(42201);
    assertThat(references.message()).contains("references are not supported");

    assertThat(
            client()
                .post(
                    versions(subject),
                    schemaBody(Schemas.V1, Map.of("schemaType", "AVRO", "references", List.of())))
                .status())
        .isEqualTo(200);
  }

  @Test
  void shouldRefuseInvalidSchemasWithTheParserMessage() {
    String subject = subject("invalid");
    Reply notAvro = client().post(versions(subject), schemaBody("{\"type\":\"recrod\"}"));
    assertThat(notAvro.status()).isEqualTo(422);
    assertThat(notAvro.errorCode()).isEqualTo(42201);
    assertThat(notAvro.message()).startsWith("Invalid schema").contains("recrod");

    Reply badDefault =
        client()
            .post(
                versions(subject),
                schemaBody(
                    """
        {"type":"record","name":"X","fields":[{"name":"n","type":"int","default":"one"}]}"""));
    assertThat(badDefault.errorCode()).isEqualTo(42201);
    assertThat(badDefault.message()).contains("default");

    assertThat(client().post(versions(subject), "{}").errorCode()).isEqualTo(42201);
    assertThat(client().post(versions(subject), "{\"schema\":{\"type\":\"string\"}}").errorCode())
        .isEqualTo(42201);
    assertThat(client().get(versions(subject)).errorCode()).isEqualTo(40401);
  }

  @Test
  void shouldRefuseMalformedRequests() {
    String subject = subject("malformed");
    Reply malformed = client().post(versions(subject), "{\"schema\": ");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.errorCode()).isEqualTo(400);
    assertThat(malformed.message()).startsWith("Malformed JSON in the request body");

    Reply array = client().post(versions(subject), "[1,2]");
    assertThat(array.status()).isEqualTo(422);
    assertThat(array.message()).isEqualTo("Request body must be a JSON object");

    Reply unknownPath = client().get("/no/such/path");
    assertThat(unknownPath.status()).isEqualTo(404);
    assertThat(unknownPath.errorCode()).isEqualTo(404);

    Reply wrongMethod = client().send("PATCH", "/subjects", "{}", Map.of());
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.errorCode()).isEqualTo(405);

    Reply textPlain =
        client()
            .send(
                "POST",
                versions(subject),
                schemaBody(Schemas.V1),
                Map.of("Content-Type", "text/plain"));
    assertThat(textPlain.status()).isEqualTo(415);
    assertThat(textPlain.errorCode()).isEqualTo(415);

    Reply tooBig =
        client().post(versions(subject), schemaBody("\"" + "x".repeat(1_100_000) + "\""));
    assertThat(tooBig.status()).isEqualTo(413);
    assertThat(tooBig.errorCode()).isEqualTo(413);
    assertThat(tooBig.message()).contains("1048576");
  }

  @Test
  void shouldNegotiateTheContentType() {
    assertThat(client().get("/subjects").contentType()).isEqualTo(RegistryClient.V1);
    assertThat(
            client()
                .send("GET", "/subjects", null, Map.of("Accept", "application/json"))
                .contentType())
        .isEqualTo("application/json");
    assertThat(
            client()
                .send(
                    "GET",
                    "/subjects",
                    null,
                    Map.of("Accept", "application/vnd.schemaregistry+json"))
                .contentType())
        .isEqualTo("application/vnd.schemaregistry+json");
    assertThat(
            client()
                .send(
                    "GET",
                    "/subjects",
                    null,
                    Map.of(
                        "Accept",
                        "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json,"
                            + " application/json"))
                .contentType())
        .isEqualTo(RegistryClient.V1);
    Reply html = client().send("GET", "/subjects", null, Map.of("Accept", "text/html"));
    assertThat(html.status()).isEqualTo(406);
    assertThat(html.errorCode()).isEqualTo(406);

    String subject = subject("json-content");
    assertThat(
            client()
                .send(
                    "POST",
                    versions(subject),
                    schemaBody(Schemas.V1),
                    Map.of("Content-Type", "application/json"))
                .status())
        .isEqualTo(200);
  }

  @Test
  void shouldHandleSubjectsWithReservedCharacters() {
    String subject = "team a/usage+" + UUID.randomUUID().toString().substring(0, 6);
    int id = client().register(subject, Schemas.V1);

    assertThat(client().get(versions(subject) + "/1").json().get("id").asInt()).isEqualTo(id);
    assertThat(client().get("/subjects").json()).extracting(n -> n.asText()).contains(subject);
  }
}
