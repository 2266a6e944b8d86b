package dev.ferry.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.client.ControlAnswer;
import dev.ferry.client.MigrationControls;
import dev.ferry.control.TransferTuning;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.Map;

/**
 * The operator controls of a running migration over HTTP, as {@code ferry abort}, {@code ferry
 * tune} and {@code ferry force-complete}: each answered once the migration accepted or refused it.
 */
final class ControlRoutes {
  private static final String ABORT_REASON = "requested through the HTTP API";

  private final WorkflowClient client;

  ControlRoutes(WorkflowClient client) {
    this.client = client;
  }

  List<Route> routes() {
    return List.of(
        new Route("POST", "/v1/tasks/{id}/abort", false, this::abort),
        new Route("POST", "/v1/tasks/{id}/tune", false, this::tune),
        new Route("POST", "/v1/tasks/{id}/force-complete", false, this::forceComplete));
  }

  /** What {@code POST /v1/tasks/{id}/tune} takes; either field may be left out, not both. */
  record TuneBody(Long maxDowntimeMs, Long bandwidthMiBps) {}

  /** What {@code POST /v1/tasks/{id}/abort} takes: an optional reason. */
  record AbortBody(String reason) {}

  private ApiResponse abort(ApiRequest request) {
    String id = TaskIds.require(request.param("id"));
    String reason = ABORT_REASON;
    if (!request.body().isBlank()) {
      AbortBody body = Json.bind(Json.parseObject(request.body()), AbortBody.class);
      reason = body.reason() == null || body.reason().isBlank() ? reason : body.reason();
    }
    String answer = MigrationControls.abort(client, id, reason);
    return new ApiResponse(202, ControlAnswer.aborted(id, answer), Map.of());
  }

  private ApiResponse tune(ApiRequest request) {
    String id = TaskIds.require(request.param("id"));
    JsonNode json = Json.parseObject(request.body());
    TuneBody body = Json.bind(json, TuneBody.class);
    TransferTuning tuning = new TransferTuning(body.maxDowntimeMs(), body.bandwidthMiBps());
    return ApiResponse.ok(ControlAnswer.of(id, MigrationControls.tune(client, id, tuning)));
  }

  private ApiResponse forceComplete(ApiRequest request) {
    String id = TaskIds.require(request.param("id"));
    return ApiResponse.ok(ControlAnswer.of(id, MigrationControls.forceComplete(client, id)));
  }
}
