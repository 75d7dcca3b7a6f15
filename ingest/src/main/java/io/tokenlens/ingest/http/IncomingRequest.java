package io.tokenlens.ingest.http;

import java.util.function.Function;

/**
 * A request as the endpoints see it: the body already read (and gunzipped) within the size limit.
 *
 * @param path request path
 * @param mediaType content type without parameters, lowercase; empty when absent
 * @param body the decoded body
 * @param headers header lookup by name (case-insensitive); null when absent
 * @param apiKeyId id of the API key the request authenticated with; null on unauthenticated
 *     endpoints
 */
public record IncomingRequest(
    String path, String mediaType, byte[] body, Function<String, String> headers, String apiKeyId) {

  public String header(String name) {
    return headers.apply(name);
  }
}
