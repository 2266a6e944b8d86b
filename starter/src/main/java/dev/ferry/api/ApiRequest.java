package dev.ferry.api;

import dev.ferry.validation.InputValidator;
import java.util.Map;

/**
 * One request as a handler sees it.
 *
 * @param params the path's template values, percent-decoded ({@code name} in {@code
 *     /v1/vms/{name}/migrate})
 * @param query the query string's values, percent-decoded
 * @param body the body as UTF-8 text, at most {@link ApiServer#MAX_BODY_BYTES} bytes
 */
record ApiRequest(Map<String, String> params, Map<String, String> query, String body) {
  String param(String name) {
    return params.get(name);
  }

  /**
   * The {@code limit} query value: how many rows a listing answers.
   *
   * @throws ApiError 400 naming {@code limit} when it is not a number in 1..max
   */
  int limit(int byDefault, int max) {
    String asked = query.get("limit");
    if (asked == null) {
      return byDefault;
    }
    int limit;
    try {
      limit = Integer.parseInt(asked);
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > max) {
      throw new ApiError(
          400, "limit", "limit " + InputValidator.shown(asked) + " is not 1.." + max);
    }
    return limit;
  }
}
