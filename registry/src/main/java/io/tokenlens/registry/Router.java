package io.tokenlens.registry;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a method and path to an endpoint. Templates are paths with {@code {name}} segments; path
 * segments are percent-decoded (subject names may hold any character). A path no template matches
 * is a 404, a path matched only for other methods a 405.
 */
public final class Router {

  /** Answers one request. */
  @FunctionalInterface
  public interface Endpoint {
    RegistryResponse handle(RegistryRequest request);
  }

  /** One route; {@code write} routes are served by the writer only (followers forward them). */
  public record Route(String method, List<String> template, boolean write, Endpoint endpoint) {}

  /** The outcome of matching: a route with its path parameters, or why none matched. */
  public record Match(Route route, Map<String, String> pathParams, ErrorCode error) {
    public boolean found() {
      return route != null;
    }
  }

  private final List<Route> routes = new ArrayList<>();

  public Router read(String method, String template, Endpoint endpoint) {
    routes.add(new Route(method, segments(template), false, endpoint));
    return this;
  }

  public Router write(String method, String template, Endpoint endpoint) {
    routes.add(new Route(method, segments(template), true, endpoint));
    return this;
  }

  public Match match(String method, String rawPath) {
    List<String> path = new ArrayList<>();
    for (String segment : rawPath.split("/")) {
      if (!segment.isEmpty()) {
        path.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    boolean pathKnown = false;
    for (Route route : routes) {
      Map<String, String> params = bind(route.template(), path);
      if (params != null) {
        if (route.method().equals(method)) {
          return new Match(route, params, null);
        }
        pathKnown = true;
      }
    }
    return new Match(
        null, Map.of(), pathKnown ? ErrorCode.METHOD_NOT_ALLOWED : ErrorCode.NOT_FOUND);
  }

  private static Map<String, String> bind(List<String> template, List<String> path) {
    if (template.size() != path.size()) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < template.size(); i++) {
      String expected = template.get(i);
      if (expected.startsWith("{") && expected.endsWith("}")) {
        params.put(expected.substring(1, expected.length() - 1), path.get(i));
      } else if (!expected.equals(path.get(i))) {
        return null;
      }
    }
    return params;
  }

  private static List<String> segments(String template) {
    List<String> segments = new ArrayList<>();
    for (String segment : template.split("/")) {
      if (!segment.isEmpty()) {
        segments.add(segment);
      }
    }
    return List.copyOf(segments);
  }
}
