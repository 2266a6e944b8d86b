package dev.ferry.api;

import java.util.Map;

/**
 * What a handler answers.
 *
 * @param status the HTTP status
 * @param body a value written as JSON, or raw bytes written as they are
 * @param headers extra headers, such as {@code Location}
 */
record ApiResponse(int status, Object body, Map<String, String> headers) {
  static ApiResponse ok(Object body) {
    return new ApiResponse(200, body, Map.of());
  }
}
