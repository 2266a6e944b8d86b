package dev.ferry.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.client.EvacuationListing;
import dev.ferry.client.EvacuationOrder;
import dev.ferry.client.Evacuations;
import dev.ferry.client.FerryClient;
import dev.ferry.evacuation.EvacuationRequest;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evacuations over HTTP, as {@code ferry evacuate} and {@code ferry evacuation}: started as a task
 * whose id is the workflow id ({@code evacuation-ID}), read, paused, resumed and cancelled.
 */
final class EvacuationRoutes {
  private static final String CANCEL_REASON = "requested through the HTTP API";

  private final FerryClient ferry;
  private final WorkflowClient client;

  EvacuationRoutes(FerryClient ferry) {
    this.ferry = ferry;
    this.client = ferry.temporal();
  }

  List<Route> routes() {
    return List.of(
        new Route("POST", "/v1/evacuations", false, this::start),
        new Route("GET", "/v1/evacuations", false, this::list),
        new Route("GET", "/v1/evacuations/{id}", false, this::get),
        new Route("DELETE", "/v1/evacuations/{id}", false, this::cancel),
        new Route("POST", "/v1/evacuations/{id}/pause", false, this::pause),
        new Route("POST", "/v1/evacuations/{id}/resume", false, this::resume));
  }

  private ApiResponse start(ApiRequest request) {
    JsonNode json = Json.parseObject(request.body());
    CredentialGuard.refuseCredentials(json);
    EvacuationRequest evacuation = Json.bind(json, EvacuationOrder.class).toRequest(Instant.now());
    String id = ferry.evacuate(evacuation);
    Map<String, Object> task =
        EvacuationTask.summary(
            id,
            TaskView.RUNNING,
            "evacuation of " + String.join(", ", evacuation.hosts()) + " started");
    return new ApiResponse(202, task, Map.of("Location", "/v1/evacuations/" + id));
  }

  private ApiResponse list(ApiRequest request) {
    int limit = request.limit(FerryApi.DEFAULT_LIMIT, FerryApi.MAX_LIMIT);
    return ApiResponse.ok(EvacuationListing.recent(client, limit));
  }

  private ApiResponse get(ApiRequest request) {
    String id = Evacuations.workflowId(request.param("id"));
    return ApiResponse.ok(EvacuationTask.of(client, id, Evacuations.require(client, id)));
  }

  private ApiResponse cancel(ApiRequest request) {
    String id = Evacuations.workflowId(request.param("id"));
    Evacuations.cancel(client, id, CANCEL_REASON);
    Map<String, Object> task = EvacuationTask.of(client, id, Evacuations.require(client, id));
    task.put(
        "message",
        "cancel requested: nothing new starts; migrations in flight roll back or finish, as the"
            + " evacuation's onCancel says");
    return new ApiResponse(202, task, Map.of());
  }

  private ApiResponse pause(ApiRequest request) {
    String id = Evacuations.workflowId(request.param("id"));
    Evacuations.pause(client, id);
    return answer(id, "paused: no new migration starts; those in flight go on");
  }

  private ApiResponse resume(ApiRequest request) {
    String id = Evacuations.workflowId(request.param("id"));
    Evacuations.resume(client, id);
    return answer(id, "resumed: migrations start again as limits allow");
  }

  private static ApiResponse answer(String id, String message) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", id);
    view.put("message", message);
    return new ApiResponse(202, view, Map.of());
  }
}
