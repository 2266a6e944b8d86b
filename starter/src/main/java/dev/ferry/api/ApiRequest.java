package dev.ferry.api;

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
}
