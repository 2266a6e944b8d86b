package dev.ferry.api;

import dev.ferry.client.MigrationControls;
import dev.ferry.client.RefusedException;
import dev.ferry.validation.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns failures into answers: {@code {"error": ..., "field": ...}} with 400 for bad input, 404 for
 * unknown names, 409 for conflicts, and 500 (logged, with no detail sent) for the rest.
 */
final class ErrorAnswers {
  private static final Logger log = LoggerFactory.getLogger(ErrorAnswers.class);

  private ErrorAnswers() {}

  /** The one mapping from failures to answers. */
  static ApiResponse of(Exception e) {
    if (e instanceof ApiError api) {
      return errorResponse(api.status(), api.getMessage(), api.field());
    }
    if (e instanceof InvalidInputException invalid) {
      return errorResponse(400, invalid.getMessage(), invalid.field());
    }
    if (e instanceof RefusedException refused) {
      int status =
          switch (refused.kind()) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
          };
      ApiResponse answer = errorResponse(status, refused.getMessage(), refused.field());
      return refused.failureType() == null
          ? answer
          : withFailureType(answer, refused.failureType().name());
    }
    if (e instanceof MigrationControls.ControlFailedException failed) {
      // Accepted by the migration, but the host did not carry it out: a gateway's failure.
      return errorResponse(502, failed.getMessage(), null);
    }
    if (e instanceof IllegalArgumentException invalid) {
      return errorResponse(400, invalid.getMessage(), null);
    }
    log.error("request failed", e);
    return errorResponse(500, "internal error: " + e.getClass().getSimpleName(), null);
  }

  private static ApiResponse withFailureType(ApiResponse answer, String failureType) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (answer.body() instanceof Map<?, ?> error) {
      error.forEach((key, value) -> body.put(String.valueOf(key), value));
    }
    body.put("failureType", failureType);
    return new ApiResponse(answer.status(), body, answer.headers());
  }

  private static ApiResponse errorResponse(int status, String message, String field) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("field", field);
    return new ApiResponse(status, body, Map.of());
  }
}
