package io.tokenlens.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;

/** One HTTP request as the endpoints see it: path parameters, query parameters and body. */
public record RegistryRequest(
    String method,
    String rawPath,
    String rawQuery,
    Map<String, String> pathParams,
    Map<String, String> query,
    Map<String, String> headers,
    byte[] body) {

  /** A path parameter, decoded. */
  public String path(String name) {
    return pathParams.get(name);
  }

  /** A boolean query parameter: true only for {@code ?name=true}. */
  public boolean flag(String name) {
    return "true".equalsIgnoreCase(query.get(name));
  }

  /** A request header (names are lower case); null when absent. */
  public String header(String name) {
    return headers.get(name);
  }

  /**
   * The body as a JSON object.
   *
   * @throws RegistryException 400 for malformed JSON, 422 for an empty body or another JSON type
   */
  public JsonNode jsonObject() {
    if (body.length == 0) {
      throw new RegistryException(
          ErrorCode.UNPROCESSABLE_ENTITY, "Request body is empty: a JSON object is required");
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new RegistryException(
          ErrorCode.BAD_REQUEST, "Malformed JSON in the request body: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new RegistryException(ErrorCode.BAD_REQUEST, "Unreadable request body: " + e);
    }
    if (node == null || !node.isObject()) {
      throw new RegistryException(
          ErrorCode.UNPROCESSABLE_ENTITY, "Request body must be a JSON object");
    }
    return node;
  }

  /** The body of a register, lookup or compatibility request. */
  public SchemaRequest schemaRequest() {
    JsonNode json = jsonObject();
    JsonNode schema = json.get("schema");
    if (schema != null && !schema.isNull() && !schema.isTextual()) {
      throw RegistryException.invalidSchema(
          "Invalid schema: the 'schema' field must be a JSON"
              + " string holding the schema, not "
              + schema.getNodeType().name().toLowerCase());
    }
    JsonNode type = json.get("schemaType");
    if (type != null && !type.isNull() && !type.isTextual()) {
      throw RegistryException.invalidSchema("Invalid schema: 'schemaType' must be a string");
    }
    JsonNode references = json.get("references");
    if (references != null && !references.isNull() && !references.isArray()) {
      throw RegistryException.invalidSchema("Invalid schema: 'references' must be an array");
    }
    return new SchemaRequest(
        schema == null || schema.isNull() ? null : schema.asText(),
        type == null || type.isNull() ? null : type.asText(),
        references == null || references.isNull() ? 0 : references.size());
  }
}
