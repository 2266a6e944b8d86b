package dev.ferry.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.client.FerryClient;
import dev.ferry.client.WindowListing;
import dev.ferry.client.WindowPlan;
import dev.ferry.client.WindowScheduler;
import dev.ferry.evacuation.EndPolicy;
import dev.ferry.evacuation.EvacuationLimits;
import dev.ferry.validation.InputValidator;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maintenance windows over HTTP, as {@code ferry window create|list|cancel}: at its start the hosts
 * enter maintenance and are drained, with the window's end as the deadline.
 */
final class WindowRoutes {
  private static final String CANCEL_REASON = "requested through the HTTP API";

  private final FerryClient ferry;
  private final WorkflowClient client;

  WindowRoutes(FerryClient ferry) {
    this.ferry = ferry;
    this.client = ferry.temporal();
  }

  List<Route> routes() {
    return List.of(
        new Route("POST", "/v1/windows", false, this::create),
        new Route("GET", "/v1/windows", false, request -> list()),
        new Route("GET", "/v1/windows/{name}", false, this::show),
        new Route("DELETE", "/v1/windows/{name}", false, this::cancel));
  }

  /**
   * What {@code POST /v1/windows} takes, with the meanings of {@code ferry window create}'s
   * options.
   *
   * @param name the window's name, or null to make one
   * @param start ISO-8601 or a delay such as {@code +2h}
   * @param end ISO-8601 or a delay, after the start
   * @param every a cron expression for a recurring window (needs Temporal Schedules)
   */
  record WindowBody(
      String name,
      List<String> hosts,
      String start,
      String end,
      EndPolicy onEnd,
      String every,
      List<String> to,
      Integer maxParallel,
      Integer maxPerSource,
      Integer maxPerDestination,
      Long bandwidthMiBps) {}

  private ApiResponse create(ApiRequest request) {
    JsonNode json = Json.parseObject(request.body());
    CredentialGuard.refuseCredentials(json);
    WindowBody body = Json.bind(json, WindowBody.class);
    if (body.name() != null) {
      InputValidator.requireName("name", "window name", body.name());
    }
    WindowPlan plan =
        WindowPlan.of(
            "",
            body.name(),
            body.hosts(),
            body.start(),
            body.end(),
            body.every(),
            body.onEnd(),
            body.to(),
            new EvacuationLimits(
                body.maxParallel(),
                body.maxPerSource(),
                body.maxPerDestination(),
                body.bandwidthMiBps()),
            Instant.now());
    String id = ferry.createWindow(plan);
    Map<String, Object> window = new LinkedHashMap<>();
    window.put("id", id);
    window.put("name", plan.request().name());
    window.put("status", plan.every() == null ? "waiting" : "recurring");
    window.put("start", plan.firstStart());
    window.put("end", plan.request().end());
    window.put("message", "window " + plan.request().name() + " created");
    return new ApiResponse(202, window, Map.of());
  }

  private ApiResponse list() {
    return ApiResponse.ok(WindowListing.all(client));
  }

  private ApiResponse show(ApiRequest request) {
    return ApiResponse.ok(WindowListing.one(client, request.param("name")));
  }

  private ApiResponse cancel(ApiRequest request) {
    List<String> cancelled = WindowScheduler.cancel(client, request.param("name"), CANCEL_REASON);
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("cancelled", cancelled);
    view.put(
        "message",
        "cancelled: before its start nothing changes; while open its evacuation stops as its onEnd"
            + " says, and the hosts stay in maintenance");
    return new ApiResponse(202, view, Map.of());
  }
}
