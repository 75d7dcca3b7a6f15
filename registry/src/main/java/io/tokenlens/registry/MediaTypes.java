package io.tokenlens.registry;

import java.util.Locale;
import java.util.Optional;

/** The content types of the REST API, and which one a request's {@code Accept} asks for. */
final class MediaTypes {
  static final String V1 = "application/vnd.schemaregistry.v1+json";
  static final String GENERIC = "application/vnd.schemaregistry+json";
  static final String JSON = "application/json";
  private static final String OCTET_STREAM = "application/octet-stream";

  private MediaTypes() {}

  /** The first type of {@code accept} this registry produces; v1 when anything is accepted. */
  static Optional<String> negotiate(String accept) {
    if (accept == null || accept.isBlank()) {
      return Optional.of(V1);
    }
    for (String part : accept.split(",")) {
      String type = baseType(part);
      if (type.equals(V1) || type.equals(GENERIC) || type.equals(JSON)) {
        return Optional.of(type);
      }
      if (type.equals("*/*") || type.equals("application/*")) {
        return Optional.of(V1);
      }
    }
    return Optional.empty();
  }

  /** Whether a request body of this content type is read (absent counts as JSON). */
  static boolean readable(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return true;
    }
    String type = baseType(contentType);
    return type.equals(V1)
        || type.equals(GENERIC)
        || type.equals(JSON)
        || type.equals(OCTET_STREAM);
  }

  private static String baseType(String mediaType) {
    int parameters = mediaType.indexOf(';');
    return (parameters < 0 ? mediaType : mediaType.substring(0, parameters))
        .trim()
        .toLowerCase(Locale.ROOT);
  }
}
