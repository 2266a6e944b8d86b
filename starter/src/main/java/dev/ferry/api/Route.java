package dev.ferry.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One operation of the API: a method and a path template such as {@code /v1/tasks/{id}}, written
 * exactly as the OpenAPI document writes it, so a test can hold one against the other.
 *
 * @param open served without a bearer token (health checks from load balancers)
 */
record Route(String method, String template, boolean open, Handler handler) {
  /** Answers one request. */
  @FunctionalInterface
  interface Handler {
    ApiResponse handle(ApiRequest request) throws Exception;
  }

  /** The template's values if the path's segments fit it. */
  Optional<Map<String, String>> match(List<String> segments) {
    List<String> parts = segments(template);
    if (parts.size() != segments.size()) {
      return Optional.empty();
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i);
      if (part.startsWith("{") && part.endsWith("}")) {
        params.put(part.substring(1, part.length() - 1), segments.get(i));
      } else if (!part.equals(segments.get(i))) {
        return Optional.empty();
      }
    }
    return Optional.of(params);
  }

  /** A path's segments: {@code /v1/tasks/x} is {@code [v1, tasks, x]}. */
  static List<String> segments(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
  }
}
