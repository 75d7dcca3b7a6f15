package io.tokenlens.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * {@link SchemaRegistryClient} over the Confluent Schema Registry REST API, without caching (see
 * {@link CachingSchemaRegistryClient}).
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

  private static final int SUBJECT_NOT_FOUND = 40401;
  private static final int SCHEMA_NOT_FOUND = 40403;

  private final RegistryHttp http;

  public RestSchemaRegistryClient(RegistryClientConfig config) {
    this.http = new RegistryHttp(config);
  }

  @Override
  public int register(String subject, Schema schema) {
    RegistryResponse response =
        http.post("/subjects/" + encode(subject) + "/versions", schemaBody(schema));
    if (response.ok()) {
      return requiredInt(response, "id");
    }
    if (response.status() == 409) {
      throw new IncompatibleSchemaException(subject, response.message());
    }
    if (response.status() == 422) {
      throw new InvalidSchemaException(subject, response.message(), response.errorCode());
    }
    throw response.failure("register a schema under subject '" + subject + "'");
  }

  @Override
  public int lookup(String subject, Schema schema) {
    RegistryResponse response = http.post("/subjects/" + encode(subject), schemaBody(schema));
    if (response.ok()) {
      return requiredInt(response, "id");
    }
    if (response.status() == 404
        && (response.errorCode() == SUBJECT_NOT_FOUND
            || response.errorCode() == SCHEMA_NOT_FOUND)) {
      throw new SchemaNotRegisteredException(
          subject,
          "schema "
              + schema.getFullName()
              + " is not registered ("
              + response.message()
              + "); register it first, or allow auto.register.schemas",
          response.errorCode());
    }
    throw response.failure("look up a schema under subject '" + subject + "'");
  }

  @Override
  public Schema schemaById(int id) {
    RegistryResponse response = http.get("/schemas/ids/" + id);
    if (response.ok()) {
      return parse(response, response.body().path("schema").asText(null));
    }
    if (response.status() == 404) {
      throw new UnknownSchemaIdException(id, response.url().toString(), response.message());
    }
    throw response.failure("fetch schema id " + id);
  }

  @Override
  public RegisteredSchema latest(String subject) {
    RegistryResponse response = http.get("/subjects/" + encode(subject) + "/versions/latest");
    if (response.ok()) {
      JsonNode body = response.body();
      return new RegisteredSchema(
          subject,
          requiredInt(response, "id"),
          requiredInt(response, "version"),
          parse(response, body.path("schema").asText(null)));
    }
    if (response.status() == 404) {
      throw new SchemaNotRegisteredException(
          subject, "no version is registered (" + response.message() + ")", response.errorCode());
    }
    throw response.failure("fetch the latest version of subject '" + subject + "'");
  }

  private static ObjectNode schemaBody(Schema schema) {
    ObjectNode body = RegistryHttp.json().createObjectNode();
    body.put("schema", schema.toString());
    return body;
  }

  private static int requiredInt(RegistryResponse response, String field) {
    JsonNode value = response.body().path(field);
    if (!value.canConvertToInt()) {
      throw new SchemaRegistryException(
          "Schema registry at "
              + response.url()
              + " answered without '"
              + field
              + "': "
              + response.body(),
          response.status(),
          response.status());
    }
    return value.asInt();
  }

  private static Schema parse(RegistryResponse response, String text) {
    if (text == null) {
      throw new SchemaRegistryException(
          "Schema registry at " + response.url() + " answered without 'schema': " + response.body(),
          response.status(),
          response.status());
    }
    try {
      return new Schema.Parser().parse(text);
    } catch (SchemaParseException e) {
      throw new SchemaRegistryException(
          "Schema registry at "
              + response.url()
              + " returned a schema that is not "
              + "valid Avro: "
              + e.getMessage(),
          e);
    }
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
