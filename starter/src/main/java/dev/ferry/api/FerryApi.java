package dev.ferry.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.client.FerryClient;
import dev.ferry.client.HostsQuery;
import dev.ferry.client.KnownHosts;
import dev.ferry.client.MigrationCanceller;
import dev.ferry.client.MigrationListing;
import dev.ferry.client.MigrationOrder;
import dev.ferry.client.WorkflowInspector;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.worker.metrics.FerryMetrics;
import dev.ferry.worker.metrics.MetricsEndpoint;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operations of the HTTP API, each a thin layer over what the CLI does: the same checks, the
 * same starter, the same views. Routes are listed in {@link #routes()}; the OpenAPI document
 * describes exactly these.
 */
final class FerryApi {
  static final String OPENAPI_RESOURCE = "/dev/ferry/api/openapi.json";
  private static final String CANCEL_REASON = "requested through the HTTP API";
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 1000;

  private final WorkflowClient client;
  private final FerryClient ferry;
  private final Duration hostsPatience;
  private final FerryMetrics metrics;

  /**
   * @param inventory this process's inventory, if it has one: hosts are checked against it
   * @param hostsPatience how long to wait for a worker to list the hosts
   * @param metrics what {@code /metrics} serves
   */
  FerryApi(
      WorkflowClient client,
      Optional<KnownHosts> inventory,
      Duration hostsPatience,
      FerryMetrics metrics) {
    this.client = client;
    this.ferry = new FerryClient(client, inventory, hostsPatience);
    this.hostsPatience = hostsPatience;
    this.metrics = metrics;
  }

  List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    routes.addAll(
        List.of(
            new Route("GET", "/healthz", true, request -> health()),
            new Route("GET", "/v1/openapi.json", false, request -> openApi()),
            new Route("POST", "/v1/vms/{name}/migrate", false, this::migrate),
            new Route("GET", "/v1/tasks/{id}", false, this::task),
            new Route("DELETE", "/v1/tasks/{id}", false, this::cancel),
            new Route("GET", "/v1/migrations", false, this::migrations),
            new Route("GET", "/v1/hosts", false, request -> hosts()),
            new Route("GET", "/metrics", false, request -> metrics())));
    routes.addAll(new ControlRoutes(client).routes());
    routes.addAll(new EvacuationRoutes(ferry).routes());
    routes.addAll(new MaintenanceRoutes(ferry).routes());
    routes.addAll(new WindowRoutes(ferry).routes());
    return List.copyOf(routes);
  }

  private ApiResponse migrate(ApiRequest request) {
    JsonNode json = Json.parseObject(request.body());
    // Before anything else, so a secret never meets a code path that might echo or store it.
    CredentialGuard.refuseCredentials(json);
    MigrationRequest migration =
        Json.bind(json, MigrationOrder.class).toRequest(request.param("name"));
    String id = ferry.migrate(migration);
    Map<String, Object> task =
        TaskView.summary(
            id,
            TaskView.RUNNING,
            "migration of " + migration.vm() + " to " + migration.destination() + " started");
    return new ApiResponse(202, task, Map.of("Location", "/v1/tasks/" + id));
  }

  private ApiResponse task(ApiRequest request) {
    String id = TaskIds.require(request.param("id"));
    WorkflowInspector inspector = new WorkflowInspector(client);
    return ApiResponse.ok(TaskView.of(inspector, id, described(inspector, id)));
  }

  private ApiResponse cancel(ApiRequest request) {
    String id = TaskIds.require(request.param("id"));
    MigrationCanceller.request(client, id, CANCEL_REASON);
    WorkflowInspector inspector = new WorkflowInspector(client);
    Map<String, Object> task = TaskView.of(inspector, id, described(inspector, id));
    task.put("message", "cancel requested: the migration rolls back unless past its commit point");
    return new ApiResponse(202, task, Map.of());
  }

  private static DescribeWorkflowExecutionResponse described(
      WorkflowInspector inspector, String id) {
    return inspector.describe(id).orElseThrow(() -> new ApiError(404, "id", "no task " + id));
  }

  private ApiResponse migrations(ApiRequest request) {
    return ApiResponse.ok(MigrationListing.recent(client, request.limit(DEFAULT_LIMIT, MAX_LIMIT)));
  }

  private ApiResponse hosts() {
    try {
      return ApiResponse.ok(HostsQuery.rows(client, hostsPatience));
    } catch (WorkflowFailedException e) {
      throw new ApiError(
          503, null, "no worker listed the hosts within " + hostsPatience + ": is one running?");
    }
  }

  private ApiResponse metrics() {
    return new ApiResponse(
        200,
        metrics.scrape().getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", MetricsEndpoint.CONTENT_TYPE));
  }

  private ApiResponse health() {
    Map<String, Object> health = new LinkedHashMap<>();
    try {
      client.getWorkflowServiceStubs().healthCheck();
      health.put("status", "ok");
      return ApiResponse.ok(health);
    } catch (RuntimeException e) {
      health.put("status", "unavailable");
      health.put("error", "Temporal does not answer");
      return new ApiResponse(503, health, Map.of());
    }
  }

  private static ApiResponse openApi() throws IOException {
    try (InputStream in = FerryApi.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the OpenAPI document is missing from the build");
      }
      return new ApiResponse(200, in.readAllBytes(), Map.of());
    }
  }
}
